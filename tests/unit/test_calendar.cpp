// SPDX-License-Identifier: Apache-2.0
// Expected values are worked out by hand from data/cn_workdays.toml, not from the code.
#include "calendar/calendar.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace sqma;
using calendar::Calendar;
using model::Date;

namespace {

Date d(const char* text)
{
  const auto date = Date::parse(text);
  REQUIRE(date);
  return *date;
}

const Calendar& cal()
{
  return Calendar::builtin();
}

std::string add(const char* from, int n)
{
  return cal().add_workdays(d(from), n).take().iso();
}

int between(const char* a, const char* b)
{
  return cal().workdays_between(d(a), d(b)).take();
}

bool works(const char* day)
{
  return cal().is_workday(d(day)).take();
}

// The failure of parsing `text` as "bad.toml", described with its location.
std::string parse_error(const std::string& text)
{
  const auto parsed = Calendar::parse(text, "bad.toml");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.failure().code == ExitCode::data);
  return parsed.failure().describe();
}

const char* const k_missing_2027 =
    "the calendar has no data for 2027 (it knows 2019-2026) and guesses no year: write a [2027] "
    "table to a file such as workdays-2027.toml and name it with calendar = "
    "\"workdays-2027.toml\" in the cycle config (next to it) or with --calendar "
    "workdays-2027.toml; the table has the dates of 国务院办公厅关于2027年部分节假日安排的通知 "
    "as holidays = [{ date = 2027-01-01, name = \"元旦\" }, ...] (with the weekend days inside "
    "each holiday block) and makeup_workdays = [2027-MM-DD, ...] (the weekend days worked)";

} // namespace

TEST_CASE("calendar: the built-in data covers 2019 to 2026", "[calendar]")
{
  for (int year = 2019; year <= 2026; ++year) {
    CHECK(cal().covers(year));
  }
  CHECK_FALSE(cal().covers(2018));
  CHECK_FALSE(cal().covers(2027));
}

TEST_CASE("calendar: holidays, adjusted working days and ordinary days", "[calendar]")
{
  CHECK(works("2025-09-28"));       // Sunday, 国庆节 makeup
  CHECK(works("2025-10-11"));       // Saturday, 国庆节 makeup
  CHECK_FALSE(works("2025-10-01")); // Wednesday, 国庆节
  CHECK_FALSE(works("2025-10-12")); // ordinary Sunday
  CHECK(works("2025-10-09"));       // ordinary Thursday
  CHECK(works("2024-02-04"));       // Sunday, 春节 makeup
  CHECK(works("2024-02-18"));       // Sunday, 春节 makeup
  CHECK_FALSE(works("2024-02-12")); // Monday, 春节
  CHECK(cal().holiday_name(d("2025-10-06")) == "中秋节");
  CHECK(cal().holiday_name(d("2025-10-08")) == "国庆节");
  CHECK(cal().holiday_name(d("2024-02-17")) == "春节");
  CHECK_FALSE(cal().holiday_name(d("2025-09-28")));
  CHECK_FALSE(cal().holiday_name(d("2025-10-12")));
}

TEST_CASE("calendar: counts across the 2024 Spring Festival", "[calendar]")
{
  // 02-10..17 off, 02-04 and 02-18 (Sundays) worked.
  CHECK(between("2024-02-09", "2024-02-19") == 2);
  CHECK(between("2024-02-01", "2024-02-29") == 17);
  CHECK(add("2024-02-08", 2) == "2024-02-18");
  CHECK(add("2024-02-18", -1) == "2024-02-09");
  CHECK(add("2024-02-02", 1) == "2024-02-04");
}

TEST_CASE("calendar: counts across 2025's blocks", "[calendar]")
{
  // 国庆节/中秋节: 10-01..08 off, 09-28 (Sun) and 10-11 (Sat) worked.
  CHECK(between("2025-09-26", "2025-10-12") == 6);
  CHECK(between("2025-10-12", "2025-09-26") == -6);
  CHECK(add("2025-09-26", 7) == "2025-10-13");
  // 春节: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked.
  CHECK(between("2025-01-24", "2025-02-09") == 6);
  CHECK(add("2025-01-27", 1) == "2025-02-05");
}

