// SPDX-License-Identifier: Apache-2.0
// A letter to an applicant in words, and as Markdown and HTML.
#include "check/letter.hpp"

#include "check/names.hpp"
#include "check/rulebook.hpp"
#include "report/markup.hpp"

#include <fmt/format.h>

#include <utility>

namespace sqma::check {
namespace {

constexpr const char* k_serif =
    "\"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, \"Songti SC\", serif";

std::string addressee_of(const model::Dossier& d)
{
  if (d.award_class == model::AwardClass::individual) {
    const std::string name = d.applicant.person ? d.applicant.person->name : d.applicant.name;
    const std::string& unit = d.applicant.organisation.name;
    return unit.empty() ? name + "同志" : fmt::format("{}同志（{}）", name, unit);
  }
  // An organisation, or a project's lead unit (牵头单位).
  return d.applicant.organisation.name.empty() ? d.applicant.name : d.applicant.organisation.name;
}

std::string contact_of(const LetterHead& head)
{
  std::string out = fmt::format("如有疑问，请与{}联系。", head.office);
  std::vector<std::string> parts;
  for (const auto& [label, value] :
       {std::pair<const char*, const std::string&>{"联系人", head.contact},
        {"电话", head.phone},
        {"电子邮箱", head.email},
        {"地址", head.address}}) {
    if (!value.empty()) {
      parts.push_back(fmt::format("{}：{}", label, value));
    }
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : "；") + parts[i];
  }
  return parts.empty() ? out : out + "。";
}

std::string reason_label(const LetterReason& r)
{
  return r.title.empty() ? r.clause : fmt::format("{}（{}）", r.clause, r.title);
}

} // namespace

Letter make_letter(const model::Dossier& dossier, const CheckResult& result,
                   const Settings& settings, const LetterHead& head, std::string number)
{
  Letter l;
  l.supplement = result.verdict == Verdict::supplement;
  l.head = head;
  l.number = std::move(number);
  l.date = settings.check_date;
  l.title =
      fmt::format("关于{}申报材料{}的通知", head.cycle_name, l.supplement ? "补充提交" : "退回");
  l.addressee = addressee_of(dossier);
  const bool person = dossier.award_class == model::AwardClass::individual;
  const std::string you = person ? "您" : "你单位";
  l.opening = fmt::format("{}申报的{}{}", you, head.cycle_name, award_name(dossier).zh);
  if (dossier.award_class == model::AwardClass::project) {
    l.opening += fmt::format("“{}”", dossier.applicant.name);
  }
  l.opening += fmt::format("（申报编号：{}）已于{}完成条件审查。经审查，申报材料存在以下问题：",
                           dossier.id, settings.check_date.chinese());
  for (const auto& f : result.findings) {
    const bool counts =
        l.supplement ? f.outcome == RuleOutcome::supplement : f.outcome == RuleOutcome::reject;
    if (counts) {
      l.reasons.push_back(
          {f.clause,
           settings.rules != nullptr ? clause_title(*settings.rules, f.clause) : std::string{},
           f.message_zh});
    }
  }
  if (l.supplement && result.deadline && *result.deadline != settings.deadline) {
    // A re-check keeps the deadline the first letter gave (or the office extended).
    l.deadline = *result.deadline;
    l.closing = fmt::format("请于{}前补充提交上述材料。逾期未补充的，视为放弃本届申报。",
                            result.deadline->chinese());
  } else if (l.supplement) {
    l.deadline = settings.deadline;
    l.working_days = settings.supplement_working_days;
    l.closing = fmt::format("请于{}前（自审查之日起{}个工作日内）补充提交上述材料。"
                            "逾期未补充的，视为放弃本届申报。",
                            settings.deadline.chinese(), settings.supplement_working_days);
  } else {
    l.closing = fmt::format("根据《上海市质量管理奖管理办法》及其附件的规定，{}的申报不符合"
                            "申报条件，现将申报材料退回。欢迎{}在符合条件后参加以后各届的申报。",
                            you, you);
  }
  l.contact = contact_of(head);
  return l;
}

