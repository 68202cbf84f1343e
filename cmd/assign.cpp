// SPDX-License-Identifier: Apache-2.0
// sqma assign: qualified, conflict-free review panels (评审分组) for a round.
#include "panel/assign.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "cycle/config.hpp"
#include "model/dossier_io.hpp"
#include "panel/report.hpp"
#include "report/report.hpp"
#include "score/criteria.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string cycle;
  std::string reviewers;
  std::string round;
  std::optional<std::uint64_t> seed;
  std::optional<double> max_probability;
  std::string report;
  std::string reviewer_report;
  std::string audit;
  std::string format;
  std::string out_dir;
  bool force = false;
  std::string date;
  std::string keep;
  std::string keep_lead;
  std::vector<std::string> exclude;
  std::size_t prune = 0;
  bool pass_unready = false;
  bool verbose = false;
};

// A report target with its format.
struct Target {
  std::string path;
  report::Format format = report::Format::json;
};

std::optional<Target> target(const std::string& option, const std::string& path,
                             const Options& options)
{
  if (path.empty()) {
    return std::nullopt;
  }
  const auto format =
      options.format.empty() ? report::format_for(path) : report::parse_format(options.format);
  if (!format) {
    throw UsageError(fmt::format("{} {}: give --format text, csv, xlsx or json, or use one of "
                                 "the extensions .txt .csv .xlsx .json",
                                 option, path));
  }
  if (path == "-" && options.out_dir.empty()) {
    throw UsageError(
        fmt::format("{} - needs --out-dir: standard output carries the dossiers", option));
  }
  return Target{path, *format};
}

model::Date round_date(const Options& options, const cycle::Config& config)
{
  if (!options.date.empty()) {
    return date_option("--date", options.date);
  }
  const auto key = options.round + "_date";
  const auto& dates = config.raw.at("dates");
  if (dates.contains(key)) {
    return *model::Date::parse(dates.at(key).get<std::string>());
  }
  throw UsageError(fmt::format("no date for the {} round: give --date or set dates.{} in {}",
                               options.round, key, options.cycle));
}

panel::Settings settings_for(const Options& options, const cycle::Config& config, model::Date date)
{
  panel::Settings s;
  s.round = options.round;
  s.round_date = date;
  const auto& conflicts = config.raw.value("conflicts", nlohmann::json::object());
  s.windows = {config.reference_date, conflicts.value("employment_window_years", 3),
               conflicts.value("relation_window_years", 3)};
  const auto& weights = config.raw.value("affinity", nlohmann::json::object());
  s.weights = {weights.value("industry_section", 1.0), weights.value("industry_division", 2.0),
               weights.value("lead_bonus", 0.5),       weights.value("category", 0.0),
               weights.value("award_class", 0.0),      weights.value("willing", 0.0),
               weights.value("unwilling", 0.0),        weights.value("diversity", false)};
  // the categories of each kind for the diversity rule: the criteria's kinds, unless the cycle
  // names them
  auto criteria =
      score::load_criteria(config.raw.value("scoring", nlohmann::json()), options.cycle);
  if (!criteria) {
    throw DataError(criteria.failure());
  }
  s.weights.results_categories.clear();
  s.weights.process_categories.clear();
  for (const auto& c : criteria->sets.at("organisation").categories) {
    (c.kind == "results" ? s.weights.results_categories : s.weights.process_categories)
        .push_back(c.id);
  }
  if (weights.contains("diversity_results")) {
    s.weights.results_categories = weights.at("diversity_results").get<std::vector<std::string>>();
  }
  if (weights.contains("diversity_process")) {
    s.weights.process_categories = weights.at("diversity_process").get<std::vector<std::string>>();
  }
  const auto sizes = config.panels.find(options.round);
  if (sizes == config.panels.end()) {
    throw DataError(fmt::format("{}: no [panels.{}] table: the panel sizes of the round",
                                options.cycle, options.round));
  }
  s.sizes = sizes->second;
  s.keep = options.keep;
  s.keep_lead = options.keep_lead.empty() && options.round == "onsite" ? "panel"
                : options.keep_lead == "none"                          ? ""
                                                                       : options.keep_lead;
  s.exclude = options.exclude;
  s.pass_unready = options.pass_unready;
  s.solve.prune = options.prune;
  s.solve.max_probability = options.max_probability;
  s.solve.seed = options.seed.value_or(0);
  return s;
}