TEST_CASE("calendar: counts across 2026's blocks", "[calendar]")
{
  // 元旦: 01-01..03 off, 01-04 (Sun) worked; the count starts in 2025.
  CHECK(between("2025-12-31", "2026-01-05") == 2);
  // 春节: 02-15..23 off, 02-14 and 02-28 (Saturdays) worked.
  CHECK(add("2026-02-13", 1) == "2026-02-14");
  CHECK(add("2026-02-14", 1) == "2026-02-24");
  CHECK(between("2026-02-13", "2026-02-28") == 6);
  // 劳动节: 05-01..05 off, 05-09 (Sat) worked.
  CHECK(add("2026-04-30", 1) == "2026-05-06");
  CHECK(add("2026-05-08", 1) == "2026-05-09");
}

TEST_CASE("calendar: whole years", "[calendar]")
{
  // 262 weekdays - 19 weekday holidays + 8 makeup days; 261 - 18 + 5; 261 - 19 + 6.
  CHECK(between("2023-12-31", "2024-12-31") == 251);
  CHECK(between("2024-12-31", "2025-12-31") == 248);
  CHECK(between("2025-12-31", "2026-12-31") == 248);
}

TEST_CASE("calendar: negative and zero counts", "[calendar]")
{
  CHECK(add("2025-10-09", -1) == "2025-09-30");
  CHECK(add("2025-10-09", -3) == "2025-09-28");
  CHECK(add("2025-10-13", -7) == "2025-09-26");
  CHECK(add("2025-10-01", 0) == "2025-10-01"); // a holiday stays itself
  CHECK(between("2025-10-01", "2025-10-01") == 0);
  // Back across 2024's National Day block: 10-01..07 off, 09-29 (Sun) and 10-12 (Sat) worked.
  CHECK(add("2024-10-14", -2) == "2024-10-11");
  CHECK(add("2024-10-12", -1) == "2024-10-11");
  CHECK(add("2024-10-11", -5) == "2024-09-29");
}

TEST_CASE("calendar: seven-working-day notice periods across holidays", "[calendar]")
{
  SECTION("starting on a working day")
  {
    const auto p = cal().notice_period(d("2025-09-26"), 7).take();
    CHECK(p.first.iso() == "2025-09-26");
    CHECK(p.last.iso() == "2025-10-11"); // 26, 28, 29, 30, 10-09, 10-10, 10-11
  }
  SECTION("starting on a holiday")
  {
    const auto p = cal().notice_period(d("2025-10-01"), 7).take();
    CHECK(p.first.iso() == "2025-10-09");
    CHECK(p.last.iso() == "2025-10-16");
  }
  SECTION("starting on a weekend before an adjusted working day")
  {
    const auto p = cal().notice_period(d("2024-02-03"), 7).take();
    CHECK(p.first.iso() == "2024-02-04");
    CHECK(p.last.iso() == "2024-02-18"); // 04, 05, 06, 07, 08, 09, 18
  }
  SECTION("2026 Spring Festival and National Day")
  {
    auto p = cal().notice_period(d("2026-02-12"), 7).take();
    CHECK(p.first.iso() == "2026-02-12");
    CHECK(p.last.iso() == "2026-02-27");
    p = cal().notice_period(d("2026-09-24"), 7).take();
    CHECK(p.last.iso() == "2026-10-10");
  }
  SECTION("one day")
  {
    const auto p = cal().notice_period(d("2025-10-11"), 1).take();
    CHECK(p.first == p.last);
    CHECK(p.first.iso() == "2025-10-11");
  }
  SECTION("no days")
  {
    const auto p = cal().notice_period(d("2025-10-11"), 0);
    REQUIRE_FALSE(p.ok());
    CHECK(p.failure().code == ExitCode::usage);
  }
}

