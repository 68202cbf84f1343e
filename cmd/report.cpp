// SPDX-License-Identifier: Apache-2.0
// sqma report: the evaluation report for the committee (综合评价报告) and the feedback report
// for the applicant.
#include "certify/inputs.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "evaluation/render.hpp"
#include "io/atomic_file.hpp"
#include "score/settings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

enum class Kind { evaluation, feedback };

struct Options {
  Kind kind = Kind::evaluation;
  std::vector<std::string> inputs;
  std::string cycle;
  std::vector<std::string> dossiers;
  std::vector<std::string> formats;
  std::string out_dir;
  bool force = false;
};

constexpr std::array<std::pair<const char*, const char*>, 3> k_formats{
    {{"html", ".html"}, {"markdown", ".md"}, {"json", ".json"}}};

struct Page {
  std::filesystem::path target;
  std::string text;
};

template <class Report> std::string render(const Report& report, const std::string& format)
{
  if (format == "html") {
    return evaluation::to_html(report);
  }
  if (format == "markdown") {
    return evaluation::to_markdown(report);
  }
  return evaluation::to_json(report);
}

std::string render_index(const std::vector<evaluation::Evaluation>& all, const std::string& cycle,
                         const std::string& format)
{
  if (format == "html") {
    return evaluation::index_html(all, cycle);
  }
  if (format == "markdown") {
    return evaluation::index_markdown(all, cycle);
  }
  return evaluation::index_json(all, cycle);
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

std::vector<std::string> chosen_formats(const Options& options)
{
  const auto known = format_names();
  auto formats = cmd::chosen_formats(options.formats, !options.out_dir.empty(), known);
  if (options.out_dir.empty() && formats.size() != 1) {
    throw UsageError("without --out-dir give exactly one --format");
  }
  return formats;
}

const char* extension(const std::string& format)
{
  for (const auto& [name, ext] : k_formats) {
    if (format == name) {
      return ext;
    }
  }
  return ".txt";
}

// The dossiers the report is about: those named by --dossier, or all that qualify.
std::vector<const model::Dossier*> chosen(const Options& options,
                                          const std::vector<model::Dossier>& dossiers)
{
  const auto qualifies = [&](const model::Dossier& d) {
    return options.kind == Kind::evaluation ? evaluation::finished(d) : evaluation::reviewed(d);
  };
  std::vector<const model::Dossier*> out;
  if (options.dossiers.empty()) {
    for (const auto& d : dossiers) {
      if (qualifies(d)) {
        out.push_back(&d);
      }
    }
    return out;
  }
  for (const auto& id : options.dossiers) {
    const auto it = std::find_if(dossiers.begin(), dossiers.end(),
                                 [&](const model::Dossier& d) { return d.id == id; });
    if (it == dossiers.end()) {
      throw UsageError(fmt::format("--dossier {}: not among the inputs", id));
    }
    if (!qualifies(*it)) {
      throw Error(ExitCode::negative, fmt::format("{} {} (stage {})", id,
                                                  options.kind == Kind::evaluation
                                                      ? "has not finished its review rounds"
                                                      : "was not scored in any round",
                                                  model::to_string(it->stage)));
    }
    out.push_back(&*it);
  }
  return out;
}

int run(const Options& options)
{
  const auto formats = chosen_formats(options);
  // The folder now; the files in it once the dossiers are known.
  auto guard = dossier_guard(options.inputs, "");
  guard.input_file("--cycle", options.cycle);
  guard.output_dir("--out-dir", options.out_dir, {".html", ".md", ".json"});
  guard.check(options.force);
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto settings = score::settings_from(config).take();
  const auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle).take();
  auto inputs = certify::read_inputs(options.inputs, std::cin, &config).take();
  if (!inputs.unreadable.empty()) {
    for (const auto& f : inputs.unreadable) {
      print_error(f);
    }
    return static_cast<int>(ExitCode::data);
  }
  const auto dossiers = chosen(options, inputs.dossiers);
  if (dossiers.empty()) {
    print_error(options.kind == Kind::evaluation
                    ? "no dossier among the inputs has finished its review rounds"
                    : "no dossier among the inputs was scored in a round");
    return static_cast<int>(ExitCode::negative);
  }
  if (options.out_dir.empty() && dossiers.size() != 1) {
    throw UsageError(
        fmt::format("{} dossiers to report on: give --out-dir, or one --dossier", dossiers.size()));
  }

  std::vector<Page> pages;
  const char* suffix = options.kind == Kind::evaluation ? "-evaluation" : "-feedback";
  std::vector<evaluation::Evaluation> evaluations;
  const auto add_pages = [&](const model::Dossier& d, const auto& report) {
    for (const auto& format : formats) {
      pages.push_back({std::filesystem::path(options.out_dir) / (d.id + suffix + extension(format)),
                       render(report, format)});
    }
  };
  for (const auto* d : dossiers) {
    check_interrupted();
    if (options.kind == Kind::evaluation) {
      evaluations.push_back(evaluation::evaluate(*d, criteria, settings, config.name).take());
      add_pages(*d, evaluations.back());
    } else {
      add_pages(*d, evaluation::feedback(*d, criteria, config.name).take());
    }
  }
  if (options.out_dir.empty()) {
    std::cout << pages.front().text;
    std::cout.flush();
    if (!std::cout) {
      throw IoError("cannot write to standard output");
    }
    return 0;
  }
  if (options.kind == Kind::evaluation) {
    for (const auto& format : formats) {
      pages.push_back(
          {std::filesystem::path(options.out_dir) / (std::string("index") + extension(format)),
           render_index(evaluations, config.name, format)});
    }
  }
  for (const auto& page : pages) {
    guard.output_file("--out-dir", page.target);
  }
  guard.check(options.force);
  io::create_output_dir(options.out_dir);
  std::vector<io::AtomicFile> files;
  for (const auto& page : pages) {
    io::AtomicFile file(page.target);
    file.write(page.text);
    file.close();
    files.push_back(std::move(file));
  }
  io::commit_all(files);
  return 0;
}