int run(const Options& options)
{
  if (options.seed.has_value() != options.max_probability.has_value()) {
    throw UsageError("--seed and --max-probability go together (the randomized mode)");
  }
  if (options.max_probability &&
      (*options.max_probability <= 0.0 || *options.max_probability > 1.0)) {
    throw UsageError(
        fmt::format("--max-probability {}: expected a number in (0, 1]", *options.max_probability));
  }
  auto guard = dossier_guard(options.inputs, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  guard.input_file("--reviewers", options.reviewers);
  guard.output_file("--report", options.report);
  guard.output_file("--reviewer-report", options.reviewer_report);
  guard.output_file("--audit", options.audit);
  guard.check(options.force);
  const auto report = target("--report", options.report, options);
  const auto reviewer_report = target("--reviewer-report", options.reviewer_report, options);
  const auto audit = target("--audit", options.audit, options);
  const auto config = load_cycle(guard, options.cycle, options.force);
  const auto date = round_date(options, config);
  const auto registry = panel::load_registry(options.reviewers).take();
  const auto settings = settings_for(options, config, date);

  std::vector<model::Dossier> dossiers;
  std::vector<std::string> digests;
  std::vector<Failure> unreadable;
  auto count = model::read_dossiers(options.inputs, std::cin,
                                    cycle::admitting(&config, [&](Result<model::LoadedDossier> r) {
                                      check_interrupted();
                                      if (r) {
                                        dossiers.push_back(std::move(r->dossier));
                                        digests.push_back(std::move(r->sha256));
                                      } else {
                                        unreadable.push_back(r.failure());
                                      }
                                      return true;
                                    }));
  if (!count) {
    throw DataError(count.failure());
  }
  if (!unreadable.empty()) {
    for (std::size_t i = 1; i < unreadable.size(); ++i) {
      print_error(unreadable[i]);
    }
    throw DataError(unreadable.front());
  }
  auto assignment = panel::assign(dossiers, registry, settings);
  if (!assignment) {
    throw DataError(assignment.failure());
  }
  const auto& a = assignment.value();
  const panel::RecordInputs inputs{std::filesystem::path(options.cycle).filename().string(),
                                   config.sha256,
                                   std::filesystem::path(options.reviewers).filename().string(),
                                   registry.sha256,
                                   date,
                                   options.max_probability,
                                   options.seed.value_or(0)};
  for (std::size_t s = 0; s < a.staffed.size(); ++s) {
    const auto i = a.staffed[s];
    panel::record(dossiers[i], a.panels[s], settings, a, inputs, digests[i]);
  }

  model::DossierWriter writer(
      std::cout, writer_options(options.out_dir, options.force, options.inputs, &guard));
  for (const auto& d : dossiers) {
    writer.write(d);
  }
  const auto title = fmt::format("{} {} {} 评审分组 {}", config.name,
                                 report::display_label(options.round), options.round, date.iso());
  if (report) {
    report::write(panel::dossier_table(dossiers, a, title), report->format, report->path,
                  std::cout);
  }
  if (reviewer_report) {
    report::write(panel::reviewer_table(dossiers, registry, a, title), reviewer_report->format,
                  reviewer_report->path, std::cout);
  }
  if (audit) {
    report::write(panel::audit_table(a, title + " 回避与资格审计（不公开）"), audit->format,
                  audit->path, std::cout);
  }
  writer.commit();
  if (options.verbose) {
    // the objective counts kept seats too; the bound covers the seats the solver filled
    const double bound =
        a.objective + static_cast<double>(a.solution.bound - a.solution.affinity) / 100.0;
    const double relaxation =
        a.objective +
        static_cast<double>(a.solution.relaxation_bound - a.solution.affinity) / 100.0;
    fmt::print(stderr,
               "sqma assign: {} panels ({} dossiers passed through), method {}, objective "
               "{:.2f}, proven bound {:.2f} ({}), relaxation bound {:.2f}; start {}, {}, "
               "{} branch-and-bound nodes, {} flows, {} arcs at most, {} "
               "arcs priced in{}\n",
               a.staffed.size(), dossiers.size() - a.staffed.size(), a.solution.method, a.objective,
               options.max_probability ? a.objective : bound,
               options.max_probability ? "randomized"
               : a.solution.optimal    ? "optimal"
                                       : fmt::format("gap {:.2f}", bound - a.objective),
               options.max_probability ? a.objective : relaxation,
               a.solution.start.empty() ? "-" : a.solution.start,
               a.solution.method == "mixture"
                   ? fmt::format("{} assignments in the mixture's linear programmes",
                                 a.solution.iterations)
                   : fmt::format("{} Lagrangian iterations", a.solution.iterations),
               a.solution.nodes, a.solution.flows, a.solution.arcs, a.solution.priced_in,
               a.solution.full_graph ? ", full graph" : "");
  }
  return 0;
}

} // namespace

