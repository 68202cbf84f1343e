// SPDX-License-Identifier: Apache-2.0
// The evaluation report, its index and the feedback report as Markdown and JSON.
#include "evaluation/render.hpp"

#include "report/markup.hpp"
#include "score/stats.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace sqma::evaluation {
namespace {

using report::markdown_escape;

std::string finding_md(const Finding& f)
{
  return fmt::format("- **[{}]** {}  \n  {}\n", markdown_escape(f.clause), markdown_escape(f.zh),
                     markdown_escape(f.en));
}

std::string findings_md(const std::vector<Finding>& findings)
{
  if (findings.empty()) {
    return "无 None.\n";
  }
  std::string out;
  for (const auto& f : findings) {
    out += finding_md(f);
  }
  return out;
}

nlohmann::json finding_json(const Finding& f)
{
  return {{"clause", f.clause}, {"zh", f.zh}, {"en", f.en}};
}

nlohmann::json findings_json(const std::vector<Finding>& findings)
{
  auto out = nlohmann::json::array();
  for (const auto& f : findings) {
    out.push_back(finding_json(f));
  }
  return out;
}

std::string dump(const nlohmann::json& doc)
{
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

double r2(double value)
{
  return score::rounded(value, 2);
}

std::string round_names(const Evaluation& e, const std::vector<std::string>& rounds)
{
  std::string out;
  for (const auto& round : rounds) {
    const auto it = std::find_if(e.rounds.begin(), e.rounds.end(),
                                 [&](const RoundScore& s) { return s.round == round; });
    out += (out.empty() ? "" : "、") + (it != e.rounds.end() ? it->name : round);
  }
  return out;
}

} // namespace

std::string to_markdown(const Evaluation& e)
{
  std::string out =
      fmt::format("# 综合评价报告：{}\n\n{} · {} · `{}`\n\n", markdown_escape(e.applicant),
                  markdown_escape(e.cycle), markdown_escape(e.id), e.procedure_clause);
  report::Table facts{"", {{"key", "项目 Item"}, {"value", "内容 Value"}}, {}, 0};
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"单位 Organisation", e.organisation},
           {"奖项类别 Class", e.class_zh},
           {"建议级别或类别 Level or kind proposed", e.proposed_zh},
           {"评价准则 Criteria", e.criteria + "（" + e.criteria_clause + "）"},
           {"所处阶段 Stage", e.stage}}) {
    if (!value.empty()) {
      facts.rows.push_back({key, value});
    }
  }
  out += report::markdown_table(facts);
  out += "\n## 推荐意见 Recommendation\n\n" + finding_md(e.recommendation);
  for (const auto& d : e.decision) {
    out += finding_md(d);
  }
  out += "\n## 各环节综合得分 Scores by round\n\n" + report::markdown_table(rounds_table(e));
  out += "\n## 类目得分 Scores by category\n\n" + report::markdown_table(categories_table(e));
  out += "\n## 优势与改进机会 Strengths and opportunities for improvement\n";
  for (const auto& g : e.remarks) {
    out += fmt::format("\n### {}{} {}\n", g.category.empty() ? "" : g.category + " ",
                       markdown_escape(g.name), markdown_escape(g.name_en));
    for (const auto& [heading, list] :
         {std::pair<const char*, const std::vector<MergedRemark>*>{"优势 Strengths", &g.strengths},
          {"改进机会 Opportunities for improvement", &g.opportunities}}) {
      if (list->empty()) {
        continue;
      }
      out += fmt::format("\n{}:\n\n", heading);
      for (const auto& r : *list) {
        out += fmt::format("- {}（{} 位评审员 · {}）\n", markdown_escape(r.text),
                           r.reviewers.size(), round_names(e, r.rounds));
      }
    }
  }
  if (e.remarks.empty()) {
    out += "\n评分表中没有意见。 The sheets hold no remarks.\n";
  }
  out += "\n## 分歧与共识 Disagreements and consensus\n\n" + findings_md(e.disagreements);
  if (e.award_class == "organisation") {
    out += "\n## 简化程序 Simplified procedure (A1-11)\n\n";
    out += e.simplified ? finding_md(*e.simplified)
                        : "不适用：近两年未获得政府质量奖。 Not applicable: no government quality "
                          "award in the two years before the cycle.\n";
  }
  out += "\n## 其他事项 Notes\n\n" + findings_md(e.notes);
  return out;
}

