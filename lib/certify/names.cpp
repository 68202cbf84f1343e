// SPDX-License-Identifier: Apache-2.0
#include "certify/names.hpp"

#include <array>
#include <utility>

namespace sqma::certify {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array<Pair, 6> k_levels{{{"benchmark", "标杆示范级"},
                                        {"professional", "专业推广级"},
                                        {"implementation", "推进实施级"},
                                        {"leader", "卓越质量领导"},
                                        {"manager", "杰出质量经理"},
                                        {"craftsman", "质量工匠"}}};

constexpr std::array<Pair, 8> k_reasons{{{"quality_accident", "重大质量事故"},
                                         {"safety_accident", "重大安全事故"},
                                         {"environmental_accident", "重大环境污染事故"},
                                         {"public_health_accident", "重大公共卫生事件"},
                                         {"food_safety_accident", "重大食品安全事故"},
                                         {"major_complaint", "重大投诉"},
                                         {"serious_dishonesty", "被列入严重违法失信名单"},
                                         {"other", "其他严重问题"}}};

template <std::size_t N> std::string lookup(const std::array<Pair, N>& table, std::string_view key)
{
  for (const auto& [k, v] : table) {
    if (k == key) {
      return std::string(v);
    }
  }
  return {};
}

} // namespace

std::string class_zh(model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return "组织奖";
  case model::AwardClass::project: return "项目奖";
  case model::AwardClass::individual: return "个人奖";
  }
  return {};
}

std::string level_zh(std::string_view level_or_kind)
{
  return lookup(k_levels, level_or_kind);
}

std::string award_zh(model::AwardClass award_class, std::string_view level_or_kind)
{
  const auto level = level_zh(level_or_kind);
  return "上海市质量管理奖（" + class_zh(award_class) + (level.empty() ? "" : "·" + level) + "）";
}

std::string level_or_kind(const model::Dossier& dossier)
{
  if (dossier.award_class == model::AwardClass::individual && dossier.kind) {
    return model::to_string(*dossier.kind);
  }
  if (dossier.award_class == model::AwardClass::organisation && dossier.award &&
      dossier.award->level) {
    return *dossier.award->level;
  }
  return {};
}

bool is_revocation_reason(std::string_view reason)
{
  return !lookup(k_reasons, reason).empty();
}

std::string reason_zh(std::string_view reason)
{
  return lookup(k_reasons, reason);
}

std::string revocation_reasons()
{
  std::string out;
  for (const auto& [k, v] : k_reasons) {
    out += (out.empty() ? "" : ", ") + std::string(k);
  }
  return out;
}

} // namespace sqma::certify
