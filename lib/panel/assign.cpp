// SPDX-License-Identifier: Apache-2.0
#include "panel/assign.hpp"

#include "panel/exact.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace sqma::panel {
namespace {

int panel_size(const cycle::PanelSizes& sizes, model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return sizes.organisation;
  case model::AwardClass::project: return sizes.project;
  case model::AwardClass::individual: return sizes.individual;
  }
  return 0;
}

// Reviewers of a dossier in an earlier round, lead first.
std::vector<model::PanelMember> earlier(const model::Dossier& d, const std::string& round)
{
  const auto* r = d.rounds.find(round);
  if (r == nullptr || !*r) {
    return {};
  }
  auto panel = (*r)->panel;
  std::stable_sort(panel.begin(), panel.end(),
                   [](const auto& a, const auto& b) { return a.lead && !b.lead; });
  return panel;
}

// A GB/T 4754 code as its section letter and division number (-1 without one).
struct IndustryCode {
  char section = 0;
  int division = -1;
};

std::vector<IndustryCode> industry_codes(const std::vector<std::string>& codes)
{
  std::vector<IndustryCode> out;
  for (const auto& c : codes) {
    if (!c.empty()) {
      out.push_back({c[0], c.size() >= 3 ? (c[1] - '0') * 10 + (c[2] - '0') : -1});
    }
  }
  return out;
}

std::int32_t hundredths(double w)
{
  return static_cast<std::int32_t>(std::lround(w * 100));
}

// What the affinity needs of a reviewer, read once.
struct Profile {
  std::vector<IndustryCode> codes;
  unsigned classes = 0;   // bit per model::AwardClass
  std::int32_t fixed = 0; // lead bonus
  std::int32_t categories = 0;
  std::uint8_t traits = 0;
};

unsigned class_bit(model::AwardClass c)
{
  return 1U << static_cast<unsigned>(c);
}

std::int32_t industry(const std::vector<IndustryCode>& mine,
                      const std::vector<IndustryCode>& theirs, const AffinityWeights& weights);

// The same affinity as panel::affinity(), from codes parsed once; `bid` is the weight of the
// reviewer's bid on the dossier.
std::int32_t match(const Profile& mine, const std::vector<IndustryCode>& theirs,
                   const AffinityWeights& weights, model::AwardClass award_class, std::int32_t bid)
{
  std::int32_t extra = mine.fixed + bid;
  if ((mine.classes & class_bit(award_class)) != 0) {
    extra += hundredths(weights.award_class);
  }
  if (award_class == model::AwardClass::organisation) {
    extra += hundredths(weights.category) * mine.categories;
  }
  return industry(mine.codes, theirs, weights) + extra;
}

// The best industry match in hundredths.
std::int32_t industry(const std::vector<IndustryCode>& mine,
                      const std::vector<IndustryCode>& theirs, const AffinityWeights& weights)
{
  std::int32_t best = 0;
  for (const auto& a : mine) {
    for (const auto& b : theirs) {
      if (a.section == b.section) {
        const bool division = a.division >= 0 && a.division == b.division;
        best = std::max(
            best, hundredths(division ? weights.industry_division : weights.industry_section));
      }
    }
  }
  return best;
}

