// SPDX-License-Identifier: Apache-2.0
#include "evaluation/findings.hpp"

#include "score/rounds.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace sqma::evaluation {
namespace {

constexpr double k_epsilon = 1e-9;

std::pair<std::string, std::string> method_words(const std::string& method)
{
  if (method == "mean") {
    return {"取全部评审员得分的平均值", "the mean of all reviewers' scores"};
  }
  if (method == "median") {
    return {"取评审员得分的中位数", "the median of the reviewers' scores"};
  }
  return {"去掉一个最高分和一个最低分后取平均值",
          "the mean after dropping the highest and the lowest score"};
}

std::string item_label(const score::CriteriaSet& criteria, const std::string& id)
{
  const auto* item = criteria.find(id);
  return item != nullptr ? id + " " + item->name : id;
}

// The stored sheets of one kind in a round.
std::vector<const nlohmann::json*> sheets_of(const model::Dossier& d, const std::string& round,
                                             const std::string& kind)
{
  std::vector<const nlohmann::json*> out;
  if (const auto* r = score::round_of(d, round)) {
    for (const auto& s : r->sheets) {
      if (s.is_object() && s.value("kind", std::string("score")) == kind) {
        out.push_back(&s);
      }
    }
  }
  return out;
}

int rating(const nlohmann::json& sheet, const char* key)
{
  if (sheet.contains("rating") && sheet.at("rating").is_object() &&
      sheet.at("rating").contains(key) && sheet.at("rating").at(key).is_number_integer()) {
    return sheet.at("rating").at(key).get<int>();
  }
  return 0;
}

std::string cap_clause(const Evaluation& e)
{
  return e.award_class == "organisation" ? "M-7" : e.award_class == "project" ? "M-8" : "M-9";
}

} // namespace

std::string procedure_clause(model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return "A1-10";
  case model::AwardClass::project: return "A2-8";
  case model::AwardClass::individual: return "A3-12";
  }
  return "A1-10";
}

std::vector<Finding> disagreements(const Evaluation& e, const score::Settings& settings,
                                   const score::CriteriaSet& criteria)
{
  std::vector<Finding> out;
  for (std::size_t i = 0; i < e.rounds.size(); ++i) {
    const auto& r = e.rounds[i];
    const bool apart = r.spread > settings.consensus_threshold + k_epsilon;
    if (!apart && r.consensus_items.empty()) {
      continue;
    }
    std::string zh =
        fmt::format("{}：评审员得分极差 {:.1f} 分（百分制），{}复议阈值 {:.1f} 分", r.name,
                    r.spread, apart ? "超过" : "未超过", settings.consensus_threshold);
    std::string en =
        fmt::format("{}: the reviewers' scores spread {:.1f} points of 100, {} the "
                    "consensus threshold of {:.1f}",
                    r.name_en, r.spread, apart ? "past" : "within", settings.consensus_threshold);
    if (!r.consensus_items.empty()) {
      std::vector<std::string> items;
      for (const auto& id : r.consensus_items) {
        items.push_back(item_label(criteria, id));
      }
      zh += fmt::format("；评分相差超过该项分值 {:.0f}% 的评分项：{}", settings.item_threshold,
                        fmt::join(items, "、"));
      en += fmt::format("; items apart by more than {:.0f}% of their points: {}",
                        settings.item_threshold, fmt::join(r.consensus_items, ", "));
    }
    const auto [method_zh, method_en] = method_words(r.method);
    zh +=
        fmt::format("。综合得分按{}{}", method_zh, r.calibrated ? "，并按评审员宽严尺度校准" : "");
    en += fmt::format(". The combined score is {}{}", method_en,
                      r.calibrated ? ", calibrated for each reviewer's leniency" : "");
    if (i + 1 < e.rounds.size()) {
      const auto& next = e.rounds[i + 1];
      const bool settled = next.spread <= settings.consensus_threshold + k_epsilon;
      zh += fmt::format("；{}中重新评分，极差为 {:.1f} 分，{}", next.name, next.spread,
                        settled ? "分歧已在阈值内" : "仍超过阈值");
      std::string next_en = next.name_en;
      next_en.front() =
          static_cast<char>(std::tolower(static_cast<unsigned char>(next_en.front())));
      en += fmt::format("; the {} scored it again with a spread of {:.1f}, {}", next_en,
                        next.spread, settled ? "within the threshold" : "still past the threshold");
    } else {
      zh += "；此为最后一轮评审，提请审定委员会关注";
      en += "; this was the last round, which the committee is asked to note";
    }
    out.push_back({fmt::format("{}, {}", r.clause, criteria.clause), zh + "。", en + "."});
  }
  return out;
}

