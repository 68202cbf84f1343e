// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/error.hpp"
#include "schema/toml_json.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::schema {

// A JSON Schema (draft 7) compiled for validation with valijson, behind a quick check that
// accepts valid documents at a fraction of the cost (schema/quick.hpp).
class Validator {
public:
  // Compiles a schema from its text for the quick check; `name` is used in messages. Throws
  // Error (internal) if the schema itself is broken. What the full validation needs is
  // compiled on its first use (which throws the same way when valijson refuses the schema).
  Validator(std::string name, std::string_view schema_text);
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Validates a document and returns every violation, deepest first along each path, each
  // naming `file`, the JSON path, the line when `lines` knows it, and what was expected. An
  // unknown field is reported with the closest known name when one is near.
  [[nodiscard]] std::vector<Failure> validate(const nlohmann::json& document,
                                              const std::string& file,
                                              const LineMap* lines = nullptr,
                                              std::size_t first_line = 0) const;

  // The same without the quick check that accepts a valid document before valijson sees
  // it: every document goes through valijson. For the tests that compare the two.
  [[nodiscard]] std::vector<Failure> validate_in_full(const nlohmann::json& document,
                                                      const std::string& file,
                                                      const LineMap* lines = nullptr,
                                                      std::size_t first_line = 0) const;

  // Whether the schema has the quick check (it declines schemas with unknown keywords).
  [[nodiscard]] bool has_quick_check() const;

  // The schema's name, such as "dossier.v1".
  [[nodiscard]] const std::string& name() const { return m_name; }

private:
  void prepare_full() const;

  struct Impl;
  std::string m_name;
  std::unique_ptr<Impl> m_impl;
};

// The validator of a schema shipped with sqma ("dossier.v1", "cycle.v1", "reviewers.v1",
// "scoresheet.v1", "decisions.v1"); compiled once. Throws UsageError for an unknown name.
[[nodiscard]] const Validator& builtin(std::string_view name);

// The names of the schemas shipped with sqma, sorted.
[[nodiscard]] std::vector<std::string> builtin_names();

// The text of a shipped schema (empty if there is none by that name).
[[nodiscard]] std::string_view builtin_text(std::string_view name);

} // namespace sqma::schema
