// SPDX-License-Identifier: Apache-2.0
#include "panel/pricing.hpp"

#include <algorithm>

namespace sqma::panel {
namespace {

std::uint64_t mix(std::uint64_t x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

} // namespace

std::optional<FlowOutput> priced_flow(const View& view, const std::vector<int>& need,
                                      const std::vector<int>& capacity, std::int64_t scale,
                                      bool convex, std::size_t prune, Stats& stats,
                                      std::vector<std::vector<char>>* warm)
{
  const auto& all = *view.all;
  const auto& employer = view.problem->employer;
  const std::size_t dossiers = all.size();
  std::size_t grow = 1;
  int employers = 0;
  for (const int e : employer) {
    employers = std::max(employers, e + 1);
  }
  std::vector<std::int64_t> group(static_cast<std::size_t>(employers), 0);
  std::vector<std::size_t> stamp(static_cast<std::size_t>(employers), dossiers);
  std::vector<std::vector<char>> chosen(dossiers);
  // besides the best candidates, a greedy pass gives each dossier the best ones whose load
  // is not yet spoken for, so that the first flow is feasible and near the optimum and
  // pricing has little left to add
  std::vector<std::int64_t> left(capacity.begin(), capacity.end());
  for (std::size_t d = 0; d < dossiers; ++d) {
    const auto base = prune > 0 ? prune : 4 * static_cast<std::size_t>(need[d]) + 8;
    chosen[d].assign(all[d].size(), 0);
    std::size_t taken = 0;
    std::int64_t greedy = need[d] + 2;
    for (std::size_t i = 0; i < all[d].size() && (taken < base || greedy > 0); ++i) {
      if (!view.allowed(d, all[d][i])) {
        continue;
      }
      auto& l = left[static_cast<std::size_t>(all[d][i].reviewer)];
      if (taken < base || l > 0) {
        chosen[d][i] = 1;
        ++taken;
      }
      if (greedy > 0 && l > 0) {
        --l;
        --greedy;
      }
    }
    if (warm != nullptr && warm->size() == dossiers && (*warm)[d].size() == all[d].size()) {
      for (std::size_t i = 0; i < all[d].size(); ++i) {
        chosen[d][i] = static_cast<char>(chosen[d][i] | (*warm)[d][i]);
      }
    }
  }
  // An infeasible pruned flow lacks reviewers' loads, not affinity: the best candidates of
  // every dossier tend to be the same few reviewers. Each dossier then takes more candidates
  // drawn by a hash of the pair (need + 2, twice as many each time), spread over all reviewers;
  // pricing brings back affinity.
  const auto spread = [&](std::size_t times) {
    bool complete = true;
    std::vector<std::pair<std::uint64_t, std::size_t>> rest;
    for (std::size_t d = 0; d < dossiers; ++d) {
      rest.clear();
      for (std::size_t i = 0; i < all[d].size(); ++i) {
        if (chosen[d][i] == 0 && view.allowed(d, all[d][i])) {
          rest.emplace_back(mix((static_cast<std::uint64_t>(d) << 32U) ^
                                static_cast<std::uint64_t>(all[d][i].reviewer)),
                            i);
        }
      }
      const auto take = std::min(rest.size(), (static_cast<std::size_t>(need[d]) + 2) * times);
      std::nth_element(rest.begin(), rest.begin() + static_cast<long>(take), rest.end());
      for (std::size_t k = 0; k < take; ++k) {
        chosen[d][rest[k].second] = 1;
      }
      complete = complete && take == rest.size();
    }
    return complete;
  };
  bool complete = false;
  {
    for (;;) {
      Candidates subset(dossiers);
      for (std::size_t d = 0; d < dossiers; ++d) {
        for (std::size_t i = 0; i < all[d].size(); ++i) {
          if (chosen[d][i] != 0 && view.allowed(d, all[d][i])) {
            auto c = all[d][i];
            c.affinity = view.value(d, c);
            subset[d].push_back(c);
          }
        }
      }
      FlowInput input{&subset, &employer, need, capacity, scale, convex};
      auto out = solve_flow(input);
      ++stats.flows;
      stats.arcs = std::max(stats.arcs, out.arcs);
      if (!out.feasible) {
        if (complete) {
          return std::nullopt;
        }
        complete = spread(grow);
        stats.full_graph = stats.full_graph || complete;
        grow *= 2;
        continue;
      }
      // each dossier takes its most negative arcs only (2 x need + 2): the flow is solved
      // again anyway, and adding every negative arc makes the graph large for nothing
      std::size_t added = 0;
      std::vector<std::pair<std::int64_t, std::size_t>> negative;
      for (std::size_t d = 0; d < dossiers; ++d) {
        for (const auto& [e, potential] : out.group_potential[d]) {
          group[static_cast<std::size_t>(e)] = potential;
          stamp[static_cast<std::size_t>(e)] = d;
        }
        negative.clear();
        for (std::size_t i = 0; i < all[d].size(); ++i) {
          const auto& c = all[d][i];
          if (chosen[d][i] != 0 || !view.allowed(d, c)) {
            continue;
          }
          const auto e = static_cast<std::size_t>(employer[static_cast<std::size_t>(c.reviewer)]);
          const std::int64_t from = stamp[e] == d ? group[e] : out.dossier_potential[d];
          const std::int64_t reduced = -static_cast<std::int64_t>(view.value(d, c)) * out.weight +
                                       from -
                                       out.reviewer_potential[static_cast<std::size_t>(c.reviewer)];
          if (reduced < 0) {
            negative.emplace_back(reduced, i);
          }
        }
        const auto take = std::min(negative.size(), static_cast<std::size_t>(2 * need[d] + 2));
        std::partial_sort(negative.begin(), negative.begin() + static_cast<long>(take),
                          negative.end());
        for (std::size_t k = 0; k < take; ++k) {
          chosen[d][negative[k].second] = 1;
        }
        added += take;
      }
      if (added == 0) {
        if (warm != nullptr) {
          // the arcs that carry flow: a start for the next flow over the same lists
          for (std::size_t d = 0; d < dossiers; ++d) {
            for (std::size_t i = 0; i < all[d].size(); ++i) {
              const int r = all[d][i].reviewer;
              chosen[d][i] = static_cast<char>(
                  chosen[d][i] != 0 && std::any_of(out.flow[d].begin(), out.flow[d].end(),
                                                   [r](const auto& f) { return f.first == r; }));
            }
          }
          *warm = std::move(chosen);
        }
        return out;
      }
      stats.priced_in += added;
    }
  }
}

} // namespace sqma::panel
