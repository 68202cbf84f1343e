// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "calendar/calendar.hpp"
#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

// The committee's decisions (结果审定, A1-10, A2-8, A3-12) and how they change dossiers.
namespace sqma::certify {

// One decision of the meeting about one dossier.
struct Decision {
  std::string dossier;
  bool approve = false;
  std::optional<std::string> level; // organisation: benchmark | professional | implementation
  std::optional<std::string> kind;  // individual: leader | manager | craftsman
  std::optional<std::string> note;
  std::size_t line = 0; // where it stands in the decisions file
};

// A recorded, justified exceeding of a cap the regulation sets "in principle" (原则上; M-7,
// M-8, M-9).
struct CapException {
  std::string cap; // benchmark, project, leader, manager or craftsman
  std::string justification;
};

// The public notice of the committee's results (公示, A1-10, A2-8, A3-12), as the office
// records it in the decisions file once it is under way.
struct NoticeRecord {
  model::Date start;
  model::Date end;
  std::size_t line = 0;
};

// An objection raised during the notice, and what became of it.
struct Objection {
  std::string dossier;
  std::string outcome; // upheld | dismissed | pending
  std::optional<std::string> note;
  std::size_t line = 0;
};

// One meeting's decisions as read from a decisions.v1 TOML file.
struct Decisions {
  std::string file;
  std::string sha256; // of the file's bytes, recorded in dossier histories
  model::Date date;
  std::string reference;
  std::vector<Decision> decisions;
  std::vector<CapException> cap_exceptions;
  std::size_t line_of_caps = 0;
  std::optional<NoticeRecord> notice;
  std::vector<Objection> objections;
};

// Parses and validates decisions (schema decisions.v1). A Failure names `file` and the line;
// a dossier decided twice is one too.
[[nodiscard]] Result<Decisions> parse_decisions(std::string_view text, const std::string& file);

// Reads and parses a decisions file.
[[nodiscard]] Result<Decisions> load_decisions(const std::string& path);

// The round whose result decides whether a dossier went to the committee: onsite for an
// organisation (panel when its panel result says simplified, A1-11), panel otherwise.
[[nodiscard]] std::string final_round(const model::Dossier& dossier);

// The result object of the final round, or null when there is none.
[[nodiscard]] const nlohmann::json& final_result(const model::Dossier& dossier);

// True when the dossier completed its rounds and was proposed to the committee: it is at the
// stage of its final round and that round's result says advanced.
[[nodiscard]] bool proposed(const model::Dossier& dossier);

// The cap a winner counts against (benchmark, project, leader, manager, craftsman), or
// empty for organisation winners of the professional and implementation levels.
[[nodiscard]] std::string cap_name(const model::Dossier& dossier, const std::string& level);

// What the history records besides the decisions: digests of the inputs and the cycle.
struct DecisionInputs {
  std::string cycle_name; // file name of the cycle config
  std::string cycle_sha256;
  int year = 0; // the award year (M-20)
  std::map<std::string, int> caps;
};

// Applies the decisions to the dossiers (each with the digest of its record as read). Every
// problem is collected, each naming the decisions file and line and its clause id: a
// decision on a dossier that is not among the inputs or has not completed its rounds (A1-10,
// A2-8, A3-12), a proposed dossier without a decision, a level or kind that does not fit, a
// cap exceeded without a cap_exception (M-7, M-8, M-9). If there is any, the dossiers are
// left as they were and the problems are returned (exit code negative); else each decided
// dossier gets stage approved (with its award record) or rejected and one history record.
[[nodiscard]] std::vector<Failure> apply_decisions(std::vector<model::Dossier>& dossiers,
                                                   const std::vector<std::string>& digests,
                                                   const Decisions& decisions,
                                                   const DecisionInputs& inputs);

// The guards of issuing certificates dated `issued_on` to the dossiers at stage approved:
// a certificate may not be dated before the committee's decision (certify.before-decision),
// nor before the public notice has ended (certify.notice-period: the decisions file must
// record the notice, which starts after the meeting and lasts at least `notice_workdays`
// working days of `cal`), nor be issued to a dossier with an objection upheld or pending
// (certify.objection-upheld, certify.objection-pending). Each failure names its guard, the
// clause (A1-10, A2-8, A3-12), the decisions file and line; none when all hold.
[[nodiscard]] std::vector<Failure> issue_guards(const std::vector<model::Dossier>& dossiers,
                                                const Decisions& decisions, model::Date issued_on,
                                                const calendar::Calendar& cal, int notice_workdays);

} // namespace sqma::certify
