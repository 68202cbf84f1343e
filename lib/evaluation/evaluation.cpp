// SPDX-License-Identifier: Apache-2.0
// The 综合评价报告 of one dossier, built from what score and aggregate stored in it.
#include "evaluation/evaluation.hpp"

#include "certify/names.hpp"
#include "evaluation/findings.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sqma::evaluation {
namespace {

constexpr std::array<const char*, 3> k_rounds{"written", "panel", "onsite"};

double number(const nlohmann::json& j, const char* key, double fallback = 0)
{
  return j.contains(key) && j.at(key).is_number() ? j.at(key).get<double>() : fallback;
}

bool flag(const nlohmann::json& j, const char* key)
{
  return j.contains(key) && j.at(key).is_boolean() && j.at(key).get<bool>();
}

std::string text(const nlohmann::json& j, const char* key)
{
  return j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : std::string{};
}

Result<RoundScore> round_score(const model::Dossier& d, const std::string& name,
                               const nlohmann::json& r)
{
  for (const char* key : {"percent", "max", "advanced", "final"}) {
    const bool present =
        r.contains(key) && (std::string_view(key) == "advanced" || std::string_view(key) == "final"
                                ? r.at(key).is_boolean()
                                : r.at(key).is_number());
    if (!present) {
      return Failure{
          ExitCode::data,
          fmt::format("{}: the {} round's result has no {} (run sqma aggregate)", d.id, name, key),
          Location{d.id, 0, fmt::format("/rounds/{}/result/{}", name, key)}};
    }
  }
  RoundScore s;
  s.round = name;
  std::tie(s.name, s.name_en) = round_name(d.award_class, name);
  s.clause = score::round_clause(d.award_class, name);
  s.percent = number(r, "percent");
  s.max = number(r, "max");
  s.total = number(r, "total", s.max * s.percent / 100.0);
  s.spread = number(r, "spread");
  s.sd = number(r, "sd");
  s.sheets = static_cast<int>(number(r, "sheets"));
  s.panel = static_cast<int>(number(r, "panel", s.sheets));
  s.rank = static_cast<int>(number(r, "rank"));
  s.of = static_cast<int>(number(r, "of"));
  s.advanced = flag(r, "advanced");
  s.final = flag(r, "final");
  s.calibrated = text(r, "rank_by") == "calibrated";
  s.method = text(r, "method");
  if (r.contains("consensus_items") && r.at("consensus_items").is_array()) {
    for (const auto& item : r.at("consensus_items")) {
      if (item.is_string()) {
        s.consensus_items.push_back(item.get<std::string>());
      }
    }
  }
  return s;
}

std::vector<Finding> decision_of(const model::Dossier& d)
{
  std::vector<Finding> out;
  const model::StageRecord* decided = nullptr;
  for (const auto& h : d.history) {
    if (h.command == "sqma certify" && h.details.is_object() && h.details.contains("meeting")) {
      decided = &h;
    }
  }
  if (decided != nullptr) {
    const auto& meeting = decided->details.at("meeting");
    const auto reference = text(meeting, "reference");
    const auto clause = text(decided->details, "clause");
    const auto note = text(decided->details, "note");
    if (decided->stage == model::Stage::approved) {
      const auto level = !text(decided->details, "level").empty() ? text(decided->details, "level")
                                                                  : text(decided->details, "kind");
      const auto award = certify::award_zh(d.award_class, level);
      out.push_back({clause,
                     fmt::format("审定委员会于{}审定通过（{}）：{}。", decided->date.chinese(),
                                 reference, award),
                     fmt::format("Approved by the committee on {} ({}): {}.", decided->date.iso(),
                                 reference, award)});
    } else {
      out.push_back({clause,
                     fmt::format("审定委员会于{}审定未通过（{}）{}。", decided->date.chinese(),
                                 reference, note.empty() ? "" : "：" + note),
                     fmt::format("Not approved by the committee on {} ({}){}.", decided->date.iso(),
                                 reference, note.empty() ? "" : ": " + note)});
    }
  }
  if (d.award && d.award->certificate) {
    out.push_back({"M-19", fmt::format("证书编号 {}。", *d.award->certificate),
                   fmt::format("Certificate {}.", *d.award->certificate)});
  }
  if (d.award && d.award->revoked_on) {
    const auto reason = d.award->revocation_reason.value_or("other");
    out.push_back({"M-22",
                   fmt::format("{}撤销，原因：{}。", d.award->revoked_on->chinese(),
                               certify::reason_zh(reason)),
                   fmt::format("Revoked on {} ({}).", d.award->revoked_on->iso(), reason)});
  }
  return out;
}

} // namespace

