// SPDX-License-Identifier: Apache-2.0
// sqma publish: the public notice (公示) of the committee's results, winners or revocations.
#include "calendar/calendar.hpp"
#include "certify/inputs.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "io/atomic_file.hpp"
#include "publish/notice.hpp"
#include "report/report.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string cycle;
  std::string kind;
  std::string order = "stroke";
  std::string date;
  std::optional<int> working_days;
  std::string calendar;
  std::vector<std::string> formats;
  std::string out_dir;
  std::string name;
  bool force = false;
};

constexpr std::array<std::pair<const char*, const char*>, 6> k_formats{{{"html", ".html"},
                                                                        {"text", ".txt"},
                                                                        {"markdown", ".md"},
                                                                        {"csv", ".csv"},
                                                                        {"xlsx", ".xlsx"},
                                                                        {"json", ".json"}}};

std::string render(const publish::Notice& notice, const std::string& format)
{
  if (format == "html") {
    return publish::to_html(notice);
  }
  if (format == "text") {
    return publish::to_text(notice);
  }
  if (format == "markdown") {
    return publish::to_markdown(notice);
  }
  if (format == "json") {
    return publish::to_json(notice);
  }
  std::ostringstream out;
  report::write_csv(out, publish::to_table(notice));
  return out.str();
}

publish::Settings settings_from(const Options& options, const cycle::Config& config)
{
  publish::Settings s;
  const auto kind = publish::parse_kind(options.kind);
  if (!kind) {
    throw UsageError(
        fmt::format("--kind {}: expected candidates, winners or revocation", options.kind));
  }
  const auto order = publish::parse_order(options.order);
  if (!order) {
    throw UsageError(fmt::format("--order {}: expected rank, stroke or pinyin", options.order));
  }
  const auto start = date_option("--date", options.date);
  const auto& notice = config.raw.at("notice");
  const auto& contact = notice.at("contact");
  s.kind = *kind;
  s.order = *order;
  s.start = start;
  s.working_days =
      options.working_days ? *options.working_days : notice.at("working_days").get<int>();
  s.cycle_name = config.name;
  s.year = config.year;
  s.publisher = notice.at("publisher").get<std::string>();
  s.issuer = config.office.name;
  s.contact =
      publish::Contact{contact.at("office").get<std::string>(),
                       contact.value("phone", std::string{}), contact.value("email", std::string{}),
                       contact.value("address", std::string{}), config.office.contact};
  return s;
}

// The names of k_formats.
std::vector<std::string> format_names()
{
  std::vector<std::string> names;
  for (const auto& [name, ext] : k_formats) {
    names.emplace_back(name);
  }
  return names;
}

int run(const Options& options)
{
  const auto known = format_names();
  const auto formats = chosen_formats(options.formats, !options.out_dir.empty(), known);
  if (options.out_dir.empty() && (formats.size() != 1 || formats.front() == "xlsx")) {
    throw UsageError("without --out-dir give exactly one --format other than xlsx");
  }
  if (std::any_of(options.name.begin(), options.name.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '/' || c == '\\'; })) {
    throw UsageError("--name is a file name without its extension: no folder (the folder is "
                     "--out-dir), line break or other control character");
  }
  std::vector<std::filesystem::path> targets;
  if (!options.out_dir.empty()) {
    const auto base = options.name.empty() ? "notice-" + options.kind : options.name;
    for (const auto& [format, ext] : k_formats) {
      if (std::find(formats.begin(), formats.end(), format) != formats.end()) {
        targets.push_back(std::filesystem::path(options.out_dir) / (base + ext));
      }
    }
  }
  auto guard = dossier_guard(options.inputs, "");
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--calendar", options.calendar);
  for (const auto& target : targets) {
    guard.output_file("--out-dir", target);
  }
  guard.check(options.force);
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto settings = settings_from(options, config);
  const auto cal = calendar::load({config.calendar ? config.calendar->string() : std::string(),
                                   options.calendar})
                       .take();

  auto inputs = certify::read_inputs(options.inputs, std::cin, &config).take();
  if (!inputs.unreadable.empty()) {
    for (const auto& f : inputs.unreadable) {
      print_error(f);
    }
    return static_cast<int>(ExitCode::data);
  }
  auto notice = publish::build_notice(inputs.dossiers, settings, cal);
  if (!notice) {
    print_error(notice.failure());
    return static_cast<int>(notice.failure().code);
  }
  if (options.out_dir.empty()) {
    std::cout << render(notice.value(), formats.front());
    std::cout.flush();
    if (!std::cout) {
      throw IoError("cannot write to standard output");
    }
    return 0;
  }
  io::create_output_dir(options.out_dir);
  // The xlsx writer renames its own file into place; the others are committed together.
  std::vector<io::AtomicFile> files;
  for (const auto& target : targets) {
    if (target.extension() == ".xlsx") {
      continue;
    }
    const auto* format = std::find_if(k_formats.begin(), k_formats.end(), [&](const auto& f) {
      return target.extension() == f.second;
    });
    io::AtomicFile file(target);
    file.write(render(notice.value(), format->first));
    file.close();
    files.push_back(std::move(file));
  }
  for (const auto& target : targets) {
    if (target.extension() == ".xlsx") {
      report::write_xlsx(target, publish::to_table(notice.value()));
    }
  }
  io::commit_all(files);
  return 0;
}

} // namespace

void register_publish(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub =
      app.add_subcommand("publish", "Public notice (公示) of results, winners or revocations");
  sub->footer(
      R"(The notice lists names, organisations and awards only, grouped by class and level or
kind, with its period of N working days (notice.working_days of the cycle, 7 by default)
counted with the mainland China calendar, and where objections go (notice.contact).

Exit status: 0 written, 1 no dossier at the stage published, 2 usage error, 3 unreadable
input or no calendar data for the period, 4 cannot write.

Examples:
  sqma publish --cycle samples/cycle.toml --kind candidates --date 2025-10-13 \
      --out-dir notice/ approved/
  sqma publish --cycle samples/cycle.toml --kind winners --order pinyin --date 2025-11-03 \
      --format markdown awarded/ > winners.md)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)")->required();
  sub->add_option("--kind", options->kind,
                  "What is published: candidates (approved by the committee), winners "
                  "(awarded) or revocation (revoked)")
      ->required()
      ->check(choices({"candidates", "winners", "revocation"}));
  sub->add_option("--date", options->date,
                  "First day of the notice, YYYY-MM-DD (the next working day if it is none)")
      ->required();
  sub->add_option("--order", options->order,
                  "Order of each list: rank, stroke (笔画, the default) or pinyin")
      ->check(choices({"rank", "stroke", "pinyin"}));
  sub->add_option("--working-days", options->working_days,
                  "Length of the notice in working days (default: notice.working_days)")
      ->check(CLI::Range(1, 366));
  sub->add_option("--calendar", options->calendar,
                  "A working-day calendar replacing the built-in one (TOML)");
  sub->add_option("--format", options->formats,
                  "html, text, markdown, csv, xlsx or json; repeatable (default with "
                  "--out-dir: all)")
      ->check(choices(format_names()))
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write <name>.html, .txt, .md, .csv, .xlsx and .json here");
  sub->add_option("--name", options->name, "Base name of the files (default: notice-<kind>)");
  sub->add_flag("--force", options->force, "Replace existing files");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
