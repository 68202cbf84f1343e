// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sqma::io {

// The offset of the first byte that is not part of well-formed UTF-8 (no overlong forms,
// surrogates or code points past U+10FFFF), or nullopt when every byte is.
[[nodiscard]] std::optional<std::size_t> utf8_error_offset(std::string_view bytes) noexcept;

// When `bytes` are not UTF-8 text, what to tell the user: "not UTF-8 (UTF-16 ...)" for a
// UTF-16 byte order mark or NUL bytes, else "not UTF-8 at line L, byte B of the line ...",
// each ending in "re-save it as UTF-8". `bytes` start at line `first_line` of their file (a
// record of a JSON Lines file). Nullopt for UTF-8 text.
[[nodiscard]] std::optional<std::string> encoding_problem(std::string_view bytes,
                                                          std::size_t first_line = 1);

// `text` with its control characters written as escapes (\n, \r, \t, \x1b, ...), so that
// a value quoted in a message keeps the message on one line.
[[nodiscard]] std::string escape_controls(std::string_view text);

// `text` cut to at most `max` bytes at a character boundary, with "…" and the whole size
// added when cut, its control characters escaped (escape_controls) and a backslash or double
// quote escaped as in a JSON or TOML string: how a message quotes a value that may be
// megabytes long, hold a line break or a quote of its own.
[[nodiscard]] std::string quote_prefix(std::string_view text, std::size_t max = 60);

} // namespace sqma::io
