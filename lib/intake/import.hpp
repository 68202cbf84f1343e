// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "intake/evidence.hpp"
#include "intake/register.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "schema/toml_json.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace sqma::intake {

// A dossier form as read: its values in the dossier's JSON shape, and their lines.
struct Form {
  std::string file;
  std::string sha256; // of the form's bytes
  nlohmann::json json;
  schema::LineMap lines;
};

// Reads a form file ("-" for standard input), in UTF-8 (with or without a byte order mark) or
// GB18030, as decode_text() finds; a TOML syntax error is a Failure with the line, and so is
// a file past 4 MiB (a form is a few kilobytes).
[[nodiscard]] Result<Form> read_form(const std::string& file);

// Reads a whole file ("-" for standard input), or a Failure when it is larger than `limit`
// bytes (looked at before reading when the size is known).
[[nodiscard]] Result<std::string> read_bounded(const std::string& file, std::uintmax_t limit);

// What every form of a run is imported with.
struct ImportSettings {
  model::Date date;              // of the import record
  std::optional<int> cycle_year; // from the cycle config: a form of another year is refused
  std::string id_prefix = "SQMA";
  bool allow_bad_check_characters = false;      // import a code whose check character fails
  std::optional<std::filesystem::path> out_dir; // where an existing dossier of the same id is
};

// Turns a form into a dossier at stage submitted. Checks the form (fields only sqma's
// verbs write, values left blank, the schema with "did you mean" for misspelt keys and
// values, the check characters of credit codes and identity numbers), computes each
// material's SHA-256 from `evidence` (every material must be in it; without evidence the
// form must give the digests), names the bundle, gives the id from `reg` when the form has
// none (the id already given to the same applicant, or the next one of the cycle's scheme)
// and registers it once the form is imported, and appends the import record, which lists the values
// import filled in. A dossier of the same id in `out_dir` that has been checked is refused (it is
// corrected with amend); an unchecked one is replaced, its history kept. Every problem of
// the form is in the one Failure, each with the form, the line and the field; a refused
// form leaves `reg` as it was.
[[nodiscard]] Result<model::Dossier> import_form(const Form& form, const Evidence* evidence,
                                                 const ImportSettings& settings, IdRegister* reg);

// The JSON Pointers of the values the last import filled in (the id, digests, the bundle)
// and that no amend has touched since: export-form leaves them out, so that a form comes
// back as it was written.
[[nodiscard]] std::set<std::string> filled_values(const model::Dossier& dossier);

// Whether the dossier's history holds a condition check.
[[nodiscard]] bool was_checked(const model::Dossier& dossier);

} // namespace sqma::intake
