// SPDX-License-Identifier: Apache-2.0
// Where a cycle stands: stages, sheets owed in the open rounds, supplements and notices.
#include "status/status.hpp"

#include "evaluation/evaluation.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace sqma::status {
namespace {

constexpr std::array<const char*, 3> k_rounds{"written", "panel", "onsite"};

std::string supplement_clause(model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return "A1-6";
  case model::AwardClass::project: return "A2-5";
  case model::AwardClass::individual: return "A3-9";
  }
  return "A1-6";
}

const model::StageRecord* last_check(const model::Dossier& d)
{
  const model::StageRecord* found = nullptr;
  for (const auto& h : d.history) {
    if (h.command == "sqma check") {
      found = &h;
    }
  }
  return found;
}

// The clauses of the findings that asked for supplements, or the article of the supplement
// procedure when the check record names none.
std::string supplement_clauses(const model::Dossier& d, const model::StageRecord* check)
{
  std::vector<std::string> clauses;
  if (check != nullptr && check->details.is_object() && check->details.contains("findings") &&
      check->details.at("findings").is_array()) {
    for (const auto& f : check->details.at("findings")) {
      if (f.is_object() && f.value("outcome", std::string{}) == "supplement" &&
          f.contains("clause") && f.at("clause").is_string()) {
        const auto clause = f.at("clause").get<std::string>();
        if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end()) {
          clauses.push_back(clause);
        }
      }
    }
  }
  if (clauses.empty()) {
    return supplement_clause(d.award_class);
  }
  return fmt::format("{}", fmt::join(clauses, ", "));
}

// The due date's standing on `date`, in working days.
Result<Due> due_on(const std::optional<model::Date>& due, const model::Date& date,
                   const calendar::Calendar& cal)
{
  Due out;
  out.date = due;
  if (!due) {
    return out;
  }
  auto left = cal.workdays_between(date, *due);
  if (!left) {
    return left.failure();
  }
  out.working_days_left = left.value();
  out.overdue = date > *due;
  return out;
}

std::optional<model::Date> sheet_due(const cycle::Config& config, const std::string& round)
{
  const auto& raw = config.raw;
  if (raw.contains("scoring") && raw.at("scoring").contains("dates") &&
      raw.at("scoring").at("dates").contains(round)) {
    return model::Date::parse(raw.at("scoring").at("dates").at(round).get<std::string>());
  }
  return std::nullopt;
}

// The dossier's open round: the one of its stage, with a panel and no result yet.
const model::Round* open_round(const model::Dossier& d)
{
  const auto name = model::to_string(d.stage);
  const auto* r = score::round_of(d, name);
  return r != nullptr && !r->panel.empty() && r->result.is_null() ? r : nullptr;
}

bool attached(const model::Round& r, const std::string& reviewer)
{
  return std::any_of(r.sheets.begin(), r.sheets.end(), [&](const nlohmann::json& s) {
    return score::sheet_key(s) == std::pair<std::string, std::string>{"score", reviewer};
  });
}

struct FolderSheet {
  const score::Sheet* sheet;
  std::vector<Failure> problems;
};

// The sheets of the folder that belong to an open round, by dossier and reviewer; the others
// are passed over. Unreadable sheets and refusals become problems.
std::map<std::pair<std::string, std::string>, FolderSheet>
folder_sheets(const std::vector<model::Dossier>& dossiers, const Sources& sources,
              std::vector<Failure>& problems)
{
  std::map<std::string, const model::Dossier*> by_id;
  for (const auto& d : dossiers) {
    by_id[d.id] = &d;
  }
  std::map<std::pair<std::string, std::string>, FolderSheet> out;
  for (const auto& s : sources.sheets) {
    if (!s) {
      problems.push_back(s.failure());
      continue;
    }
    const auto& sheet = s.value();
    const auto found = by_id.find(sheet.dossier);
    if (sheet.kind != score::SheetKind::score || found == by_id.end() ||
        model::to_string(found->second->stage) != sheet.round ||
        open_round(*found->second) == nullptr) {
      continue;
    }
    const auto& d = *found->second;
    auto checked = score::check_sheet(sheet, d, sheet.round, sources.criteria->for_dossier(d),
                                      sources.require_comments);
    problems.insert(problems.end(), checked.begin(), checked.end());
    const auto key = std::make_pair(sheet.dossier, sheet.reviewer);
    if (const auto twice = out.find(key); twice != out.end()) {
      const Failure again{ExitCode::negative,
                          fmt::format("a second sheet of {} by {} (the first is {}): sqma score "
                                      "refuses both",
                                      sheet.dossier, sheet.reviewer, twice->second.sheet->file),
                          Location{sheet.file, 0, {}}};
      problems.push_back(again);
      twice->second.problems.push_back(again);
      continue;
    }
    out[key] = FolderSheet{&sheet, std::move(checked)};
  }
  return out;
}

