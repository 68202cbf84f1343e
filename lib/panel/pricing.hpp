// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "panel/flow.hpp"
#include "panel/solver.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace sqma::panel {

using Candidates = std::vector<std::vector<Candidate>>;

// Counts of the flows a solve ran, for the report.
struct Stats {
  std::size_t flows = 0;
  std::size_t arcs = 0;
  std::size_t priced_in = 0;
  bool full_graph = false;
};

using Multipliers = std::vector<std::array<std::int32_t, k_traits>>;

// Which of the problem's candidates a flow may use, and what each is worth, without copying
// the lists: a banned employer per dossier (the lead's), a restriction per dossier (-2 any,
// -1 lead-qualified only, r this reviewer only), a bonus per dossier for lead-qualified
// reviewers, reviewers and employers left out per dossier (a node of the branch and bound)
// and Lagrange multipliers per dossier and trait, added to the value of candidates with the
// trait. Empty vectors and null pointers mean none.
struct View {
  const Candidates* all = nullptr;
  const Problem* problem = nullptr;
  std::vector<int> banned_employer;
  std::vector<int> only;
  std::vector<std::int32_t> bonus;
  const std::vector<std::vector<int>>* out_reviewers = nullptr;
  const std::vector<std::vector<int>>* out_employers = nullptr;
  const Multipliers* multipliers = nullptr;
  const std::vector<std::uint8_t>* traits = nullptr; // with multipliers
  std::int32_t scale = 1;                            // affinities count this many times

  bool allowed(std::size_t d, const Candidate& c) const
  {
    const auto r = static_cast<std::size_t>(c.reviewer);
    if (!banned_employer.empty() && problem->employer[r] == banned_employer[d]) {
      return false;
    }
    if (out_reviewers != nullptr) {
      const auto& out = (*out_reviewers)[d];
      if (std::find(out.begin(), out.end(), c.reviewer) != out.end()) {
        return false;
      }
      const auto& gone = (*out_employers)[d];
      if (std::find(gone.begin(), gone.end(), problem->employer[r]) != gone.end()) {
        return false;
      }
    }
    if (!only.empty() && only[d] != -2) {
      return only[d] == -1 ? problem->lead[r] != 0 : only[d] == c.reviewer;
    }
    return true;
  }
  std::int32_t value(std::size_t d, const Candidate& c) const
  {
    const auto r = static_cast<std::size_t>(c.reviewer);
    std::int32_t v =
        c.affinity * scale + (!bonus.empty() && problem->lead[r] != 0 ? bonus[d] : std::int32_t{0});
    if (multipliers != nullptr) {
      const auto t = (*traits)[r];
      for (int k = 0; k < k_traits; ++k) {
        if ((t & (1U << static_cast<unsigned>(k))) != 0) {
          v += (*multipliers)[d][static_cast<std::size_t>(k)];
        }
      }
    }
    return v;
  }
};

// A min-cost flow over the candidates, first pruned to the first few allowed ones of each
// dossier (the lists come best first). Arcs left out are priced with the duals of the pruned
// optimum: while some would lower the cost they are added and the flow solved again, so the
// result is optimal over every candidate. A pruned flow that is infeasible grows the pruning
// twofold, and at last takes every candidate. `warm` carries the arcs a flow over the same
// lists needed into the next one.
[[nodiscard]] std::optional<FlowOutput> priced_flow(const View& view, const std::vector<int>& need,
                                                    const std::vector<int>& capacity,
                                                    std::int64_t scale, bool convex,
                                                    std::size_t prune, Stats& stats,
                                                    std::vector<std::vector<char>>* warm = nullptr);

} // namespace sqma::panel
