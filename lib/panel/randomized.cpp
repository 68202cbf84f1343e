// SPDX-License-Identifier: Apache-2.0
// The randomized mode of the panel solver: every reviewer-dossier pair's chance capped, panels
// drawn from a rounded flow of the capped relaxation or from a distribution over whole
// assignments found by column generation.
#include "panel/solver.hpp"
#include "panel/solver_detail.hpp"

#include "panel/exact.hpp"
#include "panel/mixture.hpp"
#include "panel/pricing.hpp"
#include "panel/rounding.hpp"

#include <fmt/format.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace sqma::panel::detail {
namespace {

// One part of a panel in the randomized mode: a seat for a required trait (`trait` >= 0) or the
// other seats (-1), with the employers whose reviewers it may take.
struct Part {
  std::size_t dossier = 0;
  int trait = -1;
  int need = 0;
};

// The parts of each dossier's panel: a seat per required trait, taken only from employers given
// to that seat, and the other seats from the remaining employers. No employer serves two parts
// of one panel, so draws of the parts never clash, and a pair lies in one part only, so its
// chance is that part's. For each seat the employers with most reviewers who have the trait
// come first, until their pairs can carry `margin` seats at the cap.
void split(const Problem& p, std::size_t d, std::int64_t cap, std::int64_t scale, int margin,
           std::vector<Part>& parts, Candidates& lists)
{
  std::map<int, std::vector<Candidate>> by_employer;
  for (auto c : p.candidates[d]) {
    c.cap = static_cast<std::int32_t>(cap);
    by_employer[p.employer[static_cast<std::size_t>(c.reviewer)]].push_back(c);
  }
  int seats = 0;
  for (int t = 0; t < k_traits; ++t) {
    if ((p.require[d] & (1U << static_cast<unsigned>(t))) == 0) {
      continue;
    }
    const auto trait = static_cast<std::uint8_t>(1U << static_cast<unsigned>(t));
    std::vector<std::tuple<std::int64_t, std::size_t, int>> order; // (-carry, others, employer)
    for (const auto& [e, list] : by_employer) {
      std::int64_t with = 0;
      for (const auto& c : list) {
        with += (p.traits[static_cast<std::size_t>(c.reviewer)] & trait) != 0 ? 1 : 0;
      }
      if (with > 0) {
        order.emplace_back(-std::min(scale, with * cap),
                           list.size() - static_cast<std::size_t>(with), e);
      }
    }
    std::sort(order.begin(), order.end());
    std::vector<Candidate> seat;
    std::int64_t carried = 0;
    for (const auto& [carry, others, e] : order) {
      if (carried >= margin * scale) {
        break;
      }
      carried -= carry;
      for (const auto& c : by_employer[e]) {
        if ((p.traits[static_cast<std::size_t>(c.reviewer)] & trait) != 0) {
          seat.push_back(c);
        }
      }
      by_employer.erase(e);
    }
    parts.push_back({d, t, 1});
    lists.push_back(std::move(seat));
    ++seats;
  }
  std::vector<Candidate> rest;
  for (const auto& [e, list] : by_employer) {
    rest.insert(rest.end(), list.begin(), list.end());
  }
  std::sort(rest.begin(), rest.end(),
            [](const Candidate& a, const Candidate& b) { return a.affinity > b.affinity; });
  parts.push_back({d, -1, p.need[d] - seats});
  lists.push_back(std::move(rest));
}

// The randomized mode when a panel requires at most a lead (no diversity rule), exactly: the
// capped relaxation is one flow. Each dossier d sends its panel size through two nodes, its
// lead side (at least one unit: the lead rule) and its other side; the lead side reaches the
// lead-qualified candidates, the other side the rest, each employer through a node of
// capacity one on its side (the employer rule), each pair with capacity `cap`, each reviewer
// with their load. When no employer offers a panel candidates on both sides, these are
// exactly the rules of the relaxation, so the flow is feasible if and only if the capped
// relaxation (lead rule included) is, and a dependent rounding of it draws panels that meet
// every rule with each pair's probability its flow. An employer on both sides of a panel
// (lead-qualified and other candidates) has a node on each, which relaxes the employer rule:
// if the optimum uses both, a depth-first search puts every such employer on one side of its
// panel (the side it uses more) and solves the flow again; when that is infeasible, it decides
// the first of them alone, one side then the other. `refused` is set
// when the first flow, a relaxation of the capped relaxation, is infeasible: then no
// fractional assignment exists; `exhausted` when every branch of the search is infeasible.
std::optional<Solution> capped_draw(const Problem& p, std::int64_t cap, std::int64_t scale,
                                    const SolveOptions& options, Stats& stats, bool& refused,
                                    bool& exhausted)
{
  using Graph = lemon::SmartDigraph;
  const std::size_t dossiers = p.need.size();
  const std::size_t reviewers = p.capacity.size();
  refused = false;
  exhausted = false;
  // A step of the search: the side of each employer that clashed in one flow, all at once (a
  // batch), or one of them alone once the batch proved infeasible.
  struct Decision {
    std::vector<std::pair<std::pair<std::size_t, int>, int>> sides; // (dossier, employer), side
    bool second = false; // the other side was tried first (single decisions only)
  };
  std::vector<Decision> decisions;
  // the search's flows, fewer on large rounds (each flow holds every candidate pair; the
  // distribution over whole assignments takes over when the search ends)
  std::size_t pairs_in_round = 0;
  for (const auto& list : p.candidates) {
    pairs_in_round += list.size();
  }
  const int k_flows = static_cast<int>(
      std::clamp<std::size_t>(1'000'000 / (pairs_in_round + 1), std::size_t{3}, std::size_t{64}));
  for (int attempt = 0; attempt < k_flows; ++attempt) {
    std::map<std::pair<std::size_t, int>, int> role; // 1 lead side only, 2 other side only
    for (const auto& decision : decisions) {
      for (const auto& [key, side] : decision.sides) {
        role[key] = side;
      }
    }
    Graph g;
    const Graph::Node source = g.addNode();
    const Graph::Node sink = g.addNode();
    std::vector<Graph::Node> rnode(reviewers);
    for (auto& n : rnode) {
      n = g.addNode();
    }
    Graph::ArcMap<std::int64_t> lower(g, 0);
    Graph::ArcMap<std::int64_t> upper(g, 0);
    Graph::ArcMap<std::int64_t> cost(g, 0);
    const auto arc = [&](Graph::Node u, Graph::Node v, std::int64_t lo, std::int64_t hi,
                         std::int64_t k) {
      const auto a = g.addArc(u, v);
      lower.set(a, lo);
      upper.set(a, hi);
      cost.set(a, k);
      return a;
    };
    struct PairArc {
      Graph::Arc arc;
      std::size_t dossier;
      int reviewer;
      bool lead_side;
      int employer;
    };
    std::vector<PairArc> pairs;
    std::vector<Graph::Arc> inner; // arcs of the rounding besides the pairs
    std::int64_t supply = 0;
    for (std::size_t d = 0; d < dossiers; ++d) {
      if (p.need[d] <= 0) {
        continue;
      }
      const std::int64_t size = p.need[d] * scale;
      supply += size;
      const Graph::Node root = g.addNode();
      arc(source, root, 0, size, 0);
      const bool led = (p.require[d] & k_lead_trait) != 0;
      Graph::Node lead_side = root;
      Graph::Node other_side = root;
      if (led) {
        lead_side = g.addNode();
        other_side = g.addNode();
        inner.push_back(arc(root, lead_side, scale, size, 0));
        inner.push_back(arc(root, other_side, 0, size - scale, 0));
      }
      std::map<int, std::pair<std::vector<Candidate>, std::vector<Candidate>>> by_employer;
      for (const auto& c : p.candidates[d]) {
        const auto r = static_cast<std::size_t>(c.reviewer);
        auto& sides = by_employer[p.employer[r]];
        (led && p.lead[r] != 0 ? sides.first : sides.second).push_back(c);
      }
      for (auto& [e, sides] : by_employer) {
        if (const auto it = role.find({d, e}); it != role.end()) {
          if (it->second == 1) {
            sides.second.clear();
          } else {
            sides.second.insert(sides.second.end(), sides.first.begin(), sides.first.end());
            sides.first.clear();
          }
        }
        for (const bool on_lead : {true, false}) {
          const auto& list = on_lead ? sides.first : sides.second;
          if (list.empty()) {
            continue;
          }
          Graph::Node from = on_lead ? lead_side : other_side;
          if (list.size() > 1) {
            const Graph::Node group = g.addNode();
            inner.push_back(arc(from, group, 0, scale, 0));
            from = group;
          }
          for (const auto& c : list) {
            pairs.push_back({arc(from, rnode[static_cast<std::size_t>(c.reviewer)], 0,
                                 std::min(cap, scale), -static_cast<std::int64_t>(c.affinity)),
                             d, c.reviewer, on_lead, e});
          }
        }
      }
    }
    for (std::size_t r = 0; r < reviewers; ++r) {
      if (p.capacity[r] > 0) {
        inner.push_back(arc(rnode[r], sink, 0, p.capacity[r] * scale, 0));
      }
    }
    Graph::NodeMap<std::int64_t> supplies(g, 0);
    supplies.set(source, supply);
    supplies.set(sink, -supply);
    lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(g);
    simplex.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(supplies);
    ++stats.flows;
    stats.arcs = std::max(stats.arcs, static_cast<std::size_t>(g.arcNum()));
    if (simplex.run() != decltype(simplex)::OPTIMAL) {
      refused = attempt == 0;
      while (!decisions.empty() && decisions.back().second) {
        decisions.pop_back();
      }
      if (decisions.empty()) {
        exhausted = !refused;
        return std::nullopt;
      }
      auto& last = decisions.back();
      if (last.sides.size() > 1) {
        last.sides.resize(1); // the batch failed: decide its first employer alone
      } else {
        last.sides.front().second = 3 - last.sides.front().second;
        last.second = true;
      }
      continue;
    }
    // an employer whose lead-qualified and other candidates both carry flow on one panel
    std::map<std::pair<std::size_t, int>, std::pair<std::int64_t, std::int64_t>> sides;
    for (const auto& pa : pairs) {
      if (const auto f = simplex.flow(pa.arc); f > 0) {
        auto& [l, o] = sides[{pa.dossier, pa.employer}];
        (pa.lead_side ? l : o) += f;
      }
    }
    Decision clashes;
    for (const auto& [key, units] : sides) {
      if (units.first > 0 && units.second > 0) {
        clashes.sides.emplace_back(key, units.first >= units.second ? 1 : 2);
      }
    }
    if (!clashes.sides.empty()) {
      decisions.push_back(std::move(clashes));
      continue;
    }
    std::vector<NetworkEdge> edges;
    for (const auto a : inner) {
      if (const auto f = simplex.flow(a); f > 0) {
        edges.push_back({static_cast<std::size_t>(g.id(g.source(a))),
                         static_cast<std::size_t>(g.id(g.target(a))), f, -1, -1});
      }
    }
    std::vector<std::map<int, double>> chance(dossiers);
    std::vector<std::size_t> pair_of; // pair index per edge of a pair
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (const auto f = simplex.flow(pairs[i].arc); f > 0) {
        chance[pairs[i].dossier][pairs[i].reviewer] =
            static_cast<double>(f) / static_cast<double>(scale);
        pair_of.push_back(i);
        edges.push_back({static_cast<std::size_t>(g.id(g.source(pairs[i].arc))),
                         static_cast<std::size_t>(g.id(g.target(pairs[i].arc))), f,
                         static_cast<int>(pairs[i].dossier), pairs[i].reviewer});
      }
    }
    Random random(options.seed);
    round_network(edges, static_cast<std::size_t>(g.nodeNum()), scale, random);
    Solution s;
    s.lead.assign(dossiers, -1);
    s.members.resize(dossiers);
    s.probability.resize(dossiers);
    std::vector<std::vector<int>> leads(dossiers);
    const std::size_t first_pair = edges.size() - pair_of.size();
    for (std::size_t i = first_pair; i < edges.size(); ++i) {
      const auto& pa = pairs[pair_of[i - first_pair]];
      if (edges[i].units == scale) {
        (pa.lead_side ? leads[pa.dossier] : s.members[pa.dossier]).push_back(pa.reviewer);
      }
    }
    for (std::size_t d = 0; d < dossiers; ++d) {
      if (p.fixed_lead[d] >= 0) {
        s.lead[d] = p.fixed_lead[d];
        s.members[d].insert(s.members[d].end(), leads[d].begin(), leads[d].end());
      } else if (p.need[d] > 0) {
        // the lead side's best reviewer leads (without a lead rule, the best who may lead)
        s.members[d].insert(s.members[d].end(), leads[d].begin(), leads[d].end());
        s.lead[d] = best_lead(p, d, leads[d].empty() ? s.members[d] : leads[d]);
        std::erase(s.members[d], s.lead[d]);
      }
      std::sort(s.members[d].begin(), s.members[d].end());
      s.probability[d].push_back(p.fixed_lead[d] >= 0 ? 1.0
                                 : s.lead[d] >= 0     ? chance[d][s.lead[d]]
                                                      : 0.0);
      for (const int r : s.members[d]) {
        s.probability[d].push_back(chance[d][r]);
      }
    }
    s.marginals.resize(dossiers);
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (const auto& [r, q] : chance[d]) {
        if (r >= 0 && q > 0) {
          s.marginals[d].emplace_back(r, q);
        }
      }
    }
    return finish(p, std::move(s), stats, "randomized");
  }
  return std::nullopt;
}

