// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

namespace sqma::panel {

// A reviewer a dossier may get, with the affinity of the pair in hundredths and, in the
// randomized mode, the pair's capacity in flow units (0 means "scale": a whole reviewer).
struct Candidate {
  std::int32_t reviewer = 0;
  std::int32_t affinity = 0;
  std::int32_t cap = 0;
};

// One min-cost flow of the assignment, solved with LEMON's NetworkSimplex: source → dossier
// (need × scale) → (dossier, employer) (scale: one reviewer per employer and panel; made only
// for employers with two candidates or more, the others' arcs go straight) → reviewer (the pair's
// cap) → sink (capacity × scale; with `convex`, one unit arc per load step at costs 1, 2, 3, ... so
// that equal affinities spread the load evenly). The cost of a pair is −affinity × weight, the
// weight exceeding every possible load cost, so affinity comes first and the load spread only
// breaks ties.
struct FlowInput {
  const std::vector<std::vector<Candidate>>* candidates = nullptr; // arcs, per dossier
  const std::vector<int>* employer = nullptr;                      // per reviewer
  std::vector<int> need;                                           // per dossier
  std::vector<int> capacity;                                       // per reviewer
  std::int64_t scale = 1;
  bool convex = true;
};

// The flow found: per dossier the reviewers with their flow units, and the node potentials
// (LEMON's duals: reduced cost = cost + π(from) − π(to)) for pricing arcs left out.
struct FlowOutput {
  bool feasible = false;
  std::vector<std::vector<std::pair<int, std::int64_t>>> flow; // per dossier
  std::vector<std::int64_t> dossier_potential;
  std::vector<std::int64_t> reviewer_potential;
  // per dossier and employer (sorted by employer), the potential the (dossier, employer)
  // node has or, for an employer with one candidate (an arc straight from the dossier, no
  // node), would have if the node were made
  std::vector<std::vector<std::pair<int, std::int64_t>>> group_potential;
  std::int64_t weight = 1; // the factor applied to affinities
  std::int64_t cost = 0;   // the flow's total cost (-affinity x weight plus load costs)
  std::size_t arcs = 0;
};

// Solves one flow.
[[nodiscard]] FlowOutput solve_flow(const FlowInput& input);

// The weight that puts affinity ahead of every load cost of the input.
[[nodiscard]] std::int64_t affinity_weight(const FlowInput& input);

} // namespace sqma::panel
