// SPDX-License-Identifier: Apache-2.0
// sqma check: the condition check (条件审查) of a batch of dossiers.
#include "calendar/calendar.hpp"
#include "check/batch.hpp"
#include "check/letter.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "io/files.hpp"
#include "progress.hpp"
#include "report/report.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <map>
#include <thread>
#include <tuple>
#include <utility>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string cycle;
  std::string rules;
  std::string calendar;
  std::string date;
  std::string bundle_dir;
  std::string out_dir;
  bool force = false;
  std::vector<std::string> reports; // --report, once per format wanted
  std::string format;
  std::string letters;
  std::vector<std::string> letter_formats;
  std::optional<unsigned> jobs;
  bool verbose = false;
};

check::Rulebook load_rules(const Options& options, const cycle::Config& config)
{
  std::string path = options.rules;
  if (path.empty() && config.rules) {
    path = config.rules->string();
  }
  if (path.empty()) {
    return check::builtin_rulebook();
  }
  auto text = io::read_file(path);
  if (!text) {
    throw DataError(text.failure());
  }
  return check::parse_rulebook(text.value(), path).take();
}

calendar::Calendar load_calendar(const Options& options, const cycle::Config& config)
{
  return calendar::load(
             {config.calendar ? config.calendar->string() : std::string(), options.calendar})
      .take();
}

// The number of dossiers to expect when every input is a one-dossier .json file (how an
// office keeps them), else 0: JSON Lines and standard input are not counted ahead.
std::size_t expected_count(const std::vector<std::string>& inputs)
{
  auto paths = io::expand_inputs(inputs);
  if (!paths) {
    return 0;
  }
  for (const auto& path : paths.value()) {
    if (std::filesystem::path(path).extension() != ".json") {
      return 0;
    }
  }
  return paths->size();
}

int run(const Options& options)
{
  auto guard = dossier_guard(options.inputs, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--rules", options.rules);
  guard.input_file("--calendar", options.calendar);
  guard.input_dir("--bundle-dir", options.bundle_dir, {".zip"});
  for (const auto& report : options.reports) {
    guard.output_file("--report", report);
  }
  const auto extensions = check::letter_extensions(options.letter_formats);
  guard.output_dir("--letters", options.letters,
                   std::vector<std::string>(extensions.begin(), extensions.end()));
  guard.check(options.force);
  auto config = load_cycle(guard, options.cycle, options.force);
  // Where the bundles are: --bundle-dir, else the config's bundle_dir, else its folder.
  const std::filesystem::path bundle_dir =
      !options.bundle_dir.empty() ? std::filesystem::path(options.bundle_dir)
                                  : config.bundle_dir.value_or(config.file.parent_path());
  if (options.bundle_dir.empty() && !config.bundle_dir) {
    guard.input_dir(fmt::format("bundle_dir in {}", options.cycle), bundle_dir, {".zip"});
  }
  guard.check(options.force);
  const auto formats = report_formats(options.reports, options.format, !options.out_dir.empty());
  const auto rules = load_rules(options, config);
  const auto calendar = load_calendar(options, config);

  std::optional<model::Date> check_date = config.check_date;
  if (!options.date.empty()) {
    check_date = date_option("--date", options.date);
  }
  if (!check_date) {
    throw UsageError(
        fmt::format("no check date: give --date or set dates.check_date in {}", options.cycle));
  }
  auto deadline = calendar.add_workdays(*check_date, config.supplement_working_days);
  if (!deadline) {
    throw DataError(deadline.failure());
  }

  check::Settings settings;
  settings.rules = &rules;
  settings.reference_date = config.reference_date;
  settings.check_date = *check_date;
  settings.deadline = deadline.value();
  settings.supplement_working_days = config.supplement_working_days;
  settings.cycle = &config;
  // "." for the folder of a config named without one.
  settings.bundle_dir = bundle_dir.empty() ? std::filesystem::path(".") : bundle_dir;
  // A misspelt folder would make every bundle "not received" and write to every applicant.
  if (std::error_code ec; !std::filesystem::is_directory(settings.bundle_dir, ec)) {
    if (!options.bundle_dir.empty()) {
      throw UsageError(fmt::format("--bundle-dir {}: no such folder", options.bundle_dir));
    }
    throw DataError(config.bundle_dir
                        ? fmt::format("{}: check.bundle_dir {}: no such folder; make it (the "
                                      "bundles received go there) or give --bundle-dir",
                                      options.cycle, settings.bundle_dir.string())
                        : fmt::format("{}: the folder of the cycle config, where the bundles are "
                                      "looked for, is gone",
                                      options.cycle));
  }
  const check::RecordInputs inputs_base{
      {}, std::filesystem::path(options.cycle).filename().string(), config.sha256, rules.sha256};
  const auto head = check::letter_head(config);

  model::DossierWriter writer(
      std::cout, writer_options(options.out_dir, options.force, options.inputs, &guard));
  std::vector<std::pair<std::string, check::Letter>> letters; // by dossier id, numbered later
  if (!options.letters.empty()) {
    io::create_output_dir(options.letters);
  }

  auto table = check::batch_table(fmt::format("{} 条件审查 {}", config.name, check_date->iso()));
  // Rows by dossier id, whatever the order of the inputs; unreadable records (no id) after
  // them by file and line.
  using RowKey = std::tuple<bool, std::string, std::string, std::size_t>;
  std::vector<std::pair<RowKey, std::vector<report::Cell>>> rows;
  std::array<std::size_t, 3> counts{}; // by Verdict: pass, supplement, return
  std::size_t unreadable = 0;
  std::map<std::string, Location> seen; // where each id was first read
  Progress progress(expected_count(options.inputs), options.verbose);
  const unsigned jobs = thread_count(options.jobs);

  // Runs on the worker threads: everything here reads shared state only.
  const auto prepare = [&](check::BatchItem& item) {
    auto inputs = inputs_base;
    inputs.dossier_sha256 = item.loaded.sha256;
    check::record(item.loaded.dossier, item.result, settings, inputs);
    if (!options.letters.empty() && item.result.verdict != check::Verdict::pass) {
      item.letter = check::make_letter(item.loaded.dossier, item.result, settings, head, {});
    }
    item.output = model::dump_dossier(item.loaded.dossier, writer.pretty());
  };
  const auto emit = [&](check::BatchItem& item) {
    check_interrupted();
    if (!item.error) {
      const auto& loaded = item.loaded;
      if (const auto [first, fresh] = seen.emplace(loaded.dossier.id, loaded.where); !fresh) {
        item.error = model::given_twice(loaded.dossier.id, first->second, loaded.where);
      }
    }
    if (!formats.empty()) {
      rows.emplace_back(item.error
                            ? RowKey{true, {}, item.error->where.file, item.error->where.line}
                            : RowKey{false, item.loaded.dossier.id, {}, 0},
                        check::batch_row(item));
    }
    progress.tick();
    if (item.error) {
      print_error(*item.error);
      ++unreadable;
      return;
    }
    ++counts[static_cast<std::size_t>(item.result.verdict)];
    if (item.letter) {
      letters.emplace_back(item.loaded.dossier.id, std::move(*item.letter));
    }
    writer.write_serialised(item.loaded.dossier.id, item.output);
  };
  auto total = check::check_batch(options.inputs, std::cin, settings, jobs, prepare, emit);
  if (!total) {
    throw DataError(total.failure());
  }
  progress.done();
  if (!formats.empty()) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& row : rows) {
      table.rows.push_back(std::move(row.second));
    }
    for (std::size_t i = 0; i < formats.size(); ++i) {
      if (formats[i] != report::Format::text) {
        report::write(table, formats[i], options.reports[i], std::cout);
        continue;
      }
      // A terminal cannot hold the reasons in full; the clauses stay, the other formats
      // and the letters carry every reason.
      auto text = table;
      report::drop_column(text, "reasons");
      report::write(text, formats[i], options.reports[i], std::cout);
    }
  }
  // Document numbers follow the dossier ids, whatever order the inputs came in.
  auto letter_files = check::write_letters(options.letters, std::move(letters), config, extensions);
  writer.commit();
  io::commit_all(letter_files);
  if (options.verbose) {
    fmt::print(stderr,
               "sqma check: {} dossiers: {} pass, {} supplement, {} return, {} unreadable\n",
               total.value(), counts[0], counts[1], counts[2], unreadable);
  }
  if (unreadable > 0) {
    return static_cast<int>(ExitCode::data);
  }
  return counts[1] + counts[2] > 0 ? static_cast<int>(ExitCode::negative) : 0;
}

} // namespace

