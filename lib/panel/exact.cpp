// SPDX-License-Identifier: Apache-2.0
#include "panel/exact.hpp"

#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sqma::panel {
namespace {

// Multipliers count in eighths of a hundredth: finer steps than the affinities' own.
constexpr std::int32_t k_scale = 8;

bool has(std::uint8_t mask, int trait)
{
  return (mask & (1U << static_cast<unsigned>(trait))) != 0;
}

// A node of the search: pairs forced onto panels and pairs banned from them.
struct Node {
  std::vector<std::pair<int, int>> forced; // (dossier, reviewer)
  std::vector<std::pair<int, int>> banned;
  std::int64_t parent_bound = 0;
};

struct Evaluation {
  bool feasible = false; // some assignment meets the node's fixings (traits aside)
  std::int64_t bound = 0;
  Panels panels;        // forced pairs and the flow's
  bool covered = false; // every required trait is on its panel
  std::int64_t value = 0;
  std::vector<std::uint8_t> remaining; // per dossier, traits the forced pairs leave required
  std::vector<int> capacity;           // loads left after the forced pairs
};

// A necessary condition: the flow where each panel that needs a lead has a seat of its own for
// one, filled from its lead-qualified candidates (a pair node keeps a reviewer to one seat),
// the other seats from one reviewer per employer. Only the lead's employer may repeat on a
// panel, so every assignment that meets the rules is such a flow: when none saturates the
// places, no assignment exists.
bool lead_seats_fit(const Problem& p, const std::vector<int>& need,
                    const std::vector<int>& capacity,
                    const std::vector<std::vector<int>>& out_reviewers,
                    const std::vector<std::vector<int>>& out_employers,
                    const std::vector<std::uint8_t>& remaining,
                    std::vector<std::size_t>* short_side = nullptr, std::int64_t* missing = nullptr)
{
  using Graph = lemon::SmartDigraph;
  Graph g;
  Graph::ArcMap<std::int64_t> cap(g);
  const auto arc = [&](Graph::Node u, Graph::Node v, std::int64_t c) {
    cap.set(g.addArc(u, v), c);
  };
  const auto source = g.addNode();
  const auto sink = g.addNode();
  std::vector<Graph::Node> reviewer(capacity.size());
  for (std::size_t r = 0; r < capacity.size(); ++r) {
    reviewer[r] = g.addNode();
    arc(reviewer[r], sink, std::max(0, capacity[r]));
  }
  std::int64_t places = 0;
  std::vector<int> group_of(
      p.employer.empty()
          ? 0U
          : static_cast<std::size_t>(*std::max_element(p.employer.begin(), p.employer.end())) + 1U,
      -1);
  std::vector<Graph::Node> groups;
  std::vector<std::pair<std::size_t, Graph::Node>> dossier_nodes;
  for (std::size_t d = 0; d < need.size(); ++d) {
    if (need[d] <= 0) {
      continue;
    }
    places += need[d];
    const bool lead = (remaining[d] & k_lead_trait) != 0;
    const auto seats = g.addNode();
    dossier_nodes.emplace_back(d, seats);
    arc(source, seats, need[d] - (lead ? 1 : 0));
    const auto lead_seat = g.addNode();
    if (lead) {
      arc(source, lead_seat, 1);
      dossier_nodes.emplace_back(d, lead_seat);
    }
    groups.clear();
    for (const auto& c : p.candidates[d]) {
      const auto r = static_cast<std::size_t>(c.reviewer);
      const auto& out = out_reviewers[d];
      const auto& gone = out_employers[d];
      if (std::find(out.begin(), out.end(), c.reviewer) != out.end() ||
          std::find(gone.begin(), gone.end(), p.employer[r]) != gone.end()) {
        continue;
      }
      auto& gi = group_of[static_cast<std::size_t>(p.employer[r])];
      if (gi < 0) {
        gi = static_cast<int>(groups.size());
        groups.push_back(g.addNode());
        arc(seats, groups.back(), 1);
      }
      const auto group = groups[static_cast<std::size_t>(gi)];
      if (lead && p.lead[r] != 0) {
        const auto pair = g.addNode();
        arc(group, pair, 1);
        arc(lead_seat, pair, 1);
        arc(pair, reviewer[r], 1);
      } else {
        arc(group, reviewer[r], 1);
      }
    }
    for (const auto& c : p.candidates[d]) {
      group_of[static_cast<std::size_t>(p.employer[static_cast<std::size_t>(c.reviewer)])] = -1;
    }
  }
  lemon::Preflow<Graph, Graph::ArcMap<std::int64_t>> preflow(g, cap, source, sink);
  preflow.runMinCut();
  if (short_side != nullptr) {
    // the dossiers on the source side of a minimum cut: together they need more places than
    // the reviewers they may have can give
    for (const auto& [d, node] : dossier_nodes) {
      if (preflow.minCut(node) && (short_side->empty() || short_side->back() != d)) {
        short_side->push_back(d);
      }
    }
    *missing = places - preflow.flowValue();
  }
  return preflow.flowValue() == places;
}

class Search {
public:
  Search(const Problem& p, const SolveOptions& options, Stats& stats, std::int64_t grain)
      : m_p(p), m_options(options), m_stats(stats), m_grain(grain)
  {
    // Small rounds take every candidate at once: one flow per subproblem instead of a
    // pruned flow and its pricing rounds.
    std::size_t pairs = 0;
    std::size_t longest = 0;
    for (const auto& list : p.candidates) {
      pairs += list.size();
      longest = std::max(longest, list.size());
    }
    m_prune =
        options.prune == 0 && pairs <= 100'000 ? std::max<std::size_t>(longest, 1) : options.prune;
  }

