// SPDX-License-Identifier: Apache-2.0
// sqma import: dossier forms (TOML) and their evidence into dossiers, or the office's roster
// into skeleton dossiers (or pre-filled forms).
#include "intake/import.hpp"
#include "check/rulebook.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "core/parallel.hpp"
#include "cycle/config.hpp"
#include "intake/evidence.hpp"
#include "intake/roster.hpp"
#include "io/atomic_file.hpp"
#include "io/files.hpp"
#include "io/path_guard.hpp"
#include "io/text.hpp"
#include "model/dossier_io.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

namespace sqma::cmd {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> forms;
  std::vector<std::string> evidence;
  std::string roster;
  bool roster_forms = false; // --forms: pre-filled forms instead of skeleton dossiers
  std::string columns;
  std::string cycle;
  std::string date;
  std::string register_file;
  std::string out_dir;
  std::string bundle_dir;
  bool force = false;
  bool allow_bad_check_char = false;
};

struct Setup {
  std::optional<cycle::Config> config;
  intake::ImportSettings settings;
  std::optional<fs::path> register_file;
};

// What the run needs from the cycle config and the options. The files the config names and
// the register join `guard`, which is checked again: the register is read and written, so it
// may be none of the other inputs nor lie among them.
Setup setup(const Options& options, io::PathGuard& guard)
{
  Setup s;
  if (!options.cycle.empty()) {
    s.config = load_cycle(guard, options.cycle, options.force, CycleReads{false, false});
    s.settings.cycle_year = s.config->year;
    s.settings.id_prefix = s.config->id_prefix;
    s.register_file = s.config->register_file;
  }
  if (!options.register_file.empty()) {
    if (options.register_file == "-") {
      throw UsageError("--register -: the register is read and written again, so it is a "
                       "file, not standard input or output");
    }
    s.register_file = options.register_file;
  }
  if (!options.date.empty()) {
    s.settings.date = date_option("--date", options.date);
  } else if (s.config) {
    s.settings.date = s.config->application_deadline;
  } else {
    throw UsageError("no date for the import record: give --date or --cycle (its "
                     "dates.application_deadline)");
  }
  if (!options.out_dir.empty()) {
    s.settings.out_dir = options.out_dir;
  }
  s.settings.allow_bad_check_characters = options.allow_bad_check_char;
  if (s.register_file) {
    guard.updated_file("--register", *s.register_file);
    guard.check(options.force);
  }
  return s;
}

intake::IdRegister load_register(const Setup& s)
{
  if (!s.register_file) {
    return {};
  }
  return intake::IdRegister::load(*s.register_file).take();
}

// Stages the register when ids were added, to be put in place with the files of the run.
void stage_register(const Setup& s, const intake::IdRegister& reg,
                    std::vector<io::AtomicFile>& staged)
{
  if (s.register_file && reg.changed()) {
    io::AtomicFile file(*s.register_file);
    file.write(reg.text());
    file.close();
    staged.push_back(std::move(file));
  }
}

// The inputs nothing may be written over.
std::vector<std::string> inputs_of(const Options& options)
{
  auto inputs = options.forms;
  inputs.insert(inputs.end(), options.evidence.begin(), options.evidence.end());
  for (const auto* extra : {&options.roster, &options.columns, &options.cycle}) {
    if (!extra->empty()) {
      inputs.push_back(*extra);
    }
  }
  return inputs;
}

// The inputs that lie in the output folder, the only ones a dossier written there could
// replace: the writer compares each file it writes with each of these, and a batch of
// thousands of forms and evidence folders must not cost millions of comparisons.
std::vector<std::string> inputs_in(const std::string& out_dir, const Options& options)
{
  std::vector<std::string> inside;
  if (out_dir.empty()) {
    return inside;
  }
  for (const auto& input : inputs_of(options)) {
    const auto parent = fs::path(input).parent_path();
    std::error_code ec;
    if (input != "-" && fs::equivalent(parent.empty() ? fs::path(".") : parent, out_dir, ec)) {
      inside.push_back(input);
    }
  }
  return inside;
}

