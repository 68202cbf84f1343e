// SPDX-License-Identifier: Apache-2.0
#include "check/letter.hpp"

#include "check/names.hpp"

#include <fmt/format.h>

namespace sqma::check {
namespace {

// Markdown table cells may not hold a bare "|" or a line break.
std::string cell(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::string letter_markdown(const model::Dossier& dossier, const CheckResult& result,
                            const Settings& settings, const LetterHead& head)
{
  const bool person = dossier.award_class == model::AwardClass::individual;
  const std::string you = person ? "您" : "你单位";
  const std::string addressee = person ? dossier.applicant.name + "同志" : dossier.applicant.name;
  const bool supplement = result.verdict == Verdict::supplement;

  std::string out;
  out += fmt::format("# 关于{}申报材料{}的通知\n\n", head.cycle_name,
                     supplement ? "补充提交" : "退回");
  out += fmt::format("{}：\n\n", addressee);
  out += fmt::format("{}申报的{}{}（申报编号：{}", you, head.cycle_name, award_name(dossier).zh,
                     dossier.id);
  if (dossier.award_class == model::AwardClass::project) {
    out += fmt::format("，牵头单位：{}", dossier.applicant.organisation.name);
  }
  out += fmt::format("）已于{}完成条件审查。经审查，申报材料存在以下问题：\n\n",
                     settings.check_date.chinese());
  out += "| 序号 | 依据条款 | 问题 |\n|---:|---|---|\n";
  std::size_t n = 0;
  for (const auto& f : result.findings) {
    const bool counts =
        supplement ? f.outcome == RuleOutcome::supplement : f.outcome == RuleOutcome::reject;
    if (counts) {
      out += fmt::format("| {} | {} | {} |\n", ++n, f.clause, cell(f.message_zh));
    }
  }
  out += "\n";
  if (supplement && result.deadline && *result.deadline != settings.deadline) {
    // A re-check keeps the deadline the first letter gave (or the office extended).
    out += fmt::format("请于**{}**前补充提交上述材料。逾期未补充的，视为放弃本届申报。\n\n",
                       result.deadline->chinese());
  } else if (supplement) {
    out += fmt::format("请于**{}**前（自审查之日起{}个工作日内）补充提交上述材料。"
                       "逾期未补充的，视为放弃本届申报。\n\n",
                       settings.deadline.chinese(), settings.supplement_working_days);
  } else {
    out += fmt::format("根据《上海市质量管理奖管理办法》及其附件的规定，{}的申报不符合申报条件，"
                       "现将申报材料退回。欢迎{}在符合条件后参加以后各届的申报。\n\n",
                       you, you);
  }
  std::string contact = head.office;
  if (!head.phone.empty()) {
    contact += fmt::format("，电话：{}", head.phone);
  }
  if (!head.email.empty()) {
    contact += fmt::format("，电子邮箱：{}", head.email);
  }
  if (!head.address.empty()) {
    contact += fmt::format("，地址：{}", head.address);
  }
  out += fmt::format("如有疑问，请联系{}。\n\n", contact);
  out +=
      fmt::format("{}\n\n{}\n\n{}\n", head.office, head.publisher, settings.check_date.chinese());
  return out;
}

} // namespace sqma::check