std::uint64_t mix(std::uint64_t x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

// Puts the best candidates first (the solver prunes to a prefix): affinity, then a hash of
// the pair, so that equal affinities do not send every dossier to the same reviewers. Only
// the head the pruning can reach is ordered in full.
void rank(std::vector<Candidate>& list, std::size_t dossier, int need)
{
  const auto key = [&](const Candidate& c) {
    return std::tuple{
        -c.affinity,
        mix((static_cast<std::uint64_t>(dossier) << 32U) ^ static_cast<std::uint64_t>(c.reviewer)),
        c.reviewer}; // a total order: the same result from every sort
  };
  const auto before = [&](const Candidate& a, const Candidate& b) { return key(a) < key(b); };
  const auto head = std::min(list.size(), static_cast<std::size_t>(16 * (4 * need + 8)));
  std::nth_element(list.begin(), list.begin() + static_cast<long>(head), list.end(), before);
  std::sort(list.begin(), list.begin() + static_cast<long>(head), before);
}

// The ids of the dossiers of `set` other than `self`, the first five and a count of the rest.
std::string list_ids(const std::vector<model::Dossier>& dossiers,
                     const std::vector<std::size_t>& staffed, const std::vector<std::size_t>& set,
                     std::size_t self)
{
  std::string out;
  std::size_t shown = 0;
  for (const auto i : set) {
    if (i == self) {
      continue;
    }
    if (shown == 5) {
      return out + fmt::format(" and {} more", set.size() - 1 - shown);
    }
    out += (out.empty() ? "" : " ") + dossiers[staffed[i]].id;
    ++shown;
  }
  return out.empty() ? "none" : out;
}

Failure joined(std::vector<std::string> problems)
{
  Failure f{ExitCode::data, problems.front()};
  f.more.assign(problems.begin() + 1, problems.end());
  return f;
}

} // namespace

Concern concern(const model::Dossier& dossier, const std::string& round, std::string* why)
{
  const auto refuse = [&](std::string reason) {
    if (why != nullptr) {
      *why = std::move(reason);
    }
    return Concern::refuse;
  };
  const auto stage = model::to_string(dossier.stage);
  if (dossier.stage == model::Stage::rejected) {
    return Concern::pass;
  }
  if (round == "written") {
    return dossier.stage == model::Stage::eligible
               ? Concern::staff
               : refuse(fmt::format("stage {}; the written round takes eligible dossiers", stage));
  }
  if (round == "panel") {
    if (dossier.stage != model::Stage::written) {
      return refuse(
          fmt::format("stage {}; the panel round takes dossiers at stage written", stage));
    }
    return model::result_flag(dossier.rounds.written, "advanced")
               ? Concern::staff
               : refuse("stage written, but rounds.written.result.advanced is not true");
  }
  if (dossier.stage != model::Stage::panel) {
    return refuse(fmt::format("stage {}; the onsite round takes dossiers at stage panel", stage));
  }
  if (dossier.award_class != model::AwardClass::organisation ||
      model::result_flag(dossier.rounds.panel, "simplified")) {
    return Concern::pass; // no on-site verification (A1-11 for simplified ones)
  }
  return model::result_flag(dossier.rounds.panel, "advanced")
             ? Concern::staff
             : refuse("stage panel, but rounds.panel.result.advanced is not true");
}

