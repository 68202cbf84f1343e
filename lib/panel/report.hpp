// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"
#include "panel/assign.hpp"
#include "report/report.hpp"

#include <string>
#include <vector>

namespace sqma::panel {

// What a history record of assign names besides the dossier itself.
struct RecordInputs {
  std::string cycle_name;
  std::string cycle_sha256;
  std::string registry_name;
  std::string registry_sha256;
  model::Date date;
  std::optional<double> max_probability;
  std::uint64_t seed = 0;
};

// Writes the panel into rounds.<round>.panel (and the seed in the randomized mode), sets
// stage <round> and appends the history record (command "sqma assign", outcome "assigned",
// details: round, method, panel with affinities and probabilities, seed).
void record(model::Dossier& dossier, const std::vector<Seat>& panel, const Settings& settings,
            const Assignment& assignment, const RecordInputs& inputs,
            const std::string& dossier_sha256);

// One row per (dossier, reviewer): what the office sends each reviewer, sorted by
// reviewer. Names and employers only; no contact data.
[[nodiscard]] report::Table reviewer_table(const std::vector<model::Dossier>& dossiers,
                                           const Registry& registry, const Assignment& assignment,
                                           const std::string& title);

// One row per dossier: its panel, lead first, the affinity of each seat and of the panel, and
// a closing row with the objective value, the method and (deterministic mode) the proven
// bound with "optimal" or the gap.
[[nodiscard]] report::Table dossier_table(const std::vector<model::Dossier>& dossiers,
                                          const Assignment& assignment, const std::string& title);

// The audit report (never published): every reviewer who may not review at all with the
// conditions failed, every excluded (dossier, reviewer) pair with its reason and, in the
// randomized mode, every pair that had a chance with that chance and whether it was drawn.
[[nodiscard]] report::Table audit_table(const Assignment& assignment, const std::string& title);

} // namespace sqma::panel
