// SPDX-License-Identifier: Apache-2.0
#include "score/aggregate.hpp"

#include "score/rounds.hpp"
#include "score/stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace sqma::score {
namespace {

struct Work {
  const model::Dossier* dossier = nullptr;
  const CriteriaSet* set = nullptr;
  std::vector<const nlohmann::json*> sheets; // score sheets, by reviewer
  DossierResult result;
};

std::vector<double> sheet_category_percents(const nlohmann::json& sheet, const CriteriaSet& set,
                                            const Category& category)
{
  double points = 0;
  for (const auto& item : set.items) {
    if (item.category == category.id && sheet.at("items").contains(item.id)) {
      points += sheet.at("items").at(item.id).at("points").get<double>();
    }
  }
  return {category.points > 0 ? 100.0 * points / category.points : 0.0};
}

std::optional<std::string> propose_level(const DossierResult& r, const LevelRule& rule)
{
  std::size_t reaching_benchmark = 0;
  std::size_t reaching_professional = 0;
  for (const auto& [id, percent] : r.categories) {
    reaching_benchmark += percent >= rule.benchmark_category ? 1 : 0;
    reaching_professional += percent >= rule.professional_category ? 1 : 0;
  }
  if (!r.categories.empty() && reaching_benchmark == r.categories.size()) {
    return "benchmark";
  }
  if (r.percent >= rule.professional_total &&
      reaching_professional >= static_cast<std::size_t>(rule.professional_categories)) {
    return "professional";
  }
  if (r.percent >= rule.implementation_total) {
    return "implementation";
  }
  return std::nullopt;
}

// The cap a final proposal counts against, with its clause; empty when none.
std::pair<std::string, std::string> cap_of(const std::string& group,
                                           const std::optional<std::string>& level)
{
  if (group == "organisation") {
    return level == std::optional<std::string>("benchmark")
               ? std::pair<std::string, std::string>{"benchmark", "M-7"}
               : std::pair<std::string, std::string>{};
  }
  if (group == "project") {
    return {"project", "M-8"};
  }
  return {group, "M-9"};
}

void combine_scores(Work& w, const std::map<std::string, double>& leniency,
                    const Settings& settings)
{
  auto& r = w.result;
  const auto& set = *w.set;
  std::vector<double> raw;
  std::vector<double> calibrated;
  for (const auto* sheet : w.sheets) {
    ReviewerScore s;
    s.reviewer = sheet->at("reviewer").get<std::string>();
    s.percent = sheet->at("percent").get<double>();
    const auto l = leniency.find(s.reviewer);
    s.calibrated = std::clamp(s.percent - (l == leniency.end() ? 0.0 : l->second), 0.0, 100.0);
    s.objection = sheet->value("objection", false);
    raw.push_back(s.percent);
    calibrated.push_back(s.calibrated);
    r.reviewers.push_back(s);
  }
  r.raw_percent = combine(raw, settings.method);
  r.calibrated_percent = combine(calibrated, settings.method);
  r.percent = settings.rank_calibrated ? r.calibrated_percent : r.raw_percent;
  r.spread = spread(raw);
  r.sd = stddev(raw);
  for (const auto& item : set.items) {
    std::vector<double> points;
    for (const auto* sheet : w.sheets) {
      points.push_back(sheet->at("items").at(item.id).at("points").get<double>());
    }
    const double item_spread = item.points > 0 ? 100.0 * spread(points) / item.points : 0.0;
    r.items[item.id] = ItemResult{combine(points, settings.method), item_spread};
    if (item_spread > settings.item_threshold + 1e-9) {
      r.consensus_items.push_back(item.id);
    }
  }
  if (set.id == "organisation") {
    for (const auto& category : set.categories) {
      std::vector<double> percents;
      for (std::size_t i = 0; i < w.sheets.size(); ++i) {
        const double p = sheet_category_percents(*w.sheets[i], set, category).front();
        // The reviewer's leniency shifts every category as it shifts the total.
        percents.push_back(
            settings.rank_calibrated
                ? std::clamp(p - (r.reviewers[i].percent - r.reviewers[i].calibrated), 0.0, 100.0)
                : p);
      }
      r.categories[category.id] = combine(percents, settings.method);
    }
  }
}

void flag_scores(Work& w, const Settings& settings)
{
  auto& r = w.result;
  const auto& clause = w.set->clause;
  if (r.reviewers.size() < r.panel) {
    r.flags.push_back(fmt::format("incomplete [{}]: sheets from {} of {} panel members", clause,
                                  r.reviewers.size(), r.panel));
  }
  const bool total_apart = r.spread > settings.consensus_threshold + 1e-9;
  if (total_apart || !r.consensus_items.empty()) {
    std::string what = total_apart ? fmt::format("scores spread {:.1f} points of 100 (> {:.1f})",
                                                 r.spread, settings.consensus_threshold)
                                   : std::string{};
    if (!r.consensus_items.empty()) {
      std::vector<std::string> items;
      for (const auto& id : r.consensus_items) {
        items.push_back(fmt::format("{} ({:.0f}%)", id, r.items.at(id).spread));
      }
      what +=
          fmt::format("{}items apart by more than {:.0f}% of their points: {}",
                      what.empty() ? "" : "; ", settings.item_threshold, fmt::join(items, ", "));
    } else {
      // No single item passes its threshold: name the widest apart so that the panel knows
      // where to start.
      std::vector<std::pair<double, std::string>> widest;
      for (const auto& [id, item] : r.items) {
        widest.emplace_back(-rounded(item.spread, 2), id);
      }
      std::sort(widest.begin(), widest.end());
      widest.resize(std::min<std::size_t>(widest.size(), 3));
      std::vector<std::string> items;
      for (const auto& [negative, id] : widest) {
        items.push_back(fmt::format("{} ({:.0f}%)", id, -negative));
      }
      what += fmt::format("; widest apart: {}", fmt::join(items, ", "));
    }
    r.flags.push_back(fmt::format("consensus needed [{}]: {}", clause, what));
  }
}

void rank_and_advance(std::vector<Work>& works, const std::string& round, const Settings& settings)
{
  std::map<std::string, std::vector<DossierResult*>> groups;
  for (auto& w : works) {
    groups[w.result.group].push_back(&w.result);
  }
  for (auto& [group, list] : groups) {
    std::sort(list.begin(), list.end(), [](const DossierResult* a, const DossierResult* b) {
      const double pa = rounded(a->percent);
      const double pb = rounded(b->percent);
      return pa != pb ? pa > pb : a->id < b->id;
    });
    const auto rule = advance_rule(settings, round, group);
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto& r = *list[i];
      r.rank = static_cast<int>(i + 1);
      r.of = static_cast<int>(list.size());
      r.advanced = (!rule.top || r.rank <= *rule.top) &&
                   (!rule.threshold || rounded(r.percent) >= *rule.threshold);
    }
  }
}