std::vector<ClassStages> count_stages(const std::vector<model::Dossier>& dossiers)
{
  std::vector<ClassStages> out;
  for (const auto cls : {model::AwardClass::organisation, model::AwardClass::project,
                         model::AwardClass::individual}) {
    ClassStages c;
    c.award_class = model::to_string(cls);
    c.by_stage.assign(stages().size(), 0);
    for (const auto& d : dossiers) {
      if (d.award_class == cls) {
        const auto at = std::find(stages().begin(), stages().end(), d.stage) - stages().begin();
        ++c.by_stage[static_cast<std::size_t>(at)];
        ++c.total;
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace

const std::vector<model::Stage>& stages()
{
  using model::Stage;
  static const std::vector<Stage> all{Stage::submitted, Stage::supplement, Stage::returned,
                                      Stage::eligible,  Stage::written,    Stage::panel,
                                      Stage::onsite,    Stage::approved,   Stage::rejected,
                                      Stage::awarded,   Stage::revoked};
  return all;
}

int Status::overdue() const
{
  int n = 0;
  for (const auto& s : supplements) {
    n += s.due.overdue ? 1 : 0;
  }
  for (const auto& r : reviewers) {
    n += r.due.overdue && !r.missing.empty() ? 1 : 0;
  }
  return n;
}

Result<Status> build(const std::vector<model::Dossier>& dossiers, const Sources& sources,
                     const model::Date& date)
{
  const auto& cal = *sources.calendar;
  Status st;
  st.date = date;
  st.cycle = sources.config->name;
  st.classes = count_stages(dossiers);
  auto folder = folder_sheets(dossiers, sources, st.problems);

  std::map<std::string, std::string> names;
  if (sources.registry != nullptr) {
    for (const auto& r : sources.registry->reviewers) {
      names[r.id] = r.name;
    }
  }
  for (const char* round : k_rounds) {
    OpenRound open;
    open.round = round;
    auto due = due_on(sheet_due(*sources.config, round), date, cal);
    if (!due) {
      return due.failure();
    }
    open.due = due.value();
    std::map<std::string, ReviewerSheets> by_reviewer;
    for (const auto& d : dossiers) {
      const auto* r = open_round(d);
      if (r == nullptr || model::to_string(d.stage) != round) {
        continue;
      }
      ++open.dossiers;
      const auto name = evaluation::round_name(d.award_class, round).first;
      open.name = open.name.empty() || open.name == name ? name : "专家会审/会审答辩";
      const auto clause = score::round_clause(d.award_class, round);
      if (std::find(open.clauses.begin(), open.clauses.end(), clause) == open.clauses.end()) {
        open.clauses.push_back(clause);
      }
      for (const auto& member : r->panel) {
        OwedSheet owed{round,
                       d.id,
                       d.applicant.name,
                       score::round_clause(d.award_class, round),
                       member.reviewer,
                       SheetState::missing,
                       {}};
        if (attached(*r, member.reviewer)) {
          owed.state = SheetState::attached;
        } else if (const auto f = folder.find({d.id, member.reviewer}); f != folder.end()) {
          owed.state = f->second.problems.empty() ? SheetState::received : SheetState::refused;
          if (!f->second.problems.empty()) {
            owed.problem = f->second.problems.front().describe();
          }
        }
        auto& rs = by_reviewer[member.reviewer];
        rs.round = round;
        rs.reviewer = member.reviewer;
        rs.name = names.count(member.reviewer) > 0 ? names.at(member.reviewer) : std::string{};
        rs.due = open.due;
        ++rs.expected;
        ++open.expected;
        if (owed.state == SheetState::attached || owed.state == SheetState::received) {
          ++rs.received;
          ++(owed.state == SheetState::attached ? open.attached : open.received);
        } else {
          rs.missing.push_back(d.id);
          rs.clauses.push_back(owed.clause);
          ++open.missing;
        }
        st.sheets.push_back(std::move(owed));
      }
    }
    if (open.dossiers == 0) {
      continue;
    }
    std::sort(open.clauses.begin(), open.clauses.end());
    st.rounds.push_back(open);
    for (auto& [id, rs] : by_reviewer) {
      st.reviewers.push_back(std::move(rs));
    }
  }

  for (const auto& d : dossiers) {
    if (d.stage != model::Stage::supplement) {
      continue;
    }
    const auto* check = last_check(d);
    std::optional<model::Date> deadline;
    if (check != nullptr && check->details.is_object() && check->details.contains("deadline") &&
        check->details.at("deadline").is_string()) {
      deadline = model::Date::parse(check->details.at("deadline").get<std::string>());
    }
    auto due = due_on(deadline, date, cal);
    if (!due) {
      return due.failure();
    }
    st.supplements.push_back({d.id, d.applicant.name, model::to_string(d.award_class),
                              supplement_clauses(d, check),
                              check != nullptr ? check->date : model::Date{}, due.value()});
  }
  std::sort(st.supplements.begin(), st.supplements.end(),
            [](const Supplement& a, const Supplement& b) { return a.dossier < b.dossier; });

  for (auto notice : sources.notices) {
    if (date < notice.period.first) {
      notice.state = "upcoming";
    } else if (date <= notice.period.last) {
      notice.state = "open";
      auto left = cal.workdays_between(date, notice.period.last);
      if (!left) {
        return left.failure();
      }
      notice.working_days_left = left.value();
    } else {
      notice.state = "ended";
    }
    st.notices.push_back(std::move(notice));
  }
  std::sort(st.notices.begin(), st.notices.end(), [](const Notice& a, const Notice& b) {
    return std::tie(a.period.first, a.kind, a.file) < std::tie(b.period.first, b.kind, b.file);
  });
  std::sort(st.problems.begin(), st.problems.end(), [](const Failure& a, const Failure& b) {
    return std::tie(a.where.file, a.where.line, a.message) <
           std::tie(b.where.file, b.where.line, b.message);
  });
  return st;
}

} // namespace sqma::status