std::vector<double> category_percents(const score::CriteriaSet& set, const nlohmann::json& r)
{
  const bool by_category = r.contains("categories") && r.at("categories").is_object();
  const bool by_item = r.contains("items") && r.at("items").is_object();
  std::vector<double> out;
  for (const auto& c : set.categories) {
    double percent = -1;
    if (by_category && r.at("categories").contains(c.id) &&
        r.at("categories").at(c.id).is_number()) {
      percent = r.at("categories").at(c.id).get<double>();
    } else if (by_item && c.points > 0) {
      double sum = 0;
      bool any = false;
      for (const auto& item : set.items) {
        if (item.category == c.id && r.at("items").contains(item.id) &&
            r.at("items").at(item.id).is_object()) {
          sum += number(r.at("items").at(item.id), "points");
          any = true;
        }
      }
      percent = any ? 100.0 * sum / c.points : -1;
    }
    out.push_back(percent);
  }
  return out;
}

bool finished(const model::Dossier& dossier)
{
  for (const char* name : k_rounds) {
    const auto* r = score::round_of(dossier, name);
    if (r != nullptr && r->result.is_object() && flag(r->result, "final")) {
      return true;
    }
  }
  return false;
}

std::pair<std::string, std::string> round_name(model::AwardClass award_class,
                                               const std::string& round)
{
  if (round == "written") {
    return {"书面评审", "Written review"};
  }
  if (round == "panel") {
    return award_class == model::AwardClass::organisation
               ? std::pair<std::string, std::string>{"专家会审", "Panel review"}
               : std::pair<std::string, std::string>{"会审答辩", "Panel defence"};
  }
  return {"现场验证", "On-site verification"};
}

Result<Evaluation> evaluate(const model::Dossier& d, const score::Criteria& criteria,
                            const score::Settings& settings, const std::string& cycle_name)
{
  const auto& set = criteria.for_dossier(d);
  Evaluation e;
  e.id = d.id;
  e.cycle = cycle_name;
  e.applicant = d.applicant.name;
  if (d.award_class != model::AwardClass::organisation) {
    e.organisation = d.applicant.organisation.name;
  }
  e.award_class = model::to_string(d.award_class);
  e.class_zh = certify::class_zh(d.award_class);
  e.group = set.id;
  e.criteria = set.name;
  e.criteria_clause = set.clause;
  e.stage = model::to_string(d.stage);
  e.procedure_clause = procedure_clause(d.award_class);
  for (const auto& c : set.categories) {
    e.categories.push_back({c.id, c.name, c.name_en, c.points, {}, {}});
  }
  const nlohmann::json* final_result = nullptr;
  for (const char* name : k_rounds) {
    const auto* r = score::round_of(d, name);
    if (r == nullptr || !r->result.is_object()) {
      continue;
    }
    auto s = round_score(d, name, r->result);
    if (!s) {
      return s.failure();
    }
    e.rounds.push_back(std::move(s).take());
    const auto percents = category_percents(set, r->result);
    for (std::size_t i = 0; i < e.categories.size(); ++i) {
      auto& c = e.categories[i];
      c.percents.push_back(percents[i]);
      c.points.push_back(percents[i] >= 0 ? c.max * percents[i] / 100.0 : -1);
    }
    if (e.rounds.back().final) {
      final_result = &r->result;
    }
  }
  if (final_result == nullptr) {
    return Failure{ExitCode::data,
                   fmt::format("{} has not finished its review rounds (stage {})", d.id, e.stage),
                   Location{d.id, 0, "/rounds"}};
  }
  if (d.award_class == model::AwardClass::organisation) {
    e.proposed = text(*final_result, "level");
  } else if (d.kind) {
    e.proposed = model::to_string(*d.kind);
  }
  e.proposed_zh = certify::level_zh(e.proposed);
  e.award_zh = certify::award_zh(d.award_class, e.proposed);
  e.remarks = merge_remarks(d, set);
  e.disagreements = disagreements(e, settings, set);
  e.simplified = simplified(d, e, settings);
  e.notes = notes(d, e, *final_result);
  e.recommended = std::any_of(e.rounds.begin(), e.rounds.end(),
                              [](const RoundScore& r) { return r.final && r.advanced; });
  e.recommendation = recommendation(d, e, settings);
  e.decision = decision_of(d);
  return e;
}

} // namespace sqma::evaluation
