// SPDX-License-Identifier: Apache-2.0
// sqma export-form: a dossier written back as its form (TOML).
#include "check/rulebook.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "intake/form_writer.hpp"
#include "intake/import.hpp"
#include "intake/skeleton.hpp"
#include "io/atomic_file.hpp"
#include "io/path_guard.hpp"
#include "model/dossier_io.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  bool force = false;
};

std::string form_of(const model::Dossier& dossier)
{
  auto json = nlohmann::json(dossier);
  const auto group = intake::Group::of(json);
  if (!group) {
    throw DataError(fmt::format("dossier {}: the individual award needs a kind", dossier.id));
  }
  if (intake::is_skeleton(dossier)) {
    // The form to send the applicant: what the roster gave, on the blank form of the class
    // (its certificate blocks, the materials and the statements to confirm), as import
    // --roster --forms writes it.
    json.erase("materials");
    auto blank = intake::blank_document(*group, dossier.cycle, check::builtin_rulebook());
    blank.update(json);
    return intake::write_form(intake::form_spec(*group), blank);
  }
  return intake::write_form(intake::form_spec(*group), json, intake::filled_values(dossier));
}

int run(const Options& options)
{
  if (!options.output.empty() && !options.out_dir.empty()) {
    throw UsageError("give -o or --out-dir, not both");
  }
  auto guard = dossier_guard(options.inputs, "");
  guard.output_file("--output", options.output);
  guard.output_dir("--out-dir", options.out_dir, {".toml"});
  guard.check(options.force);
  std::vector<std::pair<std::string, std::string>> forms; // id, text
  auto read = model::read_dossiers(options.inputs, std::cin, [&](Result<model::LoadedDossier> r) {
    if (!r) {
      throw DataError(r.failure());
    }
    forms.emplace_back(r->dossier.id, form_of(r->dossier));
    return true;
  });
  if (!read) {
    throw DataError(read.failure());
  }
  if (options.out_dir.empty() && forms.size() != 1) {
    throw UsageError(fmt::format("{} dossiers read: a form is written for one dossier, or give "
                                 "--out-dir for one <id>.toml each",
                                 forms.size()));
  }
  std::vector<std::filesystem::path> targets;
  for (const auto& [id, text] : forms) {
    targets.push_back(!options.out_dir.empty()
                          ? std::filesystem::path(options.out_dir) / (id + ".toml")
                          : std::filesystem::path(options.output));
  }
  if (options.out_dir.empty() && (options.output.empty() || options.output == "-")) {
    std::cout << forms.front().second;
    return 0; // main() tells when standard output could not be written
  }
  // Each file of --out-dir, once the ids are known: a hard link to an input is refused as
  // the input is.
  if (!options.out_dir.empty()) {
    for (const auto& target : targets) {
      guard.output_file("--out-dir", target);
    }
  }
  guard.check(options.force);
  // The folder of --out-dir, or of -o's file, is made as other verbs make theirs (and taken
  // away again when the run fails).
  const auto folder = !options.out_dir.empty()
                          ? std::filesystem::path(options.out_dir)
                          : std::filesystem::path(options.output).parent_path();
  if (!folder.empty()) {
    io::create_output_dir(folder);
  }
  std::vector<io::AtomicFile> files;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    io::AtomicFile file(targets[i]);
    file.write(forms[i].second);
    file.close();
    files.push_back(std::move(file));
  }
  io::commit_all(files);
  return 0;
}

} // namespace

void register_export_form(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("export-form", "Write a dossier back as its form (TOML)");
  sub->footer(
      R"(The form is the one sqma new writes, with the dossier's values: importing a form and
exporting it again gives the same form, comments included. Values sqma import filled
in (the id, the digests, the bundle) are left out as they were, unless amended since.
A skeleton dossier that sqma import made from the roster gives the pre-filled form to
send the applicant.

Examples:
  sqma export-form samples/dossiers/SQMA-2025-O01.json > O01.toml
  sqma export-form --out-dir forms/ samples/dossiers/)");
  sub->add_option("inputs", options->inputs, "Dossier files or folders (- for standard input)")
      ->required();
  sub->add_option("-o,--output", options->output,
                  "Write the form to FILE (one dossier; default: standard output)");
  sub->add_option("--out-dir", options->out_dir, "Write one <id>.toml per dossier here");
  sub->add_flag("--force", options->force, "Replace existing files");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
