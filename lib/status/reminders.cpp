// SPDX-License-Identifier: Apache-2.0
// Reminders to reviewers with outstanding score sheets, in Chinese.
#include "status/status.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace sqma::status {

std::vector<Reminder> reminders(const Status& st, const cycle::Config& config)
{
  std::map<std::string, std::vector<const OwedSheet*>> owed;
  std::map<std::string, std::string> names;
  std::map<std::string, Due> dues; // by round
  for (const auto& r : st.reviewers) {
    names[r.reviewer] = r.name;
    dues[r.round] = r.due;
  }
  for (const auto& s : st.sheets) {
    if (s.state == SheetState::missing || s.state == SheetState::refused) {
      owed[s.reviewer].push_back(&s);
    }
  }
  std::string office;
  std::string contact;
  if (config.raw.contains("notice") && config.raw.at("notice").contains("contact")) {
    const auto& c = config.raw.at("notice").at("contact");
    office = c.value("office", std::string{});
    std::vector<std::string> ways;
    if (c.contains("phone")) {
      ways.push_back("电话 " + c.at("phone").get<std::string>());
    }
    if (c.contains("email")) {
      ways.push_back("邮箱 " + c.at("email").get<std::string>());
    }
    if (!office.empty()) {
      contact = ways.empty()
                    ? fmt::format("如有疑问，请联系{}。\n", office)
                    : fmt::format("如有疑问，请联系{}（{}）。\n", office, fmt::join(ways, "，"));
    }
  }
  std::vector<Reminder> out;
  for (const auto& [reviewer, sheets] : owed) {
    const auto& name = names[reviewer];
    std::string text = fmt::format("{}评审员：\n\n您好！{}中，您的以下 {} 份评分表尚待提交：\n\n",
                                   name.empty() ? reviewer : name, st.cycle, sheets.size());
    bool late = false;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      const auto& s = *sheets[i];
      const auto& due = dues[s.round];
      std::string when;
      if (due.date) {
        when = due.overdue ? fmt::format("，{}截止，已逾期 {} 个工作日", due.date->chinese(),
                                         -due.working_days_left)
                           : fmt::format("，{}截止", due.date->chinese());
        late = late || due.overdue;
      }
      const auto round = std::find_if(st.rounds.begin(), st.rounds.end(),
                                      [&](const OpenRound& r) { return r.round == s.round; });
      text += fmt::format("{}. {} {}（{}，{}{}）", i + 1, s.dossier, s.applicant,
                          round != st.rounds.end() ? round->name : s.round, s.clause, when);
      text += s.state == SheetState::refused ? "：已收到的评分表不完整或有误，请更正后重新提交\n"
                                             : "\n";
    }
    text += late ? "\n请尽快提交。" : "\n请按期提交。";
    text += "如已提交，请忽略本提醒。\n";
    text += contact;
    text += fmt::format("\n{}\n{}\n", office.empty() ? st.cycle + "工作办公室" : office,
                        st.date.chinese());
    out.push_back({reviewer, std::move(text)});
  }
  return out;
}

} // namespace sqma::status
