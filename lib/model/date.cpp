// SPDX-License-Identifier: Apache-2.0
#include "model/date.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace sqma::model {

namespace chr = std::chrono;

Date::Date(int year, unsigned month, unsigned day)
{
  const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  if (!ymd.ok()) {
    throw std::invalid_argument(fmt::format("{:04}-{:02}-{:02} is not a date", year, month, day));
  }
  m_days = chr::sys_days{ymd};
}

std::optional<Date> Date::parse(std::string_view text)
{
  // Digits only where digits belong: from_chars alone would take "-001" as a year.
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !std::all_of(text.begin(), text.begin() + 4, digit)) {
    return std::nullopt;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  const auto number = [&](std::size_t at, std::size_t len, auto& out) {
    const char* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc{} && end == first + len;
  };
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date(chr::sys_days{ymd});
}

int Date::year() const
{
  return int(chr::year_month_day{m_days}.year());
}
unsigned Date::month() const
{
  return unsigned(chr::year_month_day{m_days}.month());
}
unsigned Date::day() const
{
  return unsigned(chr::year_month_day{m_days}.day());
}
unsigned Date::iso_weekday() const
{
  return chr::weekday{m_days}.iso_encoding();
}

Date Date::plus_days(long days) const
{
  return Date(m_days + chr::days{days});
}

Date Date::plus_years(int years) const
{
  auto ymd = chr::year_month_day{m_days} + chr::years{years};
  if (!ymd.ok()) {
    ymd = ymd.year() / ymd.month() / chr::last;
  }
  return Date(chr::sys_days{ymd});
}

std::string Date::iso() const
{
  // Written often (every date of every dossier written back): by hand for years 0 to 9999.
  const chr::year_month_day ymd{m_days};
  const int year = int(ymd.year());
  const auto month = unsigned(ymd.month());
  const auto day = unsigned(ymd.day());
  if (year < 0 || year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  }
  const auto digit = [](unsigned value) { return static_cast<char>('0' + value % 10); };
  const auto y = static_cast<unsigned>(year);
  return {digit(y / 1000),   digit(y / 100), digit(y / 10), digit(y),        '-',
          digit(month / 10), digit(month),   '-',           digit(day / 10), digit(day)};
}

std::string Date::chinese() const
{
  return fmt::format("{}年{}月{}日", year(), month(), day());
}

long days_between(const Date& a, const Date& b)
{
  return (b.days() - a.days()).count();
}

void to_json(nlohmann::json& j, const Date& date)
{
  j = date.iso();
}

void from_json(const nlohmann::json& j, Date& date)
{
  const auto text = j.get<std::string>();
  const auto parsed = Date::parse(text);
  if (!parsed) {
    throw std::invalid_argument(fmt::format("\"{}\" is not a date written YYYY-MM-DD", text));
  }
  date = *parsed;
}

} // namespace sqma::model
