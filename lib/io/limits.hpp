// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace sqma::io {

// Bounds on untrusted input, documented in sqma(1) under LIMITS. Past each, reading stops
// with an error that names the file and the place, long before memory or time run out.
inline constexpr int k_max_json_depth = 256; // nested arrays and objects
inline constexpr std::size_t k_max_record_bytes = std::size_t{16} << 20U; // one JSON value
inline constexpr std::size_t k_max_string_bytes = std::size_t{1} << 20U;  // one JSON string
inline constexpr std::size_t k_max_records = 1000000;                     // values in one run
inline constexpr std::size_t k_max_toml_bytes = std::size_t{8} << 20U;    // one TOML file
inline constexpr int k_max_toml_dots = 64; // dots in the keys and values of one TOML line

} // namespace sqma::io
