// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/date.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::calendar {

using model::Date;

// The source named for the years of the calendar built into the binary.
inline constexpr std::string_view k_builtin_source = "built-in";

// A notice period: its first and its last working day, both counted.
struct Period {
  Date first;
  Date last;
};

// The mainland China working-day calendar (工作日): a day is a working day if it is an
// adjusted working day (调休上班), or a Monday to Friday that is no public holiday. Only the
// years with a table in the data are known; every query that needs another year fails.
class Calendar {
public:
  // Reads a calendar in the format of data/cn_workdays.toml: one table per year ("[2025]")
  // with holidays = [{ date, name }] and makeup_workdays = [dates]. Each date is filed under
  // the year it falls in, also when it belongs to the next year's 元旦 block. A Failure (exit
  // code data) names `file` and the line of the problem.
  [[nodiscard]] static Result<Calendar> parse(std::string_view toml_text, const std::string& file);

  // The default calendar: the installed data file (see installed_file()) when there is one,
  // otherwise the copy of data/cn_workdays.toml built into the binary. Throws sqma::Error
  // (data) naming the installed file if it does not parse; the built-in copy always parses (a
  // unit test rules that out).
  [[nodiscard]] static const Calendar& builtin();

  // Where an installed sqma keeps its default calendar: share/sqma/cn_workdays.toml under the
  // binary's prefix (/usr/share/sqma/cn_workdays.toml for /usr/bin/sqma), if that file exists.
  [[nodiscard]] static std::optional<std::string> installed_file();

  // Takes every year of `other` in place of this calendar's data for that year, and adds the
  // years this one lacks: a cycle's own calendar file amends the default year by year.
  void overlay(const Calendar& other);

  // The file each year's data comes from ("built-in" for the copy in the binary).
  [[nodiscard]] const std::map<int, std::string>& sources() const { return m_sources; }

  // The Failure (exit code data) for a year without data: it names the years known, the file
  // to add the year to and the format of its table.
  [[nodiscard]] Failure missing_year(int year) const;

  // True if the data has a table for `year`.
  [[nodiscard]] bool covers(int year) const;

  // The years with data, in ascending order.
  [[nodiscard]] const std::set<int>& years() const { return m_years; }

  // Whether `day` is a working day; a Failure (missing_year) if its year is not covered.
  [[nodiscard]] Result<bool> is_workday(Date day) const;

  // The n-th working day after `from` (n > 0) or before it (n < 0), never counting `from`
  // itself; `from` for n == 0. A Failure names the first uncovered year the count reaches.
  [[nodiscard]] Result<Date> add_workdays(Date from, int n) const;

  // The number of working days d with a < d <= b; negated (days with b < d <= a) when b < a.
  // A Failure names the first uncovered year among those days.
  [[nodiscard]] Result<int> workdays_between(Date a, Date b) const;

  // The holiday's name ("国庆节") if `day` is a public holiday in the data, else nullopt
  // (also for uncovered years and ordinary weekends).
  [[nodiscard]] std::optional<std::string> holiday_name(Date day) const;

  // A notice period of `workdays` working days: it starts on `start` if that is a working
  // day, else on the next one, and ends on the workdays-th working day counting the first as
  // day 1. A Failure (usage) if workdays < 1, or (data) if the period reaches an uncovered
  // year.
  [[nodiscard]] Result<Period> notice_period(Date start, int workdays) const;

private:
  std::set<int> m_years;
  std::map<int, std::string> m_sources;
  std::map<Date, std::string> m_holidays;
  std::set<Date> m_makeup;
};

// Reads and parses a calendar file (see Calendar::parse); "-" reads standard input.
[[nodiscard]] Result<Calendar> load_file(const std::string& path);

// The default calendar amended by each file of `overlays` in turn (later files win for the
// years they have); empty paths are skipped.
[[nodiscard]] Result<Calendar> load(const std::vector<std::string>& overlays);

} // namespace sqma::calendar