void mutual_evaluation(const model::Dossier& dossier, const std::string& round,
                       DossierResult* result, std::map<std::string, ReviewerSummary>& reviewers)
{
  const auto* r = round_of(dossier, round);
  if (r == nullptr) {
    return;
  }
  for (const auto& sheet : r->sheets) {
    const auto kind = sheet.value("kind", std::string("score"));
    const auto reviewer = sheet.value("reviewer", std::string{});
    if (kind == "score" || !sheet.contains("rating")) {
      continue;
    }
    const auto& rating = sheet.at("rating");
    auto& summary = reviewers[reviewer];
    summary.reviewer = reviewer;
    if (kind == "applicant_rating") {
      const int quality = rating.value("work_quality", 0);
      const int integrity = rating.value("integrity", 0);
      const double n = static_cast<double>(summary.ratings);
      summary.work_quality = (summary.work_quality.value_or(0) * n + quality) / (n + 1);
      summary.integrity = (summary.integrity.value_or(0) * n + integrity) / (n + 1);
      summary.lowest_integrity = std::min(summary.lowest_integrity.value_or(5), integrity);
      ++summary.ratings;
      if (integrity <= 2 || quality <= 2) {
        const auto text = fmt::format("{} rated {}: work quality {}/5, integrity {}/5", dossier.id,
                                      reviewer, quality, integrity);
        summary.complaints.push_back(text);
        if (result != nullptr) {
          result->flags.push_back(
              fmt::format("integrity complaint [M-17, M-18]: the applicant rated reviewer {} "
                          "work quality {}/5, integrity {}/5",
                          reviewer, quality, integrity));
        }
      }
    } else {
      ++summary.disciplines;
      const int discipline = rating.value("discipline", 0);
      if (discipline <= 2 && result != nullptr) {
        result->flags.push_back(
            fmt::format("discipline [M-18]: reviewer {} rated the applicant's discipline {}/5",
                        reviewer, discipline));
      }
    }
  }
}