  // The bound rounded down to the affinities' greatest common divisor: every assignment's
  // affinity is a multiple of it.
  std::int64_t floor(std::int64_t scaled) const
  {
    const std::int64_t unit = m_grain * k_scale;
    const std::int64_t q = scaled >= 0 ? scaled / unit : -((-scaled + unit - 1) / unit);
    return q * m_grain;
  }

  Evaluation evaluate(const Node& node, const Multipliers& lambda)
  {
    const std::size_t dossiers = m_p.need.size();
    Evaluation e;
    auto need = m_p.need;
    e.capacity = m_p.capacity;
    std::vector<std::vector<int>> out_reviewers(dossiers);
    std::vector<std::vector<int>> out_employers(dossiers);
    std::vector<std::uint8_t> covered(dossiers, 0);
    std::int64_t forced = 0;
    e.panels.assign(dossiers, {});
    for (const auto& [d, r] : node.forced) {
      const auto ud = static_cast<std::size_t>(d);
      const auto ur = static_cast<std::size_t>(r);
      --need[ud];
      --e.capacity[ur];
      out_reviewers[ud].push_back(r);
      out_employers[ud].push_back(m_p.employer[ur]);
      covered[ud] = static_cast<std::uint8_t>(covered[ud] | m_p.traits[ur]);
      forced += pair_affinity(m_p, ud, r) * k_scale;
      e.panels[ud].push_back(r);
      if (need[ud] < 0 || e.capacity[ur] < 0) {
        return e;
      }
    }
    for (const auto& [d, r] : node.banned) {
      out_reviewers[static_cast<std::size_t>(d)].push_back(r);
    }
    Multipliers used(dossiers, {0, 0, 0});
    std::int64_t sum = 0;
    e.remaining.resize(dossiers);
    for (std::size_t d = 0; d < dossiers; ++d) {
      e.remaining[d] = static_cast<std::uint8_t>(m_p.require[d] & ~covered[d]);
      for (int t = 0; t < k_traits; ++t) {
        if (has(e.remaining[d], t)) {
          used[d][static_cast<std::size_t>(t)] = lambda[d][static_cast<std::size_t>(t)];
          sum += lambda[d][static_cast<std::size_t>(t)];
        }
      }
    }
    if (check_seats &&
        !lead_seats_fit(m_p, need, e.capacity, out_reviewers, out_employers, e.remaining)) {
      return e;
    }
    View view{&m_p.candidates, &m_p,           {},    {},          {},
              &out_reviewers,  &out_employers, &used, &m_p.traits, k_scale};
    auto flow = priced_flow(view, need, e.capacity, 1, false, m_prune, m_stats, &m_warm);
    if (!flow) {
      return e;
    }
    e.feasible = true;
    const std::int64_t value = -flow->cost;
    std::int64_t scaled = value + forced;
    e.covered = true;
    for (std::size_t d = 0; d < dossiers; ++d) {
      std::uint8_t got = 0;
      for (const auto& [r, units] : flow->flow[d]) {
        const auto t = m_p.traits[static_cast<std::size_t>(r)];
        got = static_cast<std::uint8_t>(got | t);
        for (int k = 0; k < k_traits; ++k) {
          if (has(t, k)) {
            scaled -= used[d][static_cast<std::size_t>(k)];
          }
        }
        e.panels[d].push_back(r);
      }
      e.covered = e.covered && (e.remaining[d] & ~got) == 0;
    }
    e.value = scaled / k_scale;
    e.bound = floor(value + forced - sum);
    return e;
  }

private:
  const Problem& m_p;
  const SolveOptions& m_options;
  Stats& m_stats;
  std::int64_t m_grain = 1;
  std::size_t m_prune = 0;
  std::vector<std::vector<char>> m_warm;

public:
  bool check_seats = true; // cleared once an assignment is known
};

// Members of the panel with the trait.
int count(const Problem& p, const std::vector<int>& panel, int trait)
{
  int n = 0;
  for (const int r : panel) {
    n += has(p.traits[static_cast<std::size_t>(r)], trait) ? 1 : 0;
  }
  return n;
}

// The pair to branch on at a node whose flow misses a trait or, with every trait there, holds
// two members with a trait whose multiplier is positive; (-1, -1) when a trait is missing and
// no candidate left can bring it (the node has no assignment).
std::pair<int, int> branching(const Problem& p, const Node& node, const Evaluation& e,
                              const Multipliers& lambda)
{
  const auto excluded = [&](std::size_t d, int r) {
    const auto pair = std::pair{static_cast<int>(d), r};
    if (std::find(node.banned.begin(), node.banned.end(), pair) != node.banned.end()) {
      return true;
    }
    for (const auto& [fd, fr] : node.forced) {
      if (fd == static_cast<int>(d) && (fr == r || p.employer[static_cast<std::size_t>(fr)] ==
                                                       p.employer[static_cast<std::size_t>(r)])) {
        return true;
      }
    }
    return false;
  };
  for (std::size_t d = 0; d < p.need.size(); ++d) {
    for (int t = 0; t < k_traits; ++t) {
      if (!has(e.remaining[d], t) || count(p, e.panels[d], t) > 0) {
        continue;
      }
      // the candidate with the trait worth most that still has a load left
      int best = -1;
      std::int32_t best_affinity = 0;
      for (const auto& c : p.candidates[d]) {
        const auto r = static_cast<std::size_t>(c.reviewer);
        if (!has(p.traits[r], t) || e.capacity[r] <= 0 || excluded(d, c.reviewer)) {
          continue;
        }
        if (best < 0 || c.affinity > best_affinity) {
          best = c.reviewer;
          best_affinity = c.affinity;
        }
      }
      return {best < 0 ? -1 : static_cast<int>(d), best};
    }
  }
  for (std::size_t d = 0; d < p.need.size(); ++d) {
    for (int t = 0; t < k_traits; ++t) {
      if (!has(e.remaining[d], t) || lambda[d][static_cast<std::size_t>(t)] <= 0 ||
          count(p, e.panels[d], t) < 2) {
        continue;
      }
      int best = -1;
      std::int32_t best_affinity = 0;
      for (const int r : e.panels[d]) {
        const auto a = pair_affinity(p, d, r);
        if (has(p.traits[static_cast<std::size_t>(r)], t) && !excluded(d, r) &&
            (best < 0 || a > best_affinity)) {
          best = r;
          best_affinity = a;
        }
      }
      if (best >= 0) {
        return {static_cast<int>(d), best};
      }
    }
  }
  return {-1, -1};
}

std::int64_t panels_value(const Problem& p, const Panels& panels)
{
  std::int64_t sum = 0;
  for (std::size_t d = 0; d < panels.size(); ++d) {
    for (const int r : panels[d]) {
      sum += pair_affinity(p, d, r);
    }
  }
  return sum;
}

} // namespace

