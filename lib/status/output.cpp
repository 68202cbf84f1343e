// SPDX-License-Identifier: Apache-2.0
// A status as tables (text, CSV, xlsx) and as JSON.
#include "status/status.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace sqma::status {
namespace {

using report::Align;
using report::Cell;

const char* stage_zh(model::Stage stage)
{
  using model::Stage;
  switch (stage) {
  case Stage::submitted: return "已受理";
  case Stage::supplement: return "待补充";
  case Stage::returned: return "已退回";
  case Stage::eligible: return "审查通过";
  case Stage::written: return "书面评审";
  case Stage::panel: return "会审";
  case Stage::onsite: return "现场验证";
  case Stage::approved: return "审定通过";
  case Stage::rejected: return "未通过";
  case Stage::awarded: return "已颁证";
  case Stage::revoked: return "已撤销";
  }
  return "";
}

const char* class_zh(const std::string& award_class)
{
  return award_class == "organisation" ? "组织奖" : award_class == "project" ? "项目奖" : "个人奖";
}

Cell due_cell(const Due& due)
{
  return due.date ? Cell{due.date->iso()} : Cell{};
}

// The working days left, or nothing once nothing is outstanding: a count past the deadline
// means nothing for a reviewer whose sheets are all in.
Cell left_cell(const Due& due, bool outstanding = true)
{
  return due.date && outstanding ? Cell{static_cast<long long>(due.working_days_left)} : Cell{};
}

std::string state_words(const Due& due, bool outstanding)
{
  if (!outstanding) {
    return "齐全 complete";
  }
  if (due.overdue) {
    return fmt::format("逾期 overdue {} 个工作日", -due.working_days_left);
  }
  if (!due.date) {
    return "待收 outstanding";
  }
  return due.working_days_left == 0 ? "今日截止 due today" : "待收 outstanding";
}

std::string supplement_state(const Due& due)
{
  if (due.overdue) {
    return fmt::format("逾期 overdue {} 个工作日", -due.working_days_left);
  }
  return due.date && due.working_days_left == 0 ? "今日截止 due today" : "待补充 awaiting";
}

std::string notice_state(const Notice& n)
{
  if (n.state == "upcoming") {
    return "未开始 upcoming";
  }
  if (n.state == "open") {
    return fmt::format("公示中 open, 剩余 {} 个工作日", n.working_days_left);
  }
  return "已结束 ended";
}

const char* sheet_state(SheetState s)
{
  switch (s) {
  case SheetState::attached: return "attached";
  case SheetState::received: return "received";
  case SheetState::refused: return "refused";
  case SheetState::missing: return "missing";
  }
  return "missing";
}

// The stages any dossier is at, in the cycle's order.
std::vector<std::size_t> present_stages(const Status& st)
{
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < stages().size(); ++i) {
    for (const auto& c : st.classes) {
      if (c.by_stage[i] > 0) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

nlohmann::json due_json(const Due& due)
{
  if (!due.date) {
    return nullptr;
  }
  return {{"date", due.date->iso()},
          {"working_days_left", due.working_days_left},
          {"overdue", due.overdue}};
}

} // namespace

std::vector<report::Table> tables(const Status& st)
{
  std::vector<report::Table> out;
  report::Table stages_table{
      "申报状态 Dossiers by class and stage", {{"class", "类别 Class"}}, {}, 0};
  const auto present = present_stages(st);
  for (const auto i : present) {
    const auto stage = stages()[i];
    stages_table.columns.push_back({model::to_string(stage),
                                    fmt::format("{} {}", stage_zh(stage), model::to_string(stage)),
                                    Align::right});
  }
  stages_table.columns.push_back({"total", "合计 Total", Align::right});
  for (const auto& c : st.classes) {
    std::vector<Cell> row{fmt::format("{} {}", class_zh(c.award_class), c.award_class)};
    for (const auto i : present) {
      row.emplace_back(static_cast<long long>(c.by_stage[i]));
    }
    row.emplace_back(static_cast<long long>(c.total));
    stages_table.rows.push_back(std::move(row));
  }
  out.push_back(std::move(stages_table));

  report::Table rounds{"评审进度 Open rounds",
                       {{"round", "评审环节 Round"},
                        {"clauses", "条款 Clauses"},
                        {"dossiers", "申报 Dossiers", Align::right},
                        {"expected", "应交 Expected", Align::right},
                        {"attached", "已录入 Scored in", Align::right},
                        {"received", "已收未录 Received", Align::right},
                        {"missing", "未交 Missing", Align::right},
                        {"due", "截止 Due"},
                        {"left", "剩余工作日 Days left", Align::right},
                        {"state", "状态 State"}},
                       {},
                       0};
  for (const auto& r : st.rounds) {
    std::string clauses;
    for (const auto& c : r.clauses) {
      clauses += (clauses.empty() ? "" : ", ") + c;
    }
    rounds.rows.push_back({fmt::format("{} {}", r.name, r.round), clauses,
                           static_cast<long long>(r.dossiers), static_cast<long long>(r.expected),
                           static_cast<long long>(r.attached), static_cast<long long>(r.received),
                           static_cast<long long>(r.missing), due_cell(r.due),
                           left_cell(r.due, r.missing > 0), state_words(r.due, r.missing > 0)});
  }
  out.push_back(std::move(rounds));

  report::Table reviewers{"评分表 Sheets by reviewer",
                          {{"round", "评审环节 Round", Align::left, true},
                           {"reviewer", "评审员 Reviewer"},
                           {"name", "姓名 Name"},
                           {"expected", "应交 Expected", Align::right},
                           {"received", "已交 Received", Align::right},
                           {"missing", "未交 Missing", Align::right},
                           {"dossiers", "未交的申报 Missing for"},
                           {"due", "截止 Due"},
                           {"left", "剩余工作日 Days left", Align::right},
                           {"state", "状态 State"}},
                          {},
                          0};
  for (const auto& r : st.reviewers) {
    std::string missing;
    for (std::size_t i = 0; i < r.missing.size(); ++i) {
      missing += fmt::format("{}{} [{}]", i > 0 ? " " : "", r.missing[i], r.clauses[i]);
    }
    reviewers.rows.push_back({r.round, r.reviewer, r.name, static_cast<long long>(r.expected),
                              static_cast<long long>(r.received),
                              static_cast<long long>(r.missing.size()), missing, due_cell(r.due),
                              left_cell(r.due, !r.missing.empty()),
                              state_words(r.due, !r.missing.empty())});
  }
  out.push_back(std::move(reviewers));

  report::Table supplements{"补充材料期限 Supplement deadlines (A1-6, A2-5, A3-9)",
                            {{"id", "申报编号 ID"},
                             {"applicant", "申报者 Applicant"},
                             {"class", "类别 Class"},
                             {"clause", "条款 Clause"},
                             {"checked", "审查日期 Checked"},
                             {"deadline", "期限 Deadline"},
                             {"left", "剩余工作日 Days left", Align::right},
                             {"state", "状态 State"}},
                            {},
                            0};
  for (const auto& s : st.supplements) {
    supplements.rows.push_back({s.dossier, s.applicant, std::string(class_zh(s.award_class)),
                                s.clause, s.checked.iso(), due_cell(s.due), left_cell(s.due),
                                supplement_state(s.due)});
  }
  out.push_back(std::move(supplements));

  report::Table notices{"公示 Notice periods (A1-10, A2-8, A3-12)",
                        {{"kind", "公示 Kind", Align::left, true},
                         {"title", "标题 Title"},
                         {"entries", "名单 Entries", Align::right},
                         {"first", "起 First day"},
                         {"last", "止 Last day"},
                         {"working_days", "工作日 Working days", Align::right},
                         {"state", "状态 State"},
                         {"file", "文件 File"}},
                        {},
                        0};
  for (const auto& n : st.notices) {
    notices.rows.push_back({n.kind, n.title, static_cast<long long>(n.entries),
                            n.period.first.iso(), n.period.last.iso(),
                            static_cast<long long>(n.working_days), notice_state(n), n.file});
  }
  out.push_back(std::move(notices));

  if (!st.problems.empty()) {
    report::Table problems{
        "评分表问题 Problems with sheets",
        {{"file", "文件 File"}, {"line", "行 Line", Align::right}, {"problem", "问题 Problem"}},
        {},
        0};
    for (const auto& p : st.problems) {
      problems.rows.push_back(
          {p.where.file, p.where.line > 0 ? Cell{static_cast<long long>(p.where.line)} : Cell{},
           p.message});
    }
    out.push_back(std::move(problems));
  }
  return out;
}

std::string to_text(const Status& st)
{
  std::ostringstream out;
  out << fmt::format("{} · 状态 Status on {}\n", st.cycle, st.date.iso());
  for (const auto& t : tables(st)) {
    out << '\n';
    if (t.rows.empty()) {
      out << t.title << "\n\n无 none.\n";
    } else {
      report::write_text(out, t);
    }
  }
  const int overdue = st.overdue();
  out << '\n'
      << (overdue == 0 ? std::string("无逾期事项。 Nothing is overdue.\n")
                       : fmt::format("逾期 {} 项。 {} overdue: supplement deadlines passed, or "
                                     "reviewers with sheets missing past the due date.\n",
                                     overdue, overdue));
  return out.str();
}

std::string to_json(const Status& st)
{
  nlohmann::json stages_json = nlohmann::json::object();
  for (const auto& c : st.classes) {
    nlohmann::json by = nlohmann::json::object();
    for (std::size_t i = 0; i < stages().size(); ++i) {
      if (c.by_stage[i] > 0) {
        by[model::to_string(stages()[i])] = c.by_stage[i];
      }
    }
    stages_json[c.award_class] = {{"stages", by}, {"total", c.total}};
  }
  auto rounds = nlohmann::json::array();
  for (const auto& r : st.rounds) {
    rounds.push_back({{"round", r.round},
                      {"name", r.name},
                      {"clauses", r.clauses},
                      {"dossiers", r.dossiers},
                      {"expected", r.expected},
                      {"attached", r.attached},
                      {"received", r.received},
                      {"missing", r.missing},
                      {"due", due_json(r.due)}});
  }
  auto reviewers = nlohmann::json::array();
  for (const auto& r : st.reviewers) {
    nlohmann::json entry{{"round", r.round},       {"reviewer", r.reviewer},
                         {"expected", r.expected}, {"received", r.received},
                         {"missing", r.missing},   {"due", due_json(r.due)}};
    if (!r.name.empty()) {
      entry["name"] = r.name;
    }
    reviewers.push_back(std::move(entry));
  }
  auto sheets = nlohmann::json::array();
  for (const auto& s : st.sheets) {
    nlohmann::json entry{{"round", s.round},
                         {"dossier", s.dossier},
                         {"clause", s.clause},
                         {"reviewer", s.reviewer},
                         {"state", sheet_state(s.state)}};
    if (!s.problem.empty()) {
      entry["problem"] = s.problem;
    }
    sheets.push_back(std::move(entry));
  }
  auto supplements = nlohmann::json::array();
  for (const auto& s : st.supplements) {
    supplements.push_back({{"dossier", s.dossier},
                           {"applicant", s.applicant},
                           {"class", s.award_class},
                           {"clause", s.clause},
                           {"checked", s.checked.iso()},
                           {"due", due_json(s.due)}});
  }
  auto notices = nlohmann::json::array();
  for (const auto& n : st.notices) {
    nlohmann::json entry{{"file", n.file},
                         {"kind", n.kind},
                         {"title", n.title},
                         {"entries", n.entries},
                         {"first", n.period.first.iso()},
                         {"last", n.period.last.iso()},
                         {"working_days", n.working_days},
                         {"state", n.state}};
    if (n.state == "open") {
      entry["working_days_left"] = n.working_days_left;
    }
    notices.push_back(std::move(entry));
  }
  auto problems = nlohmann::json::array();
  for (const auto& p : st.problems) {
    problems.push_back({{"file", p.where.file}, {"line", p.where.line}, {"message", p.message}});
  }
  const nlohmann::json doc{
      {"schema", "status.v1"},   {"cycle", st.cycle},      {"date", st.date.iso()},
      {"overdue", st.overdue()}, {"classes", stages_json}, {"rounds", rounds},
      {"reviewers", reviewers},  {"sheets", sheets},       {"supplements", supplements},
      {"notices", notices},      {"problems", problems}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace sqma::status