std::optional<Finding> simplified(const model::Dossier& d, const Evaluation& e,
                                  const score::Settings& settings)
{
  if (d.award_class != model::AwardClass::organisation) {
    return std::nullopt;
  }
  const auto awards = score::simplified_awards(d, settings.year);
  const auto* panel = score::round_of(d, "panel");
  if (awards.empty() || panel == nullptr || !panel->result.is_object()) {
    return std::nullopt;
  }
  std::vector<std::string> names_zh;
  std::vector<std::string> names_en;
  for (const auto* a : awards) {
    names_zh.push_back(fmt::format("{}年{}", a->year, a->name));
    names_en.push_back(fmt::format("{} ({})", a->name, a->year));
  }
  const auto it = std::find_if(e.rounds.begin(), e.rounds.end(),
                               [](const RoundScore& r) { return r.round == "panel"; });
  const bool taken = panel->result.value("simplified", false) && it != e.rounds.end() && it->final;
  if (taken) {
    return Finding{"A1-11",
                   fmt::format("申报组织获得{}，专家会审中无重大异议，按简化程序免于现场验证。",
                               fmt::join(names_zh, "、")),
                   fmt::format("The applicant won {}, and the panel review raised no major "
                               "objection: the simplified procedure skips on-site verification.",
                               fmt::join(names_en, ", "))};
  }
  std::size_t objections = 0;
  for (const auto* s : sheets_of(d, "panel", "score")) {
    objections += s->value("objection", false) ? 1U : 0U;
  }
  if (objections == 0) {
    return std::nullopt;
  }
  return Finding{"A1-11",
                 fmt::format("申报组织获得{}，符合简化程序条件，但专家会审中有 {} "
                             "位评审员提出重大异议，仍须现场验证。",
                             fmt::join(names_zh, "、"), objections),
                 fmt::format("The applicant won {} and qualifies for the simplified procedure, "
                             "but {} reviewer(s) raised a major objection in the panel review: "
                             "on-site verification stays.",
                             fmt::join(names_en, ", "), objections)};
}

std::vector<Finding> notes(const model::Dossier& d, const Evaluation& e,
                           const nlohmann::json& final_result)
{
  std::vector<Finding> out;
  for (const auto& r : e.rounds) {
    if (r.sheets < r.panel) {
      out.push_back(
          {r.clause,
           fmt::format("{}只收到评审组 {} 位评审员中 {} 位的评分表。", r.name, r.panel, r.sheets),
           fmt::format("{}: sheets from {} of {} panel members.", r.name_en, r.sheets, r.panel)});
    }
  }
  if (final_result.value("past_cap", false)) {
    out.push_back({cap_clause(e), "该推荐超出“原则上”的名额，是否突破由审定委员会决定并记录理由。",
                   "This proposal is past the cap that holds \"in principle\": the committee "
                   "decides, with a recorded reason, whether to exceed it."});
  }
  for (const char* round : {"written", "panel", "onsite"}) {
    const auto [name, name_en] = round_name(d.award_class, round);
    for (const auto* s : sheets_of(d, round, "applicant_rating")) {
      const int integrity = rating(*s, "integrity");
      const int quality = rating(*s, "work_quality");
      if ((integrity > 0 && integrity <= 2) || (quality > 0 && quality <= 2)) {
        out.push_back({"M-17, M-18",
                       fmt::format("{}：申报方对一位评审员的评价为工作质量 {}/5、廉洁自律 "
                                   "{}/5，已交工作办公室处理。",
                                   name, quality, integrity),
                       fmt::format("{}: the applicant rated one reviewer's work quality {}/5 and "
                                   "integrity {}/5; the award office follows it up.",
                                   name_en, quality, integrity)});
      }
    }
    for (const auto* s : sheets_of(d, round, "reviewer_rating")) {
      const int discipline = rating(*s, "discipline");
      if (discipline > 0 && discipline <= 2) {
        out.push_back(
            {"M-18",
             fmt::format("{}：评审员对申报方遵守评审纪律情况的评价为 {}/5。", name, discipline),
             fmt::format("{}: a reviewer rated the applicant's discipline {}/5.", name_en,
                         discipline)});
      }
    }
  }
  return out;
}

Finding recommendation(const model::Dossier& d, const Evaluation& e,
                       const score::Settings& settings)
{
  const auto clause = procedure_clause(d.award_class);
  const auto& last =
      *std::find_if(e.rounds.begin(), e.rounds.end(), [](const RoundScore& r) { return r.final; });
  if (last.advanced) {
    const bool level = d.award_class == model::AwardClass::organisation;
    return {level ? clause + ", A1-4" : clause, fmt::format("专家工作组推荐授予{}。", e.award_zh),
            fmt::format("The expert group recommends the award: {}.", e.award_zh)};
  }
  if (d.award_class == model::AwardClass::organisation && e.proposed.empty()) {
    return {clause + ", A1-4",
            fmt::format("不予推荐：{}综合得分率 {:.2f}%，未达到推进实施级的 {:.1f}%。", last.name,
                        last.percent, settings.levels.implementation_total),
            fmt::format("Not recommended: {:.2f}% in the {} is below the {:.1f}% of the "
                        "implementation level.",
                        last.percent, last.name_en, settings.levels.implementation_total)};
  }
  const auto rule = score::advance_rule(settings, last.round, score::set_id(d));
  std::vector<std::string> zh;
  std::vector<std::string> en;
  if (rule.threshold && last.percent < *rule.threshold) {
    zh.push_back(fmt::format("综合得分率 {:.2f}% 低于 {:.1f}%", last.percent, *rule.threshold));
    en.push_back(fmt::format("{:.2f}% is below {:.1f}%", last.percent, *rule.threshold));
  }
  if (rule.top && last.rank > *rule.top) {
    zh.push_back(fmt::format("排名第 {}（共 {} 份），名额 {} 名", last.rank, last.of, *rule.top));
    en.push_back(fmt::format("rank {} of {} with {} places", last.rank, last.of, *rule.top));
  }
  if (zh.empty()) {
    zh.push_back("未满足推荐条件");
    en.push_back("the conditions to advance are not met");
  }
  return {fmt::format("{}, {}", last.clause, clause),
          fmt::format("不予推荐：{}{}。", last.name, fmt::join(zh, "，")),
          fmt::format("Not recommended: in the {}, {}.", last.name_en, fmt::join(en, "; "))};
}

} // namespace sqma::evaluation
