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

// The `m` best candidates of a dossier by affinity; equal affinities are ordered by a hash
// of the pair, so that the pruning does not send every dossier to the same reviewers.
std::vector<char> best_of(const std::vector<Candidate>& all, std::size_t d, std::size_t m)
{
  std::vector<char> chosen(all.size(), 0);
  if (m >= all.size()) {
    std::fill(chosen.begin(), chosen.end(), 1);
    return chosen;
  }
  std::vector<std::pair<std::int64_t, std::uint64_t>> keys(all.size());
  std::vector<std::uint32_t> order(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    keys[i] = {
        -static_cast<std::int64_t>(all[i].affinity),
        mix((static_cast<std::uint64_t>(d) << 32U) ^ static_cast<std::uint64_t>(all[i].reviewer))};
    order[i] = static_cast<std::uint32_t>(i);
  }
  std::nth_element(order.begin(), order.begin() + static_cast<long>(m), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  for (std::size_t i = 0; i < m; ++i) {
    chosen[order[i]] = 1;
  }
  return chosen;
}

// A min-cost flow over the candidates, first pruned to the best few per dossier. Arcs left
// out are priced with the duals of the pruned optimum: while some would lower the cost they
// are added and the flow solved again, so the result is optimal for every candidate. A
// pruned flow that is infeasible grows the pruning, and at last takes every candidate.
std::optional<FlowOutput> priced_flow(const Candidates& all, const std::vector<int>& employer,
                                      const std::vector<int>& need,
                                      const std::vector<int>& capacity, std::int64_t scale,
                                      bool convex, std::size_t prune, Stats& stats)
{
  const std::size_t dossiers = all.size();
  std::size_t grow = 1;
  for (;;) {
    bool complete = true;
    std::vector<std::vector<char>> chosen(dossiers);
    for (std::size_t d = 0; d < dossiers; ++d) {
      const auto base = prune > 0 ? prune : 4 * static_cast<std::size_t>(need[d]) + 8;
      chosen[d] = best_of(all[d], d, base * grow);
      complete = complete && base * grow >= all[d].size();
    }
    stats.full_graph = stats.full_graph || (grow > 1 && complete);
    for (;;) {
      Candidates subset(dossiers);
      for (std::size_t d = 0; d < dossiers; ++d) {
        for (std::size_t i = 0; i < all[d].size(); ++i) {
          if (chosen[d][i] != 0) {
            subset[d].push_back(all[d][i]);
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
        break;
      }
      std::size_t added = 0;
      for (std::size_t d = 0; d < dossiers; ++d) {
        const auto& groups = out.group_potential[d];
        for (std::size_t i = 0; i < all[d].size(); ++i) {
          if (chosen[d][i] != 0) {
            continue;
          }
          const auto& c = all[d][i];
          const int e = employer[static_cast<std::size_t>(c.reviewer)];
          const auto g = std::lower_bound(groups.begin(), groups.end(), std::pair{e, INT64_MIN});
          const std::int64_t from =
              g != groups.end() && g->first == e ? g->second : out.dossier_potential[d];
          const std::int64_t reduced = -static_cast<std::int64_t>(c.affinity) * out.weight + from -
                                       out.reviewer_potential[static_cast<std::size_t>(c.reviewer)];
          if (reduced < 0) {
            chosen[d][i] = 1;
            ++added;
          }
        }
      }
      if (added == 0) {
        return out;
      }
      stats.priced_in += added;
    }
    grow *= 4;
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

// Candidates for the members once the leads are known: neither the lead nor anyone from
// the lead's employer.
Candidates without_leads(const Problem& p, const std::vector<int>& lead)
{
  Candidates out(p.candidates.size());
  for (std::size_t d = 0; d < out.size(); ++d) {
    for (const auto& c : p.candidates[d]) {
      if (lead[d] >= 0 && p.fixed_lead[d] < 0 &&
          p.employer[static_cast<std::size_t>(c.reviewer)] ==
              p.employer[static_cast<std::size_t>(lead[d])]) {
        continue;
      }
      out[d].push_back(c);
    }
  }
  return out;
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
                                   const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  const auto panels = whole_units(relaxed.flow);
  Candidates lead_candidates(dossiers);
  std::vector<int> lead_need(dossiers, 0);
  for (std::size_t d = 0; d < dossiers; ++d) {
    if (p.fixed_lead[d] >= 0 || p.need[d] == 0) {
      continue;
    }
    lead_need[d] = 1;
    const int kept = best_lead(p, d, panels[d]);
    for (const auto& c : p.candidates[d]) {
      if (p.lead[static_cast<std::size_t>(c.reviewer)] != 0 && (kept < 0 || c.reviewer == kept)) {
        lead_candidates[d].push_back(c);
      }
    }
  }
  auto leads = priced_flow(lead_candidates, p.employer, lead_need, p.capacity, 1, true,
                           options.prune, stats);
  if (!leads) {
    return std::nullopt;
  }
  Solution s;
  s.lead.assign(dossiers, -1);
  for (std::size_t d = 0; d < dossiers; ++d) {
    s.lead[d] = p.fixed_lead[d] >= 0     ? p.fixed_lead[d]
                : leads->flow[d].empty() ? -1
                                         : leads->flow[d].front().first;
  }
  std::vector<int> capacity;
  std::vector<int> need;
  after_leads(p, s.lead, capacity, need);
  auto members = priced_flow(without_leads(p, s.lead), p.employer, need, capacity, 1, true,
                             options.prune, stats);
  if (!members) {
    return std::nullopt;
  }
  s.members = whole_units(members->flow);
  return s;
}

// Lead bonus: the affinity of lead-qualified candidates of the panels left without a lead
// is raised, doubling each time, until the relaxation's optimum leads every panel.
std::optional<Solution> lead_bonus(const Problem& p, const FlowOutput& relaxed,
                                   const SolveOptions& options, Stats& stats)
{
  const std::size_t dossiers = p.need.size();
  std::vector<std::int32_t> bonus(dossiers, 0);
  auto panels = whole_units(relaxed.flow);
  for (int step = 0; step < 8; ++step) {
    for (std::size_t d = 0; d < dossiers; ++d) {
      if (p.fixed_lead[d] < 0 && p.need[d] > 0 && best_lead(p, d, panels[d]) < 0) {
        bonus[d] = bonus[d] == 0 ? 50 : 2 * bonus[d];
      }
    }
    Candidates boosted = p.candidates;
    for (std::size_t d = 0; d < dossiers; ++d) {
      for (auto& c : boosted[d]) {
        c.affinity += p.lead[static_cast<std::size_t>(c.reviewer)] != 0 ? bonus[d] : 0;
      }
    }
    auto out = priced_flow(boosted, p.employer, p.need, p.capacity, 1, true, options.prune, stats);
    if (!out) {
      return std::nullopt;
    }
    if (auto s = led(p, *out)) {
      return s;
    }
    panels = whole_units(out->flow);
  }
  return std::nullopt;
}

Result<Solution> solve_deterministic(const Problem& p, const SolveOptions& options)
{
  Stats stats;
  auto relaxed =
      priced_flow(p.candidates, p.employer, p.need, p.capacity, 1, true, options.prune, stats);
  if (!relaxed) {
    return no_assignment("loads, conflicts and the one-per-employer rule");
  }
  if (auto s = led(p, *relaxed)) {
    return finish(p, std::move(*s), stats, "relaxation");
  }
  // The lead rule and the employer rule do not fit one flow: two heuristics, the better wins.
  std::optional<Solution> best;
  if (auto s = lead_first(p, *relaxed, options, stats)) {
    best = finish(p, std::move(*s), stats, "lead-first");
  }
  if (auto s = lead_bonus(p, *relaxed, options, stats)) {
    auto b = finish(p, std::move(*s), stats, "lead-bonus");
    if (!best || b.affinity > best->affinity) {
      best = std::move(b);
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
  auto leads = priced_flow(lead_candidates, p.employer, lead_need, p.capacity, scale, false,
                           options.prune, stats);
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
  auto member_candidates = without_leads(p, s.lead);
  for (std::size_t d = 0; d < dossiers; ++d) {
    auto& list = member_candidates[d];
    for (auto& c : list) {
      const auto it = lead_units[d].find(c.reviewer);
      c.cap = static_cast<std::int32_t>(cap - (it == lead_units[d].end() ? 0 : it->second));
    }
    std::erase_if(list, [](const Candidate& c) { return c.cap <= 0; });
  }
  auto members = priced_flow(member_candidates, p.employer, need, capacity, scale, false,
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
