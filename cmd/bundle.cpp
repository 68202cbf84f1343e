// SPDX-License-Identifier: Apache-2.0
// sqma bundle: evidence bundles as BagIt bags in zips: create, verify, normalize.
#include "bundle/bag.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "cycle/config.hpp"
#include "model/dossier_io.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>

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

void refuse_same(const std::string& input, const std::string& output)
{
  std::error_code ec;
  if (std::filesystem::equivalent(input, output, ec) ||
      std::filesystem::weakly_canonical(input, ec) ==
          std::filesystem::weakly_canonical(output, ec)) {
    throw UsageError(fmt::format("-o {} is the input {}", output, input));
  }
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
    refuse_same(options.dossier, options.output);
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

int run_normalize(const Options& options)
{
  refuse_same(options.inputs.front(), options.output);
  bundle::BagOptions bag;
  bag.bagging_date = bagging_date(options);
  bag.force = options.force;
  bag.progress = check_interrupted;
  const auto summary = bundle::normalize_to_bag(options.inputs.front(), options.output, bag);
  if (!summary) {
    if (summary.failure().code == ExitCode::negative) {
      print_error(summary.failure());
      return static_cast<int>(ExitCode::negative);
    }
    throw Error(summary.failure());
  }
  fmt::print("{}: {} files, {} bytes\n", options.output, summary->files.size(),
             summary->payload_bytes);
  return 0;
}

int run_verify(const Options& options)
{
  int worst = 0;
  bundle::ReadOptions read;
  read.jobs = 2;
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
                 p.path.empty() ? "" : p.path + ": ", p.detail);
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
  switch (options.action) {
  case Action::create: return run_create(options);
  case Action::verify: return run_verify(options);
  case Action::normalize: return run_normalize(options);
  }
  return static_cast<int>(ExitCode::internal);
}

void add_writing_options(CLI::App* sub, Options& options)
{
  sub->add_option("-o,--output", options.output, "The bag zip to write")->required();
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
  add_writing_options(create, *options);
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

Examples:
  sqma bundle normalize samples/bundles/SQMA-2025-O02.zip -o O02-bag.zip --date 2025-06-30)");
  normalize->add_option("zip", options->inputs, "The zip to turn into a bag")
      ->required()
      ->expected(1);
  add_writing_options(normalize, *options);
  normalize->callback([options, &dispatch] {
    options->action = Action::normalize;
    dispatch.run = [options] { return run(*options); };
  });
}

} // namespace sqma::cmd