std::vector<std::size_t> unstaffable(const Problem& p, std::int64_t& missing)
{
  std::vector<std::size_t> out;
  const std::vector<std::vector<int>> none(p.need.size());
  missing = 0;
  if (lead_seats_fit(p, p.need, p.capacity, none, none, p.require, &out, &missing)) {
    out.clear();
  }
  return out;
}

std::int32_t pair_affinity(const Problem& p, std::size_t d, int r)
{
  for (const auto& c : p.candidates[d]) {
    if (c.reviewer == r) {
      return c.affinity;
    }
  }
  return 0;
}

bool covers(const Problem& p, const Panels& panels)
{
  for (std::size_t d = 0; d < panels.size(); ++d) {
    std::uint8_t got = 0;
    for (const int r : panels[d]) {
      got = static_cast<std::uint8_t>(got | p.traits[static_cast<std::size_t>(r)]);
    }
    if ((p.require[d] & ~got) != 0) {
      return false;
    }
  }
  return true;
}

ExactResult exact_search(const Problem& p, std::optional<Panels> start, std::int64_t start_value,
                         const Panels& relaxed, std::int64_t relaxed_value, const Repair& repair,
                         const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  std::size_t pairs = 0;
  for (const auto& list : p.candidates) {
    pairs += list.size();
  }
  // Work limits by the size of the round, never by the clock: the same inputs give the same
  // panels on every machine.
  const std::size_t iterations = std::clamp<std::size_t>(40'000'000 / (pairs * 4 + 1), 2, 200);
  const std::size_t node_limit =
      options.node_limit > 0 ? options.node_limit
                             : std::clamp<std::size_t>(400'000'000 / (pairs * 8 + 1), 20, 20'000);
  ExactResult out;
  out.panels = std::move(start);
  out.value = out.panels ? start_value : 0;
  const auto better = [&](const Panels& panels, std::int64_t value) {
    if (!out.panels || value > out.value) {
      out.panels = panels;
      out.value = value;
    }
  };
  const auto proven = [&](std::int64_t bound) { return out.panels && out.value >= bound; };
  std::int64_t grain = 0;
  for (const auto& list : p.candidates) {
    for (const auto& c : list) {
      grain = std::gcd(grain, static_cast<std::int64_t>(std::abs(c.affinity)));
    }
  }
  Search search(p, options, stats, std::max<std::int64_t>(grain, 1));
  search.check_seats = !out.panels;
  std::int64_t best = relaxed_value;
  Multipliers best_lambda(dossiers, {0, 0, 0});
  // Subgradient steps from the relaxation (every multiplier zero), Polyak's step length
  // towards the incumbent's value.
  std::vector<std::array<double, k_traits>> lambda(dossiers, {0.0, 0.0, 0.0});
  Panels x = relaxed;
  double mu = 2.0;
  int stale = 0;
  const Node root;
  for (std::size_t it = 0; it < iterations && !proven(best); ++it) {
    std::vector<std::array<double, k_traits>> g(dossiers, {0.0, 0.0, 0.0});
    double norm = 0.0;
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (int t = 0; t < k_traits; ++t) {
        if (!has(p.require[d], t)) {
          continue;
        }
        const auto k = static_cast<std::size_t>(t);
        double s = 1.0 - count(p, x[d], t);
        if (lambda[d][k] <= 0.0 && s < 0.0) {
          s = 0.0;
        }
        g[d][k] = s;
        norm += s * s;
      }
    }
    if (norm == 0.0) {
      break; // every trait there, complementary: the iterate's bound is its value
    }
    const double target = out.panels
                              ? static_cast<double>(out.value)
                              : static_cast<double>(best) -
                                    std::max(50.0, 0.02 * std::abs(static_cast<double>(best)));
    const double step = mu * k_scale * std::max(1.0, static_cast<double>(best) - target) / norm;
    Multipliers li(dossiers, {0, 0, 0});
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (std::size_t k = 0; k < k_traits; ++k) {
        lambda[d][k] = std::max(0.0, lambda[d][k] + step * g[d][k]);
        li[d][k] = static_cast<std::int32_t>(std::lround(lambda[d][k]));
      }
    }
    auto e = search.evaluate(root, li);
    ++out.iterations;
    if (!e.feasible) {
      break;
    }
    if (e.bound < best) {
      best = e.bound;
      best_lambda = li;
      stale = 0;
    } else if (++stale >= 10) {
      mu /= 2.0;
      stale = 0;
    }
    if (e.covered) {
      better(e.panels, e.value);
    } else if (repair && (it < 4 || it % 4 == 0) && (it > 0 || !out.panels)) {
      // the repair costs two flows: at every early step, then at every fourth; not at the first
      // when the heuristic already gave an assignment (the first step moves the multipliers
      // little from the relaxation, whose repair that assignment is)
      if (auto fixed = repair(e.panels)) {
        better(*fixed, panels_value(p, *fixed));
      }
    }
    x = std::move(e.panels);
  }
  out.bound = best;
  if (proven(best)) {
    out.bound = out.value;
    return out;
  }
  // Depth first, the forcing child first: it completes an assignment soonest.
  std::vector<Node> stack;
  stack.push_back(Node{{}, {}, best});
  while (!stack.empty() && out.nodes < node_limit) {
    Node node = std::move(stack.back());
    stack.pop_back();
    if (proven(node.parent_bound)) {
      continue;
    }
    auto e = search.evaluate(node, best_lambda);
    ++out.nodes;
    if (!e.feasible) {
      continue;
    }
    const std::int64_t bound = std::min(e.bound, node.parent_bound);
    if (proven(bound)) {
      continue;
    }
    if (e.covered) {
      better(e.panels, e.value);
      search.check_seats = false;
      if (e.value >= bound) {
        continue;
      }
    }
    const auto [d, r] = branching(p, node, e, best_lambda);
    if (d < 0) {
      continue;
    }
    Node ban = node;
    ban.banned.emplace_back(d, r);
    ban.parent_bound = bound;
    Node force = std::move(node);
    force.forced.emplace_back(d, r);
    force.parent_bound = bound;
    stack.push_back(std::move(ban));
    stack.push_back(std::move(force));
  }
  out.exhausted = stack.empty();
  std::int64_t open = out.panels ? out.value : std::numeric_limits<std::int64_t>::min();
  for (const auto& node : stack) {
    open = std::max(open, node.parent_bound);
  }
  out.bound = std::min(best, open);
  if (!out.panels && stack.empty()) {
    out.bound = 0;
  }
  return out;
}

} // namespace sqma::panel
