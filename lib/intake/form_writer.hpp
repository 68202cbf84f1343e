// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/rulebook.hpp"
#include "intake/form_spec.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

namespace sqma::intake {

// Writes the TOML form of `spec` holding the values of `document` (a dossier, or a partly
// filled one): every field of the group with its Chinese and English comments (what to
// enter, the format, whether it is required, the clause). A required value the document
// lacks is written blank ("" or []) for someone to fill in; an optional one is written as a
// commented-out example. Values at the JSON Pointers of `omit` are written as if absent
// (what sqma import filled in). The same document always gives the same bytes, and
// import_form() reads the text back to the same values.
[[nodiscard]] std::string write_form(const FormSpec& spec, const nlohmann::json& document,
                                     const std::set<std::string>& omit = {});

// The document of a new form for `group`: its class and kind, the cycle's year when known,
// and what `rules` asks of the group: a certificate block for each type it requires, the
// materials it requires (titled, their paths blank) and the statements reviewers confirm.
[[nodiscard]] nlohmann::json blank_document(const Group& group, std::optional<int> year,
                                            const check::Rulebook& rules);

// A TOML basic string holding `text`, quotes included.
[[nodiscard]] std::string toml_string(std::string_view text);

} // namespace sqma::intake
