// SPDX-License-Identifier: Apache-2.0
// sqma bundle: evidence bundles as BagIt bags in zips: create, verify, normalize.
#include "bundle/bag.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "core/parallel.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "io/path_guard.hpp"
#include "io/text.hpp"
#include "model/dossier_io.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace sqma::cmd {
namespace {

enum class Action { create, verify, normalize };

struct Options {
  Action action = Action::create;
  std::vector<std::string> inputs;
  std::string output;
  std::string date;
  std::string cycle;
  bool force = false;
  std::string dossier;
  std::string out_dir;
};

// Bagging-Date: --date, else the application deadline of the cycle (bundles are sealed as
// they were received).
model::Date bagging_date(const Options& options)
{
  if (!options.date.empty()) {
    return date_option("--date", options.date);
  }
  if (!options.cycle.empty()) {
    return cycle::load(options.cycle).take().application_deadline;
  }
  throw UsageError("give --date or --cycle: the Bagging-Date is never taken from the clock");
}

// Fills the digest of every material from the bag, and the bundle's name and digest.
model::Dossier fill_dossier(model::Dossier dossier, const bundle::BagSummary& bag,
                            const std::string& zip_name)
{
  std::map<std::string, const bundle::BagFile*> files;
  for (const auto& f : bag.files) {
    files[f.path] = &f;
  }
  std::vector<Failure> missing;
  for (std::size_t i = 0; i < dossier.materials.size(); ++i) {
    auto& material = dossier.materials[i];
    const auto found = files.find(material.path);
    if (found == files.end()) {
      missing.emplace_back(
          ExitCode::data,
          fmt::format("/materials/{}/path: \"{}\" is not in the bundle", i, material.path));
      continue;
    }
    material.sha256 = found->second->sha256;
  }
  if (!missing.empty()) {
    auto joined = join(std::move(missing));
    joined.message = fmt::format("dossier {}: {}", dossier.id, joined.message);
    throw DataError(joined);
  }
  dossier.bundle = model::Bundle{zip_name, bag.zip_sha256};
  return dossier;
}

int run_create(const Options& options)
{
  const auto& dir = options.inputs.front();
  bundle::BagOptions bag;
  bag.bagging_date = bagging_date(options);
  bag.force = options.force;
  bag.zip_digest = true;
  bag.progress = check_interrupted;
  std::optional<model::Dossier> dossier;
  if (!options.dossier.empty()) {
    std::vector<Result<model::LoadedDossier>> read;
    auto count = model::read_dossiers({options.dossier}, std::cin, [&](auto loaded) {
      read.push_back(std::move(loaded));
      return true;
    });
    if (!count) {
      throw DataError(count.failure());
    }
    if (read.size() != 1) {
      throw DataError(
          fmt::format("{}: expected one dossier, found {}", options.dossier, read.size()));
    }
    dossier = std::move(read.front()).take().dossier;
  }
  auto summary = bundle::create_bag(dir, options.output, bag).take();
  if (dossier) {
    const auto name = std::filesystem::path(options.output).filename().string();
    model::DossierWriter writer(std::cout,
                                writer_options(options.out_dir, options.force, {options.dossier}));
    writer.write(fill_dossier(std::move(*dossier), summary, name));
    writer.commit();
  }
  if (!dossier || !options.out_dir.empty()) {
    fmt::print("{}: {} files, {} bytes, sha256 {}\n", options.output, summary.files.size(),
               summary.payload_bytes, summary.zip_sha256);
  }
  return 0;
}

// Where normalize writes the bag of `zip`: -o, or --out-dir with the zip's own name.
std::string normalized_path(const Options& options, const std::string& zip)
{
  if (options.out_dir.empty()) {
    return options.output;
  }
  return (std::filesystem::path(options.out_dir) / std::filesystem::path(zip).filename()).string();
}

// Each zip in turn: a refused one is named and the others still bagged (exit 1 at the end).
int run_normalize(const Options& options)
{
  bundle::BagOptions bag;
  bag.bagging_date = bagging_date(options);
  bag.force = options.force;
  bag.progress = check_interrupted;
  if (!options.out_dir.empty()) {
    io::create_output_dir(options.out_dir);
  }
  // Two zips at a time, each staging its bag; then, in the order given, the messages, and
  // the bags put in place together at the end, as every run's files are.
  const std::size_t count = options.inputs.size();
  std::vector<std::vector<io::AtomicFile>> staged_of(count);
  std::vector<std::optional<Result<bundle::BagSummary>>> summaries(count);
  // what a zip's run threw is thrown when its turn comes
  const auto errors = parallel_for_caught(count, cpu_threads(), [&](std::size_t i) {
    check_interrupted();
    auto mine = bag;
    mine.staged = &staged_of[i];
    summaries[i].emplace(bundle::normalize_to_bag(
        options.inputs[i], normalized_path(options, options.inputs[i]), mine));
  });
  std::vector<io::AtomicFile> staged;
  int worst = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (errors[i]) {
      std::rethrow_exception(errors[i]);
    }
    const auto output = normalized_path(options, options.inputs[i]);
    const auto& summary = *summaries[i];
    std::move(staged_of[i].begin(), staged_of[i].end(), std::back_inserter(staged));
    if (!summary) {
      if (summary.failure().code != ExitCode::negative) {
        throw Error(summary.failure());
      }
      print_error(summary.failure());
      worst = static_cast<int>(ExitCode::negative);
      continue;
    }
    fmt::print("{}: {} files, {} bytes\n", output, summary->files.size(), summary->payload_bytes);
  }
  io::commit_all(staged);
  return worst;
}