TEST_CASE("calendar: a year without data is refused with the way to add it", "[calendar]")
{
  const auto period = cal().notice_period(d("2026-12-25"), 7);
  REQUIRE_FALSE(period.ok());
  CHECK(period.failure().code == ExitCode::data);
  CHECK(period.failure().describe() == k_missing_2027);

  CHECK(cal().add_workdays(d("2026-12-30"), 2).failure().message == k_missing_2027);
  CHECK(cal().add_workdays(d("2026-12-30"), 1).take().iso() == "2026-12-31");
  CHECK(cal().workdays_between(d("2026-12-01"), d("2027-06-30")).failure().message ==
        k_missing_2027);
  CHECK(cal().workdays_between(d("2027-06-30"), d("2026-12-01")).failure().message ==
        k_missing_2027);
  CHECK(cal().is_workday(d("2027-01-04")).failure().message == k_missing_2027);
  // 2019-01-01 is off, so one working day back from 01-02 needs 2018.
  const auto back = cal().add_workdays(d("2019-01-02"), -1);
  REQUIRE_FALSE(back.ok());
  CHECK(back.failure().message.rfind("the calendar has no data for 2018 (it knows 2019-2026)", 0) ==
        0);
}

TEST_CASE("calendar: a small file of one's own", "[calendar]")
{
  const auto parsed = Calendar::parse("[2027]\n"
                                      "holidays = [{ date = 2027-01-01, name = \"元旦\" }]\n"
                                      "makeup_workdays = [2027-01-02]\n",
                                      "mine.toml");
  REQUIRE(parsed.ok());
  const auto& mine = parsed.value();
  CHECK(mine.covers(2027));
  CHECK_FALSE(mine.covers(2026));
  CHECK_FALSE(mine.is_workday(d("2027-01-01")).take()); // Friday, holiday
  CHECK(mine.is_workday(d("2027-01-02")).take());       // Saturday, worked
  CHECK(mine.add_workdays(d("2026-12-31"), 1).take().iso() == "2027-01-02");
}

TEST_CASE("calendar: a file amends the default calendar year by year", "[calendar]")
{
  // 2026 replaced by a year with one holiday, 2027 added; the other years stay built in.
  const auto mine = Calendar::parse("[2026]\n"
                                    "holidays = [{ date = 2026-10-01, name = \"国庆节\" }]\n"
                                    "[2027]\n"
                                    "holidays = [{ date = 2027-01-01, name = \"元旦\" }]\n",
                                    "mine.toml")
                        .take();
  Calendar amended = cal();
  amended.overlay(mine);
  CHECK(amended.years() == std::set<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027});
  CHECK(amended.sources().at(2025) == calendar::k_builtin_source);
  CHECK(amended.sources().at(2026) == "mine.toml");
  CHECK(amended.sources().at(2027) == "mine.toml");
  CHECK_FALSE(amended.is_workday(d("2025-10-01")).take()); // 国庆节 2025, kept
  CHECK(amended.is_workday(d("2026-02-16")).take());       // 春节 2026 in the default, replaced
  CHECK_FALSE(amended.is_workday(d("2026-10-01")).take()); // the file's own holiday
  CHECK(amended.holiday_name(d("2026-02-16")) == std::nullopt);
  CHECK_FALSE(amended.is_workday(d("2027-01-01")).take());
  // The next missing year points at the file to add it to.
  const auto message = amended.is_workday(d("2028-01-03")).failure().message;
  CHECK(message.rfind("the calendar has no data for 2028 (it knows 2019-2027) and guesses no "
                      "year: add a [2028] table to mine.toml, ",
                      0) == 0);
  // Nothing changes in the calendar that was copied.
  CHECK_FALSE(cal().covers(2027));
  CHECK_FALSE(cal().is_workday(d("2026-02-16")).take());
}