std::string letter_markdown(const Letter& l)
{
  const auto md = [](std::string_view text) { return report::markdown_escape(text); };
  std::string out = "**" + md(l.head.office) + "**\n\n";
  if (!l.number.empty()) {
    out += md(l.number) + "\n\n";
  }
  out += "# " + md(l.title) + "\n\n";
  out += md(l.addressee) + "：\n\n";
  out += md(l.opening) + "\n\n";
  for (std::size_t i = 0; i < l.reasons.size(); ++i) {
    out +=
        fmt::format("{}. {}：{}\n", i + 1, md(reason_label(l.reasons[i])), md(l.reasons[i].text));
  }
  out += "\n" + md(l.closing) + "\n\n" + md(l.contact) + "\n\n";
  out += "（盖章处）\n\n" + md(l.head.office) + "  \n" + l.date.chinese() + "\n";
  return out;
}

std::string letter_html(const Letter& l)
{
  const auto h = [](std::string_view text) { return report::escape_markup(text); };
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>\n", h(l.title));
  out += "*, *::before, *::after { box-sizing: border-box; }\n";
  out += fmt::format("html {{ font-family: {}; line-height: 1.8; color: #111; background: #fff; "
                     "-webkit-text-size-adjust: 100%; }}\n",
                     k_serif);
  out += "body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 46rem; "
         "overflow-wrap: anywhere; }\n"
         ".office { text-align: center; color: #b00000; font-size: 1.9rem; font-weight: bold; "
         "letter-spacing: 0.1em; margin: 0.5rem 0 0.3rem; }\n"
         ".number { text-align: center; margin: 0 0 0.4rem; }\n"
         "hr.red { border: 0; border-top: 2px solid #b00000; margin: 0 0 1.5rem; }\n"
         "h1 { font-size: 1.35rem; text-align: center; margin: 1rem 0 1.5rem; line-height: 1.5; }\n"
         "p { margin: 0.5rem 0; }\n"
         "p.text { text-indent: 2em; }\n"
         "ol.reasons { margin: 0.5rem 0 0.5rem 2em; padding: 0; }\n"
         "ol.reasons li { margin: 0.3rem 0; }\n"
         ".clause { font-weight: bold; }\n"
         ".sign { margin: 2.5rem 0 0 auto; width: 16rem; max-width: 100%; text-align: center; }\n"
         ".seal { border: 1px dashed #999; color: #999; height: 6rem; display: flex; "
         "align-items: center; justify-content: center; margin-bottom: 0.5rem; }\n"
         "@media print {\n  @page { size: A4; margin: 25mm 26mm 25mm 28mm; }\n"
         "  html { font-size: 12pt; }\n  body { max-width: none; padding: 0; }\n"
         "  .seal { border-color: #ccc; }\n}\n"
         "</style>\n</head>\n<body>\n";
  out += fmt::format("<p class=\"office\">{}</p>\n", h(l.head.office));
  if (!l.number.empty()) {
    out += fmt::format("<p class=\"number\">{}</p>\n", h(l.number));
  }
  out += "<hr class=\"red\">\n";
  out += fmt::format("<h1>{}</h1>\n", h(l.title));
  out += fmt::format("<p>{}：</p>\n", h(l.addressee));
  out += fmt::format("<p class=\"text\">{}</p>\n<ol class=\"reasons\">\n", h(l.opening));
  for (const auto& r : l.reasons) {
    out += fmt::format("<li><span class=\"clause\">{}</span>：{}</li>\n", h(reason_label(r)),
                       h(r.text));
  }
  out += "</ol>\n";
  out += fmt::format("<p class=\"text\">{}</p>\n", h(l.closing));
  out += fmt::format("<p class=\"text\">{}</p>\n", h(l.contact));
  out += fmt::format("<div class=\"sign\">\n<div class=\"seal\">盖章处</div>\n<p>{}</p>\n"
                     "<p>{}</p>\n</div>\n",
                     h(l.head.office), h(l.date.chinese()));
  out += "</body>\n</html>\n";
  return out;
}

} // namespace sqma::check
