// SPDX-License-Identifier: Apache-2.0
// sqma score: attach reviewers' score sheets to the dossiers of a round; `score template`
// writes the blank sheets.
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "model/dossier_io.hpp"
#include "panel/registry.hpp"
#include "score/attach.hpp"
#include "score/packet.hpp"
#include "score/rounds.hpp"
#include "score/settings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

namespace sqma::cmd {
namespace {

struct Options {
  std::string round;
  std::string cycle;
  std::string date;
  std::vector<std::string> sheets;
  std::vector<std::string> dossiers;
  std::string out_dir;
  bool force = false;
  std::string kind = "score";
  bool packets = false;
  bool zip = false;
  std::string reviewers;
  std::string due;
  std::string bundle_dir;
  bool verbose = false;
};

struct Loaded {
  std::vector<model::Dossier> dossiers;
  std::vector<std::string> digests;
  std::size_t unreadable = 0;
};

Loaded load_dossiers(const std::vector<std::string>& args, const cycle::Config& config)
{
  Loaded loaded;
  auto count = model::read_dossiers(args, std::cin,
                                    cycle::admitting(&config, [&](Result<model::LoadedDossier> d) {
                                      check_interrupted();
                                      if (!d) {
                                        print_error(d.failure());
                                        ++loaded.unreadable;
                                        return true;
                                      }
                                      loaded.digests.push_back(d->sha256);
                                      loaded.dossiers.push_back(std::move(d->dossier));
                                      return true;
                                    }));
  if (!count) {
    throw DataError(count.failure());
  }
  return loaded;
}

void check_round(const Options& options)
{
  if (!score::is_round(options.round)) {
    throw UsageError(fmt::format("--round {}: expected written, panel or onsite", options.round));
  }
}

int run(const Options& options)
{
  check_round(options);
  if (options.dossiers.empty()) {
    throw UsageError("--dossiers is required: the dossiers the sheets are attached to");
  }
  if (options.sheets.empty()) {
    throw UsageError("no sheets given: name sheet files or folders of them");
  }
  auto guard = dossier_guard(options.dossiers, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  for (const auto& sheet : options.sheets) {
    guard.input("", sheet, {".toml"});
  }
  guard.check(options.force);
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto settings = score::settings_from(config).take();
  const auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle).take();
  const auto date = score::round_date(settings, options.round, options.date, options.cycle).take();
  auto loaded = load_dossiers(options.dossiers, config);

  std::vector<score::Sheet> sheets;
  std::size_t unreadable = 0;
  for (auto& sheet : score::read_sheets(options.sheets)) {
    if (!sheet) {
      print_error(sheet.failure());
      ++unreadable;
      continue;
    }
    sheets.push_back(std::move(sheet).take());
  }
  const auto outcome = score::attach_sheets(
      loaded.dossiers, loaded.digests, sheets, options.round, criteria, settings.require_comments,
      date,
      {{std::filesystem::path(options.cycle).filename().string(), config.sha256},
       {"criteria", criteria.sha256}});
  for (const auto& refused : outcome.refused) {
    print_error(refused);
  }

  model::DossierWriter writer(std::cout,
                              writer_options(options.out_dir, options.force, options.dossiers));
  for (const auto& d : loaded.dossiers) {
    writer.write(d);
  }
  writer.commit();
  if (options.verbose) {
    fmt::print(stderr,
               "sqma score: {} sheets accepted for {} dossiers, {} held already, {} refused, {} "
               "unreadable\n",
               outcome.accepted, outcome.scored.size(), outcome.unchanged, outcome.refused_sheets,
               unreadable);
  }
  if (unreadable > 0 || loaded.unreadable > 0) {
    return static_cast<int>(ExitCode::data);
  }
  return outcome.refused.empty() ? 0 : static_cast<int>(ExitCode::negative);
}

// One packet per reviewer: task note, pledge, dossiers and blank sheets, as a folder or, with
// --zip, as one zip (the same files under a folder named for the reviewer), to send as it is.
std::size_t write_packets(const Options& options, const cycle::Config& config,
                          const std::vector<model::Dossier>& dossiers,
                          const score::Criteria& criteria,
                          const std::vector<score::SheetKind>& kinds,
                          std::vector<io::AtomicFile>& files)
{
  std::map<std::string, std::string> names;
  if (!options.reviewers.empty()) {
    for (const auto& r : panel::load_registry(options.reviewers).take().reviewers) {
      names[r.id] = r.name;
    }
  }
  score::PacketSettings settings;
  settings.cycle_name = config.name;
  settings.round = options.round;
  if (!options.due.empty()) {
    settings.due = date_option("--due", options.due);
  } else if (const auto due = config.raw.value("scoring", nlohmann::json::object())
                                  .value("dates", nlohmann::json::object())
                                  .value(options.round, std::string{});
             !due.empty()) {
    settings.due =
        date_option(fmt::format("scoring.dates.{} in {}", options.round, options.cycle), due);
  } else {
    throw UsageError(fmt::format("no deadline for the {0} round: give --due or set "
                                 "scoring.dates.{0} in {1}",
                                 options.round, options.cycle));
  }
  settings.office = config.office.name;
  settings.contact = config.office.contact;
  settings.phone = config.office.phone;
  settings.email = config.office.email;
  score::PacketOutput output;
  output.dir = options.out_dir;
  output.zip = options.zip;
  output.force = options.force;
  if (!options.bundle_dir.empty()) {
    output.bundle_dir = options.bundle_dir;
  }
  return score::stage_packets(dossiers, names, kinds, criteria, settings, output, files);
}

int run_template(const Options& options)
{
  check_round(options);
  auto guard = dossier_guard(options.dossiers, "");
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--reviewers", options.reviewers);
  guard.input_dir("--bundle-dir", options.bundle_dir, {".zip"});
  guard.output_dir("--out-dir", options.out_dir,
                   options.zip       ? std::vector<std::string>{".zip"}
                   : options.packets ? std::vector<std::string>{".toml", ".md", ".json", ".zip"}
                                     : std::vector<std::string>{".toml"});
  guard.check(options.force);
  if (!options.packets && (!options.reviewers.empty() || !options.due.empty() || options.zip ||
                           !options.bundle_dir.empty())) {
    throw UsageError("--reviewers, --due, --zip and --bundle-dir belong to --packets");
  }
  if (!options.bundle_dir.empty() && !std::filesystem::is_directory(options.bundle_dir)) {
    throw UsageError(fmt::format("--bundle-dir {}: no such folder", options.bundle_dir));
  }
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle).take();
  std::vector<score::SheetKind> kinds;
  if (options.kind == "score" || options.kind == "all") {
    kinds.push_back(score::SheetKind::score);
  }
  if (options.kind == "applicant_rating" || options.kind == "all") {
    kinds.push_back(score::SheetKind::applicant_rating);
  }
  if (options.kind == "reviewer_rating" || options.kind == "all") {
    kinds.push_back(score::SheetKind::reviewer_rating);
  }
  if (kinds.empty()) {
    throw UsageError(fmt::format(
        "--kind {}: expected score, applicant_rating, reviewer_rating or all", options.kind));
  }
  auto loaded = load_dossiers(options.dossiers, config);
  const std::filesystem::path dir(options.out_dir);
  io::create_output_dir(dir);
  std::vector<io::AtomicFile> files;
  if (options.packets) {
    const auto reviewers = write_packets(options, config, loaded.dossiers, criteria, kinds, files);
    if (reviewers == 0) {
      print_error(fmt::format("no dossier among the inputs is at the {} stage with a panel: no "
                              "packets were written",
                              options.round));
      io::remove_created_dirs(); // the --out-dir made for them
      return static_cast<int>(ExitCode::negative);
    }
    io::commit_all(files);
    if (options.verbose) {
      fmt::print(stderr, "sqma score template: packets for {} reviewers written to {}\n", reviewers,
                 options.out_dir);
    }
    return loaded.unreadable > 0 ? static_cast<int>(ExitCode::data) : 0;
  }
  files = score::stage_sheets(loaded.dossiers, options.round, kinds, criteria, dir, options.force);
  if (files.empty()) {
    print_error(fmt::format("no dossier among the inputs is at the {} stage with a panel: no "
                            "sheets were written",
                            options.round));
    io::remove_created_dirs(); // the --out-dir made for them
    return static_cast<int>(ExitCode::negative);
  }
  io::commit_all(files);
  if (options.verbose) {
    fmt::print(stderr, "sqma score template: {} sheets written to {}\n", files.size(),
               options.out_dir);
  }
  return loaded.unreadable > 0 ? static_cast<int>(ExitCode::data) : 0;
}

} // namespace