int run_verify(const Options& options)
{
  int worst = 0;
  bundle::ReadOptions read;
  read.jobs = 2;
  read.progress = check_interrupted;
  for (const auto& path : options.inputs) {
    check_interrupted();
    auto report = bundle::read_bag(path, read);
    if (!report) {
      print_error(report.failure());
      worst = static_cast<int>(ExitCode::data);
      continue;
    }
    for (const auto& p : report->problems) {
      fmt::print("{}: {}: {}{}\n", path, bundle::to_string(p.kind),
                 p.path.empty() ? "" : io::escape_controls(p.path) + ": ",
                 io::escape_controls(p.detail));
    }
    if (report->problems.empty()) {
      std::uint64_t bytes = 0;
      for (const auto& f : report->files) {
        bytes += f.size;
      }
      fmt::print("{}: valid: bag {}, {} files, {} bytes\n", path, report->top, report->files.size(),
                 bytes);
    } else {
      fmt::print("{}: invalid: {} problem(s)\n", path, report->problems.size());
      worst = std::max(worst, 1);
    }
  }
  return worst;
}

int run(const Options& options)
{
  if (options.output == "-") {
    throw UsageError("-o -: a zip is written to a file, never to standard output");
  }
  if (options.action != Action::verify) {
    auto guard = options.dossier.empty() ? io::PathGuard{}
                                         : dossier_guard({options.dossier}, options.out_dir);
    if (options.action == Action::create) {
      guard.input_dir("dir", options.inputs.front());
      guard.output_file("--output", options.output);
    } else {
      if (options.output.empty() == options.out_dir.empty()) {
        throw UsageError("give either -o for one zip or --out-dir for any number of zips");
      }
      if (!options.output.empty() && options.inputs.size() > 1) {
        throw UsageError(fmt::format("-o names one bag, but {} zips were given: use --out-dir",
                                     options.inputs.size()));
      }
      std::set<std::string> names;
      for (const auto& zip : options.inputs) {
        guard.input_file("zip", zip);
        const auto output = normalized_path(options, zip);
        if (!names.insert(std::filesystem::path(output).filename().string()).second &&
            !options.out_dir.empty()) {
          throw UsageError(fmt::format("two zips are named {}: their bags would be one file in "
                                       "--out-dir",
                                       std::filesystem::path(output).filename().string()));
        }
        guard.output_file(options.out_dir.empty() ? "--output" : "--out-dir", output);
      }
    }
    guard.input_file("--cycle", options.cycle);
    guard.check(options.force);
  }
  switch (options.action) {
  case Action::create: return run_create(options);
  case Action::verify: return run_verify(options);
  case Action::normalize: return run_normalize(options);
  }
  return static_cast<int>(ExitCode::internal);
}

