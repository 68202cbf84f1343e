// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "calendar/calendar.hpp"
#include "core/result.hpp"
#include "cycle/config.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "panel/registry.hpp"
#include "report/report.hpp"
#include "score/criteria.hpp"
#include "score/sheet.hpp"

#include <optional>
#include <string>
#include <vector>

// Where a review cycle stands on a given date: dossiers per class and stage, the score
// sheets of the open rounds by reviewer, supplement deadlines and notice periods.
namespace sqma::status {

// How many dossiers of one class are at each stage.
struct ClassStages {
  std::string award_class;   // organisation, project, individual
  std::vector<int> by_stage; // in the order of stages()
  int total = 0;
};

// The stages in the order of the cycle.
[[nodiscard]] const std::vector<model::Stage>& stages();

// What became of one sheet a panel member owes.
enum class SheetState {
  attached, // stored in the dossier by sqma score
  received, // in the --sheets folder and good, not yet scored in
  refused,  // in the folder, but sqma score would refuse it
  missing,
};

// One sheet owed: a panel member of a dossier in an open round.
struct OwedSheet {
  std::string round;
  std::string dossier;
  std::string applicant;
  std::string clause; // the round's article: A1-7, A2-6 ...
  std::string reviewer;
  SheetState state = SheetState::missing;
  std::string problem; // why it would be refused: "file:line: what"
};

// A due date and where the date given stands against it.
struct Due {
  std::optional<model::Date> date; // none: no date is set
  int working_days_left = 0;       // working days after today up to the due date; negative past
  bool overdue = false;
};

// One reviewer in one open round.
struct ReviewerSheets {
  std::string round;
  std::string reviewer;
  std::string name; // from the registry; empty without one
  int expected = 0;
  int received = 0;                 // attached or received
  std::vector<std::string> missing; // dossiers whose sheet is missing or refused
  std::vector<std::string> clauses; // the round's article for each of `missing`
  Due due;
};

// One open round: dossiers at its stage with a panel and no result yet.
struct OpenRound {
  std::string round;
  std::string name;                 // 书面评审, 专家会审/会审答辩, 现场验证
  std::vector<std::string> clauses; // the round's articles for the classes in it: A1-7, A2-6 ...
  int dossiers = 0;
  int expected = 0;
  int attached = 0;
  int received = 0;
  int missing = 0; // missing or refused
  Due due;
};

// A dossier asked for supplements (A1-6, A2-5, A3-9), with its deadline.
struct Supplement {
  std::string dossier;
  std::string applicant;
  std::string award_class;
  std::string clause;
  model::Date checked;
  Due due;
};

// A public notice (公示) as sqma publish wrote it (notice.v1).
struct Notice {
  std::string file;
  std::string kind; // candidates, winners, revocation
  std::string title;
  calendar::Period period;
  int working_days = 0;
  int entries = 0;
  std::string state;         // upcoming, open, ended
  int working_days_left = 0; // open: working days after today up to the last day
};

// Everything status reports.
struct Status {
  model::Date date;
  std::string cycle;
  std::vector<ClassStages> classes;
  std::vector<OpenRound> rounds;
  std::vector<ReviewerSheets> reviewers;
  std::vector<OwedSheet> sheets;
  std::vector<Supplement> supplements;
  std::vector<Notice> notices;
  std::vector<Failure> problems; // sheets of the folder that could not be read or would be refused

  // Supplement deadlines passed, plus reviewers with sheets missing past their due date.
  [[nodiscard]] int overdue() const;
};

// What status reads besides the dossiers.
struct Sources {
  const cycle::Config* config = nullptr;
  const score::Criteria* criteria = nullptr;
  const calendar::Calendar* calendar = nullptr;
  const panel::Registry* registry = nullptr; // may be null
  std::vector<Result<score::Sheet>> sheets;  // from --sheets
  std::vector<Notice> notices;               // from --notices, state not yet set
  bool require_comments = true;
};

// The state of the cycle on `date`. Sheets are due on the round's scoring.dates.<round> of
// the cycle config (none without it); supplements on the deadline their check recorded.
// Working days are counted with `calendar`; a Failure (data) when a count reaches a year
// the calendar has no data for.
[[nodiscard]] Result<Status> build(const std::vector<model::Dossier>& dossiers,
                                   const Sources& sources, const model::Date& date);

// Reads the notices that sqma publish wrote as JSON (schema notice.v1): files, or folders
// searched for *.json whose schema is notice.v1 (other JSON there is passed over). A file
// named directly that is no notice is a Failure naming it.
[[nodiscard]] Result<std::vector<Notice>> read_notices(const std::vector<std::string>& args);

// The tables of a status, for text, CSV and xlsx: stages, open rounds, sheets by reviewer,
// supplement deadlines, notice periods, and problems with sheets when there are any.
[[nodiscard]] std::vector<report::Table> tables(const Status& status);

// The status as a terminal text: a heading, each table (or "无 none."), and the count of
// what is overdue.
[[nodiscard]] std::string to_text(const Status& status);

// One JSON document (schema status.v1), keys sorted, with every owed sheet listed.
[[nodiscard]] std::string to_json(const Status& status);

// A short reminder in Chinese to a reviewer with outstanding sheets: whom, which dossiers
// of which rounds, the due dates, and whom to ask (the cycle's notice.contact).
struct Reminder {
  std::string reviewer;
  std::string text;
};
[[nodiscard]] std::vector<Reminder> reminders(const Status& status, const cycle::Config& config);

} // namespace sqma::status
