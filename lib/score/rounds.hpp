// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

#include <string>
#include <vector>

namespace sqma::score {

// Whether `name` is a review round: written, panel or onsite.
[[nodiscard]] bool is_round(const std::string& name);

// The article of the regulation a round follows: A1-7, A1-8, A1-9; A2-6, A2-7; A3-10, A3-11.
[[nodiscard]] std::string round_clause(model::AwardClass award_class, const std::string& round);

// The dossier's record of a round, or nullptr when it has none (or `name` is no round).
[[nodiscard]] const model::Round* round_of(const model::Dossier& dossier, const std::string& name);
[[nodiscard]] model::Round* round_of(model::Dossier& dossier, const std::string& name);

// Whether `round` is the dossier's last review round: onsite for organisations, panel for
// projects, individuals and organisations under the simplified procedure (A1-11).
[[nodiscard]] bool is_final_round(const model::Dossier& dossier, const std::string& round,
                                  bool simplified);

// The prior awards that qualify a dossier for the simplified procedure (A1-11): national,
// municipal or district government quality awards won in the two years before `year`.
[[nodiscard]] std::vector<const model::PriorAward*> simplified_awards(const model::Dossier& dossier,
                                                                      int year);

} // namespace sqma::score