void register_check(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("check", "Condition check (条件审查) of a batch of dossiers");
  sub->footer(R"(Every dossier ends with one outcome: pass, supplement (with a deadline counted in
working days) or return; each finding cites its clause. Updated dossiers go to standard
output as JSON Lines, or to --out-dir as one file each. Letters carry the letterhead,
contact person and document number of the cycle config's [office] table.

Exit status: 0 every dossier passed, 1 some did not, 2 usage error, 3 some input could
not be read, 4 output could not be written.

Examples (the sample bundles first: samples/make-bundles samples/bundles):
  sqma check --cycle samples/cycle.toml samples/dossiers/ > checked.jsonl
  sqma check --cycle samples/cycle.toml --report report.xlsx --letters letters/ \
      --out-dir checked/ samples/dossiers/
  sqma check --cycle samples/cycle.toml --report report.xlsx --report report.txt \
      samples/dossiers/ > checked.jsonl
  sqma check --cycle samples/cycle.toml --letters letters/ --letter-format docx \
      --letter-format html samples/dossiers/ > checked.jsonl
  cat new.jsonl | sqma check --cycle samples/cycle.toml --date 2025-07-20 -)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)")->required();
  sub->add_option("--rules", options->rules, "A rulebook replacing the built-in one (TOML)");
  sub->add_option("--calendar", options->calendar,
                  "A working-day calendar replacing the built-in one (TOML)");
  sub->add_option("--date", options->date,
                  "The check date, YYYY-MM-DD (default: dates.check_date of the cycle)");
  sub->add_option("--bundle-dir", options->bundle_dir,
                  "Folder of the evidence bundles (default: check.bundle_dir of the cycle)");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write one <id>.json per dossier here instead of JSON Lines to standard output");
  sub->add_flag("--force", options->force, "Replace existing files in --out-dir");
  sub->add_option("--report", options->reports,
                  "Write the batch report to FILE (.txt, .csv, .xlsx, .json; - for standard "
                  "output); give it once per format wanted")
      ->allow_extra_args(false);
  sub->add_option("--format", options->format,
                  "Report format: text, csv, xlsx or json (default: from the extension)")
      ->check(choices({"text", "csv", "xlsx", "json"}));
  sub->add_option("--letters", options->letters,
                  "Write a letter (Chinese) per supplemented or returned dossier here");
  sub->add_option("--letter-format", options->letter_formats,
                  "Letter formats: markdown, html or docx; repeatable (default: all three)");
  sub->add_option(
      "-j,--jobs", options->jobs,
      fmt::format("Threads to use, 1 to {} (default: the number of cores)", k_max_jobs));
  sub->add_flag("-v,--verbose", options->verbose, "Show progress and a summary on standard error");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
