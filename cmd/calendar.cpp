// SPDX-License-Identifier: Apache-2.0
// sqma calendar: mainland China working days (工作日) for scripts.
#include "calendar/calendar.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "cycle/config.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <memory>

namespace sqma::cmd {
namespace {

enum class Action { add, is_workday, between, info, years };

struct Options {
  Action action = Action::info;
  std::string calendar_file; // amends the default calendar (and the cycle's) year by year
  std::string cycle;         // its calendar = "..." amends the default calendar
  std::string date;
  std::string other_date;
  int count = 0;
};

// The date in `text`, or a usage error naming the argument.
model::Date date_argument(const std::string& name, const std::string& text)
{
  const auto date = model::Date::parse(text);
  if (!date) {
    throw UsageError(fmt::format("{}: \"{}\" is not a date written YYYY-MM-DD", name, text));
  }
  return *date;
}

const char* weekday_name(unsigned iso_weekday)
{
  static constexpr std::array<const char*, 7> k_names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};
  return k_names.at(iso_weekday - 1);
}

int run(const Options& options)
{
  // Arguments first, so that a typo is a usage error even when the calendar is bad too.
  const bool dated = options.action != Action::years;
  const auto date = dated ? date_argument("DATE", options.date) : model::Date{};
  const auto other =
      options.action == Action::between ? date_argument("DATE2", options.other_date) : date;
  std::string cycle_calendar;
  if (!options.cycle.empty()) {
    const auto config = cycle::load(options.cycle).take();
    cycle_calendar = config.calendar ? config.calendar->string() : std::string();
  }
  const auto cal = calendar::load({cycle_calendar, options.calendar_file}).take();

  switch (options.action) {
  case Action::years:
    for (const auto& [year, source] : cal.sources()) {
      fmt::print("{} {}\n", year, source);
    }
    return 0;
  case Action::add:
    fmt::print("{}\n", cal.add_workdays(date, options.count).take().iso());
    return 0;
  case Action::between: fmt::print("{}\n", cal.workdays_between(date, other).take()); return 0;
  case Action::is_workday: {
    const bool work = cal.is_workday(date).take();
    fmt::print("{}\n", work ? "yes" : "no");
    return work ? 0 : static_cast<int>(ExitCode::negative);
  }
  case Action::info: {
    const bool work = cal.is_workday(date).take();
    fmt::print("weekday {}\nworkday {}\nholiday {}\n", weekday_name(date.iso_weekday()),
               work ? "yes" : "no", cal.holiday_name(date).value_or("-"));
    return 0;
  }
  }
  return static_cast<int>(ExitCode::internal);
}

// Adds a sub-subcommand whose callback hands `action` to the dispatcher.
CLI::App* add_action(CLI::App* parent, const std::string& name, const std::string& help,
                     const std::string& examples, Action action,
                     const std::shared_ptr<Options>& options, Dispatch& dispatch)
{
  auto* sub = parent->add_subcommand(name, help);
  sub->footer("Examples:\n" + examples +
              "\nSee sqma calendar --help for --calendar and the exit status.");
  sub->callback([options, action, &dispatch] {
    options->action = action;
    dispatch.run = [options] { return run(*options); };
  });
  return sub;
}

} // namespace

void register_calendar(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("calendar", "Count mainland China working days (工作日)");
  sub->require_subcommand(1);
  // Inherited by the actions below, so --calendar may also follow the action's name.
  sub->fallthrough();
  sub->footer(R"(A working day is a Monday to Friday that is no public holiday, or a weekend day
that the State Council's notice makes a working day (调休上班). The default data
covers 2019-2026 (an installed sqma reads it from share/sqma/cn_workdays.toml under its
prefix); a calendar file, given with --calendar or as calendar = "FILE" in the cycle
config read with --cycle, adds years or replaces them, year by year. A date in a year
without data is an error (exit 3) that says where to add the year; no year is guessed.
`sqma calendar years` lists the years known and where each comes from.

Exit status: 0 success (for is-workday: a working day), 1 is-workday said no,
2 usage error or bad date, 3 no data for the year or a bad --calendar file.

Examples:
  sqma calendar add 2025-09-26 7          # 2025-10-13: skips the National Day block
  sqma calendar is-workday 2025-09-28     # yes: a Sunday made a working day
  sqma calendar between 2025-09-30 2025-10-31
  sqma calendar --calendar workdays-2027.toml info 2027-02-08
  sqma calendar --cycle samples/cycle.toml years)");
  sub->add_option("--calendar", options->calendar_file,
                  "Amend the default calendar with this file's years (the format of "
                  "cn_workdays.toml, see sqma-calendar(1))")
      ->type_name("FILE");
  sub->add_option("--cycle", options->cycle,
                  "Amend the default calendar with the calendar file the cycle config names "
                  "(before --calendar)")
      ->type_name("FILE");

  auto* add =
      add_action(sub, "add", "Print the date N working days after DATE (before it if N < 0)",
                 "  sqma calendar add 2025-09-26 7     # 2025-10-13\n"
                 "  sqma calendar add 2025-10-09 -3    # 2025-09-28, a Sunday worked",
                 Action::add, options, dispatch);
  add->add_option("DATE", options->date, "Start date, YYYY-MM-DD (not counted)")->required();
  add->add_option("N", options->count, "Number of working days")->required();

  auto* is_work =
      add_action(sub, "is-workday", "Print yes (exit 0) or no (exit 1): is DATE a working day?",
                 "  sqma calendar is-workday 2025-10-01   # no, 国庆节\n"
                 "  sqma calendar is-workday 2025-10-11   # yes, a Saturday worked",
                 Action::is_workday, options, dispatch);
  is_work->add_option("DATE", options->date, "Date, YYYY-MM-DD")->required();

  auto* between = add_action(sub, "between",
                             "Print the number of working days after DATE up to DATE2 "
                             "(negative if DATE2 is earlier)",
                             "  sqma calendar between 2025-09-30 2025-10-31   # 18\n"
                             "  sqma calendar between 2025-10-31 2025-09-30   # -18",
                             Action::between, options, dispatch);
  between->add_option("DATE", options->date, "Start date, YYYY-MM-DD (not counted)")->required();
  between->add_option("DATE2", options->other_date, "End date, YYYY-MM-DD (counted)")->required();

  auto* info = add_action(sub, "info",
                          "Print DATE's weekday, whether it is a working day and its holiday "
                          "name (- if none), one \"key value\" line each",
                          "  sqma calendar info 2025-10-06\n"
                          "  sqma calendar --calendar workdays-2027.toml info 2027-02-08",
                          Action::info, options, dispatch);
  info->add_option("DATE", options->date, "Date, YYYY-MM-DD")->required();

  add_action(sub, "years",
             "Print each year the calendar knows and the file its data comes from (built-in: "
             "the copy in the binary), one \"year source\" line each",
             "  sqma calendar years\n"
             "  sqma calendar --calendar workdays-2027.toml years   # ... 2027 workdays-2027.toml",
             Action::years, options, dispatch);
}

} // namespace sqma::cmd
