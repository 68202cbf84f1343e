// SPDX-License-Identifier: Apache-2.0
#include "panel/report.hpp"

#include "core/version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace sqma::panel {
namespace {

std::string role(const Seat& seat)
{
  return seat.lead ? "lead 组长" : "member 成员";
}

} // namespace

void record(model::Dossier& dossier, const std::vector<Seat>& panel, const Settings& settings,
            const Assignment& assignment, const RecordInputs& inputs,
            const std::string& dossier_sha256)
{
  auto& round = *dossier.rounds.find(settings.round); // a round name checked by the command
  if (!round) {
    round.emplace();
  }
  round->panel.clear();
  auto seats = nlohmann::json::array();
  for (const auto& seat : panel) {
    round->panel.push_back({seat.reviewer, seat.lead});
    nlohmann::json j{{"reviewer", seat.reviewer},
                     {"role", seat.lead ? "lead" : "member"},
                     {"affinity", seat.affinity}};
    if (seat.kept) {
      j["kept"] = true;
    }
    if (inputs.max_probability) {
      j["probability"] = seat.probability;
    }
    seats.push_back(std::move(j));
  }
  nlohmann::json details{{"round", settings.round},
                         {"clauses", {"M-15", "M-17", "M-18"}},
                         {"method", assignment.solution.method},
                         {"panel", seats}};
  if (inputs.max_probability) {
    round->seed = inputs.seed;
    details["seed"] = inputs.seed;
    details["max_probability"] = *inputs.max_probability;
  }
  model::StageRecord rec;
  rec.stage = *model::round_stage(settings.round);
  rec.date = inputs.date;
  rec.command = "sqma assign";
  rec.version = k_version;
  rec.inputs.push_back({"dossier", dossier_sha256});
  rec.inputs.push_back({inputs.cycle_name, inputs.cycle_sha256});
  rec.inputs.push_back({inputs.registry_name, inputs.registry_sha256});
  rec.outcome = "assigned";
  rec.details = std::move(details);
  dossier.stage = rec.stage;
  dossier.history.push_back(std::move(rec));
}

report::Table reviewer_table(const std::vector<model::Dossier>& dossiers, const Registry& registry,
                             const Assignment& assignment, const std::string& title)
{
  using report::Align;
  report::Table table{title,
                      {{"reviewer", "评审员 Reviewer", Align::left},
                       {"name", "姓名 Name", Align::left},
                       {"employer", "工作单位 Employer", Align::left},
                       {"dossier", "申报编号 Dossier", Align::left},
                       {"applicant", "申报主体 Applicant", Align::left},
                       {"class", "类别 Class", Align::left, true},
                       {"role", "角色 Role", Align::left},
                       {"load", "本轮份数 Load", Align::right}},
                      {},
                      2};
  std::map<std::string, const Reviewer*> by_id;
  for (const auto& r : registry.reviewers) {
    by_id.emplace(r.id, &r);
  }
  std::map<std::string, long long> load;
  std::vector<std::tuple<std::string, std::string, const Seat*, const model::Dossier*>> rows;
  for (std::size_t s = 0; s < assignment.staffed.size(); ++s) {
    const auto& d = dossiers[assignment.staffed[s]];
    for (const auto& seat : assignment.panels[s]) {
      ++load[seat.reviewer];
      rows.emplace_back(seat.reviewer, d.id, &seat, &d);
    }
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  for (const auto& [id, dossier_id, seat, d] : rows) {
    const auto* r = by_id.at(id);
    table.rows.push_back({id, r->name, r->employer.name, dossier_id, d->applicant.name,
                          model::to_string(d->award_class), role(*seat), load[id]});
  }
  return table;
}

report::Table dossier_table(const std::vector<model::Dossier>& dossiers,
                            const Assignment& assignment, const std::string& title)
{
  using report::Align;
  report::Table table{title,
                      {{"dossier", "申报编号 Dossier", Align::left},
                       {"applicant", "申报主体 Applicant", Align::left},
                       {"class", "类别 Class", Align::left, true},
                       {"lead", "组长 Lead", Align::left},
                       {"members", "成员 Members", Align::left},
                       {"seats", "各席匹配度 Affinity per seat", Align::left},
                       {"affinity", "匹配度 Affinity", Align::right}},
                      {},
                      2};
  for (std::size_t s = 0; s < assignment.staffed.size(); ++s) {
    const auto& d = dossiers[assignment.staffed[s]];
    std::string lead;
    std::string members;
    std::string seats;
    double sum = 0.0;
    for (const auto& seat : assignment.panels[s]) {
      sum += seat.affinity;
      seats += fmt::format("{}{} {:.2f}", seats.empty() ? "" : " ", seat.reviewer, seat.affinity);
      if (seat.lead) {
        lead = seat.reviewer;
      } else {
        members += (members.empty() ? "" : " ") + seat.reviewer;
      }
    }
    table.rows.push_back(
        {d.id, d.applicant.name, model::to_string(d.award_class), lead, members, seats, sum});
  }
  std::sort(table.rows.begin(), table.rows.end());
  const bool randomized = assignment.solution.method == "randomized";
  const double bound =
      assignment.objective +
      static_cast<double>(assignment.solution.bound - assignment.solution.affinity) / 100.0;
  table.rows.push_back(
      {std::string("objective 目标值"),
       randomized ? std::string{} : fmt::format("proven bound 上界 {:.2f}", bound),
       fmt::format("method {}", assignment.solution.method),
       randomized                    ? std::string{}
       : assignment.solution.optimal ? std::string("optimal 最优")
                                     : fmt::format("gap 差距 {:.2f}", bound - assignment.objective),
       fmt::format("{} panels", assignment.staffed.size()), std::string{}, assignment.objective});
  return table;
}

report::Table audit_table(const Assignment& assignment, const std::string& title)
{
  using report::Align;
  report::Table table{title,
                      {{"reviewer", "评审员 Reviewer", Align::left},
                       {"name", "姓名 Name", Align::left},
                       {"dossier", "申报编号 Dossier", Align::left},
                       {"clause", "依据条款 Clause", Align::left},
                       {"reason", "原因 Reason", Align::left}},
                      {},
                      2};
  for (const auto& u : assignment.unqualified) {
    for (const auto& s : u.shortfalls) {
      table.rows.push_back(
          {u.reviewer->id, u.reviewer->name, std::string("all 全部"), s.clause, s.reason});
    }
  }
  for (const auto& e : assignment.exclusions) {
    table.rows.push_back({e.reviewer, e.name, e.dossier, e.clause, e.reason});
  }
  for (const auto& m : assignment.marginals) {
    table.rows.push_back(
        {m.reviewer, m.name, m.dossier, std::string("office"),
         fmt::format("randomized: chance {:.3f} of this pair, {} 随机分配概率{}", m.probability,
                     m.drawn ? "drawn" : "not drawn", m.drawn ? "（已抽中）" : "（未抽中）")});
  }
  return table;
}

} // namespace sqma::panel