void add_writing_options(CLI::App* sub, Options& options, bool output_required)
{
  auto* output = sub->add_option("-o,--output", options.output, "The bag zip to write");
  if (output_required) {
    output->required();
  }
  sub->add_option("--date", options.date, "Bagging-Date of bag-info.txt, YYYY-MM-DD");
  sub->add_option("--cycle", options.cycle,
                  "The cycle config (TOML): its application deadline is the Bagging-Date");
  sub->add_flag("--force", options.force, "Replace an existing zip");
}

} // namespace

void register_bundle(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand(
      "bundle", "Evidence bundles as BagIt bags (RFC 8493) in zips: create, verify, normalize");
  sub->require_subcommand(1);
  sub->footer(R"(Exit status: 0 done (verify: every bag complete and valid), 1 verify found a
problem or normalize refused an unsafe zip, 2 usage error, 3 unreadable input, 4 cannot
write. See sqma-bundle(1).

Examples:
  sqma bundle create samples/evidence/SQMA-2025-O01 -o SQMA-2025-O01.zip --date 2025-06-30
  sqma bundle verify SQMA-2025-O01.zip
  sqma bundle normalize samples/bundles/SQMA-2025-O02.zip -o O02-bag.zip --cycle samples/cycle.toml)");

  auto* create = sub->add_subcommand("create", "Turn an applicant's folder into a bag zip");
  create->footer(R"(Every file below DIR becomes payload under data/; the zip holds one top folder
named after the zip. With --dossier, the dossier's materials get the SHA-256 of their files
and its bundle the zip's name and digest; the dossier goes to standard output (or --out-dir).

Examples:
  sqma bundle create samples/evidence/SQMA-2025-O01 -o SQMA-2025-O01.zip --date 2025-06-30
  sqma bundle create samples/evidence/SQMA-2025-O01 -o SQMA-2025-O01.zip \
      --cycle samples/cycle.toml --dossier samples/dossiers/SQMA-2025-O01.json > O01.jsonl)");
  create->add_option("dir", options->inputs, "The folder to bag")->required()->expected(1);
  add_writing_options(create, *options, true);
  create->add_option("--dossier", options->dossier,
                     "A dossier (JSON) whose materials' digests are filled from the bag");
  create->add_option("--out-dir", options->out_dir,
                     "Write the dossier as <id>.json here instead of to standard output");
  create->callback([options, &dispatch] {
    options->action = Action::create;
    dispatch.run = [options] { return run(*options); };
  });

  auto* verify = sub->add_subcommand("verify", "Check bag zips: complete and valid, or why not");
  verify->footer(R"(Prints one line per problem (missing, extra or changed file, bad Payload-Oxum,
bad manifest or tag manifest, unsafe zip entry) and one verdict line per zip.

Examples:
  sqma bundle verify SQMA-2025-O01.zip
  sqma bundle verify bundles/*.zip)");
  verify->add_option("bags", options->inputs, "Bag zips")->required();
  verify->callback([options, &dispatch] {
    options->action = Action::verify;
    dispatch.run = [options] { return run(*options); };
  });

  auto* normalize = sub->add_subcommand("normalize", "Turn a plain zip into a bag zip");
  normalize->footer(R"(The zip is inspected as sqma check inspects a bundle; any unsafe entry
(path traversal, absolute path, symbolic link, duplicate, bomb, encryption, bad CRC, ...)
refuses it with every reason. Names stored in GB18030 are decoded to UTF-8.

With --out-dir, any number of zips are bagged in one run, each under its own name;
a refused zip is named and the others still bagged (exit status 1).

Examples:
  sqma bundle normalize samples/bundles/SQMA-2025-O02.zip -o O02-bag.zip --date 2025-06-30
  sqma bundle normalize samples/bundles/*.zip --out-dir bags/ --cycle samples/cycle.toml)");
  normalize->add_option("zip", options->inputs, "The zips to turn into bags")->required();
  add_writing_options(normalize, *options, false);
  normalize->add_option("--out-dir", options->out_dir,
                        "Write each bag here under its zip's name (instead of -o, for any "
                        "number of zips)");
  normalize->callback([options, &dispatch] {
    options->action = Action::normalize;
    dispatch.run = [options] { return run(*options); };
  });
}

} // namespace sqma::cmd