void add_common(CLI::App* sub, Options& options)
{
  sub->add_option("inputs", options.inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--cycle", options.cycle, "The cycle config (TOML)")->required();
  sub->add_option("--dossier", options.dossiers, "Only this dossier (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--format", options.formats,
                  "html, markdown or json; repeatable (default with --out-dir: all)")
      ->check(choices(format_names()))
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("-o,--out-dir", options.out_dir, "Write the reports here");
  sub->add_flag("--force", options.force, "Replace existing files");
}

} // namespace

void register_report(CLI::App& app, Dispatch& dispatch)
{
  auto* sub = app.add_subcommand(
      "report", "Evaluation reports for the committee (综合评价报告) and feedback for applicants");
  sub->require_subcommand(1);
  sub->footer(R"(Exit status: 0 written, 1 no dossier to report on, 2 usage error,
3 unreadable input, 4 cannot write.

Examples:
  sqma report evaluation --cycle samples/cycle.toml -o committee/ onsite/aggregated.jsonl
  sqma report feedback --cycle samples/cycle.toml -o feedback/ onsite/aggregated.jsonl
  sqma report evaluation --cycle samples/cycle.toml --dossier SQMA-2025-O01 \
      --format markdown approved.jsonl)");

  auto evaluation_options = std::make_shared<Options>();
  auto* evaluation = sub->add_subcommand(
      "evaluation", "The 综合评价报告 of every dossier that finished its rounds, and an index");
  evaluation->footer(
      R"(For each dossier whose final round (onsite; panel for projects, individuals and A1-11)
is aggregated: its applicant, class and level or kind proposed, each round's combined score,
spread and sheets, the scores per category against their maximum (a chart), the strengths and
opportunities of all reviewers merged by category with how many gave each, disagreements and
how the combined score was reached, A1-11, and the recommendation (A1-10, A2-8, A3-12).
Files: <id>-evaluation.html, .md, .json and index.html, .md, .json. No reviewer is named.

Examples:
  sqma report evaluation --cycle samples/cycle.toml -o committee/ onsite/aggregated.jsonl
  sqma report evaluation --cycle samples/cycle.toml --dossier SQMA-2025-P01 --format json \
      approved.jsonl)");
  add_common(evaluation, *evaluation_options);
  evaluation->callback([evaluation_options, &dispatch] {
    evaluation_options->kind = Kind::evaluation;
    dispatch.run = [evaluation_options] { return run(*evaluation_options); };
  });

  auto feedback_options = std::make_shared<Options>();
  auto* feedback = sub->add_subcommand(
      "feedback", "The applicant's feedback report: strengths, opportunities and score bands");
  feedback->footer(
      R"(For each dossier scored in at least one round: the merged strengths and opportunities
by category and the band of each category's score in its last round (0-10%, 10-30%, 30-50%,
50-70%, 70-90%, 90-100%). Never a reviewer's name or id, a reviewer's score, a rank or another
applicant's data. Files: <id>-feedback.html, .md, .json.

Examples:
  sqma report feedback --cycle samples/cycle.toml -o feedback/ onsite/aggregated.jsonl
  sqma report feedback --cycle samples/cycle.toml --dossier SQMA-2025-O03 --format markdown \
      onsite/aggregated.jsonl)");
  add_common(feedback, *feedback_options);
  feedback->callback([feedback_options, &dispatch] {
    feedback_options->kind = Kind::feedback;
    dispatch.run = [feedback_options] { return run(*feedback_options); };
  });
}

} // namespace sqma::cmd
