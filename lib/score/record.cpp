// SPDX-License-Identifier: Apache-2.0
// How a round's result is stored in the dossier and recorded in its history.
#include "core/version.hpp"
#include "score/aggregate.hpp"
#include "score/rounds.hpp"
#include "score/stats.hpp"

namespace sqma::score {
namespace {

const char* level_chinese(const std::string& level)
{
  return level == "benchmark"      ? "标杆示范级"
         : level == "professional" ? "专业推广级"
                                   : "推进实施级";
}

} // namespace

nlohmann::json result_json(const DossierResult& r, const RoundResult& round)
{
  const double total = r.max * r.percent / 100.0;
  nlohmann::json j{{"total", rounded(total, 2)},
                   {"percent", rounded(r.percent, 2)},
                   {"max", r.max},
                   {"group", r.group},
                   {"rank", r.rank},
                   {"of", r.of},
                   {"advanced", r.advanced},
                   {"final", r.final_round},
                   {"method", to_string(round.method)},
                   {"rank_by", round.rank_calibrated ? "calibrated" : "raw"},
                   {"spread", rounded(r.spread, 2)},
                   {"sd", rounded(r.sd, 2)},
                   {"sheets", r.reviewers.size()},
                   {"panel", r.panel},
                   {"flags", r.flags}};
  j["raw"] = {{"percent", rounded(r.raw_percent, 2)},
              {"total", rounded(r.max * r.raw_percent / 100.0, 2)}};
  if (round.calibrated) {
    j["calibrated"] = {{"percent", rounded(r.calibrated_percent, 2)},
                       {"total", rounded(r.max * r.calibrated_percent / 100.0, 2)}};
  }
  auto reviewers = nlohmann::json::array();
  for (const auto& s : r.reviewers) {
    nlohmann::json e{{"reviewer", s.reviewer}, {"percent", rounded(s.percent, 2)}};
    if (round.calibrated) {
      e["calibrated"] = rounded(s.calibrated, 2);
    }
    reviewers.push_back(e);
  }
  j["reviewers"] = reviewers;
  auto items = nlohmann::json::object();
  for (const auto& [id, item] : r.items) {
    items[id] = {{"points", rounded(item.points, 2)}, {"spread", rounded(item.spread, 2)}};
  }
  j["items"] = items;
  if (!r.categories.empty()) {
    auto categories = nlohmann::json::object();
    for (const auto& [id, percent] : r.categories) {
      categories[id] = rounded(percent, 2);
    }
    j["categories"] = categories;
  }
  if (!r.consensus_items.empty() || r.spread > 0) {
    j["consensus_items"] = r.consensus_items;
  }
  if (r.level) {
    j["level"] = *r.level;
    j["level_zh"] = level_chinese(*r.level);
  }
  if (r.simplified) {
    j["simplified"] = *r.simplified;
  }
  if (r.past_cap) {
    j["past_cap"] = true;
  }
  return j;
}

void record(model::Dossier& dossier, const DossierResult& result, const RoundResult& round,
            const model::Date& date, const std::vector<model::InputDigest>& inputs)
{
  auto* r = round_of(dossier, round.round);
  r->result = result_json(result, round);
  model::StageRecord rec;
  rec.stage = result.advanced ? dossier.stage : model::Stage::rejected;
  rec.date = date;
  rec.command = "sqma aggregate";
  rec.version = k_version;
  rec.inputs = inputs;
  rec.outcome = !result.advanced ? "not advanced" : result.final_round ? "proposed" : "advanced";
  nlohmann::json details{{"round", round.round},
                         {"rank", result.rank},
                         {"of", result.of},
                         {"percent", rounded(result.percent, 2)},
                         {"flags", result.flags}};
  if (result.level) {
    details["level"] = *result.level;
  }
  rec.details = std::move(details);
  dossier.stage = rec.stage;
  dossier.history.push_back(std::move(rec));
}

} // namespace sqma::score