void register_assign(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("assign", "Form review panels (评审分组) for a round");
  sub->footer(R"(Panels are qualified (M-15, M-17) and free of conflicts (M-18): every dossier gets
exactly the panel size of its class, one lead (组长), no two reviewers of one employer, no
reviewer past max_load, and the largest total affinity (industry, lead, expertise and bids,
weighted by [affinity] of the cycle), proven: the report prints the objective next to its
proven bound. Updated dossiers go to standard output as JSON Lines, or to --out-dir as one
file each.

Exit status: 0 panels formed, 2 usage error, 3 bad input or a round that cannot be staffed
(every such dossier is named; nothing is written), 4 output could not be written.

Examples:
  sqma assign --cycle samples/cycle.toml --reviewers samples/reviewers.toml \
      --round written --pass-unready --report panels.csv --audit audit.xlsx \
      checked/ > written.jsonl
  sqma assign --cycle samples/cycle.toml --reviewers samples/reviewers.toml \
      --round written --pass-unready --seed 20250801 --max-probability 0.5 \
      checked/ > written.jsonl
  sqma assign --cycle samples/cycle.toml --reviewers samples/reviewers.toml \
      --round onsite --exclude written --pass-unready --out-dir onsite/ panel/)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("--cycle", options->cycle, "The cycle config (TOML)")->required();
  sub->add_option("--reviewers", options->reviewers, "The reviewer registry (TOML)")->required();
  sub->add_option("--round", options->round, "The round: written, panel or onsite")
      ->required()
      ->check(CLI::IsMember({"written", "panel", "onsite"}));
  sub->add_option("--seed", options->seed, "Randomized mode: the seed of the draw");
  sub->add_option("--max-probability", options->max_probability,
                  "Randomized mode: no reviewer-dossier pair above this probability");
  sub->add_option("--date", options->date,
                  "Date of the round, YYYY-MM-DD (default: dates.<round>_date of the cycle)");
  sub->add_option("--keep", options->keep,
                  "Keep the panel of this earlier round (written or panel) where still eligible")
      ->check(choices({"written", "panel"}));
  sub->add_option("--keep-lead", options->keep_lead,
                  "The lead of this earlier round leads again (onsite: panel by default; none)");
  sub->add_option("--exclude", options->exclude,
                  "Reviewers of this earlier round stand aside (repeatable)")
      ->allow_extra_args(false);
  sub->add_flag("--pass-unready", options->pass_unready,
                "Pass dossiers the round does not take through unchanged instead of refusing them");
  sub->add_option("--prune", options->prune,
                  "Candidates per dossier in the first flow (default: 4 x panel size + 8)");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write one <id>.json per dossier here instead of JSON Lines to standard output");
  sub->add_flag("--force", options->force, "Replace existing files");
  sub->add_option("--report", options->report,
                  "Write the panels per dossier to FILE (.txt, .csv, .xlsx, .json)");
  sub->add_option("--reviewer-report", options->reviewer_report,
                  "Write the dossiers of each reviewer to FILE (.txt, .csv, .xlsx, .json)");
  sub->add_option("--audit", options->audit,
                  "Write the audit of unqualified reviewers and excluded pairs to FILE");
  sub->add_option("--format", options->format,
                  "Report format: text, csv, xlsx or json (default: from the extension)")
      ->check(choices({"text", "csv", "xlsx", "json"}));
  sub->add_flag("-v,--verbose", options->verbose, "Show the solver's figures on standard error");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
