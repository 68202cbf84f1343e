// SPDX-License-Identifier: Apache-2.0
#include "score/attach.hpp"

#include "core/version.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace sqma::score {
namespace {

// The sheet of (kind, reviewer) the round holds already, or null.
const nlohmann::json* held_sheet(const model::Round& round, const std::string& kind,
                                 const std::string& reviewer)
{
  const auto it =
      std::find_if(round.sheets.begin(), round.sheets.end(), [&](const nlohmann::json& stored) {
        return sheet_key(stored) == std::pair<std::string, std::string>{kind, reviewer};
      });
  return it == round.sheets.end() ? nullptr : &*it;
}

} // namespace

ScoreOutcome attach_sheets(std::vector<model::Dossier>& dossiers,
                           const std::vector<std::string>& dossier_digests,
                           const std::vector<Sheet>& sheets, const std::string& round,
                           const Criteria& criteria, bool require_comments, const model::Date& date,
                           const std::vector<model::InputDigest>& inputs)
{
  ScoreOutcome out;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    index.emplace(dossiers[i].id, i);
  }
  using Key = std::tuple<std::string, std::string, std::string>; // dossier, kind, reviewer
  std::map<Key, std::vector<const Sheet*>> pairs;
  for (const auto& sheet : sheets) {
    pairs[{sheet.dossier, to_string(sheet.kind), sheet.reviewer}].push_back(&sheet);
  }
  std::map<std::size_t, std::vector<const Sheet*>> accepted;
  for (const auto& sheet : sheets) {
    const auto found = index.find(sheet.dossier);
    if (found == index.end()) {
      out.refused.push_back(sheet.failure(
          "/dossier", fmt::format("dossier {} is not among the dossiers given", sheet.dossier)));
      continue;
    }
    const auto& dossier = dossiers[found->second];
    const auto kind = to_string(sheet.kind);
    const auto& same = pairs.at({sheet.dossier, kind, sheet.reviewer});
    if (same.size() > 1) {
      std::vector<std::string> others;
      for (const auto* other : same) {
        if (other != &sheet) {
          others.push_back(other->file);
        }
      }
      out.refused.push_back(sheet.failure(
          "/reviewer", fmt::format("another {} sheet of {} for {} in this round: {}; at most one "
                                   "sheet per pair and round counts, so none of them does",
                                   kind, sheet.reviewer, sheet.dossier, fmt::join(others, ", "))));
      continue;
    }
    const auto* r = round_of(dossier, round);
    const auto held = r == nullptr ? nullptr : held_sheet(*r, kind, sheet.reviewer);
    if (held != nullptr && held->value("sha256", std::string{}) == sheet.sha256) {
      ++out.unchanged; // the same file scored again: already there
      continue;
    }
    if (held != nullptr) {
      out.refused.push_back(sheet.failure(
          "/reviewer",
          fmt::format("{} already holds another {} sheet of {} for the {} round; a corrected "
                      "sheet is scored from the dossiers as assign wrote them, with every "
                      "sheet of the round",
                      sheet.dossier, kind, sheet.reviewer, round)));
      continue;
    }
    auto problems =
        check_sheet(sheet, dossier, round, criteria.for_dossier(dossier), require_comments);
    if (!problems.empty()) {
      out.refused.insert(out.refused.end(), problems.begin(), problems.end());
      continue;
    }
    accepted[found->second].push_back(&sheet);
  }
  for (auto& [i, list] : accepted) {
    auto& dossier = dossiers[i];
    const auto& set = criteria.for_dossier(dossier);
    auto* r = round_of(dossier, round);
    auto listed = nlohmann::json::array();
    model::StageRecord rec;
    rec.inputs.push_back({"dossier", dossier_digests[i]});
    rec.inputs.insert(rec.inputs.end(), inputs.begin(), inputs.end());
    std::sort(list.begin(), list.end(), [](const Sheet* a, const Sheet* b) {
      return std::tie(a->kind, a->reviewer) < std::tie(b->kind, b->reviewer);
    });
    for (const auto* sheet : list) {
      auto stored = stored_sheet(*sheet, set);
      nlohmann::json entry{
          {"kind", stored.at("kind")}, {"reviewer", sheet->reviewer}, {"file", stored.at("file")}};
      if (stored.contains("rating")) {
        entry["rating"] = stored.at("rating");
      } else {
        entry["percent"] = stored.at("percent");
      }
      listed.push_back(entry);
      rec.inputs.push_back({"sheet:" + stored.at("file").get<std::string>(), sheet->sha256});
      r->sheets.push_back(std::move(stored));
      ++out.accepted;
    }
    std::stable_sort(r->sheets.begin(), r->sheets.end(),
                     [](const auto& a, const auto& b) { return sheet_key(a) < sheet_key(b); });
    rec.stage = dossier.stage;
    rec.date = date;
    rec.command = "sqma score";
    rec.version = k_version;
    rec.outcome = "scored";
    rec.details = {{"round", round}, {"sheets", listed}};
    dossier.history.push_back(std::move(rec));
    out.scored.push_back(dossier.id);
  }
  std::sort(out.scored.begin(), out.scored.end());
  out.refused_sheets = sheets.size() - out.accepted - out.unchanged;
  std::stable_sort(out.refused.begin(), out.refused.end(), [](const Failure& a, const Failure& b) {
    return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
  });
  return out;
}

} // namespace sqma::score
