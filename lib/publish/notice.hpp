// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "calendar/calendar.hpp"
#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "report/report.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Public notices (公示) of the committee's results, the winners and revocations (A1-10, A2-8,
// A3-12, M-19, M-20, M-22). A notice holds only names, organisations and awards: never an
// identity number, phone number, e-mail address, score or reviewer.
namespace sqma::publish {

// Which results a notice publishes: dossiers approved by the committee (approved or
// awarded), the winners (awarded), or revoked awards (revoked).
enum class Kind { candidates, winners, revocation };

// How each group's list is ordered: by the final round's rank, by strokes of the name as
// Chinese notices count them (StrokeTable, publish/strokes.hpp), or by ICU's pinyin
// collation (zh@collation=pinyin).
enum class Order { rank, stroke, pinyin };

// "candidates|winners|revocation" and "rank|stroke|pinyin"; nullopt for anything else.
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view name);
[[nodiscard]] std::optional<Order> parse_order(std::string_view name);
[[nodiscard]] std::string_view kind_name(Kind kind);
[[nodiscard]] std::string_view order_name(Order order);

// One line of the list.
struct Entry {
  int no = 0;
  std::string name;         // organisation, project or person
  std::string organisation; // lead unit or employer; empty for an organisation winner
  std::string certificate;  // winners and revocations
  int year = 0;             // the award year (M-20)
  std::string revoked_on;   // revocations, written the Chinese way
  std::string reason;       // revocations, in Chinese
};

// The list of one class and level or kind, e.g. "组织奖·标杆示范级".
struct Group {
  std::string heading;
  std::string award_class; // organisation | project | individual
  std::string level;       // level, kind, or empty
  std::string order_note;  // "按单位名称笔画排序" ...
  std::vector<Entry> entries;
};

// Where objections go (from the cycle config's [notice.contact]) and whom to ask there (the
// contact person of [office]).
struct Contact {
  std::string office;
  std::string phone;
  std::string email;
  std::string address;
  std::string person; // empty when the config names nobody
};

// Everything a notice says, in every format.
struct Notice {
  Kind kind = Kind::candidates;
  Order order = Order::rank;
  std::string title;
  std::string lead;
  std::string order_note; // for the whole notice: "排名不分先后，按…排序" or "按评审排名排序"
  std::vector<Group> groups;
  calendar::Period period;
  int working_days = 0;
  std::string objection; // how to raise an objection
  Contact contact;
  std::string publisher;
  std::string issuer; // the office that issues it ([office] name), signed under the publisher
  model::Date date;   // the date of the notice: the first day of the period
};

// What build_notice needs from the cycle config and the command line.
struct Settings {
  Kind kind = Kind::candidates;
  Order order = Order::rank;
  model::Date start; // the notice starts on this day, or on the next working day
  int working_days = 7;
  std::string cycle_name;
  int year = 0;
  std::string publisher;
  std::string issuer;
  Contact contact;
};

// Builds the notice of the dossiers that `settings.kind` concerns, with the period counted
// in working days by `cal`. A Failure (data) when the period reaches a year the calendar has
// no data for (saying how to add it), (negative) when no dossier is at the stage published.
[[nodiscard]] Result<Notice> build_notice(const std::vector<model::Dossier>& dossiers,
                                          const Settings& settings, const calendar::Calendar& cal);

// The notice as a standalone HTML page (UTF-8, CJK font stack, responsive, print stylesheet).
[[nodiscard]] std::string to_html(const Notice& notice);
// Plain text for the WeChat account.
[[nodiscard]] std::string to_text(const Notice& notice);
// Markdown for the WeChat account's editor.
[[nodiscard]] std::string to_markdown(const Notice& notice);
// One JSON document (schema "notice.v1"), keys sorted, final newline.
[[nodiscard]] std::string to_json(const Notice& notice);
// The list as a table for CSV and xlsx (lib/report).
[[nodiscard]] report::Table to_table(const Notice& notice);

} // namespace sqma::publish
