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
// UTF-16 byte order mark or NUL bytes, else "not UTF-8 at byte N (line L) ...", each ending
// in "re-save it as UTF-8". Nullopt for UTF-8 text.
[[nodiscard]] std::optional<std::string> encoding_problem(std::string_view bytes);

// `text` with its control characters written as escapes (\n, \r, \t, \x1b, ...), so that
// a value quoted in a message keeps the message on one line.
[[nodiscard]] std::string escape_controls(std::string_view text);

// `text` cut to at most `max` bytes at a character boundary, with "…" and the whole size
// added when cut, and its control characters escaped (escape_controls): how a message
// quotes a value that may be megabytes long or hold a line break.
[[nodiscard]] std::string quote_prefix(std::string_view text, std::size_t max = 60);

} // namespace sqma::io
