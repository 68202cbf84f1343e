// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"
#include "score/criteria.hpp"
#include "score/settings.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sqma::score {

// One reviewer's score sheet of a dossier, as a percent of the criteria total.
struct ReviewerScore {
  std::string reviewer;
  double percent = 0;
  double calibrated = 0; // percent minus the reviewer's leniency (= percent without calibration)
  bool objection = false;
};

// The combined score of one item and how far the reviewers were apart on it.
struct ItemResult {
  double points = 0;
  double spread = 0; // percent of the item's points
};

// The round's result for one dossier.
struct DossierResult {
  std::string id;
  std::string name;
  std::string group; // criteria set: organisation, project, leader, manager, craftsman
  double max = 0;    // points of the criteria set
  std::vector<ReviewerScore> reviewers;
  std::size_t panel = 0;
  double raw_percent = 0;
  double calibrated_percent = 0;
  double percent = 0; // the one that ranks (rank_by)
  double spread = 0;  // highest minus lowest reviewer percent
  double sd = 0;      // standard deviation of the reviewer percents
  std::map<std::string, ItemResult> items;
  std::map<std::string, double> categories; // percent of each category's points
  int rank = 0;
  int of = 0; // dossiers ranked in the group
  bool advanced = false;
  bool final_round = false;
  std::optional<std::string> level;
  std::optional<bool> simplified;
  bool past_cap = false;
  std::vector<std::string> consensus_items;
  std::vector<std::string> flags;
};

// One reviewer across the round: leniency, and the mutual evaluation (M-18).
struct ReviewerSummary {
  std::string reviewer;
  std::size_t sheets = 0;
  double mean_percent = 0;
  double leniency = 0;
  std::size_t ratings = 0;
  std::optional<double> work_quality; // mean of the applicants' ratings
  std::optional<double> integrity;
  std::optional<int> lowest_integrity;
  std::size_t disciplines = 0;         // applicants this reviewer rated
  std::vector<std::string> complaints; // integrity or work-quality ratings of 2 or less (M-17)
};

// Everything aggregate found in a round.
struct RoundResult {
  std::string round;
  Method method = Method::trimmed_mean;
  bool calibrated = false;
  bool rank_calibrated = false;
  std::vector<DossierResult> dossiers;    // by group, then rank
  std::vector<ReviewerSummary> reviewers; // by id
  std::vector<Failure> problems; // dossiers at the round's stage that could not be aggregated
};

// Aggregates the round over every dossier at its stage: combines each dossier's score
// sheets (per the settings' method), measures spreads and flags consensus, calibrates the
// reviewers, ranks within class and kind, decides who advances, proposes a level (A1-4),
// marks the simplified procedure (A1-11) and flags proposals past a cap (M-7, M-8, M-9).
// Dossiers at other stages are only read, to count earlier proposals against the caps.
[[nodiscard]] RoundResult aggregate(const std::vector<model::Dossier>& dossiers,
                                    const std::string& round, const Criteria& criteria,
                                    const Settings& settings);

// The object stored as rounds.<round>.result.
[[nodiscard]] nlohmann::json result_json(const DossierResult& result, const RoundResult& round);

// Writes the result into the dossier, moves a dossier that does not advance to stage
// rejected, and appends the history record (outcome "not advanced", "advanced" or
// "proposed" in the final round).
void record(model::Dossier& dossier, const DossierResult& result, const RoundResult& round,
            const model::Date& date, const std::vector<model::InputDigest>& inputs);

} // namespace sqma::score