// The randomized mode over whole assignments, when the flows above found no fractional assignment
// to round: a probability distribution over assignments that each meet every rule, with no pair
// above the cap, found by column generation. The master LP over the assignments found so far
// minimises the largest marginal z; its duals y ≥ 0 on the pairs (summing to 1) price a new
// assignment: the exact deterministic solver, on the same rules, maximises Σ (W − y_p) a_p, that
// is minimises y·a (every assignment fills the same places). For every distribution the largest
// marginal is at least the y-weighted mean of its marginals, E[y·a] ≥ min_a y·a: when that
// minimum exceeds the cap, no distribution keeps every pair under it, and the refusal says so.
// Once z is under the cap, phase 2 raises the expected affinity under the cap (the duals π of
// the cap rows price with weights affinity − π). One assignment is drawn with its probability;
// each pair's probability is its marginal Σ_a λ_a a_p. The columns are bounded by the size of
// the round, never by the clock.
Result<Solution> mixture_draw(const Problem& p, std::int64_t cap, std::int64_t scale,
                              const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  const double target = static_cast<double>(cap) / static_cast<double>(scale);
  // pairs numbered by dossier and candidate; per dossier, (reviewer, pair) sorted
  std::vector<std::size_t> first(dossiers + 1, 0);
  std::vector<std::vector<std::pair<int, std::size_t>>> where(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    first[d + 1] = first[d] + p.candidates[d].size();
    for (std::size_t k = 0; k < p.candidates[d].size(); ++k) {
      where[d].emplace_back(p.candidates[d][k].reviewer, first[d] + k);
    }
    std::sort(where[d].begin(), where[d].end());
  }
  const std::size_t pairs = first[dossiers];
  const auto column_of = [&](const Panels& panels) {
    std::vector<std::size_t> out;
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (const int r : panels[d]) {
        const auto it =
            std::lower_bound(where[d].begin(), where[d].end(), std::pair<int, std::size_t>{r, 0});
        out.push_back(it->second);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  Problem q = p;
  SolveOptions exact;
  exact.prune = options.prune;
  exact.node_limit = options.node_limit;
  exact.spread_load = false;
  // Pricing: the exact deterministic solver with the given value per pair. `proven` says whether
  // the assignment returned is proven optimal; nullopt with the solver's refusal in `failed`.
  std::optional<Failure> failed;
  const auto price = [&](const std::vector<std::int32_t>& value,
                         bool& proven) -> std::optional<Panels> {
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (std::size_t k = 0; k < q.candidates[d].size(); ++k) {
        q.candidates[d][k].affinity = value[first[d] + k];
      }
    }
    auto s = solve(q, exact);
    if (!s) {
      failed = s.failure();
      proven = false;
      return std::nullopt;
    }
    proven = s->optimal;
    stats.flows += s->flows;
    stats.arcs = std::max(stats.arcs, s->arcs);
    return panels_of(q, s.value());
  };
  // a distribution under p needs about 1/p assignments at least, whatever the round's size
  const std::size_t limit = std::clamp<std::size_t>(2'000'000 / (pairs + 1), 8, 400) +
                            static_cast<std::size_t>(2 * scale / cap);
  const auto not_found = [&](const std::string& why) {
    return Failure{ExitCode::data,
                   fmt::format("no random assignment found with no pair above probability {} ({}); "
                               "this does not prove that none exists",
                               target, why)};
  };
  std::vector<std::int32_t> affinity(pairs, 0);
  for (std::size_t d = 0; d < dossiers; ++d) {
    for (std::size_t k = 0; k < p.candidates[d].size(); ++k) {
      affinity[first[d] + k] = p.candidates[d][k].affinity;
    }
  }
  auto value = affinity;
  bool proven = false;
  auto start = price(value, proven);
  if (!start) {
    return *failed; // no assignment at all, or none found: the deterministic mode's refusal
  }
  std::vector<Panels> assignments{*start};
  std::vector<std::vector<std::size_t>> columns{column_of(*start)};
  std::set<std::vector<std::size_t>> seen{columns.front()};
  // the master LPs' rows: the pairs of some column
  std::vector<std::size_t> row_of(pairs, pairs);
  std::vector<std::size_t> pair_of_row;
  const auto rows = [&]() {
    std::vector<std::vector<std::size_t>> out;
    for (const auto& c : columns) {
      std::vector<std::size_t> r;
      for (const auto pair : c) {
        if (row_of[pair] == pairs) {
          row_of[pair] = pair_of_row.size();
          pair_of_row.push_back(pair);
        }
        r.push_back(row_of[pair]);
      }
      out.push_back(std::move(r));
    }
    return out;
  };
  const auto largest = [&](const std::vector<double>& lambda) {
    // the last LP may have been solved before the last columns were added: they weigh 0
    std::vector<double> m(pairs, 0.0);
    for (std::size_t a = 0; a < std::min(columns.size(), lambda.size()); ++a) {
      for (const auto pair : columns[a]) {
        m[pair] += lambda[a];
      }
    }
    return m;
  };
  constexpr std::int64_t k_dual_scale = 1'000'000;
  std::vector<double> lambda;
  // Phase 1. The LP's duals alone make slow progress (they sit on the few pairs at z, and a new
  // column only moves those): each column is first priced at a mix, 4:1, of the current
  // marginals, normalised, which steer away from every pair much used, and the duals; a column
  // that does not lower z at the duals alone is priced again at those. Every pricing, at any
  // weights, gives a lower bound on the largest marginal of every random assignment.
  double lower = 0.0;
  while (true) {
    const auto lp = min_largest_marginal(pair_of_row.size(), rows());
    if (!lp.solved) {
      return not_found("the linear programme over the assignments found was not solved");
    }
    const auto m = largest(lp.lambda);
    const double z = m.empty() ? 0.0 : *std::max_element(m.begin(), m.end());
    if (z <= target + 1e-9) {
      lambda = lp.lambda;
      break;
    }
    if (columns.size() >= limit) {
      return not_found(fmt::format("{} assignments, the bound for this round, give no pair less "
                                   "than {:.4f}; every random assignment has a pair at {:.4f} or "
                                   "more",
                                   columns.size(), lp.value, lower));
    }
    std::vector<double> dual(pairs, 0.0);
    for (std::size_t row = 0; row < pair_of_row.size(); ++row) {
      dual[pair_of_row[row]] = lp.dual[row];
    }
    double m_sum = 0.0;
    for (const double x : m) {
      m_sum += x;
    }
    bool added = false;
    for (const double alpha : {0.8, 0.0}) {
      std::vector<std::int64_t> y(pairs, 0);
      std::int64_t sum = 0;
      for (std::size_t pair = 0; pair < pairs; ++pair) {
        const double mixed = alpha * m[pair] / m_sum + (1.0 - alpha) * dual[pair];
        y[pair] = std::clamp<std::int64_t>(std::llround(mixed * static_cast<double>(k_dual_scale)),
                                           0, k_dual_scale);
        sum += y[pair];
        value[pair] = static_cast<std::int32_t>(k_dual_scale - y[pair]);
      }
      auto next = price(value, proven);
      if (!next) {
        return not_found("a pricing search stopped at its branch-and-bound node limit");
      }
      auto column = column_of(*next);
      std::int64_t weighted = 0;
      double at_lp = 0.0;
      for (const auto pair : column) {
        weighted += y[pair];
        at_lp += dual[pair];
      }
      if (proven && sum > 0) {
        if (weighted * scale > cap * sum) {
          return Failure{
              ExitCode::data,
              fmt::format(
                  "no random assignment keeps every pair at or below probability {}: pair "
                  "weights that sum to 1 weigh every assignment that meets every rule at {:.4f} "
                  "or more, so in every random assignment some pair has at least that "
                  "probability",
                  target, static_cast<double>(weighted) / static_cast<double>(sum))};
        }
        lower = std::max(lower, static_cast<double>(weighted) / static_cast<double>(sum));
      }
      if (at_lp < lp.value - 1e-9 && seen.insert(column).second) {
        assignments.push_back(std::move(*next));
        columns.push_back(std::move(column));
        added = true;
        break;
      }
    }
    if (!added) {
      return not_found(proven ? fmt::format("the column generation stalled at {:.4f}", lp.value)
                              : "a pricing search stopped at its branch-and-bound node limit");
    }
  }
  // Phase 2: the expected affinity under the cap, priced with affinity − π in hundredths of a
  // hundredth, shifted to be nonnegative (every assignment fills the same places).
  const auto worth = [&](const std::vector<std::size_t>& column) {
    double sum = 0.0;
    for (const auto pair : column) {
      sum += affinity[pair];
    }
    return sum;
  };
  constexpr std::int64_t k_value_scale = 100;
  double previous = -1.0;
  // LPs in a row whose optimum did not rise (a degenerate LP can take columns that price in at
  // its duals without moving), at most an eighth of the bound
  int stalled = 0;
  const int stall_limit = static_cast<int>(std::max<std::size_t>(2, limit / 8));
  while (pairs > 0 && columns.size() < limit && stalled < stall_limit) {
    std::vector<double> values;
    for (const auto& c : columns) {
      values.push_back(worth(c));
    }
    const auto lp = best_value_under_cap(pair_of_row.size(), rows(), values, target);
    if (!lp.solved) {
      break;
    }
    const auto m = largest(lp.lambda);
    if (!m.empty() && *std::max_element(m.begin(), m.end()) > target + 1e-9) {
      break;
    }
    lambda = lp.lambda;
    stalled = lp.value > previous + 0.01 ? 0 : stalled + 1;
    previous = lp.value;
    std::vector<std::int64_t> w(pairs, 0);
    for (std::size_t pair = 0; pair < pairs; ++pair) {
      w[pair] = static_cast<std::int64_t>(affinity[pair]) * k_value_scale;
    }
    for (std::size_t row = 0; row < pair_of_row.size(); ++row) {
      w[pair_of_row[row]] -= std::llround(lp.dual[row] * static_cast<double>(k_value_scale));
    }
    const auto [low, high] = std::minmax_element(w.begin(), w.end());
    const std::int64_t shift = std::max<std::int64_t>(0, -*low);
    if (*high + shift > 100'000'000) {
      break;
    }
    for (std::size_t pair = 0; pair < pairs; ++pair) {
      value[pair] = static_cast<std::int32_t>(w[pair] + shift);
    }
    auto next = price(value, proven);
    if (!next) {
      break;
    }
    auto column = column_of(*next);
    // the column's reduced value at the unrounded duals: it must raise the LP's optimum by more
    // than a ten-thousandth of a point, not by the rounding of the weights
    double gain = worth(column);
    for (const auto pair : column) {
      if (row_of[pair] < pair_of_row.size()) {
        gain -= lp.dual[row_of[pair]];
      }
    }
    if (gain <= lp.convexity_dual + 0.01 || !seen.insert(column).second) {
      break;
    }
    assignments.push_back(std::move(*next));
    columns.push_back(std::move(column));
  }
  // The draw.
  const auto m = largest(lambda);
  Random random(options.seed);
  constexpr std::uint64_t k_grid = std::uint64_t{1} << 53U;
  const double u = static_cast<double>(random.uniform(k_grid)) / static_cast<double>(k_grid);
  std::size_t pick = 0;
  double cumulative = 0.0;
  for (std::size_t a = 0; a < lambda.size(); ++a) {
    if (lambda[a] <= 0.0) {
      continue;
    }
    pick = a;
    cumulative += lambda[a];
    if (u < cumulative) {
      break;
    }
  }
  Solution s = from_panels(p, assignments[pick]);
  s.probability.resize(dossiers);
  s.marginals.resize(dossiers);
  const auto chance = [&](std::size_t d, int r) {
    const auto it =
        std::lower_bound(where[d].begin(), where[d].end(), std::pair<int, std::size_t>{r, 0});
    return std::min(m[it->second], target);
  };
  for (std::size_t d = 0; d < dossiers; ++d) {
    s.probability[d].push_back(p.fixed_lead[d] >= 0 ? 1.0
                               : s.lead[d] >= 0     ? chance(d, s.lead[d])
                                                    : 0.0);
    std::sort(s.members[d].begin(), s.members[d].end());
    for (const int r : s.members[d]) {
      s.probability[d].push_back(chance(d, r));
    }
    for (const auto& [r, pair] : where[d]) {
      if (m[pair] > 0.0) {
        s.marginals[d].emplace_back(r, std::min(m[pair], target));
      }
    }
  }
  auto out = finish(p, std::move(s), stats, "mixture");
  out.iterations = columns.size();
  return out;
}

} // namespace

