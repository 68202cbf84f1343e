// SPDX-License-Identifier: Apache-2.0
// The HTML round report: tables and inline SVG pictures, one self-contained page.
#include "report/markup.hpp"
#include "score/stats.hpp"
#include "score/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sqma::score {
namespace {

constexpr int k_left = 190;  // where the plot area starts
constexpr int k_width = 500; // width of the plot area
constexpr int k_row = 22;    // height of one row

double x_of(double percent)
{
  return k_left + k_width * std::clamp(percent, 0.0, 100.0) / 100.0;
}

std::string dot_plot(const RoundResult& round)
{
  const int height = static_cast<int>(round.dossiers.size()) * k_row + 40;
  std::string svg = fmt::format(
      "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"scores by reviewer\">\n",
      k_left + k_width + 30, height);
  for (int tick = 0; tick <= 100; tick += 10) {
    const double x = x_of(tick);
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"10\" x2=\"{0:.1f}\" y2=\"{1}\" "
                       "class=\"grid\"/><text x=\"{0:.1f}\" y=\"{2}\" class=\"tick\">{3}</text>\n",
                       x, height - 25, height - 10, tick);
  }
  int y = 20;
  for (const auto& r : round.dossiers) {
    const bool apart = std::any_of(r.flags.begin(), r.flags.end(), [](const std::string& f) {
      return f.rfind("consensus needed", 0) == 0;
    });
    svg += fmt::format("<text x=\"4\" y=\"{}\" class=\"{}\">{} {} #{}</text>\n", y + 4,
                       apart ? "label apart" : "label", report::escape_markup(r.id),
                       report::escape_markup(r.group), r.rank);
    double lo = 100.0;
    double hi = 0.0;
    for (const auto& s : r.reviewers) {
      lo = std::min(lo, s.percent);
      hi = std::max(hi, s.percent);
    }
    svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" class=\"range\"/>\n",
                       x_of(lo), y, x_of(hi), y);
    for (const auto& s : r.reviewers) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"4\" class=\"{}\"><title>{} "
                         "{:.1f}%</title></circle>\n",
                         x_of(s.percent), y, apart ? "dot apart" : "dot",
                         report::escape_markup(s.reviewer), s.percent);
    }
    svg += fmt::format("<path d=\"M{:.1f} {} l5 5 l-5 5 l-5 -5 z\" class=\"combined\"><title>"
                       "raw {:.2f}%</title></path>\n",
                       x_of(r.raw_percent), y - 5, r.raw_percent);
    if (round.calibrated) {
      svg += fmt::format("<path d=\"M{:.1f} {} l5 5 l-5 5 l-5 -5 z\" class=\"calibrated\"><title>"
                         "calibrated {:.2f}%</title></path>\n",
                         x_of(r.calibrated_percent), y - 5, r.calibrated_percent);
    }
    y += k_row;
  }
  return svg + "</svg></div>\n";
}

std::string leniency_chart(const RoundResult& round)
{
  double reach = 5.0;
  for (const auto& s : round.reviewers) {
    reach = std::max(reach, std::ceil(std::fabs(s.leniency)));
  }
  const int height = static_cast<int>(round.reviewers.size()) * k_row + 40;
  const double centre = k_left + k_width / 2.0;
  std::string svg = fmt::format(
      "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"reviewer leniency\">\n",
      k_left + k_width + 30, height);
  svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"10\" x2=\"{0:.1f}\" y2=\"{1}\" class=\"axis\"/>\n",
                     centre, height - 25);
  for (const double t : {-reach, -reach / 2, reach / 2, reach}) {
    const double x = centre + t / reach * k_width / 2.0;
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"tick\">{:+.1f}</text>\n", x,
                       height - 10, t);
  }
  int y = 20;
  for (const auto& s : round.reviewers) {
    const double w = s.leniency / reach * k_width / 2.0;
    svg += fmt::format("<text x=\"4\" y=\"{}\" class=\"label\">{}</text>\n", y + 4,
                       report::escape_markup(s.reviewer));
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"12\" class=\"{}\">"
                       "<title>{} {:+.2f}</title></rect>\n",
                       w < 0 ? centre + w : centre, y - 6, std::fabs(w),
                       w < 0 ? "bar severe" : "bar lenient", report::escape_markup(s.reviewer),
                       s.leniency);
    y += k_row;
  }
  return svg + "</svg></div>\n";
}

