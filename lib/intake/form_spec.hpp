// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqma::intake {

// Whom a form is for: an award class and, for the individual award, a kind.
struct Group {
  model::AwardClass award_class = model::AwardClass::organisation;
  std::optional<model::IndividualKind> kind;

  // "organisation", "project", or the kind of an individual ("leader", ...).
  [[nodiscard]] std::string name() const;
  // The group of a dossier in JSON form; nullopt when its class or kind is missing or
  // unknown.
  [[nodiscard]] static std::optional<Group> of(const nlohmann::json& dossier);
};

// How a field is written in the TOML form.
enum class Shape {
  scalar, // key = value
  list,   // key = [values]
  table,  // [path]
  blocks, // [[path]], one block per entry
};

// One field of the form, as the dossier schema defines it and data/form.toml describes it.
struct FieldSpec {
  std::string key;  // "credit_code"
  std::string path; // "applicant.organisation.credit_code" (no indexes)
  Shape shape = Shape::scalar;
  std::string type;      // scalars and list items: string, date, integer, number, boolean
  bool required = false; // for the form's group, conditions of the schema included
  bool filled = false;   // sqma import fills it in
  bool applies = true;   // shown for the group when the dossier has no value for it
  std::string prefill;   // "rulebook" or empty
  std::string zh, en, clause;
  std::string format_zh, format_en;                        // scalars and lists only
  nlohmann::json example;                                  // scalars and lists only
  std::vector<std::pair<std::string, std::string>> values; // allowed values and their meaning
  std::vector<FieldSpec> children;                         // tables and blocks
};

// The whole form of one group.
struct FormSpec {
  Group group;
  std::string title_zh, title_en;
  std::vector<FieldSpec> fields; // the dossier's top level, in the schema's order
};

// The form of `group`, built from the dossier schema and the texts of data/form.toml.
// Throws Error (internal) when the texts miss a field of the schema or name one it does
// not have.
[[nodiscard]] const FormSpec& form_spec(const Group& group);

// The top-level dossier fields that the form leaves out because the cycle's verbs write
// them (stage, history, ...).
[[nodiscard]] const std::vector<std::string>& omitted_fields();

// Every field path data/form.toml describes, and every one the schema has (both without
// the omitted fields), for the test that keeps the two in step.
[[nodiscard]] std::vector<std::string> described_paths();
[[nodiscard]] std::vector<std::string> schema_paths();

// The field at a dotted path such as "certificates.valid_until", or nullptr.
[[nodiscard]] const FieldSpec* find_field(const FormSpec& spec, std::string_view path);

// A JSON Pointer of a dossier ("/certificates/1/valid_until") as the form names the field
// ("certificates[1].valid_until").
[[nodiscard]] std::string form_path(std::string_view pointer);

} // namespace sqma::intake