// Final proposals already decided in earlier rounds count against the caps too.
struct Proposal {
  std::string cap;
  std::string clause;
  double percent = 0;
  std::string id;
  DossierResult* result = nullptr; // null for an earlier round's proposal
};

void earlier_proposals(const model::Dossier& d, const std::string& round,
                       std::vector<Proposal>& proposals)
{
  // An organisation's final panel result under A1-11 is the only earlier final round that
  // can sit beside this round's dossiers.
  if (round != "onsite" || d.stage != model::Stage::panel || !d.rounds.panel) {
    return;
  }
  const auto& res = d.rounds.panel->result;
  if (!res.is_object() || !res.value("simplified", false) || !res.value("advanced", false)) {
    return;
  }
  if (res.value("level", std::string{}) == "benchmark") {
    proposals.push_back({"benchmark", "M-7", res.value("percent", 0.0), d.id, nullptr});
  }
}

void apply_caps(std::vector<Proposal>& proposals, const Settings& settings)
{
  std::map<std::string, std::vector<Proposal*>> by_cap;
  for (auto& p : proposals) {
    by_cap[p.cap].push_back(&p);
  }
  for (auto& [cap, list] : by_cap) {
    const auto limit = settings.caps.find(cap);
    if (limit == settings.caps.end()) {
      continue;
    }
    std::sort(list.begin(), list.end(), [](const Proposal* a, const Proposal* b) {
      const double pa = rounded(a->percent);
      const double pb = rounded(b->percent);
      return pa != pb ? pa > pb : a->id < b->id;
    });
    for (std::size_t i = static_cast<std::size_t>(limit->second); i < list.size(); ++i) {
      if (list[i]->result == nullptr) {
        continue;
      }
      list[i]->result->past_cap = true;
      list[i]->result->flags.push_back(fmt::format(
          "past the cap [{}]: proposal {} of {} for {}, whose cap is {} in principle; the "
          "committee decides, with a recorded reason, whether to exceed it",
          list[i]->clause, i + 1, list.size(), cap, limit->second));
    }
  }
}

} // namespace

