// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string_view>

namespace sqma::io::detail {

// Parses one JSON value from text with simdjson, giving what nlohmann::json::parse would
// give (the same values of the same types, a UTF-8 byte order mark skipped), except that a
// key repeated inside one object is refused. Returns no value for anything it does not
// accept, and also for what lies past the limits of limits.hpp or what simdjson refuses
// while nlohmann might not (integers beyond 64 bits, a NUL after the value), for which it
// does not say why: parse_json then runs nlohmann's parser to decide and to report the
// error with its line and JSON path. Throws only std::bad_alloc.
[[nodiscard]] std::optional<nlohmann::json> parse_json_simd(std::string_view text);

// Whether `text` is well-formed UTF-8 (Unicode 15, table 3-7), as nlohmann's writer takes it.
[[nodiscard]] bool valid_utf8(std::string_view text) noexcept;

} // namespace sqma::io::detail
