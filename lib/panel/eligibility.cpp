// SPDX-License-Identifier: Apache-2.0
#include "panel/eligibility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sqma::panel {
namespace {

std::string kind_zh(const std::string& kind)
{
  if (kind == "consulting") {
    return "咨询";
  }
  if (kind == "training") {
    return "培训";
  }
  if (kind == "technical_service") {
    return "技术服务";
  }
  if (kind == "economic_interest") {
    return "经济利益";
  }
  return "任职";
}

std::string span(const Relation& relation)
{
  return fmt::format("{}..{}", relation.from ? relation.from->iso() : std::string("?"),
                     relation.until ? relation.until->iso() : std::string("ongoing"));
}

long long hundredths(double value)
{
  return std::llround(value * 100.0);
}

} // namespace

std::vector<Shortfall> shortfalls(const Reviewer& reviewer, std::optional<model::Date> on)
{
  std::vector<Shortfall> out;
  if (reviewer.education < model::Education::bachelor) {
    nlohmann::json name = reviewer.education;
    out.push_back({"M-15(2)", fmt::format("education {}, below bachelor 学历低于本科",
                                          name.get<std::string>())});
  }
  if (!reviewer.tqm_training) {
    out.push_back({"M-15(2)", "no systematic TQM training 未接受全面质量管理系统培训"});
  }
  if (reviewer.experience_years < 10) {
    out.push_back({"M-15(3)", fmt::format("{} years of experience, 10 needed 工作经历不足十年",
                                          reviewer.experience_years)});
  }
  if (reviewer.qualifications.empty()) {
    out.push_back({"M-15(4)", "no reviewer qualification or training certificate "
                              "无评审员资格或培训证书"});
  }
  if (!reviewer.pledge_signed) {
    out.push_back({"M-15(5), M-17", "integrity pledge not signed 未签署公正廉洁保密承诺书"});
  } else if (on && reviewer.pledge_date && *on < *reviewer.pledge_date) {
    out.push_back(
        {"M-15(5), M-17", fmt::format("integrity pledge signed {}, after the round's date {} "
                                      "承诺书签署日期晚于本环节日期",
                                      reviewer.pledge_date->iso(), on->iso())});
  }
  return out;
}

std::optional<std::string> conflict(const Reviewer& reviewer, const model::Dossier& dossier,
                                    const ConflictWindows& windows)
{
  return conflict(reviewer, dossier.units(), windows, dossier.id);
}

std::optional<std::string> conflict(const Reviewer& reviewer,
                                    const std::vector<const model::Unit*>& units,
                                    const ConflictWindows& windows, const std::string& dossier_id)
{
  for (const auto* u : units) {
    if (u->credit_code == reviewer.employer.credit_code) {
      return fmt::format("employed by {} ({}) 现任职于申报单位", u->name, u->credit_code);
    }
  }
  for (const auto& rel : reviewer.relations) {
    const bool employment = rel.kind == "employment";
    const int years = employment ? windows.employment_years : windows.relation_years;
    const auto since = windows.reference_date.plus_years(-years);
    if (rel.until && *rel.until < since) {
      continue;
    }
    for (const auto* u : units) {
      if (u->credit_code == rel.organisation.credit_code) {
        return fmt::format("{} with {} ({}) {}, within {} years 与申报单位存在{}关系", rel.kind,
                           u->name, u->credit_code, span(rel), years, kind_zh(rel.kind));
      }
    }
  }
  for (const auto& p : reviewer.preferences) {
    if (p.bid == "conflict" && p.dossier == dossier_id) {
      return fmt::format("declared a conflict with this dossier{}{} 本人申报回避",
                         p.reason.empty() ? "" : ": ", p.reason);
    }
  }
  for (const auto& c : reviewer.conflicts) {
    for (const auto* u : units) {
      if (u->credit_code == c.organisation.credit_code) {
        return fmt::format("declared conflict with {} ({}): {} 本人申报回避", u->name,
                           u->credit_code, c.reason);
      }
    }
  }
  return std::nullopt;
}

long long affinity(const Reviewer& reviewer, const model::Dossier& dossier,
                   const AffinityWeights& weights)
{
  double best = 0.0;
  for (const auto& mine : reviewer.industries) {
    for (const auto& theirs : dossier.applicant.industries) {
      if (mine.empty() || theirs.empty() || mine[0] != theirs[0]) {
        continue;
      }
      const bool division =
          mine.size() >= 3 && theirs.size() >= 3 && mine.compare(0, 3, theirs, 0, 3) == 0;
      best = std::max(best, division ? weights.industry_division : weights.industry_section);
    }
  }
  return hundredths(best) + expertise(reviewer, dossier, weights);
}

long long expertise(const Reviewer& reviewer, const model::Dossier& dossier,
                    const AffinityWeights& weights)
{
  long long sum = reviewer.lead ? hundredths(weights.lead_bonus) : 0;
  const nlohmann::json award_class = dossier.award_class;
  if (std::find(reviewer.classes.begin(), reviewer.classes.end(), award_class.get<std::string>()) !=
      reviewer.classes.end()) {
    sum += hundredths(weights.award_class);
  }
  if (dossier.award_class == model::AwardClass::organisation) {
    sum += hundredths(weights.category) * static_cast<long long>(reviewer.categories.size());
  }
  for (const auto& p : reviewer.preferences) {
    if (p.dossier == dossier.id) {
      sum += p.bid == "willing"     ? hundredths(weights.willing)
             : p.bid == "unwilling" ? hundredths(weights.unwilling)
                                    : 0;
    }
  }
  return sum;
}

} // namespace sqma::panel
