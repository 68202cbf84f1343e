// SPDX-License-Identifier: Apache-2.0
// The Chinese labels under which the staff's spreadsheets show sqma's machine values.
#include "report/report.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace sqma::report {
namespace {

using Label = std::pair<std::string_view, std::string_view>;

// Sorted by code, for the binary search below.
constexpr std::array<Label, 25> k_labels{{
    {"benchmark", "标杆示范级"},
    {"candidates", "候选名单"},
    {"craftsman", "质量工匠"},
    {"error", "无法读取"},
    {"implementation", "推进实施级"},
    {"individual", "个人奖"},
    {"lead", "组长"},
    {"leader", "卓越质量领导"},
    {"manager", "杰出质量经理"},
    {"member", "成员"},
    {"no", "否"},
    {"onsite", "现场验证"},
    {"organisation", "组织奖"},
    {"panel", "专家会审"},
    {"pass", "通过"},
    {"professional", "专业推广级"},
    {"project", "项目奖"},
    {"proposed", "提请审定"},
    {"reject", "退回"},
    {"return", "退回"},
    {"revocation", "撤销公示"},
    {"supplement", "补充"},
    {"winners", "获奖名单"},
    {"written", "书面评审"},
    {"yes", "是"},
}};

} // namespace

std::string_view display_label(std::string_view code)
{
  static_assert(std::is_sorted(k_labels.begin(), k_labels.end()));
  const auto it = std::lower_bound(k_labels.begin(), k_labels.end(), code,
                                   [](const Label& l, std::string_view c) { return l.first < c; });
  return it != k_labels.end() && it->first == code ? it->second : code;
}

std::string display_text(const Column& column, const Cell& cell, int decimals)
{
  if (const auto* code = std::get_if<std::string>(&cell); code != nullptr && column.coded) {
    return std::string(display_label(*code));
  }
  return cell_text(cell, decimals);
}

} // namespace sqma::report
