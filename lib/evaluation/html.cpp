// SPDX-License-Identifier: Apache-2.0
// The evaluation report, its index and the feedback report as printable HTML pages.
#include "evaluation/render.hpp"

#include "report/chart.hpp"
#include "report/markup.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::evaluation {
namespace {

using report::escape_markup;

// Screen first (a phone is 320px and up), then A4 paper.
std::string style()
{
  return fmt::format(
      R"(*, *::before, *::after {{ box-sizing: border-box; }}
html {{ font-family: {}; line-height: 1.6; color: #222; background: #fff; -webkit-text-size-adjust: 100%; }}
body {{ margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 56rem; overflow-wrap: anywhere; }}
header {{ color: #555; font-size: .9rem; border-bottom: 2px solid #8b0000; padding-bottom: .4rem; }}
h1 {{ font-size: 1.5rem; margin: .8rem 0 1rem; line-height: 1.35; }}
h2 {{ font-size: 1.15rem; border-left: .3rem solid #8b0000; padding-left: .5rem; margin-top: 1.8rem; }}
h3 {{ font-size: 1rem; margin: 1.2rem 0 .3rem; }}
h4 {{ font-size: .95rem; margin: .6rem 0 .2rem; color: #444; }}
table {{ border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0; }}
th, td {{ border: 1px solid #bbb; padding: .25rem .4rem; vertical-align: top; text-align: left; }}
th {{ background: #f4efe6; font-weight: 600; }}
th {{ overflow-wrap: normal; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
div.table {{ overflow-x: auto; }}
ul {{ margin: .2rem 0 .6rem; padding-left: 1.4rem; }}
li {{ margin: .2rem 0; }}
.count {{ color: #666; font-size: .85em; white-space: nowrap; }}
.clause {{ display: inline-block; font-size: .8em; color: #8b0000; border: 1px solid #d8b4b4; border-radius: .2rem; padding: 0 .3rem; margin-right: .3rem; }}
p.finding {{ margin: .4rem 0; }}
p.en {{ margin: 0 0 .6rem; color: #666; font-size: .85em; }}
p.recommend {{ font-weight: bold; font-size: 1.05rem; }}
.none {{ color: #666; }}
svg.chart {{ display: block; max-width: 40rem; height: auto; margin: .5rem 0; }}
svg.chart text {{ font-size: 13px; font-family: inherit; }}
svg.chart .label {{ fill: #222; }} svg.chart .value {{ fill: #444; }}
svg.chart .tick {{ fill: #777; text-anchor: middle; font-size: 11px; }}
svg.chart .track {{ fill: #eee; }} svg.chart .bar {{ fill: #2b6cb0; }}
svg.chart .reference {{ stroke: #c53030; stroke-dasharray: 4 3; }}
footer {{ margin-top: 2.5rem; font-size: .8rem; color: #666; border-top: 1px solid #ccc; padding-top: .4rem; }}
@media (max-width: 36rem) {{ html {{ font-size: 15px; }} body {{ padding: 1rem .6rem 2rem; }} table {{ font-size: .78rem; }} th, td {{ padding: .2rem .25rem; }} }}
@media print {{
  @page {{ size: A4; margin: 18mm 16mm; }}
  html {{ font-size: 10.5pt; }}
  body {{ max-width: none; padding: 0; }}
  h2, h3, h4 {{ break-after: avoid; }}
  tr, li, p.finding, svg.chart {{ break-inside: avoid; }}
  th {{ background: none; }}
  a {{ color: inherit; text-decoration: none; }}
  div.table {{ overflow: visible; }}
}}
)",
      report::k_cjk_sans);
}

// A table that scrolls sideways on a narrow screen rather than breaking its numbers.
std::string table_html(const report::Table& table, const std::vector<std::string>& links = {})
{
  return "<div class=\"table\">\n" + report::html_table(table, links) + "</div>\n";
}

std::string page_start(const std::string& title)
{
  return fmt::format("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                     escape_markup(title), style());
}

std::string finding_html(const Finding& f, const char* cls = "finding")
{
  return fmt::format("<p class=\"{}\"><span class=\"clause\">{}</span>{}</p>\n<p class=\"en\">{}"
                     "</p>\n",
                     cls, escape_markup(f.clause), escape_markup(f.zh), escape_markup(f.en));
}

std::string findings_html(const std::vector<Finding>& findings)
{
  if (findings.empty()) {
    return "<p class=\"none\">无 None.</p>\n";
  }
  std::string out;
  for (const auto& f : findings) {
    out += finding_html(f);
  }
  return out;
}

std::string facts_html(const std::vector<std::pair<std::string, std::string>>& facts)
{
  report::Table table{"", {{"key", "项目 Item"}, {"value", "内容 Value"}}, {}, 0};
  for (const auto& [key, value] : facts) {
    if (!value.empty()) {
      table.rows.push_back({key, value});
    }
  }
  return table_html(table);
}

// A remark with how many reviewers wrote it and in which rounds, for the committee.
std::string remark_li(const MergedRemark& r, const Evaluation& e)
{
  std::string rounds;
  for (const auto& round : r.rounds) {
    const auto it = std::find_if(e.rounds.begin(), e.rounds.end(),
                                 [&](const RoundScore& s) { return s.round == round; });
    rounds += (rounds.empty() ? "" : "、") + (it != e.rounds.end() ? it->name : round);
  }
  return fmt::format("<li>{} <span class=\"count\">（{} 位评审员 reviewers · {}）</span></li>\n",
                     escape_markup(r.text), r.reviewers.size(), escape_markup(rounds));
}

std::string remarks_html(const Evaluation& e)
{
  if (e.remarks.empty()) {
    return "<p class=\"none\">评分表中没有意见。 The sheets hold no remarks.</p>\n";
  }
  std::string out;
  for (const auto& group : e.remarks) {
    out += fmt::format("<h3>{}{} {}</h3>\n",
                       group.category.empty() ? "" : escape_markup(group.category) + " ",
                       escape_markup(group.name), escape_markup(group.name_en));
    for (const auto& [title, list] :
         {std::pair<const char*, const std::vector<MergedRemark>*>{"优势 Strengths",
                                                                   &group.strengths},
          {"改进机会 Opportunities for improvement", &group.opportunities}}) {
      if (list->empty()) {
        continue;
      }
      out += fmt::format("<h4>{}</h4>\n<ul>\n", title);
      for (const auto& r : *list) {
        out += remark_li(r, e);
      }
      out += "</ul>\n";
    }
  }
  return out;
}

report::BarChart category_chart(const Evaluation& e)
{
  report::BarChart chart;
  chart.label = "类目得分 scores by category";
  std::size_t last = 0;
  for (std::size_t i = 0; i < e.rounds.size(); ++i) {
    if (e.rounds[i].final) {
      last = i;
    }
  }
  for (const auto& c : e.categories) {
    const double points = last < c.points.size() ? c.points[last] : -1;
    if (points < 0) {
      continue;
    }
    chart.bars.push_back({c.id + " " + c.name, points, c.max,
                          fmt::format("{:.1f} / {:g}（{:.0f}%）", points, c.max,
                                      c.max > 0 ? 100.0 * points / c.max : 0.0)});
  }
  return chart;
}

} // namespace

std::string to_html(const Evaluation& e)
{
  const auto title = fmt::format("综合评价报告 · {} · {}", e.id, e.applicant);
  std::string out = page_start(title);
  out += fmt::format("<header>{} · 综合评价报告 Comprehensive evaluation report <span "
                     "class=\"clause\">{}</span></header>\n",
                     escape_markup(e.cycle), escape_markup(e.procedure_clause));
  out += fmt::format("<h1>{}</h1>\n", escape_markup(e.applicant));
  out += facts_html({{"申报编号 ID", e.id},
                     {"单位 Organisation", e.organisation},
                     {"奖项类别 Class", e.class_zh},
                     {"建议级别或类别 Level or kind proposed", e.proposed_zh},
                     {"评价准则 Criteria", e.criteria + "（" + e.criteria_clause + "）"},
                     {"所处阶段 Stage", e.stage}});
  out += "<h2>推荐意见 Recommendation</h2>\n";
  out += finding_html(e.recommendation, "finding recommend");
  for (const auto& d : e.decision) {
    out += finding_html(d);
  }
  out += "<h2>各环节综合得分 Scores by round</h2>\n" + table_html(rounds_table(e));
  out += "<h2>类目得分 Scores by category</h2>\n";
  out += "<p>条形为最后一轮各类目综合得分占该类目满分的比例。 Each bar is a category's combined "
         "score in the last round as a share of its points.</p>\n";
  out += report::svg_bar_chart(category_chart(e));
  out += table_html(categories_table(e));
  out += "<h2>优势与改进机会 Strengths and opportunities for improvement</h2>\n";
  out += "<p>"
         "各轮全部评审员的意见按类目汇总；内容相同（忽略空白和标点）的意见合并，并注明提出的评审员"
         "人数。"
         " The remarks of every reviewer of every round, by category; the same remark (spaces "
         "and punctuation aside) is given once with the number of reviewers who wrote it.</p>\n";
  out += remarks_html(e);
  out += "<h2>分歧与共识 Disagreements and consensus</h2>\n" + findings_html(e.disagreements);
  if (e.award_class == "organisation") {
    out += "<h2>简化程序 Simplified procedure (A1-11)</h2>\n";
    out += e.simplified ? finding_html(*e.simplified)
                        : "<p class=\"none\">不适用：近两年未获得政府质量奖。 Not applicable: no "
                          "government quality award in the two years before the cycle.</p>\n";
  }
  out += "<h2>其他事项 Notes</h2>\n" + findings_html(e.notes);
  out += fmt::format("<footer>{} · {} · 本报告不含评审员姓名及个人评分。 This report names no "
                     "reviewer and shows no reviewer's own score.</footer>\n",
                     escape_markup(e.id), escape_markup(e.cycle));
  return out + "</body>\n</html>\n";
}

std::string index_html(const std::vector<Evaluation>& evaluations, const std::string& cycle_name)
{
  const auto table = index_table(evaluations, cycle_name);
  std::string out = page_start(table.title);
  out += fmt::format("<header>{} · 审定委员会会议材料 For the award committee</header>\n",
                     escape_markup(cycle_name));
  out += fmt::format("<h1>综合评价报告目录 Evaluation reports</h1>\n<p>共 {} 份。 {} "
                     "reports.</p>\n",
                     evaluations.size(), evaluations.size());
  std::vector<std::string> links;
  for (const auto* e : index_order(evaluations)) {
    links.push_back(e->id + "-evaluation.html");
  }
  out += table_html(table, links);
  return out + "</body>\n</html>\n";
}

std::string to_html(const Feedback& f)
{
  const auto title = fmt::format("评审反馈报告 · {}", f.applicant);
  std::string out = page_start(title);
  out +=
      fmt::format("<header>{} · 评审反馈报告 Feedback report</header>\n", escape_markup(f.cycle));
  out += fmt::format("<h1>{}</h1>\n", escape_markup(f.applicant));
  std::string rounds;
  for (const auto& r : f.rounds) {
    rounds += (rounds.empty() ? "" : "、") + r;
  }
  out += facts_html({{"申报编号 ID", f.id},
                     {"单位 Organisation", f.organisation},
                     {"奖项类别 Award", f.award_zh},
                     {"评价准则 Criteria", f.criteria + "（" + f.criteria_clause + "）"},
                     {"参加的评审环节 Rounds", rounds},
                     {"总体评分区间 Overall band",
                      fmt::format("{} {} {}", f.overall.range, f.overall.zh, f.overall.en)}});
  out += "<p>感谢参加评审。本报告汇总了评审专家对贵方申报材料的主要优势和改进机会，供持续改进参考。"
         " Thank you for taking part. This report brings together what the reviewers found to be "
         "your main strengths and opportunities for improvement.</p>\n";
  out += fmt::format("<h2>各类目评分区间 Scoring band by category</h2>\n<p>评分区间取自{}的综合"
                     "结果。 The bands come from the combined result of the {}.</p>\n",
                     escape_markup(f.last_round), escape_markup(f.last_round));
  out += table_html(bands_table(f));
  out += "<h2>优势与改进机会 Strengths and opportunities for improvement</h2>\n";
  if (f.remarks.empty()) {
    out += "<p class=\"none\">无 None.</p>\n";
  }
  for (const auto& g : f.remarks) {
    out +=
        fmt::format("<h3>{}{} {}</h3>\n", g.category.empty() ? "" : escape_markup(g.category) + " ",
                    escape_markup(g.name), escape_markup(g.name_en));
    for (const auto& [heading, list] :
         {std::pair<const char*, const std::vector<std::string>*>{"优势 Strengths", &g.strengths},
          {"改进机会 Opportunities for improvement", &g.opportunities}}) {
      if (list->empty()) {
        continue;
      }
      out += fmt::format("<h4>{}</h4>\n<ul>\n", heading);
      for (const auto& text : *list) {
        out += fmt::format("<li>{}</li>\n", escape_markup(text));
      }
      out += "</ul>\n";
    }
  }
  out += fmt::format("<footer>{} · {}</footer>\n", escape_markup(f.id), escape_markup(f.cycle));
  return out + "</body>\n</html>\n";
}

} // namespace sqma::evaluation
