// SPDX-License-Identifier: Apache-2.0
// sqma validate: check documents against the schemas shipped with sqma.
#include "cli.hpp"
#include "commands.hpp"
#include "intake/skeleton.hpp"
#include "io/files.hpp"
#include "io/json_reader.hpp"
#include "io/json_stream.hpp"
#include "model/dossier_io.hpp"
#include "schema/toml_json.hpp"
#include "schema/validator.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>

namespace sqma::cmd {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string schema;
};

// Tallies over all inputs: a violation makes the answer negative (1), an unreadable input
// is a data error (3).
struct Tally {
  std::size_t documents = 0;
  std::size_t invalid = 0;
  std::size_t unreadable = 0; // could not be read or parsed: not among the documents
};

std::string schema_name(const nlohmann::json& document, const Options& options)
{
  if (!options.schema.empty()) {
    return options.schema;
  }
  if (document.is_object()) {
    if (const auto it = document.find("schema"); it != document.end() && it->is_string()) {
      return it->get<std::string>();
    }
  }
  return {};
}

void report(const std::vector<Failure>& failures, Tally& tally)
{
  ++tally.documents;
  if (!failures.empty()) {
    ++tally.invalid;
  }
  for (const auto& failure : failures) {
    print_error(failure);
  }
}

// `lines` maps a TOML document's values to lines; a JSON record passes its `source` text
// instead, read again for lines only when the record is invalid.
void validate_document(const nlohmann::json& document, const Location& where,
                       const schema::LineMap* lines, const Options& options, Tally& tally,
                       std::string_view source = {})
{
  const auto name = schema_name(document, options);
  if (name.empty()) {
    report({Failure{ExitCode::data, "no \"schema\" field says what this is; use --schema", where}},
           tally);
    return;
  }
  if (name == model::k_dossier_schema) {
    // dossier_from_json validates against the schema on its way to the model.
    auto dossier = model::dossier_from_json(document, where, source);
    if (!dossier) {
      std::vector<Failure> failures{dossier.failure()};
      report(failures, tally);
      return;
    }
    auto problems = model::identity_problems(dossier.value(), where);
    if (auto names = model::names_disagree(dossier.value(), where)) {
      problems.push_back(std::move(*names));
    }
    report(problems, tally);
    if (problems.empty() && intake::is_skeleton(dossier.value())) {
      // Valid as a skeleton: what the applicant's form must still bring.
      std::vector<std::string> parts;
      for (const auto& part : intake::missing_parts(dossier.value())) {
        parts.push_back(fmt::format("{} ({})", part.field, part.clause));
      }
      fmt::print("{}: {} is a skeleton from the roster, still missing: {}\n",
                 where.line > 0 ? fmt::format("{}:{}", where.file, where.line) : where.file,
                 dossier.value().id,
                 parts.empty() ? "the form" : fmt::format("{}", fmt::join(parts, ", ")));
    }
    return;
  }
  const auto& validator = schema::builtin(name);
  auto failures = validator.validate(document, where.file, lines, where.line);
  if (!failures.empty() && lines == nullptr && !source.empty()) {
    if (const auto found = io::json_lines(source, where.line); !found.empty()) {
      failures = validator.validate(document, where.file, &found, where.line);
    }
  }
  report(failures, tally);
}

void validate_toml(const std::string& path, const Options& options, Tally& tally)
{
  auto text = io::read_file(path);
  if (!text) {
    print_error(text.failure());
    ++tally.unreadable;
    return;
  }
  auto doc = schema::parse_toml(text.value(), path);
  if (!doc) {
    print_error(doc.failure());
    ++tally.unreadable;
    return;
  }
  validate_document(doc->json, Location{path, 0, {}}, &doc->lines, options, tally);
}

int run(const Options& options)
{
  if (!options.schema.empty()) {
    (void)schema::builtin(options.schema); // an unknown name is a usage error
  }
  std::vector<std::string> args;
  std::vector<std::string> tomls;
  for (const auto& input : options.inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      // A folder holds the JSON documents and the TOML ones (configs, registries, sheets).
      auto json = io::expand_inputs({input});
      auto toml = io::expand_inputs({input}, {".toml"});
      if (!json || !toml) {
        throw DataError(json ? toml.failure() : json.failure());
      }
      args.insert(args.end(), json->begin(), json->end());
      tomls.insert(tomls.end(), toml->begin(), toml->end());
      continue;
    }
    const auto ext = std::filesystem::path(input).extension().string();
    (ext == ".toml" ? tomls : args).push_back(input);
  }
  Tally tally;
  for (const auto& path : tomls) {
    validate_toml(path, options, tally);
  }
  auto read = io::read_raw_inputs(args, std::cin, [&](Result<io::RawRecord> raw) {
    check_interrupted();
    auto json = raw ? io::parse_json(raw->text, raw->where.file, raw->where.line)
                    : Result<nlohmann::json>(raw.failure());
    if (!json) {
      print_error(json.failure());
      ++tally.unreadable;
    } else {
      validate_document(json.value(), raw->where, nullptr, options, tally, raw->text);
    }
    return true;
  });
  if (!read) {
    throw DataError(read.failure());
  }
  if (tally.documents == 0 && tally.unreadable == 0) {
    print_error(fmt::format("no document to validate in {}: give *.json, *.jsonl or *.toml "
                            "files or folders that hold them",
                            fmt::join(options.inputs, ", ")));
    return static_cast<int>(ExitCode::negative);
  }
  fmt::print("{} document{}, {} valid, {} invalid{}\n", tally.documents,
             tally.documents == 1 ? "" : "s", tally.documents - tally.invalid, tally.invalid,
             tally.unreadable > 0 ? fmt::format(", {} unreadable", tally.unreadable) : "");
  if (tally.unreadable > 0) {
    return static_cast<int>(ExitCode::data);
  }
  return tally.invalid > 0 ? static_cast<int>(ExitCode::negative) : 0;
}

} // namespace

void register_validate(CLI::App& app, Dispatch& dispatch)
{
  auto options = std::make_shared<Options>();
  auto* sub = app.add_subcommand("validate", "Check documents against sqma's schemas");
  sub->footer(R"(Each JSON record names its schema in its "schema" field (dossier.v1, ...); TOML
files do too, or take --schema. Dossiers are also checked for the check characters
of credit codes (GB 32100-2015) and identity numbers (GB 11643-1999).

Examples:
  sqma validate samples/dossiers/
  sqma validate samples/reviewers.toml
  sqma validate --schema cycle.v1 samples/cycle.toml
  sqma check --cycle samples/cycle.toml samples/dossiers/ | sqma validate -)");
  sub->add_option("inputs", options->inputs,
                  "Files or folders to validate (*.json, *.jsonl, *.toml; - for standard input)")
      ->required();
  sub->add_option("--schema", options->schema,
                  "Validate against this schema (dossier.v1, cycle.v1, reviewers.v1, "
                  "rulebook.v1, scoresheet.v1, decisions.v1)");
  sub->callback([options, &dispatch] { dispatch.run = [options] { return run(*options); }; });
}

} // namespace sqma::cmd
