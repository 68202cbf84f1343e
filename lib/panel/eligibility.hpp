// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"
#include "panel/registry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sqma::panel {

// A condition a reviewer fails, with its clause ("M-15(2)", "M-15(5), M-17").
struct Shortfall {
  std::string clause;
  std::string reason;
};

// Every M-15 and M-17 condition the reviewer fails; empty when qualified: bachelor or
// higher and systematic TQM training (M-15(2)), ten or more years of work (M-15(3)), a
// reviewer qualification or training certificate (M-15(4)), the signed pledge (M-15(5),
// M-17), signed by `on` when a date is given (the round's).
[[nodiscard]] std::vector<Shortfall> shortfalls(const Reviewer& reviewer,
                                                std::optional<model::Date> on = std::nullopt);

// How long ties count under M-18, from the cycle's [conflicts] table.
struct ConflictWindows {
  model::Date reference_date;
  int employment_years = 3;
  int relation_years = 3;
};

// Why a reviewer must stand aside from a dossier (M-18): employed by one of its units (the
// applicant organisation, lead unit or employer, and every partner), a relation with one of
// them that is going on or ended inside its window, or a declared conflict. nullopt when
// there is no tie. The reason names the unit, the kind and the dates.
[[nodiscard]] std::optional<std::string>
conflict(const Reviewer& reviewer, const model::Dossier& dossier, const ConflictWindows& windows);
// The same against units already taken from Dossier::units() (a batch asks once per dossier);
// `dossier_id` finds a conflict the reviewer declared by bid on the dossier.
[[nodiscard]] std::optional<std::string> conflict(const Reviewer& reviewer,
                                                  const std::vector<const model::Unit*>& units,
                                                  const ConflictWindows& windows,
                                                  const std::string& dossier_id);

// Affinity of a reviewer to a dossier in hundredths, from the cycle's [affinity] weights: the
// best industry match (same GB/T 4754 division, else same section), the lead bonus for a
// reviewer who may lead, `award_class` when the reviewer is expert in the dossier's class,
// `category` per GB/T 19580-2012 category of expertise on an organisation dossier (the
// criteria of that class), and `willing` or `unwilling` for the reviewer's bid on the dossier.
struct AffinityWeights {
  double industry_section = 1.0;
  double industry_division = 2.0;
  double lead_bonus = 0.5;
  double category = 0.0;
  double award_class = 0.0;
  double willing = 0.0;
  double unwilling = 0.0;
  // organisation panels hold a reviewer expert in one of `results_categories` and one expert
  // in one of `process_categories` (GB/T 19580-2012 category ids; by default the categories of
  // kind "results", 4.7, and of kind "process", 4.1-4.6)
  bool diversity = false;
  std::vector<std::string> results_categories{"4.7"};
  std::vector<std::string> process_categories{"4.1", "4.2", "4.3", "4.4", "4.5", "4.6"};
};
[[nodiscard]] long long affinity(const Reviewer& reviewer, const model::Dossier& dossier,
                                 const AffinityWeights& weights);
// The part of the affinity that is not the industry match: lead bonus, class, categories, bid.
[[nodiscard]] long long expertise(const Reviewer& reviewer, const model::Dossier& dossier,
                                  const AffinityWeights& weights);

} // namespace sqma::panel
