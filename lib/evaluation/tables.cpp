// SPDX-License-Identifier: Apache-2.0
// The tables the formats of the evaluation and feedback reports share.
#include "evaluation/render.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::evaluation {
namespace {

using report::Align;
using report::Cell;

Cell number_or_empty(double value)
{
  return value >= 0 ? Cell{value} : Cell{};
}

const RoundScore& final_round(const Evaluation& e)
{
  const auto it =
      std::find_if(e.rounds.begin(), e.rounds.end(), [](const RoundScore& r) { return r.final; });
  return it != e.rounds.end() ? *it : e.rounds.back();
}

int group_order(const std::string& group)
{
  static const std::vector<std::string> order{"organisation", "project", "leader", "manager",
                                              "craftsman"};
  const auto it = std::find(order.begin(), order.end(), group);
  return static_cast<int>(it - order.begin());
}

} // namespace

report::Table rounds_table(const Evaluation& e)
{
  report::Table table{"各环节综合得分 Scores by round",
                      {{"round", "评审环节 Round"},
                       {"clause", "条款 Clause"},
                       {"total", "综合得分 Points", Align::right},
                       {"max", "满分 Max", Align::right},
                       {"percent", "得分率 %", Align::right},
                       {"spread", "极差 Spread", Align::right},
                       {"sd", "标准差 SD", Align::right},
                       {"sheets", "评分表 Sheets", Align::right},
                       {"rank", "排名 Rank", Align::right},
                       {"outcome", "结果 Outcome"}},
                      {},
                      2};
  for (const auto& r : e.rounds) {
    const char* outcome = r.final ? (r.advanced ? "推荐 proposed" : "未推荐 not proposed")
                                  : (r.advanced ? "晋级 advanced" : "未晋级 not advanced");
    table.rows.push_back({r.name, r.clause, r.total, r.max, r.percent, r.spread, r.sd,
                          fmt::format("{}/{}", r.sheets, r.panel),
                          fmt::format("{}/{}", r.rank, r.of), std::string(outcome)});
  }
  return table;
}

report::Table categories_table(const Evaluation& e)
{
  report::Table table{"类目得分 Scores by category", {}, {}, 2};
  table.columns.push_back({"category", "类目 Category"});
  table.columns.push_back({"max", "满分 Max", Align::right});
  for (const auto& r : e.rounds) {
    table.columns.push_back({r.round, r.name + " " + r.name_en, Align::right});
  }
  table.columns.push_back({"percent", "得分率 % (" + final_round(e).name + ")", Align::right});
  const auto last = static_cast<std::size_t>(&final_round(e) - e.rounds.data());
  for (const auto& c : e.categories) {
    std::vector<Cell> row{c.id + " " + c.name, c.max};
    for (const double p : c.points) {
      row.push_back(number_or_empty(p));
    }
    row.push_back(number_or_empty(last < c.percents.size() ? c.percents[last] : -1));
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::vector<const Evaluation*> index_order(const std::vector<Evaluation>& evaluations)
{
  std::vector<const Evaluation*> out;
  for (const auto& e : evaluations) {
    out.push_back(&e);
  }
  std::sort(out.begin(), out.end(), [](const Evaluation* a, const Evaluation* b) {
    const auto key = [](const Evaluation* e) {
      return std::make_tuple(group_order(e->group), final_round(*e).rank, e->id);
    };
    return key(a) < key(b);
  });
  return out;
}

report::Table index_table(const std::vector<Evaluation>& evaluations, const std::string& cycle_name)
{
  report::Table table{cycle_name + " 综合评价报告目录 Evaluation reports",
                      {{"id", "申报编号 ID"},
                       {"applicant", "申报者 Applicant"},
                       {"organisation", "单位 Organisation"},
                       {"award", "奖项 Award"},
                       {"percent", "得分率 %", Align::right},
                       {"rank", "排名 Rank", Align::right},
                       {"recommendation", "推荐意见 Recommendation"},
                       {"notes", "提示 Notes", Align::right}},
                      {},
                      2};
  for (const auto* e : index_order(evaluations)) {
    const auto& last = final_round(*e);
    const auto notes = e->disagreements.size() + e->notes.size() + (e->simplified ? 1 : 0);
    table.rows.push_back({e->id, e->applicant, e->organisation,
                          e->proposed_zh.empty() ? e->class_zh : e->class_zh + "·" + e->proposed_zh,
                          last.percent, fmt::format("{}/{}", last.rank, last.of),
                          std::string(e->recommended ? "推荐" : "不予推荐"),
                          static_cast<long long>(notes)});
  }
  return table;
}

report::Table bands_table(const Feedback& f)
{
  report::Table table{"各类目评分区间 Scoring band by category",
                      {{"category", "类目 Category"},
                       {"max", "分值 Points", Align::right},
                       {"band", "评分区间 Band"},
                       {"meaning", "含义 Meaning"}},
                      {},
                      0};
  for (const auto& c : f.categories) {
    table.rows.push_back({c.id + " " + c.name, c.max, c.band.range, c.band.zh + " " + c.band.en});
  }
  return table;
}

} // namespace sqma::evaluation
