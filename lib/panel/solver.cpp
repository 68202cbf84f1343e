// SPDX-License-Identifier: Apache-2.0
#include "panel/solver.hpp"

#include "panel/rounding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace sqma::panel {
namespace {

using Candidates = std::vector<std::vector<Candidate>>;
using FlowPairs = std::vector<std::vector<std::pair<int, std::int64_t>>>;

std::uint64_t mix(std::uint64_t x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

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
std::optional<FlowOutput> priced_flow(const View& view, const std::vector<int>& need,
                                      const std::vector<int>& capacity, std::int64_t scale,
                                      bool convex, std::size_t prune, Stats& stats,
                                      std::vector<std::vector<char>>* warm = nullptr)
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
  for (std::size_t d = 0; d < dossiers; ++d) {
    const auto base = prune > 0 ? prune : 4 * static_cast<std::size_t>(need[d]) + 8;
    chosen[d].assign(all[d].size(), 0);
    std::size_t taken = 0;
    for (std::size_t i = 0; i < all[d].size() && taken < base; ++i) {
      if (view.allowed(d, all[d][i])) {
        chosen[d][i] = 1;
        ++taken;
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

namespace {

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

// Leads first: a panel whose relaxed optimum has a lead-qualified member keeps it as lead,
// the others get one from a flow over the lead-qualified candidates; then the members, away
// from the leads' employers.
std::optional<Solution> lead_first(const Problem& p, const FlowOutput& relaxed,
                                   const std::vector<std::vector<char>>& relaxed_arcs,
                                   const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  const auto panels = whole_units(relaxed.flow);
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
  auto leads = priced_flow(leads_view, lead_need, p.capacity, 1, true, options.prune, stats, &warm);
  if (!leads) {
    return std::nullopt;
  }
  Solution s;
  s.lead.assign(dossiers, -1);
  View members_view{&p.candidates, &p, std::vector<int>(dossiers, -1), {}, {}};
  for (std::size_t d = 0; d < dossiers; ++d) {
    s.lead[d] = p.fixed_lead[d] >= 0     ? p.fixed_lead[d]
                : leads->flow[d].empty() ? -1
                                         : leads->flow[d].front().first;
    if (p.fixed_lead[d] < 0 && s.lead[d] >= 0) {
      members_view.banned_employer[d] = p.employer[static_cast<std::size_t>(s.lead[d])];
    }
  }
  std::vector<int> capacity;
  std::vector<int> need;
  after_leads(p, s.lead, capacity, need);
  warm = relaxed_arcs;
  auto members = priced_flow(members_view, need, capacity, 1, true, options.prune, stats, &warm);
  if (!members) {
    return std::nullopt;
  }
  s.members = whole_units(members->flow);
  return s;
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
    auto out = priced_flow(boosted, p.need, p.capacity, 1, true, options.prune, stats, &warm);
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
  Stats stats;
  std::vector<std::vector<char>> arcs;
  auto relaxed = priced_flow(View{&p.candidates, &p, {}, {}, {}}, p.need, p.capacity, 1, true,
                             options.prune, stats, &arcs);
  if (!relaxed) {
    return no_assignment("loads, conflicts and the one-per-employer rule");
  }
  if (auto s = led(p, *relaxed)) {
    return finish(p, std::move(*s), stats, "relaxation");
  }
  // The lead rule and the employer rule do not fit one flow: two heuristics, the better wins.
  std::optional<Solution> best;
  // On a large round each flow costs seconds and the bonus seldom leads every panel there
  // (measured on the benchmark rounds): lead-first alone.
  constexpr std::size_t k_bonus_limit = 1000;
  if (auto s = p.need.size() <= k_bonus_limit ? lead_bonus(p, *relaxed, arcs, options, stats)
                                              : std::nullopt) {
    best = finish(p, std::move(*s), stats, "lead-bonus");
  }
  if (auto s = lead_first(p, *relaxed, arcs, options, stats)) {
    auto f = finish(p, std::move(*s), stats, "lead-first");
    if (!best || f.affinity > best->affinity) {
      best = std::move(f);
    }
  }
  if (!best) {
    return no_assignment("a lead-qualified reviewer on every panel");
  }
  best->flows = stats.flows;
  best->arcs = stats.arcs;
  best->priced_in = stats.priced_in;
  return std::move(*best);
}

Result<Solution> solve_randomized(const Problem& p, const SolveOptions& options)
{
  constexpr std::int64_t scale = 1000;
  const double probability = *options.max_probability;
  const auto cap = static_cast<std::int64_t>(std::floor(probability * scale + 1e-9));
  if (cap < 1 || probability > 1.0) {
    return Failure{ExitCode::usage,
                   fmt::format("--max-probability {} must lie in [0.001, 1]", probability)};
  }
  Stats stats;
  Random random(options.seed);
  const std::size_t dossiers = p.need.size();
  Candidates lead_candidates(dossiers);
  std::vector<int> lead_need(dossiers, 0);
  for (std::size_t d = 0; d < dossiers; ++d) {
    if (p.fixed_lead[d] >= 0 || p.need[d] == 0) {
      continue;
    }
    lead_need[d] = 1;
    for (auto c : p.candidates[d]) {
      if (p.lead[static_cast<std::size_t>(c.reviewer)] != 0) {
        c.cap = static_cast<std::int32_t>(cap);
        lead_candidates[d].push_back(c);
      }
    }
  }
  auto leads = priced_flow(View{&lead_candidates, &p, {}, {}, {}}, lead_need, p.capacity, scale,
                           false, options.prune, stats);
  if (!leads) {
    return no_assignment(fmt::format("leads with no pair above probability {}", probability));
  }
  const auto drawn_leads = round_flow(leads->flow, p.employer, scale, random);
  Solution s;
  s.lead.assign(dossiers, -1);
  std::vector<std::map<int, std::int64_t>> lead_units(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    s.lead[d] = p.fixed_lead[d] >= 0     ? p.fixed_lead[d]
                : drawn_leads[d].empty() ? -1
                                         : drawn_leads[d].front();
    lead_units[d].insert(leads->flow[d].begin(), leads->flow[d].end());
  }
  std::vector<int> capacity;
  std::vector<int> need;
  after_leads(p, s.lead, capacity, need);
  // A pair's chance as a member is held to the probability left after its chance as lead.
  Candidates member_candidates(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    auto& list = member_candidates[d];
    for (auto c : p.candidates[d]) {
      if (p.fixed_lead[d] < 0 && s.lead[d] >= 0 &&
          p.employer[static_cast<std::size_t>(c.reviewer)] ==
              p.employer[static_cast<std::size_t>(s.lead[d])]) {
        continue; // the lead's employer
      }
      list.push_back(c);
    }
    for (auto& c : list) {
      const auto it = lead_units[d].find(c.reviewer);
      c.cap = static_cast<std::int32_t>(cap - (it == lead_units[d].end() ? 0 : it->second));
    }
    std::erase_if(list, [](const Candidate& c) { return c.cap <= 0; });
  }
  auto members = priced_flow(View{&member_candidates, &p, {}, {}, {}}, need, capacity, scale, false,
                             options.prune, stats);
  if (!members) {
    return no_assignment(fmt::format("members with no pair above probability {}", probability));
  }
  s.members = round_flow(members->flow, p.employer, scale, random);
  s.probability.resize(dossiers);
  for (std::size_t d = 0; d < dossiers; ++d) {
    std::map<int, std::int64_t> units = lead_units[d];
    for (const auto& [r, u] : members->flow[d]) {
      units[r] += u;
    }
    std::sort(s.members[d].begin(), s.members[d].end());
    s.probability[d].push_back(
        p.fixed_lead[d] >= 0 ? 1.0 : static_cast<double>(units[s.lead[d]]) / scale);
    for (const int r : s.members[d]) {
      s.probability[d].push_back(static_cast<double>(units[r]) / scale);
    }
  }
  return finish(p, std::move(s), stats, "randomized");
}

} // namespace

Result<Solution> solve(const Problem& problem, const SolveOptions& options)
{
  return options.max_probability ? solve_randomized(problem, options)
                                 : solve_deterministic(problem, options);
}

} // namespace sqma::panel
