// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::panel: what the deterministic and the randomized solver share.
#pragma once

#include "core/result.hpp"
#include "panel/exact.hpp"
#include "panel/pricing.hpp"
#include "panel/solver.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace sqma::panel::detail {

// The lead-qualified reviewer of a panel with the highest affinity (lowest index on ties);
// -1 if none may lead.
[[nodiscard]] int best_lead(const Problem& p, std::size_t d, const std::vector<int>& panel);

// `s` with the solver's method and statistics, its members sorted and its total affinity.
[[nodiscard]] Solution finish(const Problem& p, Solution s, const Stats& stats, std::string method);

// Every reviewer the solver chose for each dossier, the lead included.
[[nodiscard]] Panels panels_of(const Problem& p, const Solution& s);

// The panels as a Solution: the fixed lead, else the lead-qualified member of highest affinity.
[[nodiscard]] Solution from_panels(const Problem& p, const Panels& panels);

// The randomized mode (SolveOptions::max_probability set), in randomized.cpp.
[[nodiscard]] Result<Solution> solve_randomized(const Problem& p, const SolveOptions& options);

} // namespace sqma::panel::detail
