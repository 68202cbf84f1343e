// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace sqma::panel {

// A PRNG whose output is the same on every platform: std::mt19937_64 is specified to the
// bit, and uniform() maps it by rejection instead of std::uniform_int_distribution, whose
// output differs between standard libraries.
class Random {
public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  // A uniform integer in [0, n); n > 0.
  std::uint64_t uniform(std::uint64_t n);

private:
  std::mt19937_64 m_engine;
};

// An edge of a flow network, with its flow in units and, for a (dossier, reviewer) pair, the
// pair (-1 otherwise).
struct NetworkEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t units = 0;
  int dossier = -1;
  int reviewer = -1;
};

// Dependent rounding of a flow (Gandhi et al. 2006) in any network of `nodes` nodes whose
// flow is conserved at every node and whose nodes without a parent (the roots and the sink)
// carry a multiple of `scale`: the flow is moved around cycles of fractional edges until
// every edge carries a multiple of `scale`. Each edge ends at the multiple just below or
// just above its units, with the mean equal to its units, and every node's sum stays.
void round_network(std::vector<NetworkEdge>& edges, std::size_t nodes, std::int64_t scale,
                   Random& random);

// Dependent rounding of a fractional assignment (Gandhi et al. 2006, applied to the flow
// network as in Jecmen et al. 2020). `flow[d]` lists (reviewer, units) with units in
// (0, scale]; each dossier's units sum to a multiple of `scale`, and so do the units of a
// dossier's reviewers of one employer (at most scale). Returns for each dossier the
// reviewers drawn: every pair is drawn with probability units / scale, each dossier gets
// exactly its sum / scale reviewers, at most one per employer, and no reviewer gets more
// than the ceiling of their fractional load.
[[nodiscard]] std::vector<std::vector<int>>
round_flow(const std::vector<std::vector<std::pair<int, std::int64_t>>>& flow,
           const std::vector<int>& employer, std::int64_t scale, Random& random);

} // namespace sqma::panel