std::string to_json(const Evaluation& e)
{
  auto rounds = nlohmann::json::array();
  for (const auto& r : e.rounds) {
    rounds.push_back({{"round", r.round},
                      {"name", r.name},
                      {"clause", r.clause},
                      {"percent", r2(r.percent)},
                      {"total", r2(r.total)},
                      {"max", r.max},
                      {"spread", r2(r.spread)},
                      {"sd", r2(r.sd)},
                      {"sheets", r.sheets},
                      {"panel", r.panel},
                      {"rank", r.rank},
                      {"of", r.of},
                      {"advanced", r.advanced},
                      {"final", r.final},
                      {"method", r.method},
                      {"rank_by", r.calibrated ? "calibrated" : "raw"},
                      {"consensus_items", r.consensus_items}});
  }
  auto categories = nlohmann::json::array();
  for (const auto& c : e.categories) {
    auto by_round = nlohmann::json::object();
    for (std::size_t i = 0; i < e.rounds.size() && i < c.points.size(); ++i) {
      if (c.points[i] >= 0) {
        by_round[e.rounds[i].round] = {{"points", r2(c.points[i])}, {"percent", r2(c.percents[i])}};
      }
    }
    categories.push_back({{"id", c.id},
                          {"name", c.name},
                          {"name_en", c.name_en},
                          {"max", c.max},
                          {"rounds", by_round}});
  }
  auto remarks = nlohmann::json::array();
  for (const auto& g : e.remarks) {
    const auto list = [](const std::vector<MergedRemark>& items) {
      auto out = nlohmann::json::array();
      for (const auto& r : items) {
        out.push_back({{"text", r.text}, {"reviewers", r.reviewers.size()}, {"rounds", r.rounds}});
      }
      return out;
    };
    remarks.push_back({{"category", g.category},
                       {"name", g.name},
                       {"name_en", g.name_en},
                       {"strengths", list(g.strengths)},
                       {"opportunities", list(g.opportunities)}});
  }
  nlohmann::json doc{{"schema", "evaluation.v1"},
                     {"id", e.id},
                     {"cycle", e.cycle},
                     {"applicant", e.applicant},
                     {"class", e.award_class},
                     {"class_zh", e.class_zh},
                     {"group", e.group},
                     {"award_zh", e.award_zh},
                     {"criteria", {{"name", e.criteria}, {"clause", e.criteria_clause}}},
                     {"stage", e.stage},
                     {"clause", e.procedure_clause},
                     {"rounds", rounds},
                     {"categories", categories},
                     {"remarks", remarks},
                     {"disagreements", findings_json(e.disagreements)},
                     {"notes", findings_json(e.notes)},
                     {"recommended", e.recommended},
                     {"recommendation", finding_json(e.recommendation)},
                     {"decision", findings_json(e.decision)}};
  if (!e.organisation.empty()) {
    doc["organisation"] = e.organisation;
  }
  if (!e.proposed.empty()) {
    doc["proposed"] = e.proposed;
    doc["proposed_zh"] = e.proposed_zh;
  }
  if (e.simplified) {
    doc["simplified"] = finding_json(*e.simplified);
  }
  return dump(doc);
}

std::string index_markdown(const std::vector<Evaluation>& evaluations,
                           const std::string& cycle_name)
{
  const auto table = index_table(evaluations, cycle_name);
  return fmt::format("# {}\n\n共 {} 份。 {} reports; each is `<id>-evaluation.html`, `.md` and "
                     "`.json` in this folder.\n\n{}",
                     markdown_escape(table.title), evaluations.size(), evaluations.size(),
                     report::markdown_table(table));
}

