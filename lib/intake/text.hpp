// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sqma::intake {

// Text of a file turned into UTF-8, and the encoding it was found in.
struct Decoded {
  std::string text;
  std::string encoding; // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "GB18030"
};

// Decodes a roster as Excel and WPS write it, by its content: a UTF-8 or UTF-16 byte order
// mark says so; otherwise text that is valid UTF-8 is UTF-8, and anything else must be
// valid GB18030 (what Excel on Chinese Windows writes). A Failure names the byte offset
// where the text is neither.
[[nodiscard]] Result<Decoded> decode_text(std::string_view bytes, const std::string& file);

// The records of CSV text (RFC 4180: quoted fields may hold the delimiter, "" and line
// breaks), each a list of fields; the delimiter is a comma, or a tab when the first line
// has more tabs than commas. A Failure for an unclosed quote or past the bounds (100,000
// records, 500 fields, 64 KiB a field).
[[nodiscard]] Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text,
                                                                      const std::string& file);

} // namespace sqma::intake
