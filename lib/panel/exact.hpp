// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "panel/pricing.hpp"
#include "panel/solver.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace sqma::panel {

// Every reviewer chosen for each dossier by the solver (kept seats not included).
using Panels = std::vector<std::vector<int>>;

// What the exact search found.
struct ExactResult {
  std::optional<Panels> panels; // the best assignment that meets every rule; none if none exists
  std::int64_t value = 0;       // its affinity in hundredths
  std::int64_t bound = 0;       // a proven upper bound on the affinity of every assignment
  std::size_t nodes = 0;        // branch-and-bound nodes solved
  std::size_t iterations = 0;   // Lagrangian iterations at the root
  bool exhausted = true;        // false when the node limit stopped the search
};

// A heuristic that turns the panels of a flow (some missing a required trait) into an
// assignment that meets every rule, or nullopt.
using Repair = std::function<std::optional<Panels>(const Panels&)>;

// The optimum of the whole problem: the traits each panel requires (Problem::require) are
// relaxed with Lagrange multipliers, one per dossier and trait, so that each subproblem is
// one min-cost flow over the candidates (priced, so optimal over all of them); its optimum
// minus the multipliers bounds every assignment from above. A subgradient method lowers the
// bound from the relaxation's optimum; then a depth-first branch and bound forces or bans a
// (dossier, reviewer) pair with a missing trait, each node bounded by the flow with the best
// multipliers, until the best assignment meets the bound or the node limit is reached.
// `start` (with its affinity) is the first incumbent; `relaxed` is the relaxation's optimum
// (every multiplier zero) with its affinity. Problem::traits and require must be filled.
[[nodiscard]] ExactResult exact_search(const Problem& p, std::optional<Panels> start,
                                       std::int64_t start_value, const Panels& relaxed,
                                       std::int64_t relaxed_value, const Repair& repair,
                                       const SolveOptions& options, Stats& stats);

// The dossiers that cannot all be staffed together, from a minimum cut of the flow that gives
// each panel needing a lead a seat for one: together they need `missing` more places than the
// loads of the reviewers they may have allow. Empty when that flow fits (then only the
// interplay of leads and employers can make a round infeasible). Problem::traits and require
// must be filled.
[[nodiscard]] std::vector<std::size_t> unstaffable(const Problem& p, std::int64_t& missing);

// The affinity of the pair (0 when the reviewer is no candidate of the dossier).
[[nodiscard]] std::int32_t pair_affinity(const Problem& p, std::size_t d, int r);

// Whether each dossier's panel brings every trait it requires.
[[nodiscard]] bool covers(const Problem& p, const Panels& panels);

} // namespace sqma::panel
