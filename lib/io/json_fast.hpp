// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string_view>

namespace sqma::io::detail {

// Parses one JSON value from contiguous text, as nlohmann::json::parse would (the same
// values of the same types, a UTF-8 byte order mark skipped), except that a key repeated
// inside one object is refused. Returns no value for anything it does not accept, and also
// for documents nested deeper than 512 levels, for which it does not say why: parse_json
// then runs nlohmann's parser to find and report the error. Throws only std::bad_alloc.
[[nodiscard]] std::optional<nlohmann::json> parse_json_fast(std::string_view text);

} // namespace sqma::io::detail
