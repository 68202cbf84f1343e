// SPDX-License-Identifier: Apache-2.0
// Working-day queries on a parsed calendar.
#include "calendar/calendar.hpp"

#include <fmt/format.h>

namespace sqma::calendar {

namespace {

// "2019-2026", or "2019-2024, 2026" when years are missing in between.
std::string year_ranges(const std::set<int>& years)
{
  std::string out;
  for (auto it = years.begin(); it != years.end();) {
    const int first = *it;
    int last = first;
    for (++it; it != years.end() && *it == last + 1; ++it) {
      last = *it;
    }
    out += out.empty() ? "" : ", ";
    out += first == last ? fmt::format("{}", first) : fmt::format("{}-{}", first, last);
  }
  return out;
}

} // namespace

Failure Calendar::missing_year(int year) const
{
  // The file to extend: the last one that gave this calendar data, unless that is the copy
  // built into the binary, which cannot be edited.
  std::string target;
  for (const auto& [known, source] : m_sources) {
    if (source != k_builtin_source) {
      target = source;
    }
  }
  const auto where =
      target.empty()
          ? fmt::format("write a [{0}] table to a file such as workdays-{0}.toml and name it "
                        "with calendar = \"workdays-{0}.toml\" in the cycle config (next to "
                        "it) or with --calendar workdays-{0}.toml",
                        year)
          : fmt::format("add a [{}] table to {}, or write one to a file of its own and name it "
                        "with calendar = \"FILE\" in the cycle config or with --calendar FILE",
                        year, target);
  return Failure{
      ExitCode::data,
      fmt::format("the calendar has no data for {0} (it knows {1}) and guesses no year: {2}; "
                  "the table has the dates of 国务院办公厅关于{0}年部分节假日安排的通知 as "
                  "holidays = [{{ date = {0}-01-01, name = \"元旦\" }}, ...] (with the weekend "
                  "days inside each holiday block) and makeup_workdays = [{0}-MM-DD, ...] (the "
                  "weekend days worked)",
                  year, m_years.empty() ? std::string("no year") : year_ranges(m_years), where)};
}

void Calendar::overlay(const Calendar& other)
{
  const auto in_other = [&other](Date day) { return other.covers(day.year()); };
  std::erase_if(m_holidays, [&](const auto& entry) { return in_other(entry.first); });
  std::erase_if(m_makeup, in_other);
  m_holidays.insert(other.m_holidays.begin(), other.m_holidays.end());
  m_makeup.insert(other.m_makeup.begin(), other.m_makeup.end());
  m_years.insert(other.m_years.begin(), other.m_years.end());
  for (const auto& [year, source] : other.m_sources) {
    m_sources[year] = source;
  }
}

bool Calendar::covers(int year) const
{
  return m_years.count(year) > 0;
}

Result<bool> Calendar::is_workday(Date day) const
{
  if (!covers(day.year())) {
    return missing_year(day.year());
  }
  if (m_makeup.count(day) > 0) {
    return true;
  }
  return day.iso_weekday() <= 5 && m_holidays.count(day) == 0;
}

Result<Date> Calendar::add_workdays(Date from, int n) const
{
  const long step = n < 0 ? -1 : 1;
  long remaining = n < 0 ? -static_cast<long>(n) : static_cast<long>(n);
  Date day = from;
  // Each step checks its year, so a count that runs past the data stops at the first
  // uncovered day instead of walking on.
  while (remaining > 0) {
    day = day.plus_days(step);
    const auto work = is_workday(day);
    if (!work) {
      return work.failure();
    }
    if (work.value()) {
      --remaining;
    }
  }
  return day;
}

Result<int> Calendar::workdays_between(Date a, Date b) const
{
  if (b < a) {
    auto reverse = workdays_between(b, a);
    if (!reverse) {
      return reverse.failure();
    }
    return -reverse.value();
  }
  if (a == b) {
    return 0;
  }
  // Check every year first, so that a far date fails at once with the year it needs.
  for (int year = a.plus_days(1).year(); year <= b.year(); ++year) {
    if (!covers(year)) {
      return missing_year(year);
    }
  }
  int count = 0;
  for (Date day = a.plus_days(1); day <= b; day = day.plus_days(1)) {
    if (is_workday(day).value()) {
      ++count;
    }
  }
  return count;
}

std::optional<std::string> Calendar::holiday_name(Date day) const
{
  if (const auto it = m_holidays.find(day); it != m_holidays.end()) {
    return it->second;
  }
  return std::nullopt;
}

Result<Period> Calendar::notice_period(Date start, int workdays) const
{
  if (workdays < 1) {
    return Failure{ExitCode::usage,
                   fmt::format("a notice period lasts at least 1 working day, not {}", workdays)};
  }
  const auto start_works = is_workday(start);
  if (!start_works) {
    return start_works.failure();
  }
  Date first = start;
  if (!start_works.value()) {
    auto next = add_workdays(start, 1);
    if (!next) {
      return next.failure();
    }
    first = next.value();
  }
  auto last = add_workdays(first, workdays - 1);
  if (!last) {
    return last.failure();
  }
  return Period{first, last.value()};
}

} // namespace sqma::calendar