Result<Solution> solve_randomized(const Problem& p, const SolveOptions& options)
{
  constexpr std::int64_t scale = 1000;
  const double probability = *options.max_probability;
  const auto cap = static_cast<std::int64_t>(std::floor(probability * scale + 1e-9));
  if (cap < 1 || probability > 1.0) {
    return Failure{ExitCode::usage,
                   fmt::format("--max-probability {} must lie in [0.001, 1]", probability)};
  }
  const std::size_t dossiers = p.need.size();
  bool own_seats = true; // every trait a panel requires can have a seat of its own
  for (std::size_t d = 0; d < dossiers; ++d) {
    own_seats = own_seats && std::popcount(static_cast<unsigned>(p.require[d])) <= p.need[d];
  }
  Stats stats;
  const bool leads_only = std::all_of(p.require.begin(), p.require.end(),
                                      [](std::uint8_t r) { return (r & ~k_lead_trait) == 0; });
  if (leads_only) {
    bool refused = false;
    bool exhausted = false;
    if (auto s = capped_draw(p, cap, scale, options, stats, refused, exhausted)) {
      return std::move(*s);
    }
    if (refused) {
      return Failure{ExitCode::data,
                     fmt::format("no random assignment keeps every pair at or below probability "
                                 "{}: no fractional assignment gives every panel its lead with no "
                                 "pair above it",
                                 static_cast<double>(cap) / static_cast<double>(scale))};
    }
  }
  // With the diversity rule: a flow over the parts: a fractional assignment that meets every
  // rule, lead rule included, with no pair above the cap. More employers go to the trait seats
  // while it is infeasible.
  for (const int margin : {1, 2, 4, 1000}) {
    if (leads_only || !own_seats) {
      break; // without the diversity rule the search above tried the sides of each employer
    }
    std::vector<Part> parts;
    Problem q;
    q.capacity = p.capacity;
    q.employer = p.employer;
    q.lead = p.lead;
    for (std::size_t d = 0; d < dossiers; ++d) {
      split(p, d, cap, scale, margin, parts, q.candidates);
    }
    for (const auto& part : parts) {
      q.need.push_back(part.need);
      q.fixed_lead.push_back(-1);
    }
    auto flow = priced_flow(View{&q.candidates, &q, {}, {}, {}}, q.need, q.capacity, scale, false,
                            options.prune, stats);
    if (!flow) {
      continue;
    }
    Random random(options.seed);
    const auto drawn = round_flow(flow->flow, p.employer, scale, random);
    Solution s;
    s.lead.assign(dossiers, -1);
    s.members.resize(dossiers);
    s.probability.resize(dossiers);
    std::vector<std::map<int, double>> chance(dossiers);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const auto d = parts[k].dossier;
      for (const auto& [r, units] : flow->flow[k]) {
        chance[d][r] = static_cast<double>(units) / scale;
      }
      for (const int r : drawn[k]) {
        if (parts[k].trait == 0) {
          s.lead[d] = r;
        } else {
          s.members[d].push_back(r);
        }
      }
    }
    for (std::size_t d = 0; d < dossiers; ++d) {
      if (p.fixed_lead[d] >= 0) {
        s.lead[d] = p.fixed_lead[d];
      } else if (s.lead[d] < 0 && p.need[d] > 0) {
        // no lead seat (none required): the best lead-qualified member leads
        s.lead[d] = best_lead(p, d, s.members[d]);
        std::erase(s.members[d], s.lead[d]);
      }
      std::sort(s.members[d].begin(), s.members[d].end());
      s.probability[d].push_back(p.fixed_lead[d] >= 0 ? 1.0 : chance[d][s.lead[d]]);
      for (const int r : s.members[d]) {
        s.probability[d].push_back(chance[d][r]);
      }
    }
    s.marginals.resize(dossiers);
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (const auto& [r, chance_of] : chance[d]) {
        if (r >= 0 && chance_of > 0) {
          s.marginals[d].emplace_back(r, chance_of);
        }
      }
    }
    return finish(p, std::move(s), stats, "randomized");
  }
  // Neither flow gave a fractional assignment to round: a distribution over whole assignments.
  return mixture_draw(p, cap, scale, options, stats);
}

} // namespace sqma::panel::detail
