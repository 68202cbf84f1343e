// SPDX-License-Identifier: Apache-2.0
#include "panel/rounding.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace sqma::panel {

std::uint64_t Random::uniform(std::uint64_t n)
{
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = max - (max % n + 1) % n; // values above it would be biased
  for (;;) {
    const std::uint64_t x = m_engine();
    if (x <= limit) {
      return x % n;
    }
  }
}

namespace {

// The flow network as an undirected multigraph of arcs with their units.
struct Edge {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t units = 0;
  int dossier = -1; // pair arcs only
  int reviewer = -1;
};

struct Network {
  std::vector<Edge> edges;
  std::vector<std::vector<std::size_t>> adjacent; // edge ids per node
  std::vector<std::size_t> next;                  // first adjacent edge not yet checked
  std::int64_t scale = 1;

  bool fractional(std::size_t e) const { return edges[e].units % scale != 0; }

  // A fractional edge at `node` other than `except`; edges.size() if none.
  std::size_t fractional_at(std::size_t node, std::size_t except)
  {
    auto& list = adjacent[node];
    auto& i = next[node];
    while (i < list.size() && !fractional(list[i])) {
      ++i; // integral edges stay integral
    }
    for (std::size_t k = i; k < list.size(); ++k) {
      if (list[k] != except && fractional(list[k])) {
        return list[k];
      }
    }
    return edges.size();
  }
};

// Moves flow around a cycle (nodes[i] → nodes[i+1] over cycle[i]) by the amount that makes
// at least one edge integral, in the direction drawn so that every edge keeps its mean.
void round_cycle(Network& net, const std::vector<std::size_t>& nodes,
                 const std::vector<std::size_t>& cycle, Random& random)
{
  const auto inf = std::numeric_limits<std::int64_t>::max();
  std::int64_t up = inf; // largest push along the traversal
  std::int64_t down = inf;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const auto& e = net.edges[cycle[i]];
    const std::int64_t lo = e.units / net.scale * net.scale;
    const std::int64_t hi = lo + net.scale;
    const bool forward = e.from == nodes[i];
    up = std::min(up, forward ? hi - e.units : e.units - lo);
    down = std::min(down, forward ? e.units - lo : hi - e.units);
  }
  const auto draw = random.uniform(static_cast<std::uint64_t>(up + down));
  const std::int64_t delta = draw < static_cast<std::uint64_t>(down) ? up : -down;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    auto& e = net.edges[cycle[i]];
    e.units += e.from == nodes[i] ? delta : -delta;
  }
}

} // namespace

void round_network(std::vector<NetworkEdge>& edges, std::size_t nodes, std::int64_t scale,
                   Random& random)
{
  Network net;
  net.scale = scale;
  net.edges.reserve(edges.size());
  for (const auto& e : edges) {
    net.edges.push_back({e.from, e.to, e.units, e.dossier, e.reviewer});
  }
  net.adjacent.resize(nodes);
  net.next.assign(nodes, 0);
  for (std::size_t e = 0; e < net.edges.size(); ++e) {
    net.adjacent[net.edges[e].from].push_back(e);
    net.adjacent[net.edges[e].to].push_back(e);
  }
  std::vector<long> position(nodes, -1); // on the current walk
  std::vector<std::size_t> path;         // nodes of the walk
  std::vector<std::size_t> walk;         // edges: walk[i] joins path[i] and path[i + 1]
  for (std::size_t start = 0; start < net.edges.size(); ++start) {
    if (!net.fractional(start)) {
      continue;
    }
    path.assign(1, net.edges[start].from);
    walk.clear();
    position[path[0]] = 0;
    while (!path.empty()) {
      const std::size_t at = path.back();
      const std::size_t e = net.fractional_at(at, walk.empty() ? net.edges.size() : walk.back());
      if (e == net.edges.size()) {
        position[at] = -1;
        path.pop_back();
        if (!walk.empty()) {
          walk.pop_back();
        }
        continue;
      }
      const auto& edge = net.edges[e];
      const std::size_t other = edge.from == at ? edge.to : edge.from;
      if (position[other] < 0) {
        position[other] = static_cast<long>(path.size());
        path.push_back(other);
        walk.push_back(e);
        continue;
      }
      const auto first = static_cast<std::size_t>(position[other]);
      std::vector<std::size_t> cycle_nodes(path.begin() + static_cast<long>(first), path.end());
      std::vector<std::size_t> cycle(walk.begin() + static_cast<long>(first), walk.end());
      cycle.push_back(e);
      round_cycle(net, cycle_nodes, cycle, random);
      // keep the walk up to the first edge that became integral
      std::size_t keep = walk.size();
      for (std::size_t i = first; i < walk.size(); ++i) {
        if (!net.fractional(walk[i])) {
          keep = i;
          break;
        }
      }
      while (path.size() > keep + 1) {
        position[path.back()] = -1;
        path.pop_back();
      }
      walk.resize(keep);
    }
  }
  for (std::size_t e = 0; e < edges.size(); ++e) {
    edges[e].units = net.edges[e].units;
  }
}

std::vector<std::vector<int>>
round_flow(const std::vector<std::vector<std::pair<int, std::int64_t>>>& flow,
           const std::vector<int>& employer, std::int64_t scale, Random& random)
{
  // nodes: 0 sink, then reviewers, then dossier nodes and (dossier, employer) nodes
  std::vector<NetworkEdge> edges;
  const std::size_t reviewers = employer.size();
  std::size_t nodes = 1 + reviewers;
  std::vector<std::int64_t> load(reviewers, 0);
  for (std::size_t d = 0; d < flow.size(); ++d) {
    const std::size_t dnode = nodes++;
    std::map<int, std::pair<std::size_t, std::int64_t>> groups; // employer -> node, units
    for (const auto& [r, units] : flow[d]) {
      auto it = groups.find(employer[static_cast<std::size_t>(r)]);
      if (it == groups.end()) {
        it = groups.emplace(employer[static_cast<std::size_t>(r)], std::pair{nodes++, 0}).first;
      }
      it->second.second += units;
      edges.push_back(
          {it->second.first, 1 + static_cast<std::size_t>(r), units, static_cast<int>(d), r});
      load[static_cast<std::size_t>(r)] += units;
    }
    for (const auto& [e, node] : groups) {
      edges.push_back({dnode, node.first, node.second, -1, -1});
    }
  }
  for (std::size_t r = 0; r < reviewers; ++r) {
    if (load[r] > 0) {
      edges.push_back({1 + r, 0, load[r], -1, -1});
    }
  }
  round_network(edges, nodes, scale, random);
  std::vector<std::vector<int>> drawn(flow.size());
  for (const auto& e : edges) {
    if (e.dossier >= 0 && e.units == scale) {
      drawn[static_cast<std::size_t>(e.dossier)].push_back(e.reviewer);
    }
  }
  return drawn;
}

} // namespace sqma::panel
