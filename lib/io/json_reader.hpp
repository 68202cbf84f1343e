// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace sqma::io {

// Parses one JSON value from text, with simdjson, into the value nlohmann::json::parse would
// give. Unlike nlohmann::json::parse, a key repeated inside one object is an error, and so is
// invalid UTF-8; the failure, found by nlohmann's parser, names `file` and the line (counted
// from `first_line`, the line the text starts on) and, for a repeated key, its JSON path.
[[nodiscard]] Result<nlohmann::json> parse_json(std::string_view text, const std::string& file,
                                                std::size_t first_line = 1);

// Parses JSON text as nlohmann::json::parse(text, nullptr, allow_exceptions) does, with
// the same values: a key repeated in one object is allowed (the last one counts), and text
// that is not JSON gives a discarded value or, with `allow_exceptions`, nlohmann's
// parse_error. simdjson reads the text; nlohmann only what simdjson does not take.
[[nodiscard]] nlohmann::json parse_json_lenient(std::string_view text,
                                                bool allow_exceptions = false);

// The line of every key and array element of a JSON text, by JSON Pointer ("" is the
// root), counted from `first_line`; for naming the exact line of a schema violation.
// Empty when the text does not parse.
[[nodiscard]] std::map<std::string, std::size_t> json_lines(std::string_view text,
                                                            std::size_t first_line = 1);

// The 1-based line of byte `offset` in `text`.
[[nodiscard]] std::size_t line_of(std::string_view text, std::size_t offset);

// Appends a JSON Pointer token for `key` to `pointer` (escaping ~ and /).
void append_pointer(std::string& pointer, std::string_view key);

} // namespace sqma::io