Result<Assignment> assign(const std::vector<model::Dossier>& dossiers, const Registry& registry,
                          const Settings& settings)
{
  Assignment out;
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    std::string why;
    const auto c = concern(dossiers[i], settings.round, &why);
    if (c == Concern::staff) {
      out.staffed.push_back(i);
    } else if (c == Concern::refuse && !settings.pass_unready) {
      problems.push_back(
          fmt::format("{}: not ready for the {} round: {}", dossiers[i].id, settings.round, why));
    }
  }
  if (!problems.empty()) {
    return joined(std::move(problems));
  }
  // The solver breaks ties by the order of its dossiers: by id, the panels do not depend on
  // the order the dossiers were read in.
  std::sort(out.staffed.begin(), out.staffed.end(),
            [&](std::size_t a, std::size_t b) { return dossiers[a].id < dossiers[b].id; });
  const auto& reviewers = registry.reviewers;
  std::map<std::string, int> employers; // credit code -> index
  std::map<std::string, int> index;     // reviewer id -> index
  Problem p;
  std::vector<char> usable(reviewers.size(), 0);
  for (std::size_t r = 0; r < reviewers.size(); ++r) {
    const auto& rv = reviewers[r];
    index.emplace(rv.id, static_cast<int>(r));
    p.employer.push_back(
        employers.emplace(rv.employer.credit_code, static_cast<int>(employers.size()))
            .first->second);
    p.lead.push_back(rv.lead ? 1 : 0);
    auto missing = shortfalls(rv, settings.round_date);
    if (rv.unavailable.count(settings.round) > 0) {
      missing.push_back(
          {"office", fmt::format("unavailable for the {} round 不参加本环节", settings.round)});
    }
    if (rv.max_load <= 0) {
      missing.push_back({"office", "max_load 0: takes no dossier 评审份数上限为0"});
    }
    usable[r] = missing.empty() ? 1 : 0;
    p.capacity.push_back(missing.empty() ? rv.max_load : 0);
    if (!missing.empty()) {
      out.unqualified.push_back({&rv, std::move(missing)});
    }
  }
  const std::set<std::string> excluded_rounds(settings.exclude.begin(), settings.exclude.end());
  // credit code -> reviewers tied to it by employment, a relation or a declared conflict
  std::unordered_map<std::string, std::vector<int>> tied;
  std::vector<Profile> profiles;
  // dossier id -> (reviewer, weight of the bid)
  std::unordered_map<std::string, std::vector<std::pair<int, std::int32_t>>> bids;
  for (std::size_t r = 0; r < reviewers.size(); ++r) {
    const auto& rv = reviewers[r];
    for (const auto& pref : rv.preferences) {
      const auto w = pref.bid == "willing"     ? hundredths(settings.weights.willing)
                     : pref.bid == "unwilling" ? hundredths(settings.weights.unwilling)
                                               : 0;
      bids[pref.dossier].emplace_back(static_cast<int>(r), w);
      if (pref.bid == "conflict") {
        tied["dossier " + pref.dossier].push_back(static_cast<int>(r));
      }
    }
    std::set<std::string> codes{rv.employer.credit_code};
    for (const auto& rel : rv.relations) {
      codes.insert(rel.organisation.credit_code);
    }
    for (const auto& c : rv.conflicts) {
      codes.insert(c.organisation.credit_code);
    }
    for (const auto& code : codes) {
      tied[code].push_back(static_cast<int>(r));
    }
    Profile profile{
        industry_codes(rv.industries), 0, rv.lead ? hundredths(settings.weights.lead_bonus) : 0,
        static_cast<std::int32_t>(rv.categories.size()), rv.lead ? k_lead_trait : std::uint8_t{0}};
    for (const auto& c : rv.classes) {
      profile.classes |= c == "organisation" ? class_bit(model::AwardClass::organisation)
                         : c == "project"    ? class_bit(model::AwardClass::project)
                                             : class_bit(model::AwardClass::individual);
    }
    const auto in = [](const std::vector<std::string>& list, const std::string& c) {
      return std::find(list.begin(), list.end(), c) != list.end();
    };
    for (const auto& c : rv.categories) {
      profile.traits = static_cast<std::uint8_t>(
          profile.traits | (in(settings.weights.results_categories, c) ? k_results_trait : 0) |
          (in(settings.weights.process_categories, c) ? k_process_trait : 0));
    }
    p.traits.push_back(profile.traits);
    profiles.push_back(std::move(profile));
  }
  std::vector<std::size_t> seen(employers.size(), 0);
  std::vector<std::vector<Seat>> kept(out.staffed.size());
  for (std::size_t s = 0; s < out.staffed.size(); ++s) {
    const auto& d = dossiers[out.staffed[s]];
    const int size = panel_size(settings.sizes, d.award_class);
    std::set<int> fixed;
    std::set<int> fixed_employers;
    int fixed_lead = -1;
    std::set<std::string> sat_before;
    for (const auto& round : excluded_rounds) {
      for (const auto& m : earlier(d, round)) {
        sat_before.insert(m.reviewer);
      }
    }
    auto keep = earlier(d, settings.keep);
    if (!settings.keep_lead.empty() && keep.empty()) {
      keep = earlier(d, settings.keep_lead);
      keep.resize(std::min<std::size_t>(keep.size(), 1));
    }
    for (const auto& m : keep) {
      const auto it = index.find(m.reviewer);
      // without a kept lead, one seat stays free for a lead the flow chooses
      const int room = size - (fixed_lead < 0 ? 1 : 0);
      if (static_cast<int>(fixed.size()) >= room || it == index.end() ||
          usable[static_cast<std::size_t>(it->second)] == 0 ||
          fixed_employers.count(p.employer[static_cast<std::size_t>(it->second)]) > 0 ||
          conflict(reviewers[static_cast<std::size_t>(it->second)], d, settings.windows)) {
        continue; // no longer eligible: the flow finds someone else
      }
      const auto r = static_cast<std::size_t>(it->second);
      if (--p.capacity[r] < 0) {
        return Failure{ExitCode::data,
                       fmt::format("{}: reviewer {} is kept on more panels than max_load {} allows",
                                   d.id, m.reviewer, reviewers[r].max_load)};
      }
      fixed.insert(it->second);
      fixed_employers.insert(p.employer[r]);
      if (m.lead && reviewers[r].lead && fixed_lead < 0) {
        fixed_lead = it->second;
      }
      kept[s].push_back({m.reviewer, fixed_lead == it->second,
                         static_cast<double>(affinity(reviewers[r], d, settings.weights)) / 100.0,
                         1.0, true});
    }
    p.fixed_lead.push_back(fixed_lead);
    p.need.push_back(size - static_cast<int>(fixed.size()));
    auto& list = p.candidates.emplace_back();
    const auto units = d.units();
    // reviewers with any tie to a unit of the dossier; conflict() decides on the windows
    std::vector<int> suspects;
    for (const auto* u : units) {
      if (const auto it = tied.find(u->credit_code); it != tied.end()) {
        suspects.insert(suspects.end(), it->second.begin(), it->second.end());
      }
    }
    if (const auto it = tied.find("dossier " + d.id); it != tied.end()) {
      suspects.insert(suspects.end(), it->second.begin(), it->second.end());
    }
    std::sort(suspects.begin(), suspects.end());
    const auto dossier_industries = industry_codes(d.applicant.industries);
    std::vector<std::pair<int, std::int32_t>> bid_of;
    if (const auto it = bids.find(d.id); it != bids.end()) {
      bid_of = it->second;
      std::sort(bid_of.begin(), bid_of.end());
    }
    // traits the panel must hold that no kept member brings
    std::uint8_t kept_traits = 0;
    for (const int r : fixed) {
      kept_traits = static_cast<std::uint8_t>(kept_traits | p.traits[static_cast<std::size_t>(r)]);
    }
    auto require = fixed_lead < 0 ? k_lead_trait : std::uint8_t{0};
    if (settings.weights.diversity && d.award_class == model::AwardClass::organisation) {
      require =
          static_cast<std::uint8_t>(require | ((k_results_trait | k_process_trait) & ~kept_traits));
    }
    std::uint8_t available = 0;
    std::size_t groups = 0;
    int leads = 0;
    for (std::size_t r = 0; r < reviewers.size(); ++r) {
      const auto& rv = reviewers[r];
      if (usable[r] == 0 || fixed.count(static_cast<int>(r)) > 0) {
        continue;
      }
      if (std::binary_search(suspects.begin(), suspects.end(), static_cast<int>(r))) {
        if (auto why = conflict(rv, units, settings.windows, d.id)) {
          out.exclusions.push_back({d.id, rv.id, rv.name, "M-18", *why});
          continue;
        }
      }
      if (!sat_before.empty() && sat_before.count(rv.id) > 0) {
        out.exclusions.push_back(
            {d.id, rv.id, rv.name, "office",
             "sat on an earlier panel of this dossier 曾参加本材料前一轮评审"});
        continue;
      }
      const auto e = static_cast<std::size_t>(p.employer[r]);
      if (fixed_employers.count(p.employer[r]) > 0) {
        continue;
      }
      std::int32_t bid = 0;
      const auto b = std::lower_bound(bid_of.begin(), bid_of.end(),
                                      std::pair<int, std::int32_t>{static_cast<int>(r), INT32_MIN});
      for (auto i = b; i != bid_of.end() && i->first == static_cast<int>(r); ++i) {
        bid += i->second;
      }
      list.push_back({static_cast<std::int32_t>(r),
                      match(profiles[r], dossier_industries, settings.weights, d.award_class, bid),
                      0});
      available = static_cast<std::uint8_t>(available | p.traits[r]);
      if (seen[e] != s + 1) {
        seen[e] = s + 1;
        ++groups;
      }
      leads += rv.lead ? 1 : 0;
    }
    rank(list, s, p.need.back());
    const int need = p.need.back();
    if (static_cast<int>(groups) < need) {
      problems.push_back(
          list.size() < static_cast<std::size_t>(need)
              ? fmt::format("{}: {} qualified, conflict-free reviewers available, {} needed [M-15, "
                            "M-17, M-18]",
                            d.id, list.size(), need)
              : fmt::format("{}: {} qualified, conflict-free reviewers available but from {} "
                            "employers, {} needed from different employers [M-15, M-17, M-18]",
                            d.id, list.size(), groups, need));
    } else if (fixed_lead < 0 && leads == 0 && need > 0) {
      problems.push_back(fmt::format(
          "{}: no qualified, conflict-free reviewer available may lead the panel (组长) [M-15, "
          "M-17, M-18]",
          d.id));
    } else if (need > 0 && (require & k_results_trait & ~available) != 0) {
      problems.push_back(fmt::format("{}: no qualified, conflict-free reviewer available is expert "
                                     "in a results category (GB/T 19580-2012 {}) [M-15, M-17, "
                                     "M-18]",
                                     d.id, fmt::join(settings.weights.results_categories, ", ")));
    } else if (need > 0 && (require & k_process_trait & ~available) != 0) {
      problems.push_back(fmt::format("{}: no qualified, conflict-free reviewer available is expert "
                                     "in a process category (GB/T 19580-2012 {}) [M-15, M-17, "
                                     "M-18]",
                                     d.id, fmt::join(settings.weights.process_categories, ", ")));
    }
    p.require.push_back(need > 0 ? require : std::uint8_t{0});
  }
  if (!problems.empty()) {
    return joined(std::move(problems));
  }
  auto solution = solve(p, settings.solve);
  // A randomized round refused for its cap ("no random assignment ...") can be staffed: only an
  // assignment that fails the rules themselves is diagnosed dossier by dossier.
  if (!solution && solution.failure().code == ExitCode::data &&
      !solution.failure().message.starts_with("no random assignment")) {
    std::int64_t missing = 0;
    const auto short_side = unstaffable(p, missing);
    long long needed = 0;
    for (const auto i : short_side) {
      needed += p.need[i];
    }
    for (const auto i : short_side) {
      problems.push_back(fmt::format(
          "{}: cannot be staffed together with {} other dossier(s) ({}): their panels need {} "
          "places, with a lead-qualified reviewer on each, and the loads of the qualified, "
          "conflict-free reviewers they may have allow {} [M-15, M-17, M-18]",
          dossiers[out.staffed[i]].id, short_side.size() - 1,
          list_ids(dossiers, out.staffed, short_side, i), needed, needed - missing));
    }
    if (short_side.empty()) {
      // the places fit the loads: the lead rule, the employer rule (and the diversity rule)
      // together leave no assignment, which the exact search proved; the smallest set of
      // dossiers that cannot be staffed together, with the reviewers who may lead them
      const auto core = infeasible_core(p, settings.solve);
      std::set<int> leads;
      bool experts = false;
      for (const auto i : core) {
        experts = experts || (p.require[i] & ~k_lead_trait) != 0;
        for (const auto& c : p.candidates[i]) {
          if (p.lead[static_cast<std::size_t>(c.reviewer)] != 0 &&
              p.capacity[static_cast<std::size_t>(c.reviewer)] > 0) {
            leads.insert(c.reviewer);
          }
        }
      }
      std::string names;
      for (const int r : leads) {
        names += fmt::format("{}{} (max_load {}, employer {})", names.empty() ? "" : ", ",
                             reviewers[static_cast<std::size_t>(r)].id,
                             p.capacity[static_cast<std::size_t>(r)],
                             reviewers[static_cast<std::size_t>(r)].employer.name);
      }
      for (const auto i : core) {
        problems.push_back(fmt::format(
            "{}: cannot be staffed {}: no assignment gives {} a lead-qualified reviewer (组长){}, "
            "reviewers of different employers and loads within max_load; the lead-qualified "
            "reviewers {} may have: {} [M-15, M-17, M-18]",
            dossiers[out.staffed[i]].id,
            core.size() == 1
                ? std::string("on its own")
                : fmt::format("together with {} other dossier(s) ({})", core.size() - 1,
                              list_ids(dossiers, out.staffed, core, i)),
            core.size() == 1 ? "its panel" : "each of their panels",
            experts ? " and the experts the diversity rule requires" : "",
            core.size() == 1 ? "it" : "they", names.empty() ? "none" : names));
      }
    }
  }
  if (!solution) {
    long long needed = 0;
    long long capacity = 0;
    for (const int n : p.need) {
      needed += n;
    }
    for (const int c : p.capacity) {
      capacity += c;
    }
    Failure f = solution.failure();
    f.message = fmt::format("{} places on {} panels, the available reviewers' loads allow {}: {} "
                            "[M-15, M-17, M-18]",
                            needed, p.need.size(), capacity, f.message);
    if (!problems.empty()) {
      problems.push_back(f.message);
      return joined(std::move(problems));
    }
    return f;
  }
  out.solution = std::move(solution).value();
  for (std::size_t s = 0; s < out.staffed.size(); ++s) {
    const auto& d = dossiers[out.staffed[s]];
    auto seats = kept[s];
    const auto seat = [&](int r, bool lead, std::size_t k) {
      const auto& rv = reviewers[static_cast<std::size_t>(r)];
      const double chance = out.solution.probability.empty() ? 1.0 : out.solution.probability[s][k];
      return Seat{rv.id, lead, static_cast<double>(affinity(rv, d, settings.weights)) / 100.0,
                  chance, false};
    };
    if (p.fixed_lead[s] < 0 && out.solution.lead[s] >= 0) {
      seats.insert(seats.begin(), seat(out.solution.lead[s], true, 0));
    }
    std::size_t k = 1;
    for (const int r : out.solution.members[s]) {
      seats.push_back(seat(r, false, k++));
    }
    std::stable_sort(seats.begin(), seats.end(), [](const Seat& a, const Seat& b) {
      return a.lead != b.lead ? a.lead : a.reviewer < b.reviewer;
    });
    for (const auto& x : seats) {
      out.objective += x.affinity;
    }
    if (s < out.solution.marginals.size()) {
      for (const auto& [r, q] : out.solution.marginals[s]) {
        const auto& rv = reviewers[static_cast<std::size_t>(r)];
        const bool drawn = std::any_of(seats.begin(), seats.end(),
                                       [&](const Seat& x) { return x.reviewer == rv.id; });
        out.marginals.push_back({d.id, rv.id, rv.name, q, drawn});
      }
    }
    out.panels.push_back(std::move(seats));
  }
  std::sort(out.exclusions.begin(), out.exclusions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.dossier, a.reviewer) < std::tie(b.dossier, b.reviewer);
  });
  std::sort(out.marginals.begin(), out.marginals.end(), [](const auto& a, const auto& b) {
    return std::tie(a.dossier, a.reviewer) < std::tie(b.dossier, b.reviewer);
  });
  return out;
}

} // namespace sqma::panel
