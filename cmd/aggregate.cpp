// SPDX-License-Identifier: Apache-2.0
// sqma aggregate: combine a round's score sheets into results, ranks and decisions to advance.
#include "score/aggregate.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "model/dossier_io.hpp"
#include "report/report.hpp"
#include "score/rounds.hpp"
#include "score/tables.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string round;
  std::string cycle;
  std::string date;
  std::string out_dir;
  bool force = false;
  std::vector<std::string> reports; // --report, once per format wanted
  std::string reviewers;
  std::string format;
  std::string html;
  bool verbose = false;
};

void check_target(const Options& options, const std::string& target, const char* flag)
{
  if (target.empty()) {
    return;
  }
  if (target == "-" && options.out_dir.empty()) {
    throw UsageError(
        fmt::format("{} - needs --out-dir: standard output carries the dossiers", flag));
  }
}

int run(const Options& options)
{
  if (!score::is_round(options.round)) {
    throw UsageError(fmt::format("--round {}: expected written, panel or onsite", options.round));
  }
  auto guard = dossier_guard(options.inputs, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  for (const auto& report : options.reports) {
    guard.output_file("--report", report);
  }
  guard.output_file("--reviewers", options.reviewers);
  guard.output_file("--html", options.html);
  guard.check(options.force);
  const auto formats = report_formats(options.reports, options.format, !options.out_dir.empty());
  std::optional<report::Format> reviewers_format;
  if (!options.reviewers.empty()) {
    reviewers_format = report_format("--reviewers", options.reviewers, options.format);
  }
  check_target(options, options.reviewers, "--reviewers");
  check_target(options, options.html, "--html");
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto settings = score::settings_from(config).take();
  const auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle).take();
  const auto date = score::round_date(settings, options.round, options.date, options.cycle).take();

  std::vector<model::Dossier> dossiers;
  std::vector<std::string> digests;
  std::size_t unreadable = 0;
  auto count = model::read_dossiers(options.inputs, std::cin,
                                    cycle::admitting(&config, [&](Result<model::LoadedDossier> d) {
                                      check_interrupted();
                                      if (!d) {
                                        print_error(d.failure());
                                        ++unreadable;
                                        return true;
                                      }
                                      digests.push_back(d->sha256);
                                      dossiers.push_back(std::move(d->dossier));
                                      return true;
                                    }));
  if (!count) {
    throw DataError(count.failure());
  }
  if (unreadable > 0) {
    // Ranks and advancement depend on every dossier of the round: none is given without all.
    throw Error(ExitCode::data, fmt::format("{} input record(s) could not be read as dossiers; "
                                            "nothing was aggregated",
                                            unreadable));
  }
  const auto round = score::aggregate(dossiers, options.round, criteria, settings);
  const auto stage = model::round_stage(options.round);
  const bool none_at_stage = std::none_of(dossiers.begin(), dossiers.end(),
                                          [&](const auto& d) { return d.stage == *stage; });
  for (const auto& problem : round.problems) {
    print_error(problem);
  }
  std::map<std::string, const score::DossierResult*> results;
  for (const auto& r : round.dossiers) {
    results[r.id] = &r;
  }
  const model::InputDigest cycle_digest{std::filesystem::path(options.cycle).filename().string(),
                                        config.sha256};
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    if (const auto found = results.find(dossiers[i].id); found != results.end()) {
      score::record(dossiers[i], *found->second, round, date,
                    {{"dossier", digests[i]}, cycle_digest, {"criteria", criteria.sha256}});
    }
  }

  model::DossierWriter writer(
      std::cout, writer_options(options.out_dir, options.force, options.inputs, &guard));
  for (const auto& d : dossiers) {
    writer.write(d);
  }
  const auto title = fmt::format("{} {} {} 评审汇总 {}", config.name,
                                 report::display_label(options.round), options.round, date.iso());
  if (!options.reports.empty()) {
    const auto table = score::ranking_table(round, title);
    for (std::size_t i = 0; i < options.reports.size(); ++i) {
      report::write(table, formats[i], options.reports[i], std::cout);
    }
  }
  if (reviewers_format) {
    report::write(score::reviewer_table(round, title), *reviewers_format, options.reviewers,
                  std::cout);
  }
  if (!options.html.empty()) {
    const auto page = score::html_report(round, title);
    if (options.html == "-") {
      std::cout << page;
    } else {
      io::write_file_atomic(options.html, page);
    }
  }
  writer.commit();
  if (options.verbose) {
    std::size_t advanced = 0;
    for (const auto& r : round.dossiers) {
      advanced += r.advanced ? 1 : 0;
    }
    fmt::print(stderr, "sqma aggregate: {} dossiers aggregated, {} advance, {} not aggregated\n",
               round.dossiers.size(), advanced, round.problems.size());
  }
  if (none_at_stage) {
    print_error(fmt::format("no dossier among the inputs is at the {0} stage (assigned to "
                            "{0} panels): nothing was aggregated",
                            options.round));
    return static_cast<int>(ExitCode::negative);
  }
  return round.problems.empty() ? 0 : static_cast<int>(ExitCode::negative);
}

} // namespace

void register_aggregate(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("aggregate", "Combine a round's score sheets into results, "
                                              "ranks, levels and decisions to advance");
  sub->footer(R"(Every dossier at the round's stage gets rounds.<round>.result: the combined total
and percent (mean, median or trimmed mean per the cycle config), the spread, flags
(consensus needed, A1-11, caps of M-7/M-8/M-9, M-17 complaints), the rank within class
and kind, whether it advances and, for organisations, the proposed level (A1-4). Dossiers
that do not advance move to stage rejected. The others pass through unchanged.

Exit status: 0 success, 1 some dossier at the round's stage has no score sheets, 2 usage
error, 3 some input could not be read, 4 output could not be written.

Examples:
  sqma aggregate --round written --cycle samples/cycle.toml scored.jsonl > written.jsonl
  sqma aggregate --round panel --cycle samples/cycle.toml --out-dir panel/ \
      --report ranking.xlsx --reviewers reviewers.csv --html panel.html scored.jsonl
  sqma aggregate --round panel --cycle samples/cycle.toml --out-dir panel/ \
      --report ranking.xlsx --report ranking.txt scored.jsonl)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--round", options->round, "The round: written, panel or onsite")
      ->required()
      ->check(choices({"written", "panel", "onsite"}));
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)")->required();
  sub->add_option("--date", options->date,
                  "Date of the history records, YYYY-MM-DD (default: scoring.dates, else "
                  "dates.<round>_date of the cycle)");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write one <id>.json per dossier here instead of JSON Lines to standard output");
  sub->add_flag("--force", options->force, "Replace existing output files");
  sub->add_option("--report", options->reports,
                  "Write the ranking to FILE (.txt, .csv, .xlsx, .json; - for standard output); "
                  "give it once per format wanted")
      ->allow_extra_args(false);
  sub->add_option("--reviewers", options->reviewers,
                  "Write the reviewers' leniency and mutual evaluation to FILE (as --report)");
  sub->add_option("--format", options->format,
                  "Report format: text, csv, xlsx or json (default: from the extension)")
      ->check(choices({"text", "csv", "xlsx", "json"}));
  sub->add_option("--html", options->html, "Write the HTML round report with its pictures to FILE");
  sub->add_flag("-v,--verbose", options->verbose, "Show a summary on standard error");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
