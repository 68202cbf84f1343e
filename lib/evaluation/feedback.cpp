// SPDX-License-Identifier: Apache-2.0
// The applicant's feedback report: remarks by category and the band of each category.
#include "evaluation/feedback.hpp"

#include "certify/names.hpp"
#include "evaluation/evaluation.hpp"
#include "evaluation/remarks.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sqma::evaluation {
namespace {

struct BandRow {
  double from;
  const char* range;
  const char* zh;
  const char* en;
};

constexpr std::array<BandRow, 6> k_bands{{
    {0, "0%–10%", "尚无证据", "little or no evidence"},
    {10, "10%–30%", "初步建立", "a beginning"},
    {30, "30%–50%", "基本有效", "basically effective"},
    {50, "50%–70%", "系统有效", "effective and systematic"},
    {70, "70%–90%", "成熟完善", "refined and well integrated"},
    {90, "90%–100%", "卓越领先", "a role model"},
}};

const nlohmann::json* percent_result(const model::Round* r)
{
  return r != nullptr && r->result.is_object() && r->result.contains("percent") &&
                 r->result.at("percent").is_number()
             ? &r->result
             : nullptr;
}

std::vector<std::string> texts(const std::vector<MergedRemark>& remarks)
{
  std::vector<std::string> out;
  for (const auto& r : remarks) {
    out.push_back(r.text);
  }
  return out;
}

} // namespace

Band band_of(double percent)
{
  std::size_t i = 0;
  while (i + 1 < k_bands.size() && percent >= k_bands[i + 1].from) {
    ++i;
  }
  return Band{static_cast<int>(i + 1), k_bands[i].range, k_bands[i].zh, k_bands[i].en};
}

bool reviewed(const model::Dossier& dossier)
{
  for (const char* name : {"written", "panel", "onsite"}) {
    if (percent_result(score::round_of(dossier, name)) != nullptr) {
      return true;
    }
  }
  return false;
}

Result<Feedback> feedback(const model::Dossier& d, const score::Criteria& criteria,
                          const std::string& cycle_name)
{
  const auto& set = criteria.for_dossier(d);
  Feedback f;
  f.id = d.id;
  f.cycle = cycle_name;
  f.applicant = d.applicant.name;
  if (d.award_class != model::AwardClass::organisation) {
    f.organisation = d.applicant.organisation.name;
  }
  f.award_zh = certify::class_zh(d.award_class);
  if (d.kind) {
    f.award_zh += "·" + certify::level_zh(model::to_string(*d.kind));
  }
  f.criteria = set.name;
  f.criteria_source = set.source;
  f.criteria_clause = set.clause;
  const nlohmann::json* last = nullptr;
  for (const char* name : {"written", "panel", "onsite"}) {
    if (const auto* result = percent_result(score::round_of(d, name))) {
      f.rounds.push_back(round_name(d.award_class, name).first);
      f.last_round = f.rounds.back();
      last = result;
    }
  }
  if (last == nullptr) {
    return Failure{
        ExitCode::data,
        fmt::format("{} was not scored in any round (stage {})", d.id, model::to_string(d.stage)),
        Location{d.id, 0, "/rounds"}};
  }
  f.overall = band_of(last->at("percent").get<double>());
  const auto percents = category_percents(set, *last);
  for (std::size_t i = 0; i < set.categories.size(); ++i) {
    if (percents[i] >= 0) {
      const auto& c = set.categories[i];
      f.categories.push_back({c.id, c.name, c.name_en, c.points, band_of(percents[i])});
    }
  }
  for (const auto& group : merge_remarks(d, set)) {
    f.remarks.push_back({group.category, group.name, group.name_en, texts(group.strengths),
                         texts(group.opportunities)});
  }
  return f;
}

} // namespace sqma::evaluation
