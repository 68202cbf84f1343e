// SPDX-License-Identifier: Apache-2.0
#include "panel/solver.hpp"
#include "panel/solver_detail.hpp"

#include "panel/exact.hpp"
#include "panel/pricing.hpp"

#include "core/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <thread>

namespace sqma::panel {
namespace {

using FlowPairs = std::vector<std::vector<std::pair<int, std::int64_t>>>;

std::vector<std::vector<int>> whole_units(const FlowPairs& flow)
{
  std::vector<std::vector<int>> out(flow.size());
  for (std::size_t d = 0; d < flow.size(); ++d) {
    for (const auto& [r, units] : flow[d]) {
      out[d].push_back(r);
    }
  }
  return out;
}

Failure no_assignment(const std::string& what)
{
  return Failure{ExitCode::data, fmt::format("no assignment meets every constraint ({})", what)};
}

std::int64_t total_affinity(const Problem& p, const Solution& s)
{
  std::int64_t sum = 0;
  for (std::size_t d = 0; d < p.candidates.size(); ++d) {
    for (const auto& c : p.candidates[d]) {
      const bool lead = p.fixed_lead[d] < 0 && c.reviewer == s.lead[d];
      const bool member =
          std::find(s.members[d].begin(), s.members[d].end(), c.reviewer) != s.members[d].end();
      if (lead || member) {
        sum += c.affinity;
      }
    }
  }
  return sum;
}

} // namespace

namespace detail {

// The lead-qualified reviewer of a panel with the highest affinity (lowest index on ties);
// -1 if none may lead.
int best_lead(const Problem& p, std::size_t d, const std::vector<int>& panel)
{
  int best = -1;
  std::int32_t best_affinity = 0;
  for (const int r : panel) {
    if (p.lead[static_cast<std::size_t>(r)] == 0) {
      continue;
    }
    std::int32_t a = 0;
    for (const auto& c : p.candidates[d]) {
      if (c.reviewer == r) {
        a = c.affinity;
      }
    }
    if (best < 0 || a > best_affinity || (a == best_affinity && r < best)) {
      best = r;
      best_affinity = a;
    }
  }
  return best;
}

Solution finish(const Problem& p, Solution s, const Stats& stats, std::string method)
{
  s.method = std::move(method);
  s.flows = stats.flows;
  s.arcs = stats.arcs;
  s.priced_in = stats.priced_in;
  s.full_graph = stats.full_graph;
  for (auto& m : s.members) {
    std::sort(m.begin(), m.end());
  }
  s.affinity = total_affinity(p, s);
  return s;
}

// Every reviewer the solver chose for each dossier, the lead included.
Panels panels_of(const Problem& p, const Solution& s)
{
  Panels out(s.members.size());
  for (std::size_t d = 0; d < out.size(); ++d) {
    out[d] = s.members[d];
    if (p.fixed_lead[d] < 0 && s.lead[d] >= 0) {
      out[d].push_back(s.lead[d]);
    }
  }
  return out;
}

// The panels as a Solution: the fixed lead, else the lead-qualified member of highest affinity.
Solution from_panels(const Problem& p, const Panels& panels)
{
  Solution s;
  s.lead.assign(panels.size(), -1);
  s.members.resize(panels.size());
  for (std::size_t d = 0; d < panels.size(); ++d) {
    s.lead[d] = p.fixed_lead[d] >= 0 ? p.fixed_lead[d] : best_lead(p, d, panels[d]);
    for (const int r : panels[d]) {
      if (r != s.lead[d] || p.fixed_lead[d] >= 0) {
        s.members[d].push_back(r);
      }
    }
  }
  return s;
}

} // namespace detail

namespace {

using detail::best_lead;
using detail::finish;
using detail::from_panels;
using detail::panels_of;

// Reviewers' capacities after the leads took one dossier each, and the members still needed.
void after_leads(const Problem& p, const std::vector<int>& lead, std::vector<int>& capacity,
                 std::vector<int>& need)
{
  capacity = p.capacity;
  need = p.need;
  for (std::size_t d = 0; d < lead.size(); ++d) {
    if (p.fixed_lead[d] < 0 && lead[d] >= 0) {
      --capacity[static_cast<std::size_t>(lead[d])];
      --need[d];
    }
  }
}

// The panels of a flow with the best lead-qualified member of each as its lead; nullopt when
// some panel has none.
std::optional<Solution> led(const Problem& p, const FlowOutput& out)
{
  const auto panels = whole_units(out.flow);
  Solution s;
  s.lead.assign(panels.size(), -1);
  s.members.resize(panels.size());
  for (std::size_t d = 0; d < panels.size(); ++d) {
    s.lead[d] = p.fixed_lead[d] >= 0 ? p.fixed_lead[d] : best_lead(p, d, panels[d]);
    if (s.lead[d] < 0 && p.need[d] > 0) {
      return std::nullopt;
    }
    for (const int r : panels[d]) {
      if (r != s.lead[d]) {
        s.members[d].push_back(r);
      }
    }
  }
  return s;
}

// The best members for the leads given (convex load costs: equal affinities spread the load),
// away from each lead's employer and with the leads' loads taken off; nullopt when the
// places left cannot be filled.
std::optional<Solution> members_for(const Problem& p, std::vector<int> lead,
                                    const SolveOptions& options, Stats& stats,
                                    std::vector<std::vector<char>>* warm)
{
  const std::size_t dossiers = p.need.size();
  Solution s;
  s.lead = std::move(lead);
  View members_view{&p.candidates, &p, std::vector<int>(dossiers, -1), {}, {}};
  for (std::size_t d = 0; d < dossiers; ++d) {
    if (p.fixed_lead[d] < 0 && s.lead[d] >= 0) {
      members_view.banned_employer[d] = p.employer[static_cast<std::size_t>(s.lead[d])];
    }
  }
  std::vector<int> capacity;
  std::vector<int> need;
  after_leads(p, s.lead, capacity, need);
  auto members =
      priced_flow(members_view, need, capacity, 1, options.spread_load, options.prune, stats, warm);
  if (!members) {
    return std::nullopt;
  }
  s.members = whole_units(members->flow);
  return s;
}

// Leads first: a panel whose relaxed optimum has a lead-qualified member keeps it as lead,
// the others get one from a flow over the lead-qualified candidates; then the members, away
// from the leads' employers.
std::optional<Solution> lead_first(const Problem& p, const std::vector<std::vector<int>>* relaxed,
                                   const std::vector<std::vector<char>>& relaxed_arcs,
                                   const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  const auto panels = relaxed != nullptr ? *relaxed : std::vector<std::vector<int>>(dossiers);
  View leads_view{&p.candidates, &p, {}, std::vector<int>(dossiers, -1), {}};
  std::vector<int> lead_need(dossiers, 0);
  for (std::size_t d = 0; d < dossiers; ++d) {
    if (p.fixed_lead[d] >= 0 || p.need[d] == 0) {
      continue;
    }
    lead_need[d] = 1;
    if (const int kept = best_lead(p, d, panels[d]); kept >= 0) {
      leads_view.only[d] = kept;
    }
  }
  auto warm = relaxed_arcs;
  auto leads = priced_flow(leads_view, lead_need, p.capacity, 1, options.spread_load, options.prune,
                           stats, &warm);
  if (!leads) {
    return std::nullopt;
  }
  std::vector<int> lead(dossiers, -1);
  for (std::size_t d = 0; d < dossiers; ++d) {
    lead[d] = p.fixed_lead[d] >= 0     ? p.fixed_lead[d]
              : leads->flow[d].empty() ? -1
                                       : leads->flow[d].front().first;
  }
  warm = relaxed_arcs;
  return members_for(p, std::move(lead), options, stats, &warm);
}

// Lead bonus: the affinity of lead-qualified candidates of the panels left without a lead
// is raised, doubling each time, until the relaxation's optimum leads every panel.
std::optional<Solution> lead_bonus(const Problem& p, const FlowOutput& relaxed,
                                   const std::vector<std::vector<char>>& relaxed_arcs,
                                   const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  std::vector<std::int32_t> bonus(dossiers, 0);
  auto panels = whole_units(relaxed.flow);
  std::vector<std::vector<char>> warm = relaxed_arcs;
  std::size_t last_unled = dossiers + 1;
  int stalled = 0;
  for (int step = 0; step < 8; ++step) {
    // a panel without a lead gets at least the largest bonus so far, so that panels that lost
    // their lead to another's bonus catch up
    const std::int32_t top = *std::max_element(bonus.begin(), bonus.end());
    for (std::size_t d = 0; d < dossiers; ++d) {
      if (p.fixed_lead[d] < 0 && p.need[d] > 0 && best_lead(p, d, panels[d]) < 0) {
        bonus[d] = std::max({50, 2 * bonus[d], top});
      }
    }
    const View boosted{&p.candidates, &p, {}, {}, bonus};
    auto out = priced_flow(boosted, p.need, p.capacity, 1, options.spread_load, options.prune,
                           stats, &warm);
    if (!out) {
      return std::nullopt;
    }
    if (auto s = led(p, *out)) {
      return s;
    }
    panels = whole_units(out->flow);
    // bonuses that leave no fewer panels without a lead three times running only move leads
    // around
    std::size_t unled = 0;
    for (std::size_t d = 0; d < dossiers; ++d) {
      unled += p.fixed_lead[d] < 0 && p.need[d] > 0 && best_lead(p, d, panels[d]) < 0 ? 1U : 0U;
    }
    stalled = unled >= last_unled ? stalled + 1 : 0;
    if (stalled == 3) {
      return std::nullopt;
    }
    last_unled = std::min(last_unled, unled);
  }
  return std::nullopt;
}

Result<Solution> solve_deterministic(const Problem& p, const SolveOptions& options)
{
  // On a large round each flow costs seconds and the bonus seldom leads every panel there
  // (measured on the benchmark rounds): lead-first alone, and on a thread of its own, from
  // scratch, while this one solves the relaxation, which gives the bound and wins when it
  // leads every panel.
  constexpr std::size_t k_bonus_limit = 1000;
  const bool large = p.need.size() > k_bonus_limit;
  Stats stats;
  Stats side_stats;
  std::optional<Solution> side;
  std::exception_ptr side_error;
  std::thread worker;
  if (large) {
    worker = start_signal_free_thread([&] {
      try {
        side = lead_first(p, nullptr, {}, options, side_stats);
      } catch (...) {
        side_error = std::current_exception();
      }
    });
  }
  std::vector<std::vector<char>> arcs;
  std::optional<FlowOutput> relaxed;
  try {
    relaxed = priced_flow(View{&p.candidates, &p, {}, {}, {}}, p.need, p.capacity, 1,
                          options.spread_load, options.prune, stats, &arcs);
  } catch (...) {
    if (worker.joinable()) {
      worker.join();
    }
    throw;
  }
  if (worker.joinable()) {
    worker.join();
  }
  if (side_error) {
    std::rethrow_exception(side_error);
  }
  stats.flows += side_stats.flows;
  stats.arcs = std::max(stats.arcs, side_stats.arcs);
  stats.priced_in += side_stats.priced_in;
  if (!relaxed) {
    return no_assignment("loads, conflicts and the one-per-employer rule");
  }
  std::int64_t bound = 0;
  for (std::size_t d = 0; d < relaxed->flow.size(); ++d) {
    for (const auto& c : p.candidates[d]) {
      for (const auto& [r, units] : relaxed->flow[d]) {
        bound += r == c.reviewer ? c.affinity : 0;
      }
    }
  }
  const auto relaxed_panels = whole_units(relaxed->flow);
  if (covers(p, relaxed_panels)) {
    if (auto s = led(p, *relaxed)) {
      auto out = finish(p, std::move(*s), stats, "relaxation");
      out.bound = bound;
      out.relaxation_bound = bound;
      out.optimal = true;
      return out;
    }
  }
  // The lead rule and the employer rule do not fit one flow. The heuristics give the first
  // assignment; the exact search proves it optimal or finds the optimum.
  const bool leads_only = std::all_of(p.require.begin(), p.require.end(),
                                      [](std::uint8_t r) { return (r & ~k_lead_trait) == 0; });
  std::optional<Solution> best;
  const auto consider = [&](std::optional<Solution> s, const char* name) {
    if (!s) {
      return;
    }
    auto f = finish(p, std::move(*s), stats, name);
    if (covers(p, panels_of(p, f)) && (!best || f.affinity > best->affinity)) {
      best = std::move(f);
    }
  };
  if (leads_only) {
    // lead-first costs two flows; the bonus costs up to eight and the Lagrangian search does
    // better, so it runs only when asked for
    consider(large ? std::move(side) : lead_first(p, &relaxed_panels, arcs, options, stats),
             "lead-first");
    if (options.lead_bonus && !large && (!best || best->affinity < bound)) {
      consider(lead_bonus(p, *relaxed, arcs, options, stats), "lead-bonus");
    }
  }
  Repair repair;
  if (leads_only) {
    repair = [&](const Panels& x) -> std::optional<Panels> {
      auto s = lead_first(p, &x, arcs, options, stats);
      if (!s) {
        return std::nullopt;
      }
      return panels_of(p, finish(p, std::move(*s), stats, ""));
    };
  }
  auto found =
      exact_search(p, best ? std::optional(panels_of(p, *best)) : std::nullopt,
                   best ? best->affinity : 0, relaxed_panels, bound, repair, options, stats);
  if (!found.panels) {
    return no_assignment(found.exhausted ? "a lead-qualified reviewer on every panel"
                                         : "none found within the branch-and-bound node limit");
  }
  if (best && found.iterations == 0 && found.nodes == 0) {
    // the first assignment met the relaxation's bound: it is optimal as it stands
    best->start = best->method;
    best->bound = best->affinity;
    best->relaxation_bound = bound;
    best->optimal = true;
    best->flows = stats.flows;
    best->arcs = stats.arcs;
    best->priced_in = stats.priced_in;
    return std::move(*best);
  }
  Solution s = from_panels(p, *found.panels);
  if (leads_only) {
    // among assignments of equal affinity, the one whose loads are most even for these leads
    if (auto even = members_for(p, s.lead, options, stats, &arcs)) {
      auto f = finish(p, std::move(*even), stats, "");
      if (f.affinity >= found.value) {
        s = std::move(f);
      }
    }
  }
  auto out = finish(p, std::move(s), stats, found.nodes == 0 ? "lagrangian" : "branch-and-bound");
  out.start = best ? best->method : std::string{};
  out.bound = std::max(found.bound, out.affinity);
  out.relaxation_bound = bound;
  out.optimal = out.affinity >= found.bound;
  out.nodes = found.nodes;
  out.iterations = found.iterations;
  return out;
}

} // namespace

Result<Solution> solve(const Problem& problem, const SolveOptions& options)
{
  const std::size_t dossiers = problem.need.size();
  if (problem.traits.size() == problem.capacity.size() && problem.require.size() == dossiers) {
    return options.max_probability ? detail::solve_randomized(problem, options)
                                   : solve_deterministic(problem, options);
  }
  Problem p = problem;
  if (p.traits.size() != p.capacity.size()) {
    p.traits.assign(p.lead.begin(), p.lead.end());
    for (auto& t : p.traits) {
      t = t != 0 ? k_lead_trait : std::uint8_t{0};
    }
  }
  if (p.require.size() != dossiers) {
    p.require.assign(dossiers, 0);
    for (std::size_t d = 0; d < dossiers; ++d) {
      p.require[d] = p.fixed_lead[d] < 0 && p.need[d] > 0 ? k_lead_trait : std::uint8_t{0};
    }
  }
  return options.max_probability ? detail::solve_randomized(p, options)
                                 : solve_deterministic(p, options);
}

namespace {

// Whether the dossiers `keep` of the problem can be staffed: 1 yes, 0 no, -1 not proven.
int staffable(const Problem& p, const std::vector<std::size_t>& keep, const SolveOptions& options)
{
  Problem q;
  q.capacity = p.capacity;
  q.employer = p.employer;
  q.lead = p.lead;
  q.traits = p.traits;
  for (const auto d : keep) {
    q.need.push_back(p.need[d]);
    auto list = p.candidates[d];
    for (auto& c : list) {
      c.affinity = 0;
      c.cap = 0;
    }
    q.candidates.push_back(std::move(list));
    q.fixed_lead.push_back(p.fixed_lead[d]);
    if (!p.require.empty()) {
      q.require.push_back(p.require[d]);
    }
  }
  SolveOptions exact = options;
  exact.max_probability.reset();
  auto s = solve(q, exact);
  if (s) {
    return 1;
  }
  return s.failure().message.find("node limit") == std::string::npos ? 0 : -1;
}

} // namespace

std::vector<std::size_t> infeasible_core(const Problem& p, const SolveOptions& options)
{
  const std::size_t dossiers = p.need.size();
  // dossiers joined by a shared candidate, each group by its lowest dossier
  std::vector<std::size_t> parent(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    parent[d] = d;
  }
  const auto root = [&](std::size_t d) {
    while (parent[d] != d) {
      d = parent[d] = parent[parent[d]];
    }
    return d;
  };
  std::map<int, std::size_t> first_dossier; // reviewer -> a dossier they may serve
  for (std::size_t d = 0; d < dossiers; ++d) {
    for (const auto& c : p.candidates[d]) {
      const auto [it, fresh] = first_dossier.emplace(c.reviewer, d);
      if (!fresh) {
        const auto a = root(it->second);
        const auto b = root(d);
        parent[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t d = 0; d < dossiers; ++d) {
    groups[root(d)].push_back(d);
  }
  std::vector<std::vector<std::size_t>> order;
  for (auto& [r, list] : groups) {
    order.push_back(std::move(list));
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  // the deletion filter costs one exact search per dossier of the group
  constexpr std::size_t k_searches = 400;
  std::size_t searches = 0;
  for (const auto& group : order) {
    if (++searches > k_searches) {
      return {};
    }
    const int whole = staffable(p, group, options);
    if (whole != 0) {
      continue;
    }
    std::vector<std::size_t> core = group;
    for (std::size_t i = 0; i < core.size() && core.size() > 1;) {
      if (++searches > k_searches) {
        return core; // not the smallest, but none of it can be staffed together
      }
      std::vector<std::size_t> without = core;
      without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
      if (staffable(p, without, options) == 0) {
        core = std::move(without);
      } else {
        ++i;
      }
    }
    return core;
  }
  return {};
}

} // namespace sqma::panel
