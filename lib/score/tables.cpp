// SPDX-License-Identifier: Apache-2.0
#include "score/tables.hpp"

#include "score/stats.hpp"

#include <fmt/format.h>

namespace sqma::score {

report::Table ranking_table(const RoundResult& round, const std::string& title)
{
  using report::Align;
  report::Table t{title,
                  {{"group", "类别 Group", Align::left, true},
                   {"rank", "名次 Rank", Align::right},
                   {"id", "申报编号 ID", Align::left},
                   {"name", "申报主体 Applicant", Align::left},
                   {"sheets", "评分表 Sheets", Align::right},
                   {"raw", "原始 Raw %", Align::right},
                   {"calibrated", "校准 Calibrated %", Align::right},
                   {"total", "得分 Total", Align::right},
                   {"spread", "极差 Spread", Align::right},
                   {"level", "级别 Level", Align::left, true},
                   {"simplified", "简化 A1-11", Align::left, true},
                   {"advanced", "晋级 Advanced", Align::left, true},
                   {"flags", "提示 Flags", Align::left}},
                  {},
                  2};
  for (const auto& r : round.dossiers) {
    std::string flags;
    for (const auto& f : r.flags) {
      flags += (flags.empty() ? "" : "\n") + f;
    }
    t.rows.push_back(
        {r.group, static_cast<long long>(r.rank), r.id, r.name,
         static_cast<long long>(r.reviewers.size()), rounded(r.raw_percent, 2),
         round.calibrated ? report::Cell{rounded(r.calibrated_percent, 2)} : report::Cell{},
         rounded(r.max * r.percent / 100.0, 2), rounded(r.spread, 2), r.level.value_or(""),
         r.simplified && r.group == "organisation" ? std::string(*r.simplified ? "yes" : "no")
                                                   : std::string{},
         std::string(r.advanced ? (r.final_round ? "proposed" : "yes") : "no"), flags});
  }
  return t;
}

report::Table reviewer_table(const RoundResult& round, const std::string& title)
{
  using report::Align;
  report::Table t{title,
                  {{"reviewer", "评审员 Reviewer", Align::left},
                   {"sheets", "评分表 Sheets", Align::right},
                   {"mean", "平均给分 Mean %", Align::right},
                   {"leniency", "宽严 Leniency", Align::right},
                   {"ratings", "互评 Ratings", Align::right},
                   {"work_quality", "工作质量 Work quality", Align::right},
                   {"integrity", "廉洁 Integrity", Align::right},
                   {"disciplines", "评价申报方 Rated applicants", Align::right},
                   {"complaints", "投诉 M-17", Align::left}},
                  {},
                  2};
  for (const auto& s : round.reviewers) {
    std::string complaints;
    for (const auto& c : s.complaints) {
      complaints += (complaints.empty() ? "" : "\n") + c;
    }
    const auto optional = [](const std::optional<double>& v) {
      return v ? report::Cell{rounded(*v, 2)} : report::Cell{};
    };
    t.rows.push_back({s.reviewer, static_cast<long long>(s.sheets), rounded(s.mean_percent, 2),
                      round.calibrated ? report::Cell{rounded(s.leniency, 2)} : report::Cell{},
                      static_cast<long long>(s.ratings), optional(s.work_quality),
                      optional(s.integrity), static_cast<long long>(s.disciplines), complaints});
  }
  return t;
}

} // namespace sqma::score