int import_forms(const Options& options)
{
  if (!options.evidence.empty() && options.evidence.size() != options.forms.size()) {
    throw UsageError(fmt::format("{} forms and {} --evidence: give one --evidence per form, in "
                                 "the same order, or none",
                                 options.forms.size(), options.evidence.size()));
  }
  io::PathGuard guard;
  for (const auto& form : options.forms) {
    guard.input_file("form", form);
  }
  for (const auto& evidence : options.evidence) {
    guard.input("--evidence", evidence, {});
  }
  guard.input_file("--cycle", options.cycle);
  guard.output_dir("--out-dir", options.out_dir, {".json"});
  guard.output_dir("--bundle-dir", options.bundle_dir, {".zip"});
  guard.check(options.force);
  const auto s = setup(options, guard);
  auto reg = load_register(s);
  std::vector<model::Dossier> dossiers;
  std::vector<std::string> bagged; // the evidence folder of each dossier, to bag
  std::map<std::string, std::string> form_of_id;
  bool failed = false;
  // Forms are read and their evidence hashed two at a time, a chunk ahead (parsing and
  // hashing are most of the work, and each form stands alone); ids are then given and the
  // dossiers made one by one, in the order of the arguments.
  constexpr std::size_t k_chunk = 64;
  std::vector<std::optional<Result<intake::Form>>> forms(k_chunk);
  std::vector<std::optional<Result<intake::Evidence>>> evidences(k_chunk);
  std::vector<std::exception_ptr> errors; // of the chunk: thrown when its form's turn comes
  for (std::size_t i = 0; i < options.forms.size(); ++i) {
    check_interrupted();
    const std::size_t slot = i % k_chunk;
    if (slot == 0) {
      const std::size_t count = std::min(k_chunk, options.forms.size() - i);
      errors = parallel_for_caught(count, cpu_threads(), [&](std::size_t k) {
        forms[k].emplace(intake::read_form(options.forms[i + k]));
        if (!options.evidence.empty()) {
          evidences[k].emplace(intake::read_evidence(options.evidence[i + k]));
        }
      });
    }
    if (errors[slot]) {
      std::rethrow_exception(errors[slot]);
    }
    const auto& file = options.forms[i];
    auto form = std::move(*forms[slot]);
    forms[slot].reset();
    if (!form) {
      print_error(form.failure());
      failed = true;
      continue;
    }
    std::optional<intake::Evidence> evidence;
    if (!options.evidence.empty()) {
      auto read = std::move(*evidences[slot]);
      evidences[slot].reset();
      if (!read) {
        print_error(read.failure());
        failed = true;
        continue;
      }
      evidence = std::move(read.value());
    }
    auto dossier = intake::import_form(form.value(), evidence ? &*evidence : nullptr, s.settings,
                                       s.register_file ? &reg : nullptr);
    if (!dossier) {
      print_error(dossier.failure());
      failed = true;
      continue;
    }
    const auto [it, fresh] = form_of_id.emplace(dossier->id, file);
    if (!fresh) {
      print_error(fmt::format("{}: dossier {} comes from {} already: the same applicant twice",
                              file, dossier->id, it->second));
      failed = true;
      continue;
    }
    dossiers.push_back(std::move(dossier.value()));
    bagged.push_back(evidence && !evidence->zip ? options.evidence[i] : std::string{});
  }
  if (failed) {
    print_error("nothing was written");
    return static_cast<int>(ExitCode::data);
  }
  // Everything is staged first, and put in place only when nothing failed (a dossier that
  // exists already, a bag that cannot be made): the bags, then the register, then the
  // dossiers that name both, so that an interrupted run never leaves a dossier whose id is
  // not registered. Dossiers for standard output wait for the files likewise.
  std::vector<io::AtomicFile> staged;
  if (!options.bundle_dir.empty()) {
    intake::BagEvidenceOptions bag{options.bundle_dir, s.settings.date, options.force,
                                   check_interrupted};
    intake::bag_evidence(bag, bagged, dossiers, staged);
  }
  stage_register(s, reg, staged);
  std::ostringstream lines;
  model::DossierWriter writer(
      lines, writer_options(options.out_dir, options.force, inputs_in(options.out_dir, options)));
  for (const auto& dossier : dossiers) {
    writer.write(dossier);
  }
  writer.commit_after(staged);
  std::cout << lines.str();
  return 0; // main() tells when standard output could not be written
}

