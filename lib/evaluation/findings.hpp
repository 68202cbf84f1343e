// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "evaluation/evaluation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

// The findings of an evaluation, each with its clause; used by evaluate().
namespace sqma::evaluation {

// The article of result approval and the report to the committee: A1-10, A2-8, A3-12.
[[nodiscard]] std::string procedure_clause(model::AwardClass award_class);

// For every round whose scores spread past the cycle's consensus threshold, or with items
// apart past the item threshold: how far apart, which items, and how the combined score was
// reached (the method, calibration, and the spread of the next round, if any).
[[nodiscard]] std::vector<Finding> disagreements(const Evaluation& evaluation,
                                                 const score::Settings& settings,
                                                 const score::CriteriaSet& criteria);

// The simplified procedure (A1-11) of an organisation: taken, or kept from it by a major
// objection; nullopt when the dossier does not qualify.
[[nodiscard]] std::optional<Finding> simplified(const model::Dossier& dossier,
                                                const Evaluation& evaluation,
                                                const score::Settings& settings);

// Incomplete panels, a proposal past its cap (M-7, M-8, M-9) and low mutual-evaluation
// ratings (M-17, M-18), none naming a reviewer.
[[nodiscard]] std::vector<Finding> notes(const model::Dossier& dossier,
                                         const Evaluation& evaluation,
                                         const nlohmann::json& final_result);

// The expert group's recommendation after the final round, and why not when it is not.
[[nodiscard]] Finding recommendation(const model::Dossier& dossier, const Evaluation& evaluation,
                                     const score::Settings& settings);

} // namespace sqma::evaluation
