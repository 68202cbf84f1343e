// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace sqma::schema {

// Source lines of a document's values, keyed by JSON Pointer ("" is the root).
using LineMap = std::map<std::string, std::size_t>;

// A TOML document in its JSON form, with the line of every key.
struct TomlDocument {
  nlohmann::json json;
  LineMap lines;
};

// Parses TOML and converts it to JSON: tables become objects, arrays arrays, dates
// "YYYY-MM-DD" strings, times "HH:MM:SS", date-times RFC 3339 strings. A syntax error is a
// Failure naming `file` and the line.
[[nodiscard]] Result<TomlDocument> parse_toml(std::string_view text, const std::string& file);

// The line recorded for `pointer` or, failing that, for its nearest recorded parent (0 if
// none is).
[[nodiscard]] std::size_t line_for(const LineMap& lines, std::string pointer);

} // namespace sqma::schema
