// SPDX-License-Identifier: Apache-2.0
// sqma status: where a review cycle stands, and what is overdue.
#include "status/status.hpp"

#include "calendar/calendar.hpp"
#include "certify/inputs.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "panel/registry.hpp"
#include "score/settings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string cycle;
  std::string date;
  std::string reviewers;
  std::vector<std::string> sheets;
  std::vector<std::string> notices;
  std::string calendar;
  std::string format = "text";
  std::string output;
  std::string reminders;
  bool force = false;
};

std::string render(const status::Status& st, const std::string& format)
{
  if (format == "json") {
    return status::to_json(st);
  }
  if (format == "csv") {
    std::ostringstream out;
    report::write_csv(out, status::tables(st));
    return out.str();
  }
  return status::to_text(st);
}

void check_format(const Options& options)
{
  if (options.format != "text" && options.format != "json" && options.format != "csv" &&
      options.format != "xlsx") {
    throw UsageError(fmt::format("--format {}: expected text, json, csv or xlsx", options.format));
  }
  if (options.format == "xlsx" && (options.output.empty() || options.output == "-")) {
    throw UsageError("xlsx output is binary and is not written to standard output; give -o "
                     "FILE.xlsx");
  }
}

// Every path the verb reads and writes; the reminders' files are added once known.
io::PathGuard path_guard(const Options& options)
{
  auto guard = dossier_guard(options.inputs, "");
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--reviewers", options.reviewers);
  guard.input_file("--calendar", options.calendar);
  for (const auto& s : options.sheets) {
    guard.input("--sheets", s, {".toml"});
  }
  for (const auto& n : options.notices) {
    guard.input("--notices", n, {".json"});
  }
  guard.output_file("--output", options.output);
  guard.output_dir("--reminders", options.reminders, {".txt"});
  return guard;
}

void write_reminders(const Options& options, io::PathGuard& guard,
                     const std::vector<status::Reminder>& reminders)
{
  std::vector<std::filesystem::path> files;
  for (const auto& r : reminders) {
    files.push_back(std::filesystem::path(options.reminders) / (r.reviewer + ".txt"));
    guard.output_file("--reminders", files.back());
  }
  guard.check(options.force);
  io::create_output_dir(options.reminders);
  std::vector<io::AtomicFile> staged;
  for (std::size_t i = 0; i < reminders.size(); ++i) {
    io::AtomicFile file(files[i]);
    file.write(reminders[i].text);
    file.close();
    staged.push_back(std::move(file));
  }
  io::commit_all(staged);
}

int run(const Options& options)
{
  check_format(options);
  auto guard = path_guard(options);
  guard.check(options.force);
  const auto date = date_option("--date", options.date);
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto settings = score::settings_from(config).take();
  const auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle).take();
  const auto cal = calendar::load({config.calendar ? config.calendar->string() : std::string(),
                                   options.calendar})
                       .take();
  std::optional<panel::Registry> registry;
  if (!options.reviewers.empty()) {
    registry = panel::load_registry(options.reviewers).take();
  }
  status::Sources sources;
  sources.config = &config;
  sources.criteria = &criteria;
  sources.calendar = &cal;
  sources.registry = registry ? &*registry : nullptr;
  sources.require_comments = settings.require_comments;
  for (const auto& path : options.sheets) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      throw DataError(fmt::format("--sheets {}: no such file or folder", path));
    }
  }
  if (!options.sheets.empty()) {
    sources.sheets = score::read_sheets(options.sheets);
  }
  sources.notices = status::read_notices(options.notices).take();
  auto inputs = certify::read_inputs(options.inputs, std::cin, &config).take();
  if (!inputs.unreadable.empty()) {
    for (const auto& f : inputs.unreadable) {
      print_error(f);
    }
    return static_cast<int>(ExitCode::data);
  }
  const auto st = status::build(inputs.dossiers, sources, date).take();

  if (!options.reminders.empty()) {
    write_reminders(options, guard, status::reminders(st, config));
  }
  if (options.format == "xlsx") {
    report::write_xlsx(options.output, status::tables(st));
  } else if (options.output.empty() || options.output == "-") {
    std::cout << render(st, options.format);
    std::cout.flush();
    if (!std::cout) {
      throw IoError("cannot write to standard output");
    }
  } else {
    io::write_file_atomic(options.output, render(st, options.format));
  }
  return st.overdue() > 0 ? static_cast<int>(ExitCode::negative) : 0;
}

} // namespace

void register_status(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand(
      "status", "Where a cycle stands: stages, sheets owed by reviewer, deadlines, notices");
  sub->footer(
      R"(Sheets of a round are due on scoring.dates.<round> of the cycle config; supplements on
the deadline their condition check recorded (A1-6, A2-5, A3-9). Working days are counted with
the mainland China calendar. Sheets found with --sheets count as received when sqma score
would accept them; refused ones are named with the reason.

Exit status: 0 nothing overdue, 1 something overdue (a supplement deadline passed, or a
reviewer's sheets missing past their due date), 2 usage error, 3 unreadable input,
4 cannot write.

Examples:
  sqma status --cycle samples/cycle.toml --date 2025-08-20 \
      --reviewers samples/reviewers.toml --sheets samples/sheets/written written/assigned.jsonl
  sqma status --cycle samples/cycle.toml --date 2025-08-25 --reminders reminders/ \
      --reviewers samples/reviewers.toml written/assigned.jsonl
  sqma status --cycle samples/cycle.toml --date 2025-11-12 --notices notice-candidates/ \
      --format xlsx -o status.xlsx approved.jsonl)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)")->required();
  sub->add_option("--date", options->date, "The day to report on, YYYY-MM-DD")->required();
  sub->add_option("--reviewers", options->reviewers,
                  "The reviewer registry (TOML), for the reviewers' names");
  sub->add_option("--sheets", options->sheets,
                  "Score sheets received but not yet scored in (files or folders); repeatable")
      ->allow_extra_args(false);
  sub->add_option("--notices", options->notices,
                  "Notices written by sqma publish (JSON files or folders); repeatable")
      ->allow_extra_args(false);
  sub->add_option("--calendar", options->calendar,
                  "A working-day calendar replacing the built-in one (TOML)");
  sub->add_option("--format", options->format, "text (the default), json, csv or xlsx")
      ->check(choices({"text", "json", "csv", "xlsx"}));
  sub->add_option("-o,--output", options->output, "Write here instead of standard output");
  sub->add_option("--reminders", options->reminders,
                  "Write one reminder <reviewer>.txt per reviewer with outstanding sheets here");
  sub->add_flag("--force", options->force, "Replace existing files");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