RoundResult aggregate(const std::vector<model::Dossier>& dossiers, const std::string& round,
                      const Criteria& criteria, const Settings& settings)
{
  RoundResult out;
  out.round = round;
  out.method = settings.method;
  out.calibrated = settings.calibrate;
  out.rank_calibrated = settings.rank_calibrated;
  const auto stage = model::round_stage(round);
  std::vector<Work> works;
  for (const auto& d : dossiers) {
    if (!stage || d.stage != *stage) {
      continue;
    }
    const auto* r = round_of(d, round);
    Work w;
    w.dossier = &d;
    w.set = &criteria.for_dossier(d);
    if (r != nullptr) {
      for (const auto& sheet : r->sheets) {
        if (sheet.value("kind", std::string("score")) == "score") {
          w.sheets.push_back(&sheet);
        }
      }
      w.result.panel = r->panel.size();
    }
    if (w.sheets.empty()) {
      out.problems.push_back(Failure{
          ExitCode::negative,
          fmt::format("{} has no score sheets for the {} round; it is left as it was", d.id, round),
          {}});
      continue;
    }
    std::sort(w.sheets.begin(), w.sheets.end(), [](const auto* a, const auto* b) {
      return a->at("reviewer").template get<std::string>() <
             b->at("reviewer").template get<std::string>();
    });
    w.result.id = d.id;
    w.result.name = d.applicant.name;
    w.result.group = w.set->id;
    w.result.max = w.set->total();
    works.push_back(std::move(w));
  }
  std::sort(works.begin(), works.end(),
            [](const Work& a, const Work& b) { return a.result.id < b.result.id; });

  Calibration calibration;
  if (settings.calibrate) {
    std::vector<Observation> observations;
    for (const auto& w : works) {
      for (const auto* sheet : w.sheets) {
        observations.push_back({w.result.id, sheet->at("reviewer").get<std::string>(),
                                sheet->at("percent").get<double>()});
      }
    }
    calibration = calibrate(observations);
  }
  std::map<std::string, ReviewerSummary> reviewers;
  for (auto& w : works) {
    combine_scores(w, calibration.leniency, settings);
    flag_scores(w, settings);
    for (const auto& s : w.result.reviewers) {
      auto& summary = reviewers[s.reviewer];
      summary.reviewer = s.reviewer;
      summary.mean_percent += s.percent;
      ++summary.sheets;
    }
  }
  for (auto& [id, summary] : reviewers) {
    if (summary.sheets > 0) {
      summary.mean_percent /= static_cast<double>(summary.sheets);
    }
    const auto l = calibration.leniency.find(id);
    summary.leniency = l == calibration.leniency.end() ? 0.0 : l->second;
  }
  rank_and_advance(works, round, settings);

  std::vector<Proposal> proposals;
  for (auto& w : works) {
    auto& r = w.result;
    const auto& d = *w.dossier;
    if (r.group == "organisation") {
      r.level = propose_level(r, settings.levels);
      if (round == "panel") {
        const bool qualifies = !simplified_awards(d, settings.year).empty();
        std::vector<std::string> objecting;
        for (const auto& s : r.reviewers) {
          if (s.objection) {
            objecting.push_back(s.reviewer);
          }
        }
        r.simplified = qualifies && objecting.empty();
        if (qualifies && !objecting.empty()) {
          r.flags.push_back(fmt::format(
              "objection [A1-11]: {} raised a major objection; on-site verification stays",
              fmt::join(objecting, ", ")));
        } else if (qualifies) {
          r.flags.push_back("simplified procedure [A1-11]: a government quality award within "
                            "two years and no major objection; on-site verification is skipped");
        }
      }
      if (!r.level) {
        r.flags.push_back(fmt::format(
            "below every level [A1-4]: {:.1f}% does not meet the implementation threshold {:.1f}%",
            r.percent, settings.levels.implementation_total));
      }
    }
    if (round == "panel" && !r.simplified) {
      r.simplified = false; // the simplified procedure is for organisations only (A1-11)
    }
    r.final_round = is_final_round(d, round, r.simplified.value_or(false));
    if (r.final_round && r.group == "organisation" && !r.level && r.advanced) {
      r.advanced = false;
    }
    if (r.final_round && r.advanced) {
      const auto [cap, clause] = cap_of(r.group, r.level);
      if (!cap.empty()) {
        proposals.push_back({cap, clause, r.percent, r.id, &r});
      }
    }
  }
  std::map<std::string, DossierResult*> by_id;
  for (auto& w : works) {
    by_id[w.result.id] = &w.result;
  }
  for (const auto& d : dossiers) {
    const auto found = by_id.find(d.id);
    mutual_evaluation(d, round, found == by_id.end() ? nullptr : found->second, reviewers);
    if (found == by_id.end()) {
      earlier_proposals(d, round, proposals);
    }
  }
  apply_caps(proposals, settings);

  for (auto& w : works) {
    out.dossiers.push_back(std::move(w.result));
  }
  std::sort(out.dossiers.begin(), out.dossiers.end(),
            [](const DossierResult& a, const DossierResult& b) {
              return std::tie(a.group, a.rank) < std::tie(b.group, b.rank);
            });
  for (auto& [id, summary] : reviewers) {
    std::sort(summary.complaints.begin(), summary.complaints.end());
    out.reviewers.push_back(std::move(summary));
  }
  return out;
}

} // namespace sqma::score
