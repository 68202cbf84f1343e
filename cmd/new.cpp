// SPDX-License-Identifier: Apache-2.0
// sqma new: a blank dossier form (TOML) for one award class or individual kind.
#include "check/rulebook.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "cycle/config.hpp"
#include "intake/form_writer.hpp"
#include "io/atomic_file.hpp"
#include "io/files.hpp"
#include "io/path_guard.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

struct Options {
  std::string award_class;
  std::string kind;
  std::string cycle;
  std::string output;
  bool force = false;
};

intake::Group group_of(const Options& options)
{
  intake::Group group;
  const auto j = nlohmann::json(options.award_class);
  group.award_class = j.get<model::AwardClass>();
  if (group.award_class == model::AwardClass::individual) {
    if (options.kind.empty()) {
      throw UsageError("--class individual needs --kind leader, manager or craftsman");
    }
    group.kind = nlohmann::json(options.kind).get<model::IndividualKind>();
  } else if (!options.kind.empty()) {
    throw UsageError(fmt::format("--kind is for --class individual, not {}", options.award_class));
  }
  return group;
}

int run(const Options& options)
{
  io::PathGuard guard;
  guard.input_file("--cycle", options.cycle);
  guard.output_file("--output", options.output);
  guard.check(options.force);
  const auto group = group_of(options);
  std::optional<int> year;
  const check::Rulebook* rules = &check::builtin_rulebook();
  check::Rulebook cycle_rules;
  if (!options.cycle.empty()) {
    const auto config = load_cycle(guard, options.cycle, options.force);
    year = config.year;
    if (config.rules) {
      auto text = io::read_file(config.rules->string());
      if (!text) {
        throw DataError(text.failure());
      }
      cycle_rules = check::parse_rulebook(text.value(), config.rules->string()).take();
      rules = &cycle_rules;
    }
  }
  const auto& spec = intake::form_spec(group);
  const auto text = intake::write_form(spec, intake::blank_document(group, year, *rules));
  if (options.output.empty() || options.output == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) {
      throw IoError("cannot write to standard output");
    }
    return 0;
  }
  io::write_file_atomic(options.output, text);
  return 0;
}

} // namespace

void register_new(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("new", "Write a blank dossier form (TOML) to fill in");
  sub->footer(R"(The form holds every field of the dossier for the class (or individual kind), each
with a comment in Chinese and English: what to enter, the format, whether it is
required and the clause that needs it. Optional parts are commented-out examples.
Fill it in and turn it into a dossier with sqma import; sqma-form(5) describes it.

Examples:
  sqma new --class organisation --cycle samples/cycle.toml -o 擎宇.toml
  sqma new --class individual --kind leader > leader.toml)");
  sub->add_option("--class", options->award_class, "Award class: organisation, project, individual")
      ->required()
      ->check(CLI::IsMember({"organisation", "project", "individual"}));
  sub->add_option("--kind", options->kind, "Kind of individual award: leader, manager, craftsman")
      ->check(CLI::IsMember({"leader", "manager", "craftsman"}));
  sub->add_option("--cycle", options->cycle,
                  "The cycle config: fills in the year and takes its rulebook's required "
                  "materials");
  sub->add_option("-o,--output", options->output,
                  "Write the form to FILE (default: standard "
                  "output)");
  sub->add_flag("--force", options->force, "Replace an existing output file");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
