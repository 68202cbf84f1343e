// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "panel/flow.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sqma::panel {

// An assignment problem in indices: reviewers with capacity, employer and lead flag;
// dossiers with the number of reviewers still needed, the eligible candidates (qualified,
// available, conflict-free, neither already on the panel nor from an employer already on
// it) and the lead already fixed (-1 if none).
struct Problem {
  std::vector<int> capacity;
  std::vector<int> employer;
  std::vector<char> lead;
  std::vector<int> need;
  std::vector<std::vector<Candidate>> candidates;
  std::vector<int> fixed_lead;
};

struct SolveOptions {
  // Candidates kept per dossier in the first flow (0: automatic, 4 × need + 8); arcs left
  // out are priced with the duals and added while any would improve the objective.
  std::size_t prune = 0;
  // Randomized mode (Jecmen et al. 2020): no pair above this probability.
  std::optional<double> max_probability;
  std::uint64_t seed = 0;
};

// Panels found. members[d] excludes the lead; lead[d] is the reviewer chosen to lead
// (the fixed one when there was one).
struct Solution {
  std::vector<int> lead;
  std::vector<std::vector<int>> members;
  std::int64_t affinity = 0; // sum over the pairs chosen here, in hundredths
  // the relaxation's optimum (no lead rule): an upper bound on `affinity`; equal to it when
  // the method is "relaxation" (deterministic mode only)
  std::int64_t bound = 0;
  // "relaxation" (the optimum without the lead rule already had a lead on every panel: the
  // objective is optimal), "lead-first" (leads chosen by a flow of their own, then the
  // members) or "randomized".
  std::string method;
  std::size_t flows = 0;     // min-cost flows solved
  std::size_t arcs = 0;      // arcs of the largest flow
  std::size_t priced_in = 0; // arcs added by pricing after the pruning
  bool full_graph = false;   // pruning was given up because the pruned flow was infeasible
  // randomized mode: probability of each chosen pair (lead and member marginals summed)
  std::vector<std::vector<double>> probability;
};

// Solves the problem. A Failure (exit 3) when no assignment exists; the caller diagnoses
// which dossiers cannot be staffed.
[[nodiscard]] Result<Solution> solve(const Problem& problem, const SolveOptions& options);

} // namespace sqma::panel
