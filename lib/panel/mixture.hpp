// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <vector>

namespace sqma::panel {

// The master problems of the randomized mode's column generation, over whole assignments: each
// column is an assignment that meets every rule, given as the sorted indices of the pairs it
// forms among `pairs` pairs; λ is a probability distribution over the columns. Solved with
// COIN-OR CLP, whose headers stay in mixture.cpp.
struct MixtureLp {
  bool solved = false;         // the LP solver reached its optimum
  double value = 0.0;          // the optimum
  std::vector<double> lambda;  // per column, ≥ 0, summing to 1
  std::vector<double> dual;    // per pair, ≥ 0
  double convexity_dual = 0.0; // of Σ λ = 1
};

// Phase 1: the distribution that minimises the largest marginal z = max over pairs of
// Σ_a λ_a a_p. The pairs' duals y sum to 1, and a column a lowers z only if y·a < z.
[[nodiscard]] MixtureLp min_largest_marginal(std::size_t pairs,
                                             const std::vector<std::vector<std::size_t>>& columns);

// Phase 2: the distribution of highest expected value Σ_a λ_a value_a with no marginal above
// `cap`; a column a raises it only if value_a − dual·a > convexity_dual.
[[nodiscard]] MixtureLp best_value_under_cap(std::size_t pairs,
                                             const std::vector<std::vector<std::size_t>>& columns,
                                             const std::vector<double>& values, double cap);

} // namespace sqma::panel
