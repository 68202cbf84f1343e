// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "evaluation/remarks.hpp"
#include "model/dossier.hpp"
#include "score/criteria.hpp"
#include "score/settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sqma::evaluation {

// Something the report states about the dossier, with the clause it rests on.
struct Finding {
  std::string clause; // "A1-11", "A1-7, A1-4" ...
  std::string zh;
  std::string en;
};

// One review round as aggregate recorded it.
struct RoundScore {
  std::string round;   // written, panel, onsite
  std::string name;    // 书面评审, 专家会审 or 会审答辩, 现场验证
  std::string name_en; // Written review ...
  std::string clause;  // the round's article: A1-7, A2-6, A3-10 ...
  double percent = 0;  // combined percent, the one that ranked
  double total = 0;    // combined points
  double max = 0;      // points of the criteria
  double spread = 0;   // highest minus lowest reviewer percent
  double sd = 0;
  int sheets = 0;
  int panel = 0;
  int rank = 0;
  int of = 0;
  bool advanced = false;
  bool final = false;
  bool calibrated = false; // ranked by calibrated scores
  std::string method;      // mean, median, trimmed_mean
  std::vector<std::string> consensus_items;
};

// One GB/T 19580 category (or project or individual criterion) in one round.
struct CategoryScore {
  std::string id;
  std::string name;
  std::string name_en;
  double max = 0;               // points
  std::vector<double> points;   // per round of Evaluation::rounds; negative when not scored
  std::vector<double> percents; // the same as percent of max
};

// Everything the committee's report says about one dossier.
struct Evaluation {
  std::string id;
  std::string cycle;        // the cycle's name
  std::string applicant;    // organisation, project or person
  std::string organisation; // lead unit or employer; empty for an organisation
  std::string award_class;  // organisation, project, individual
  std::string group;        // criteria set: organisation, project, leader, manager, craftsman
  std::string class_zh;     // 组织奖 ...
  std::string proposed;     // benchmark ... for an organisation, the kind for an individual
  std::string proposed_zh;  // 标杆示范级 ... or 卓越质量领导 ...; empty for a project
  std::string award_zh;     // 上海市质量管理奖（组织奖·标杆示范级）
  std::string criteria;     // name of the criteria set
  std::string criteria_clause;
  std::string stage;
  std::string procedure_clause; // A1-10, A2-8, A3-12
  std::vector<RoundScore> rounds;
  std::vector<CategoryScore> categories;
  std::vector<CategoryRemarks> remarks;
  std::vector<Finding> disagreements;
  std::optional<Finding> simplified; // A1-11, where it applied or was refused
  std::vector<Finding> notes;        // incomplete panels, caps, mutual evaluation
  Finding recommendation;
  bool recommended = false;
  std::vector<Finding> decision; // the committee's decision, certificate, revocation, if recorded
};

// Whether the dossier has finished its review rounds: its final round (onsite; panel for
// projects, individuals and organisations under A1-11) holds aggregate's result.
[[nodiscard]] bool finished(const model::Dossier& dossier);

// The name of a round for the dossier's class: {"书面评审", "Written review"} ...
[[nodiscard]] std::pair<std::string, std::string> round_name(model::AwardClass award_class,
                                                             const std::string& round);

// The combined percent of each category of `criteria`, in order, in a round's result as
// aggregate stores it: its categories for GB/T 19580, else the combined points of the items
// (a category's items summed); negative for a category the result does not score.
[[nodiscard]] std::vector<double> category_percents(const score::CriteriaSet& criteria,
                                                    const nlohmann::json& result);

// The report of a finished dossier from its rounds, sheets and history. `cycle_name` and
// `settings` (thresholds, method, year) come from the cycle config. Returns a Failure
// (data) naming the dossier and the JSON path when a stored result lacks what aggregate
// writes.
[[nodiscard]] Result<Evaluation> evaluate(const model::Dossier& dossier,
                                          const score::Criteria& criteria,
                                          const score::Settings& settings,
                                          const std::string& cycle_name);

} // namespace sqma::evaluation
