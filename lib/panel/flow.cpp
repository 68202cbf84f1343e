// SPDX-License-Identifier: Apache-2.0
#include "panel/flow.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <map>

namespace sqma::panel {

std::int64_t affinity_weight(const FlowInput& input)
{
  if (!input.convex) {
    return 1;
  }
  std::int64_t slots = 0;
  for (const int n : input.need) {
    slots += n;
  }
  std::int64_t bound = 0;
  for (const int c : input.capacity) {
    const std::int64_t l = std::min<std::int64_t>(c, slots);
    bound += l * (l + 1) / 2;
  }
  return bound + 1;
}

FlowOutput solve_flow(const FlowInput& input)
{
  using Graph = lemon::SmartDigraph;
  const auto& candidates = *input.candidates;
  const auto& employer = *input.employer;
  const auto dossiers = candidates.size();
  const auto reviewers = input.capacity.size();
  FlowOutput out;
  out.weight = affinity_weight(input);

  Graph g;
  const Graph::Node source = g.addNode();
  const Graph::Node sink = g.addNode();
  std::vector<Graph::Node> dnode(dossiers);
  std::vector<Graph::Node> rnode(reviewers);
  for (auto& n : dnode) {
    n = g.addNode();
  }
  for (auto& n : rnode) {
    n = g.addNode();
  }
  Graph::ArcMap<std::int64_t> cap(g);
  Graph::ArcMap<std::int64_t> cost(g);
  const auto arc = [&](Graph::Node u, Graph::Node v, std::int64_t c, std::int64_t k) {
    const auto a = g.addArc(u, v);
    cap.set(a, c);
    cost.set(a, k);
    return a;
  };
  std::int64_t supply = 0;
  // pair arcs per dossier, in the order of the candidates given
  std::vector<std::vector<std::pair<int, Graph::Arc>>> pairs(dossiers);
  // per dossier and employer: the group node, or the one arc straight from the dossier
  struct Group {
    int employer = 0;
    Graph::Node node = lemon::INVALID;
    Graph::Arc direct = lemon::INVALID;
    std::int64_t cost = 0; // of the direct arc
    int reviewer = -1;
  };
  std::vector<std::vector<Group>> groups(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    const std::int64_t need = input.need[d] * input.scale;
    supply += need;
    arc(source, dnode[d], need, 0);
    std::map<int, std::vector<const Candidate*>> by_employer;
    for (const auto& c : candidates[d]) {
      by_employer[employer[static_cast<std::size_t>(c.reviewer)]].push_back(&c);
    }
    for (const auto& [e, list] : by_employer) {
      Group group{e, lemon::INVALID, lemon::INVALID, 0, -1};
      if (list.size() > 1) {
        group.node = g.addNode();
        arc(dnode[d], group.node, input.scale, 0);
      }
      for (const auto* c : list) {
        const std::int64_t pair_cap = c->cap > 0 ? c->cap : input.scale;
        const std::int64_t pair_cost = -static_cast<std::int64_t>(c->affinity) * out.weight;
        const auto a = arc(list.size() > 1 ? group.node : dnode[d],
                           rnode[static_cast<std::size_t>(c->reviewer)], pair_cap, pair_cost);
        pairs[d].emplace_back(c->reviewer, a);
        if (list.size() == 1) {
          group.direct = a;
          group.cost = pair_cost;
          group.reviewer = c->reviewer;
        }
      }
      groups[d].push_back(group);
    }
  }
  for (std::size_t r = 0; r < reviewers; ++r) {
    const int c = input.capacity[r];
    if (c <= 0) {
      continue;
    }
    if (input.convex && input.scale == 1) {
      // load steps of `width` units each: exact below 16 units, even within `width` above
      const int width = (c + 15) / 16;
      for (int from = 0, step = 1; from < c; from += width, ++step) {
        arc(rnode[r], sink, std::min(width, c - from), step);
      }
    } else {
      arc(rnode[r], sink, c * input.scale, 0);
    }
  }
  out.arcs = static_cast<std::size_t>(g.arcNum());
  Graph::NodeMap<std::int64_t> supplies(g, 0);
  supplies.set(source, supply);
  supplies.set(sink, -supply);
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(g);
  simplex.upperMap(cap).costMap(cost).supplyMap(supplies);
  if (simplex.run() != decltype(simplex)::OPTIMAL) {
    return out;
  }
  out.feasible = true;
  out.cost = simplex.totalCost<std::int64_t>();
  out.flow.resize(dossiers);
  out.dossier_potential.resize(dossiers);
  out.group_potential.resize(dossiers);
  out.reviewer_potential.resize(reviewers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    out.dossier_potential[d] = simplex.potential(dnode[d]);
    for (const auto& [reviewer, a] : pairs[d]) {
      if (const auto f = simplex.flow(a); f > 0) {
        out.flow[d].emplace_back(reviewer, f);
      }
    }
    for (const auto& group : groups[d]) {
      std::int64_t potential = 0;
      if (group.reviewer < 0) {
        potential = simplex.potential(group.node);
      } else if (simplex.flow(group.direct) == input.scale) {
        // the node would carry its whole capacity: the highest potential its arcs allow
        potential = simplex.potential(rnode[static_cast<std::size_t>(group.reviewer)]) - group.cost;
      } else {
        potential = simplex.potential(dnode[d]);
      }
      out.group_potential[d].emplace_back(group.employer, potential);
    }
  }
  for (std::size_t r = 0; r < reviewers; ++r) {
    out.reviewer_potential[r] = simplex.potential(rnode[r]);
  }
  return out;
}

} // namespace sqma::panel
