// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "panel/flow.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sqma::panel {

// Traits a panel may need among its members: a reviewer who may lead (组长), one expert in
// results (GB/T 19580 category 7) and one expert in process (category 6).
inline constexpr std::uint8_t k_lead_trait = 1;
inline constexpr std::uint8_t k_results_trait = 2;
inline constexpr std::uint8_t k_process_trait = 4;
inline constexpr int k_traits = 3;

// An assignment problem in indices: reviewers with capacity, employer and lead flag;
// dossiers with the number of reviewers still needed, the eligible candidates (qualified,
// available, conflict-free, neither already on the panel nor from an employer already on
// it) and the lead already fixed (-1 if none). `traits` (per reviewer) and `require` (per
// dossier: the traits the reviewers still to be chosen must bring, at least one member
// each) may be left empty: then the traits are the lead flags and every dossier without a
// fixed lead and with places to fill requires a lead.
struct Problem {
  std::vector<int> capacity;
  std::vector<int> employer;
  std::vector<char> lead;
  std::vector<int> need;
  std::vector<std::vector<Candidate>> candidates;
  std::vector<int> fixed_lead;
  std::vector<std::uint8_t> traits;
  std::vector<std::uint8_t> require;
};

struct SolveOptions {
  // Candidates kept per dossier in the first flow (0: automatic, 4 × need + 8); arcs left
  // out are priced with the duals and added while any would improve the objective.
  std::size_t prune = 0;
  // Randomized mode (Jecmen et al. 2020): no pair above this probability.
  std::optional<double> max_probability;
  std::uint64_t seed = 0;
  // Deterministic mode: branch-and-bound nodes before the search stops and reports the gap
  // (0: automatic, from the size of the round; the count, not the clock, so that the same
  // inputs give the same panels).
  std::size_t node_limit = 0;
  // Deterministic mode: try the lead bonus (up to eight flows) when lead-first falls short of
  // the relaxation's bound, before the Lagrangian search.
  bool lead_bonus = false;
  // Deterministic mode: among assignments of equal affinity, spread the loads evenly (convex
  // load costs in the flows). Off when the affinities are the duals of the randomized mode's
  // column generation, which only the optimum's value matters to.
  bool spread_load = true;
};

// Panels found. members[d] excludes the lead; lead[d] is the reviewer chosen to lead
// (the fixed one when there was one).
struct Solution {
  std::vector<int> lead;
  std::vector<std::vector<int>> members;
  std::int64_t affinity = 0; // sum over the pairs chosen here, in hundredths
  // deterministic mode: a proven upper bound on the affinity of every assignment that meets
  // every rule; equal to `affinity` when the panels are proven optimal
  std::int64_t bound = 0;
  // the relaxation's optimum (no lead or diversity rule), the first bound
  std::int64_t relaxation_bound = 0;
  bool optimal = false;
  // "relaxation" (the optimum without the lead rule already met it: optimal), "lagrangian"
  // (proven optimal at the root by the relaxation's or the Lagrangian bound), "branch-and-bound"
  // or "randomized" (a rounded flow) or "mixture" (a distribution over whole assignments, drawn
  // from; `iterations` counts its assignments)
  std::string method;
  // the heuristic that gave the first assignment ("lead-first", "lead-bonus", "" none)
  std::string start;
  std::size_t nodes = 0;      // branch-and-bound nodes solved
  std::size_t iterations = 0; // Lagrangian iterations
  std::size_t flows = 0;      // min-cost flows solved
  std::size_t arcs = 0;       // arcs of the largest flow
  std::size_t priced_in = 0;  // arcs added by pricing after the pruning
  bool full_graph = false;    // pruning was given up because the pruned flow was infeasible
  // randomized mode: probability of each chosen pair (lead and member marginals summed)
  std::vector<std::vector<double>> probability;
  // randomized mode: per dossier, every reviewer with a chance of the pair, and that chance (the
  // marginal the draw keeps), by reviewer
  std::vector<std::vector<std::pair<int, double>>> marginals;
};

// Solves the problem. A Failure (exit 3) when no assignment exists; the caller diagnoses
// which dossiers cannot be staffed.
[[nodiscard]] Result<Solution> solve(const Problem& problem, const SolveOptions& options);

// When no assignment exists: a smallest set of dossiers (by deletion, within the dossiers that
// share candidates) that cannot all be staffed together under every rule, lead and employer
// rules included, while each of its proper subsets can; every check is an exact search with no
// affinity, so the first assignment found ends it. Empty when the round can be staffed or a
// check stopped at its node limit before it proved anything.
[[nodiscard]] std::vector<std::size_t> infeasible_core(const Problem& problem,
                                                       const SolveOptions& options);

} // namespace sqma::panel
