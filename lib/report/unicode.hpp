// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// UTF-8 helpers shared by the report writers; small on purpose, not a Unicode library.
namespace sqma::report::unicode {

// The replacement character U+FFFD in UTF-8.
inline constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// Returns `text` with every invalid UTF-8 sequence (stray or truncated bytes, overlong
// forms, surrogates, code points above U+10FFFF) replaced by U+FFFD. Never throws.
[[nodiscard]] std::string valid_utf8(std::string_view text);

// Returns valid_utf8(text) made safe for one terminal line: tab, CR and LF become a space,
// other control characters (C0, DEL, C1, so no escape sequences) become U+FFFD.
[[nodiscard]] std::string terminal_safe(std::string_view text);

// The number of terminal columns `text` takes: East Asian wide characters count 2,
// combining marks and zero-width characters 0, everything else 1. `text` must be valid
// UTF-8 (see valid_utf8).
[[nodiscard]] std::size_t display_width(std::string_view text);

// The columns one code point takes, as display_width counts them (0, 1 or 2).
[[nodiscard]] std::size_t code_point_width(char32_t cp);

// The length of valid UTF-8 `text` in UTF-16 code units, the way Excel counts characters.
[[nodiscard]] std::size_t utf16_length(std::string_view text);

// Calls `fn(code_point, bytes)` for each code point of valid UTF-8 `text`.
template <typename Fn> void for_each_code_point(std::string_view text, Fn&& fn);

// Decodes the code point at the start of `text` into `cp` and returns its byte length, or
// returns 0 when the bytes there are not valid UTF-8.
[[nodiscard]] std::size_t decode(std::string_view text, char32_t& cp);

template <typename Fn> void for_each_code_point(std::string_view text, Fn&& fn)
{
  while (!text.empty()) {
    char32_t cp = 0;
    std::size_t length = decode(text, cp);
    if (length == 0) {
      cp = 0xFFFD;
      length = 1;
    }
    fn(cp, text.substr(0, length));
    text.remove_prefix(length);
  }
}

} // namespace sqma::report::unicode