TEST_CASE("calendar: bad calendar files name the line", "[calendar]")
{
  const std::string head = "# my calendar\n[2025]\n";
  // Line 4 holds the bad date in each case.
  CHECK(parse_error(head + "holidays = [\n  { date = 2025-02-30, name = \"春节\" },\n]\n")
            .rfind("bad.toml:4: ", 0) == 0);
  CHECK(parse_error(head + "holidays = [\n  { date = \"2025-13-01\", name = \"春节\" },\n]\n") ==
        "bad.toml:4: [2025]: \"2025-13-01\" is not a date written YYYY-MM-DD");
  CHECK(parse_error(head + "holidays = [\n  { date = 2024-12-31, name = \"元旦\" },\n]\n")
            .rfind("bad.toml:4: [2025]: 2024-12-31 falls in 2024: file each date under the year "
                   "it falls in",
                   0) == 0);
  CHECK(parse_error(head + "holidays = [\n  { date = 2025-01-01, name = \" \" },\n]\n") ==
        "bad.toml:4: [2025]: the holiday on 2025-01-01 needs a name (such as \"国庆节\")");
  CHECK(parse_error(head + "holidays = []\nmakeup_workdays = [2025-09-28, 2026-10-11]\n") ==
        "bad.toml:4: [2025]: 2026-10-11 falls in 2026: file each date under the year it falls "
        "in, also when it belongs to the next year's 元旦 (2023-12-30 sits in [2023])");
  CHECK(parse_error(head + "holidays = [{ date = 2025-10-01, name = \"国庆节\" }]\n"
                           "makeup_workdays = [\n  2025-10-01,\n]\n") ==
        "bad.toml:5: 2025-10-01 is both a makeup working day and a holiday (line 3)");
  CHECK(parse_error(head + "holidays = [\n  { date = 2025-10-01, name = \"国庆节\" },\n"
                           "  { date = 2025-10-01, name = \"国庆节\" },\n]\n") ==
        "bad.toml:5: [2025]: 2025-10-01 is listed twice as a holiday (first on line 4)");
  CHECK(parse_error(head + "holiday = []\n") ==
        "bad.toml:3: [2025]: unknown key \"holiday\"; did you mean \"holidays\"?");
  CHECK(parse_error(head + "makeup_workdays = []\n") == "bad.toml:2: [2025] has no holidays array");
  CHECK(parse_error("[25]\nholidays = []\n") ==
        "bad.toml:1: \"25\" is not a year: each table is named by a 4-digit year, such as [2025]");
  CHECK(parse_error("# nothing\n").rfind("bad.toml: no year tables", 0) == 0);
  CHECK(parse_error("[2025\n").rfind("bad.toml:1: TOML syntax, column ", 0) == 0);
}

TEST_CASE("calendar: notice periods across the other holiday blocks of 2024 to 2026", "[calendar]")
{
  const auto last = [](const char* start) {
    return cal().notice_period(d(start), 7).take().last.iso();
  };
  // 2024: Sunday 04-28 worked before 劳动节, Saturday 09-14 before 中秋节, Sunday 09-29 and
  // Saturday 10-12 around 国庆节.
  CHECK(last("2024-04-26") == "2024-05-08"); // 26, 28, 29, 30, 05-06, 07, 08
  CHECK(last("2024-09-12") == "2024-09-23"); // 12, 13, 14, 18, 19, 20, 23
  CHECK(last("2024-09-26") == "2024-10-10"); // 26, 27, 29, 30, 10-08, 09, 10
  CHECK(between("2024-09-27", "2024-10-12") == 7);
  // 2025: Sunday 01-26 and Saturday 02-08 around 春节, Sunday 04-27 before 劳动节.
  CHECK(last("2025-01-24") == "2025-02-08"); // 24, 26, 27, 02-05, 06, 07, 08
  CHECK(last("2025-04-25") == "2025-05-07"); // 25, 27, 28, 29, 30, 05-06, 07
  // 2026: 元旦 01-01..03 with Sunday 01-04 worked, Saturday 05-09 after 劳动节, Sunday 09-20
  // before 中秋节.
  CHECK(last("2025-12-29") == "2026-01-07"); // 29, 30, 31, 01-04, 05, 06, 07
  CHECK(last("2026-04-29") == "2026-05-11"); // 29, 30, 05-06, 07, 08, 09, 11
  CHECK(last("2026-09-18") == "2026-09-28"); // 18, 20, 21, 22, 23, 24, 28
}
