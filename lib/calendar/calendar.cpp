// SPDX-License-Identifier: Apache-2.0
// Working-day queries on a parsed calendar.
#include "calendar/calendar.hpp"

#include <fmt/format.h>

namespace sqma::calendar {

Failure missing_year(int year)
{
  return Failure{
      ExitCode::data,
      fmt::format(
          "the calendar has no data for {0}: add a [{0}] table with holidays and "
          "makeup_workdays to a copy of data/cn_workdays.toml (from the State Council's "
          "notice 国务院办公厅关于{0}年部分节假日安排的通知) and pass it with --calendar, or "
          "set calendar = \"...\" in the cycle config",
          year)};
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