std::string index_json(const std::vector<Evaluation>& evaluations, const std::string& cycle_name)
{
  auto list = nlohmann::json::array();
  for (const auto* e : index_order(evaluations)) {
    const auto& last = *std::find_if(e->rounds.begin(), e->rounds.end(),
                                     [](const RoundScore& r) { return r.final; });
    nlohmann::json entry{{"id", e->id},
                         {"applicant", e->applicant},
                         {"class", e->award_class},
                         {"group", e->group},
                         {"award_zh", e->award_zh},
                         {"round", last.round},
                         {"percent", r2(last.percent)},
                         {"rank", last.rank},
                         {"of", last.of},
                         {"recommended", e->recommended},
                         {"clause", e->recommendation.clause},
                         {"disagreements", e->disagreements.size()},
                         {"notes", e->notes.size()},
                         {"report", e->id + "-evaluation.html"}};
    if (!e->organisation.empty()) {
      entry["organisation"] = e->organisation;
    }
    list.push_back(std::move(entry));
  }
  return dump({{"schema", "evaluation-index.v1"}, {"cycle", cycle_name}, {"reports", list}});
}

std::string to_markdown(const Feedback& f)
{
  std::string out = fmt::format("# 评审反馈报告：{}\n\n{} · {}\n\n", markdown_escape(f.applicant),
                                markdown_escape(f.cycle), markdown_escape(f.id));
  std::string rounds;
  for (const auto& r : f.rounds) {
    rounds += (rounds.empty() ? "" : "、") + r;
  }
  report::Table facts{"", {{"key", "项目 Item"}, {"value", "内容 Value"}}, {}, 0};
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"单位 Organisation", f.organisation},
           {"奖项类别 Award", f.award_zh},
           {"评价准则 Criteria", f.criteria + "（" + f.criteria_clause + "）"},
           {"参加的评审环节 Rounds", rounds},
           {"总体评分区间 Overall band",
            fmt::format("{} {} {}", f.overall.range, f.overall.zh, f.overall.en)}}) {
    if (!value.empty()) {
      facts.rows.push_back({key, value});
    }
  }
  out += report::markdown_table(facts);
  out += fmt::format("\n## 各类目评分区间 Scoring band by category\n\n评分区间取自{}的综合结果。 "
                     "The bands come from the combined result of the {}.\n\n",
                     markdown_escape(f.last_round), markdown_escape(f.last_round));
  out += report::markdown_table(bands_table(f));
  out += "\n## 优势与改进机会 Strengths and opportunities for improvement\n";
  if (f.remarks.empty()) {
    out += "\n无 None.\n";
  }
  for (const auto& g : f.remarks) {
    out += fmt::format("\n### {}{} {}\n", g.category.empty() ? "" : g.category + " ",
                       markdown_escape(g.name), markdown_escape(g.name_en));
    for (const auto& [heading, list] :
         {std::pair<const char*, const std::vector<std::string>*>{"优势 Strengths", &g.strengths},
          {"改进机会 Opportunities for improvement", &g.opportunities}}) {
      if (list->empty()) {
        continue;
      }
      out += fmt::format("\n{}:\n\n", heading);
      for (const auto& text : *list) {
        out += "- " + markdown_escape(text) + "\n";
      }
    }
  }
  return out;
}

std::string to_json(const Feedback& f)
{
  const auto band = [](const Band& b) {
    return nlohmann::json{{"band", b.index}, {"range", b.range}, {"zh", b.zh}, {"en", b.en}};
  };
  auto categories = nlohmann::json::array();
  for (const auto& c : f.categories) {
    categories.push_back({{"id", c.id},
                          {"name", c.name},
                          {"name_en", c.name_en},
                          {"points", c.max},
                          {"band", band(c.band)}});
  }
  auto remarks = nlohmann::json::array();
  for (const auto& g : f.remarks) {
    remarks.push_back({{"category", g.category},
                       {"name", g.name},
                       {"name_en", g.name_en},
                       {"strengths", g.strengths},
                       {"opportunities", g.opportunities}});
  }
  nlohmann::json doc{{"schema", "feedback.v1"},
                     {"id", f.id},
                     {"cycle", f.cycle},
                     {"applicant", f.applicant},
                     {"award_zh", f.award_zh},
                     {"criteria", {{"name", f.criteria}, {"clause", f.criteria_clause}}},
                     {"rounds", f.rounds},
                     {"last_round", f.last_round},
                     {"overall", band(f.overall)},
                     {"categories", categories},
                     {"remarks", remarks}};
  if (!f.organisation.empty()) {
    doc["organisation"] = f.organisation;
  }
  return dump(doc);
}

} // namespace sqma::evaluation
