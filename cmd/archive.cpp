// SPDX-License-Identifier: Apache-2.0
// sqma archive: a whole cycle sealed as one BagIt bag in a zip, and its verification.
#include "archive/archive.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "io/path_guard.hpp"
#include "io/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace sqma::cmd {
namespace {

enum class Action { create, verify };

struct Options {
  Action action = Action::create;
  std::string input;
  std::string output;
  std::string cycle;
  std::string public_key;
  std::string date;
  bool force = false;
  unsigned jobs = 0;
};

int run_create(const Options& options)
{
  archive::Options settings;
  settings.cycle_dir = options.input;
  settings.out_zip = options.output;
  settings.config = options.cycle;
  settings.public_key = options.public_key;
  if (!options.date.empty()) {
    settings.date = date_option("--date", options.date);
  }
  settings.force = options.force;
  settings.progress = check_interrupted;
  const auto summary = archive::create(settings).take();
  const auto& s = summary.survey;
  std::string stages;
  for (const auto& [stage, count] : s.stages) {
    stages += fmt::format("{}{} {}", stages.empty() ? "" : ", ", count, stage);
  }
  fmt::print("{}: sealed {} files, {} bytes; {} dossiers{}{}; {} certificates{}\n", options.output,
             summary.bag.files.size(), summary.bag.payload_bytes, s.dossiers,
             stages.empty() ? "" : ": ", stages, s.certificates.size(),
             s.public_key.empty() ? "" : fmt::format(" (key {} in {})", s.key_id, s.public_key));
  return 0;
}

int run_verify(const Options& options)
{
  const unsigned jobs =
      options.jobs > 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  const auto v = archive::verify(options.input, jobs, check_interrupted).take();
  const auto& path = options.input;
  for (const auto& p : v.bag.problems) {
    fmt::print("{}: {}: {}{}\n", path, bundle::to_string(p.kind),
               p.path.empty() ? "" : io::escape_controls(p.path) + ": ",
               io::escape_controls(p.detail));
  }
  for (const auto& problem : v.problems) {
    fmt::print("{}: archive: {}\n", path, io::escape_controls(problem));
  }
  std::size_t bad_certificates = 0;
  for (const auto& c : v.certificates) {
    if (!c.valid) {
      ++bad_certificates;
      fmt::print("{}: certificate invalid: {}: {}\n", path, io::escape_controls(c.path),
                 io::escape_controls(c.detail));
    }
  }
  if (!v.ok()) {
    fmt::print("{}: invalid: {} problem(s), {} certificate(s) invalid\n", path,
               v.bag.problems.size() + v.problems.size(), bad_certificates);
    return static_cast<int>(ExitCode::negative);
  }
  std::uint64_t bytes = 0;
  for (const auto& f : v.bag.files) {
    bytes += f.size;
  }
  fmt::print("{}: valid: bag {}, {} files, {} bytes, {} certificates verified\n", path, v.bag.top,
             v.bag.files.size(), bytes, v.certificates.size());
  return 0;
}

int run(const Options& options)
{
  if (options.output == "-") {
    throw UsageError("-o -: a zip is written to a file, never to standard output");
  }
  if (options.action == Action::create) {
    io::PathGuard guard;
    guard.input_dir("cycle_dir", options.input);
    guard.input_file("--cycle", options.cycle);
    guard.input_file("--public-key", options.public_key);
    guard.output_file("--output", options.output);
    guard.check(options.force);
  }
  return options.action == Action::create ? run_create(options) : run_verify(options);
}

} // namespace

void register_archive(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand(
      "archive", "Seal a whole cycle as one BagIt bag in a zip (RFC 8493), and verify one");
  sub->footer(R"(Everything below CYCLE_DIR becomes the payload; bag-info.txt names the cycle, its
dates, the dossiers at each stage, the public key and every certificate, and README.txt
says how to check the archive with standard tools (unzip, sha256sum, openssl).

Exit status: 0 sealed, 2 usage error, 3 unreadable input, a private key in the folder
or a certificate that does not verify, 4 cannot write.
archive verify: 0 complete and valid, 1 some byte changed, missing or added, or a
certificate invalid, 3 unreadable zip.

Examples:
  sqma archive out/sample-cycle -o cycle-2025.zip
  sqma archive out/sample-cycle -o cycle-2025.zip --cycle out/sample-cycle/cycle.toml \
      --public-key out/sample-cycle/keys/sample-public.pem --date 2026-03-31
  sqma archive verify cycle-2025.zip)");
  sub->add_option("cycle_dir", options->input, "The folder of the cycle");
  sub->add_option("-o,--output", options->output, "The archive (zip) to write");
  sub->add_option("--cycle", options->cycle,
                  "The cycle config inside the folder (default: CYCLE_DIR/cycle.toml)");
  sub->add_option("--public-key", options->public_key,
                  "The public key of the certificates, inside the folder (default: the one "
                  "public *.pem there)");
  sub->add_option("--date", options->date,
                  "Bagging-Date, YYYY-MM-DD (default: the latest date of the cycle config)");
  sub->add_flag("--force", options->force, "Replace an existing archive");
  sub->callback([options, sub, &dispatch] {
    if (!sub->get_subcommands().empty()) {
      return;
    }
    if (options->input.empty() || options->output.empty()) {
      throw CLI::ValidationError("archive", "give the cycle folder and -o FILE.zip");
    }
    options->action = Action::create;
    dispatch.run = [options] { return run(*options); };
  });

  auto* verify = sub->add_subcommand(
      "verify", "Check an archive: every byte of every file, and every certificate");
  verify->footer(R"(Prints each problem (missing, extra or changed file, bad Payload-Oxum, bad
manifest, unsafe zip entry, a certificate that does not verify against the archived key)
and one verdict line.

Examples:
  sqma archive verify cycle-2025.zip)");
  verify->add_option("archive", options->input, "The archive (zip)")->required();
  verify->add_option("-j,--jobs", options->jobs, "Threads to use (default: the number of cores)");
  verify->callback([options, &dispatch] {
    options->action = Action::verify;
    dispatch.run = [options] { return run(*options); };
  });
}

} // namespace sqma::cmd
