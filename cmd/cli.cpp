// SPDX-License-Identifier: Apache-2.0
#include "cli.hpp"

#include "core/interrupt.hpp"
#include "cycle/config.hpp"
#include "io/text.hpp"
#include "report/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <thread>

namespace sqma::cmd {
namespace {

std::string g_verb;

extern "C" void on_stop_signal(int /*signal*/)
{
  request_interrupt();
}

std::string prefix()
{
  return g_verb.empty() ? std::string("sqma") : fmt::format("sqma {}", g_verb);
}

} // namespace

void set_verb(std::string_view verb)
{
  g_verb = verb;
}

// Each message is one line: a line break in a name taken from the input (a zip entry, a
// manifest path) is shown escaped, so that it cannot pass for a line of its own.
void print_error(const Failure& failure)
{
  fmt::print(stderr, "{}: error: {}\n", prefix(), io::escape_controls(failure.describe()));
  for (const auto& line : failure.more) {
    fmt::print(stderr, "{}: error: {}\n", prefix(), io::escape_controls(line));
  }
}

void print_error(std::string_view message)
{
  fmt::print(stderr, "{}: error: {}\n", prefix(), io::escape_controls(message));
}

void print_warning(std::string_view message)
{
  fmt::print(stderr, "{}: warning: {}\n", prefix(), io::escape_controls(message));
}

bool interrupted()
{
  return interrupt_requested();
}

void install_signal_handlers()
{
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // Control-C, and what kill, timeout and service managers send (SIGTERM) or a closed
  // terminal (SIGHUP): each stops the run the same way, cleaning up its temporary files.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    sigaction(signal, &action, nullptr);
  }
}

void check_interrupted()
{
  if (interrupted()) {
    throw Interrupted();
  }
}

model::Date date_option(std::string_view flag, const std::string& text)
{
  if (const auto date = model::Date::parse(text)) {
    return *date;
  }
  throw UsageError(fmt::format("{} {}: expected a date written YYYY-MM-DD", flag, text));
}

unsigned thread_count(std::optional<unsigned> jobs)
{
  if (!jobs) {
    return std::clamp(std::thread::hardware_concurrency(), 1U, k_max_jobs);
  }
  if (*jobs == 0) {
    throw UsageError("--jobs 0: give the number of threads, at least 1");
  }
  if (*jobs > k_max_jobs) {
    print_warning(
        fmt::format("--jobs {}: running {} threads, the most sqma runs", *jobs, k_max_jobs));
    return k_max_jobs;
  }
  return *jobs;
}

std::vector<std::string> chosen_formats(const std::vector<std::string>& given, bool to_folder,
                                        const std::vector<std::string>& known)
{
  if (given.empty()) {
    if (!to_folder) {
      throw UsageError("give --format (one, to standard output) or --out-dir (every format)");
    }
    return known;
  }
  for (const auto& f : given) {
    if (std::find(known.begin(), known.end(), f) == known.end()) {
      const std::vector<std::string> head(known.begin(), known.end() - 1);
      throw UsageError(
          fmt::format("--format {}: expected {} or {}", f, fmt::join(head, ", "), known.back()));
    }
  }
  return given;
}

report::Format report_format(std::string_view flag, const std::string& target,
                             const std::string& format)
{
  const auto chosen = format.empty() ? report::format_for(target) : report::parse_format(format);
  if (!chosen) {
    throw UsageError(fmt::format("{} {}: give --format text, csv, xlsx or json, or use one of "
                                 "the extensions .txt .csv .xlsx .json",
                                 flag, target));
  }
  return *chosen;
}

std::vector<report::Format> report_formats(const std::vector<std::string>& targets,
                                           const std::string& format, bool to_folder)
{
  if (targets.size() > 1 && !format.empty()) {
    throw UsageError("--format with several --report: each takes its format from its "
                     "extension");
  }
  if (targets.size() > 1 && std::find(targets.begin(), targets.end(), "-") != targets.end()) {
    throw UsageError("--report - goes alone: standard output takes its format from --format, "
                     "and several --report take theirs from their extensions");
  }
  std::vector<report::Format> formats;
  for (const auto& target : targets) {
    if (target.empty()) {
      throw UsageError("--report needs a file name (or - for standard output)");
    }
    if (target == "-" && !to_folder) {
      throw UsageError("--report - needs --out-dir: standard output carries the dossiers");
    }
    const auto chosen = report_format("--report", target, format);
    if (target == "-" && chosen == report::Format::xlsx) {
      throw UsageError("--report - --format xlsx: XLSX is binary and is not written to standard "
                       "output; name a file ending in .xlsx");
    }
    formats.push_back(chosen);
  }
  return formats;
}

io::PathGuard dossier_guard(const std::vector<std::string>& inputs, const std::string& out_dir)
{
  io::PathGuard guard;
  for (const auto& input : inputs) {
    guard.input("", input, io::PathGuard::dossier_extensions());
  }
  guard.output_dir("--out-dir", out_dir, {".json"});
  return guard;
}

cycle::Config load_cycle(io::PathGuard& guard, const std::string& path, bool force,
                         CycleReads reads)
{
  auto config = cycle::load(path).take();
  const auto named = [&](std::string_view key) { return fmt::format("{} in {}", key, path); };
  if (config.rules) {
    guard.input_file(named("rules"), *config.rules);
  }
  if (config.calendar) {
    guard.input_file(named("calendar"), *config.calendar);
  }
  if (reads.register_file && config.register_file) {
    guard.input_file(named("intake.register"), *config.register_file);
  }
  if (reads.bundle_dir && config.bundle_dir) {
    guard.input_dir(named("bundle_dir"), *config.bundle_dir, {".zip"});
  }
  guard.check(force);
  return config;
}

model::DossierWriter::Options writer_options(const std::string& out_dir, bool force,
                                             const std::vector<std::string>& inputs,
                                             const io::PathGuard* guard)
{
  model::DossierWriter::Options options;
  if (!out_dir.empty()) {
    options.out_dir = out_dir;
    if (guard != nullptr) {
      options.taken_names = guard->output_files_in(out_dir);
    }
  }
  options.force = force;
  options.protected_paths = inputs;
  return options;
}

} // namespace sqma::cmd