int import_roster(const Options& options)
{
  if (!options.forms.empty() || !options.evidence.empty()) {
    throw UsageError(
        "--roster builds dossiers from the roster alone: give no forms nor --evidence");
  }
  if (options.out_dir.empty()) {
    throw UsageError(options.roster_forms
                         ? "--roster needs --out-dir: one form <id>.toml is written per row"
                         : "--roster needs --out-dir: one skeleton dossier <id>.json is "
                           "written per row");
  }
  io::PathGuard guard;
  guard.input_file("--roster", options.roster);
  guard.input_file("--columns", options.columns);
  guard.input_file("--cycle", options.cycle);
  guard.output_dir("--out-dir", options.out_dir, {options.roster_forms ? ".toml" : ".json"});
  guard.check(options.force);
  auto s = setup(options, guard);
  if (!s.register_file) {
    throw UsageError("--roster gives ids: set intake.register in the cycle config or give "
                     "--register");
  }
  if (!s.settings.cycle_year) {
    throw UsageError("--roster needs --cycle: the forms carry the cycle's year");
  }
  auto reg = load_register(s);
  check::Rulebook cycle_rules;
  const check::Rulebook* rules = &check::builtin_rulebook();
  if (s.config && s.config->rules) {
    auto text = io::read_file(s.config->rules->string());
    if (!text) {
      throw DataError(text.failure());
    }
    cycle_rules = check::parse_rulebook(text.value(), s.config->rules->string()).take();
    rules = &cycle_rules;
  }
  auto result = intake::import_roster(options.roster, options.columns, *s.settings.cycle_year,
                                      s.settings.id_prefix, *rules, reg, s.settings.date)
                    .take();
  if (!result.ignored_columns.empty()) {
    std::string names;
    for (const auto& name : result.ignored_columns) {
      names += (names.empty() ? "" : ", ") + io::escape_controls(name);
    }
    print_warning(
        fmt::format("{}: columns not read: {} (map them with --columns)", options.roster, names));
  }
  for (const auto& problem : result.problems) {
    print_error(problem);
  }
  io::create_output_dir(options.out_dir);
  // The register is put in place first, so that an interrupted run never leaves a skeleton
  // whose id is not registered.
  std::vector<io::AtomicFile> files;
  stage_register(s, reg, files);
  for (const auto& form : result.forms) {
    const auto target =
        fs::path(options.out_dir) / (form.id + (options.roster_forms ? ".toml" : ".json"));
    io::refuse_existing(target, options.force);
    io::AtomicFile file(target);
    file.write(options.roster_forms ? form.text : model::dump_dossier(form.skeleton, true));
    file.close();
    files.push_back(std::move(file));
  }
  io::commit_all(files);
  fmt::print("{} rows: {} {} written to {}, {} rows not imported\n", result.rows,
             result.forms.size(), options.roster_forms ? "forms" : "skeleton dossiers",
             options.out_dir, result.rows - result.forms.size());
  return result.problems.empty() ? 0 : static_cast<int>(ExitCode::negative);
}

int run(const Options& options)
{
  if (!options.roster.empty()) {
    return import_roster(options);
  }
  if (options.forms.empty()) {
    throw UsageError("give forms to import, or --roster");
  }
  if (!options.columns.empty() || options.roster_forms) {
    throw UsageError(
        fmt::format("{} goes with --roster", options.roster_forms ? "--forms" : "--columns"));
  }
  return import_forms(options);
}

} // namespace

void register_import(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("import", "Turn dossier forms and their evidence into dossiers, "
                                           "or a roster into skeleton dossiers");
  sub->footer(R"(Each form is checked whole: every problem is named with the form, the line and the
field, with "did you mean" for misspelt keys and values, and if any form has one,
nothing is written. Material digests are computed from the evidence (a folder, or a
zip read in place); dossier ids are given in the cycle's scheme from its id register,
never twice. --roster reads the office's registration roster (CSV: UTF-8 with or
without BOM, or GB18030, detected) and writes one skeleton dossier per row (with
--forms, a pre-filled form instead): check asks for what is missing until amend or
the applicant's imported form completes it, and export-form writes the form to send.
Rows with problems are named by row and column, the others imported. XLSX or XLS
rosters are refused: save them as CSV UTF-8 (Excel: 另存为 CSV UTF-8; WPS: 另存为 CSV).

Examples:
  sqma import --cycle samples/cycle.toml --out-dir dossiers/ \
      samples/forms/SQMA-2025-O01.toml --evidence samples/evidence/SQMA-2025-O01
  sqma import --cycle cycle.toml --evidence 申报材料.zip 擎宇.toml > dossier.jsonl
  sqma import --cycle samples/cycle.toml --register ids.tsv --roster samples/roster.csv \
      --out-dir skeletons/
  sqma export-form skeletons/SQMA-2025-O01.json -o SQMA-2025-O01.toml
  sqma import --cycle cycle.toml --roster 报名汇总表.csv --forms --out-dir forms/)");
  sub->add_option("forms", options->forms, "Dossier forms (TOML; - for standard input)");
  sub->add_option("--evidence", options->evidence,
                  "The evidence of each form, in order: a folder or a zip")
      ->allow_extra_args(false);
  sub->add_option("--roster", options->roster,
                  "Build one skeleton dossier per row of this roster (CSV)");
  sub->add_flag("--forms", options->roster_forms,
                "With --roster: write a pre-filled form <id>.toml per row instead");
  sub->add_option("--columns", options->columns,
                  "A TOML file mapping the roster's other column headers to fields");
  sub->add_option("--cycle", options->cycle,
                  "The cycle config: year, date (dates.application_deadline), id scheme and "
                  "register");
  sub->add_option("--date", options->date, "The date of the import record, YYYY-MM-DD");
  sub->add_option("--register", options->register_file,
                  "The id register (default: intake.register of the cycle config)");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write one <id>.json (forms: <id>.toml) per dossier here instead of JSON "
                  "Lines to standard output");
  sub->add_option("--bundle-dir", options->bundle_dir,
                  "Bag each evidence folder as the dossier's bundle <id>.zip (BagIt) here");
  sub->add_flag("--force", options->force, "Replace existing files in --out-dir");
  sub->add_flag("--allow-bad-check-char", options->allow_bad_check_char,
                "Import a credit code or identity number that fails its check character (the "
                "condition check then asks for a supplement)");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
