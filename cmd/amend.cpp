// SPDX-License-Identifier: Apache-2.0
// sqma amend: correct fields of a dossier, recorded in its history.
#include "intake/amend.hpp"
#include "check/rulebook.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "cycle/config.hpp"
#include "io/files.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

namespace sqma::cmd {
namespace {

struct Options {
  std::string input;
  std::vector<std::string> set;
  std::vector<std::string> unset;
  std::string reason;
  std::string date;
  std::string cycle;
  std::string out_dir;
  std::string id;
  bool force = false;
};

// The cycle's date of the stage a dossier is at, for a correction made at that stage.
model::Date stage_date(const cycle::Config& config, model::Stage stage)
{
  using model::Stage;
  const auto& dates = config.raw.at("dates");
  const char* key = nullptr;
  switch (stage) {
  case Stage::submitted: return config.application_deadline;
  case Stage::supplement:
  case Stage::returned:
  case Stage::eligible: key = "check_date"; break;
  case Stage::written: key = "written_date"; break;
  case Stage::panel: key = "panel_date"; break;
  case Stage::onsite: key = "onsite_date"; break;
  default: break;
  }
  if (key != nullptr && dates.contains(key)) {
    if (const auto d = model::Date::parse(dates.at(key).get<std::string>())) {
      return *d;
    }
  }
  throw UsageError(fmt::format("the cycle config gives no date for a dossier at stage {}: give "
                               "--date",
                               model::to_string(stage)));
}

int run(const Options& options)
{
  if (options.set.empty() && options.unset.empty()) {
    throw UsageError("nothing to change: give --set PATH=VALUE or --unset PATH");
  }
  auto guard = dossier_guard({options.input}, options.out_dir);
  guard.input_file("--cycle", options.cycle);
  guard.check(options.force);
  std::optional<cycle::Config> config;
  if (!options.cycle.empty()) {
    config = load_cycle(guard, options.cycle, options.force);
  }
  if (options.date.empty() && !config) {
    throw UsageError("no date for the record: give --date or --cycle");
  }
  std::vector<model::LoadedDossier> loaded;
  auto read = model::read_dossiers({options.input}, std::cin, [&](Result<model::LoadedDossier> r) {
    if (!r) {
      throw DataError(r.failure());
    }
    loaded.push_back(std::move(r.value()));
    return true;
  });
  if (!read) {
    throw DataError(read.failure());
  }
  // The dossier to change: the only one read, or the one --id names among several.
  std::size_t chosen = 0;
  if (!options.id.empty()) {
    const auto it = std::find_if(loaded.begin(), loaded.end(),
                                 [&](const auto& d) { return d.dossier.id == options.id; });
    if (it == loaded.end()) {
      throw UsageError(fmt::format("--id {}: no such dossier in {}", options.id, options.input));
    }
    chosen = static_cast<std::size_t>(it - loaded.begin());
  } else if (loaded.size() != 1) {
    throw UsageError(fmt::format("{}: {} dossiers; amend changes one at a time: name it with --id",
                                 options.input, loaded.size()));
  }
  const auto& dossier = loaded[chosen];
  const auto json = nlohmann::json(dossier.dossier);
  std::vector<intake::Change> changes;
  for (const auto& text : options.set) {
    changes.push_back(intake::parse_change(text, false, json).take());
  }
  for (const auto& text : options.unset) {
    changes.push_back(intake::parse_change(text, true, json).take());
  }
  check::Rulebook cycle_rules;
  intake::AmendSettings settings;
  settings.rules = &check::builtin_rulebook();
  if (config && config->rules) {
    auto text = io::read_file(config->rules->string());
    if (!text) {
      throw DataError(text.failure());
    }
    cycle_rules = check::parse_rulebook(text.value(), config->rules->string()).take();
    settings.rules = &cycle_rules;
  }
  settings.reason = options.reason;
  settings.date = !options.date.empty() ? date_option("--date", options.date)
                                        : stage_date(*config, dossier.dossier.stage);
  auto amended = intake::amend(dossier, changes, settings).take();
  std::vector<std::string> inputs{options.input};
  if (!options.cycle.empty()) {
    inputs.push_back(options.cycle);
  }
  model::DossierWriter writer(std::cout, writer_options(options.out_dir, options.force, inputs));
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    writer.write(i == chosen ? amended.dossier : loaded[i].dossier);
  }
  writer.commit();
  if (amended.recheck) {
    print_warning(fmt::format("{}: moved back to stage submitted: the change could alter its "
                              "condition check; run sqma check again",
                              amended.dossier.id));
  }
  return 0;
}

} // namespace

void register_amend(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("amend", "Correct fields of a dossier, recorded in its history");
  sub->footer(
      R"(PATH names a field as the form does (applicant.contact.phone, certificates[0].valid_until;
[n] one past the last entry adds one). Before the condition check a dossier changes
freely; after it only with --reason, and a change that could alter the check's outcome
moves it back to stage submitted, to be checked again. The history records each path
with its old and new value, the reason, the date and the digest of the old dossier.
The amended dossier goes to standard output, or to --out-dir; never over the input.
From a file of several dossiers (JSON Lines), --id names the one to change, and every
dossier is written, the others as they were, so that a round's file is corrected in one
step.

Examples:
  sqma amend samples/dossiers/SQMA-2025-O01.json --date 2025-07-01 \
      --set applicant.contact.phone=021-57232990 --out-dir amended/
  sqma amend checked/SQMA-2025-O13.json --cycle samples/cycle.toml \
      --set certificates[0].valid_until=2028-04-29 --reason "续期证书已提交" --out-dir amended/
  sqma amend checked.jsonl --id SQMA-2025-O13 --cycle samples/cycle.toml \
      --set certificates[0].valid_until=2028-04-29 --reason "续期证书已提交" > amended.jsonl)");
  sub->add_option("dossier", options->input, "The dossier file (- for standard input)")->required();
  sub->add_option("--set", options->set, "Set a field: PATH=VALUE (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--unset", options->unset, "Remove a field or list entry: PATH (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--reason", options->reason,
                  "Why the dossier is changed (required once it has been checked)");
  sub->add_option("--date", options->date,
                  "Date of the record, YYYY-MM-DD (default: the cycle's date of the dossier's "
                  "stage)");
  sub->add_option("--cycle", options->cycle, "The cycle config: its dates and rulebook");
  sub->add_option("-o,--out-dir", options->out_dir,
                  "Write <id>.json here instead of JSON Lines to standard output");
  sub->add_option("--id", options->id,
                  "The dossier to change, among several in the input (the others are written "
                  "as they were)");
  sub->add_flag("--force", options->force, "Replace an existing file in --out-dir");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