constexpr const char* k_style =
    R"(body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em}th,td{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
th{background:#f0f0f0}td:nth-child(3){white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}
svg text{font-size:11px;font-family:inherit}.tick{text-anchor:middle;fill:#666}.label{fill:#222}
.grid{stroke:#eee}.axis{stroke:#888}.range{stroke:#bbb;stroke-width:2}
.dot{fill:#2b6cb0;fill-opacity:.75}.dot.apart{fill:#c53030}.label.apart{fill:#c53030;font-weight:bold}
.combined{fill:#222}.calibrated{fill:none;stroke:#222;stroke-width:1.5}
.bar.lenient{fill:#dd6b20}.bar.severe{fill:#2b6cb0}ul.flags li{margin:.2em 0;overflow-wrap:anywhere}
.chart,.scroll{max-width:100%;overflow-x:auto}p{overflow-wrap:anywhere}
@media (max-width:600px){body{margin:.75em}}
@media print{.chart,.scroll{overflow:visible}}
)";

// A table that scrolls inside its own box on a narrow screen instead of widening the page.
std::string scrolling(const std::string& table)
{
  return "<div class=\"scroll\">\n" + table + "</div>\n";
}

} // namespace

std::string html_report(const RoundResult& round, const std::string& title)
{
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                     report::escape_markup(title), k_style);
  out += fmt::format("<h1>{}</h1>\n", report::escape_markup(title));
  out += fmt::format("<p>汇总方法 Method: {} · 校准 Calibration: {} · 排序依据 Ranked by: {} · "
                     "{} 份申报 dossiers · {} 位评审员 reviewers</p>\n",
                     to_string(round.method), round.calibrated ? "on" : "off",
                     round.rank_calibrated ? "calibrated" : "raw", round.dossiers.size(),
                     round.reviewers.size());
  out += "<h2>排名 Ranking</h2>\n" + scrolling(report::html_table(ranking_table(round, title)));
  out += "<h2>各评审员打分 Scores by reviewer</h2>\n<p>每个圆点为一位评审员给出的百分制得分，"
         "实心菱形为原始汇总分，空心菱形为校准后汇总分，灰线为极差；红色表示需要评审组复议。 "
         "Each dot is one reviewer's score (percent), the filled diamond the combined raw score, "
         "the hollow one the calibrated score, the grey line the spread; red marks dossiers "
         "that need consensus.</p>\n";
  out += dot_plot(round);
  out += "<h2>评审员宽严尺度 Reviewer leniency</h2>\n<p>正值偏宽、负值偏严（加性模型，"
         "均值为零）。 Positive is lenient, negative severe (additive model, centred at "
         "zero).</p>\n";
  out += leniency_chart(round);
  out += "<h2>评审员与互评 Reviewers and mutual evaluation (M-18)</h2>\n" +
         scrolling(report::html_table(reviewer_table(round, title)));
  out += "<h2>提示 Flags</h2>\n<ul class=\"flags\">\n";
  bool any = false;
  for (const auto& r : round.dossiers) {
    for (const auto& f : r.flags) {
      out += fmt::format("<li><b>{}</b> {}</li>\n", report::escape_markup(r.id),
                         report::escape_markup(f));
      any = true;
    }
  }
  for (const auto& s : round.reviewers) {
    for (const auto& c : s.complaints) {
      out += fmt::format("<li><b>{}</b> integrity complaint [M-17]: {}</li>\n",
                         report::escape_markup(s.reviewer), report::escape_markup(c));
      any = true;
    }
  }
  if (!any) {
    out += "<li>无 none</li>\n";
  }
  out += "</ul>\n</body>\n</html>\n";
  return out;
}

} // namespace sqma::score