void register_score(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("score", "Attach reviewers' score sheets (TOML) to the dossiers "
                                          "of a round");
  sub->footer(R"(Each sheet is checked against the dossier it names: the reviewer sits on its panel
for the round, every item is scored once, in range and on its scale, the comments are
there, and no other sheet of the same pair counts. A refused sheet is reported with its
file and line and never counts; the others go on. Updated dossiers go to standard output
as JSON Lines, or to --out-dir as one file each.

Exit status: 0 every sheet accepted, 1 some sheet refused, 2 usage error, 3 some input
could not be read, 4 output could not be written.

Examples:
  sqma score template --round written --cycle samples/cycle.toml --out-dir sheets/ round.jsonl
  sqma score --round written --cycle samples/cycle.toml --dossiers round.jsonl \
      samples/sheets/written/ > scored.jsonl)");
  sub->add_option("sheets", options->sheets, "Score sheets: TOML files or folders of them");
  sub->add_option("--round", options->round, "The round: written, panel or onsite")
      ->check(choices({"written", "panel", "onsite"}));
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)");
  // One value per --dossiers, so that the sheets after it stay positional.
  sub->add_option("--dossiers", options->dossiers,
                  "A dossier file or folder (- for standard input); may be repeated")
      ->allow_extra_args(false);
  sub->add_option("--date", options->date,
                  "Date of the history record, YYYY-MM-DD (default: scoring.dates, else "
                  "dates.<round>_date of the cycle)");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write one <id>.json per dossier here instead of JSON Lines to standard output");
  sub->add_flag("--force", options->force, "Replace existing files in --out-dir");
  sub->add_flag("-v,--verbose", options->verbose, "Show a summary on standard error");

  auto topts = std::make_shared<Options>();
  auto* tmpl = sub->add_subcommand("template", "Write a blank TOML sheet for every assigned "
                                               "(reviewer, dossier) pair of a round");
  tmpl->footer(R"(Examples:
  sqma score template --round written --cycle samples/cycle.toml --out-dir sheets/ round.jsonl
  sqma score template --round panel --kind all --cycle samples/cycle.toml --out-dir s/ p.jsonl
  sqma score template --round written --packets --reviewers samples/reviewers.toml \
      --cycle samples/cycle.toml --out-dir packets/ round.jsonl
  sqma score template --round written --packets --zip --cycle samples/cycle.toml \
      --bundle-dir samples/bundles --out-dir packets/ round.jsonl)");
  tmpl->add_option("dossiers", topts->dossiers, "Dossier files or folders (- for standard input)")
      ->required();
  tmpl->add_option("--round", topts->round, "The round: written, panel or onsite")
      ->required()
      ->check(choices({"written", "panel", "onsite"}));
  tmpl->add_option("--cycle", topts->cycle, "The cycle config (TOML)")->required();
  tmpl->add_option("-o,--out-dir", topts->out_dir, "Folder for the sheets")->required();
  tmpl->add_option("--kind", topts->kind,
                   "score (default), applicant_rating, reviewer_rating or all")
      ->check(choices({"score", "applicant_rating", "reviewer_rating", "all"}));
  tmpl->add_flag("--packets", topts->packets,
                 "Write one folder per reviewer: README.md (task and deadline), pledge.md "
                 "(M-17), dossiers/ and sheets/");
  tmpl->add_flag("--zip", topts->zip,
                 "With --packets: one zip per reviewer (<id>.zip, the same files under <id>/), "
                 "to send as it is");
  tmpl->add_option("--reviewers", topts->reviewers,
                   "With --packets: the reviewer registry (TOML), for the names");
  tmpl->add_option("--bundle-dir", topts->bundle_dir,
                   "With --packets: the folder of the dossiers' bundles, to send each reviewer "
                   "the material of their dossiers in bundles/");
  tmpl->add_option("--due", topts->due,
                   "With --packets: the deadline, YYYY-MM-DD (default: scoring.dates of the "
                   "cycle)");
  tmpl->add_flag("--force", topts->force, "Replace existing sheets");
  tmpl->add_flag("-v,--verbose", topts->verbose, "Show a summary on standard error");
  tmpl->callback([topts, &dispatch] { dispatch.run = [topts] { return run_template(*topts); }; });

  sub->callback([options, sub, tmpl, &dispatch] {
    if (sub->got_subcommand(tmpl)) {
      return;
    }
    if (options->round.empty() || options->cycle.empty()) {
      dispatch.run = []() -> int { throw UsageError("--round and --cycle are required"); };
      return;
    }
    dispatch.run = [options] { return run(*options); };
  });
}

} // namespace sqma::cmd
