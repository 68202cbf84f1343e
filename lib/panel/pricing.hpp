// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "panel/flow.hpp"
#include "panel/solver.hpp"

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

// Which of the problem's candidates a flow may use, and what each is worth, without copying
// the lists: a banned employer per dossier (the lead's), a restriction per dossier (-2 any,
// -1 lead-qualified only, r this reviewer only) and a bonus per dossier for lead-qualified
// reviewers. Empty vectors mean none.
struct View {
  const Candidates* all = nullptr;
  const Problem* problem = nullptr;
  std::vector<int> banned_employer;
  std::vector<int> only;
  std::vector<std::int32_t> bonus;

  bool allowed(std::size_t d, const Candidate& c) const
  {
    const auto r = static_cast<std::size_t>(c.reviewer);
    if (!banned_employer.empty() && problem->employer[r] == banned_employer[d]) {
      return false;
    }
    if (!only.empty() && only[d] != -2) {
      return only[d] == -1 ? problem->lead[r] != 0 : only[d] == c.reviewer;
    }
    return true;
  }
  std::int32_t value(std::size_t d, const Candidate& c) const
  {
    return c.affinity + (!bonus.empty() && problem->lead[static_cast<std::size_t>(c.reviewer)] != 0
                             ? bonus[d]
                             : 0);
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
