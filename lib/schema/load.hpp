// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "schema/toml_json.hpp"

#include <string>
#include <string_view>

namespace sqma::schema {

// Parses a TOML document and validates it against the shipped schema `schema_name`
// ("cycle.v1", "reviewers.v1", ...). A document that does not conform is one Failure
// naming every violation with its file and line (see join()).
[[nodiscard]] Result<TomlDocument> load_toml(std::string_view text, const std::string& file,
                                             std::string_view schema_name);

} // namespace sqma::schema
