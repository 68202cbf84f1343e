// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: decoding entry names and judging whether they are safe to use as
// relative paths.
#pragma once

#include "bundle/inspect.hpp"

#include <iconv.h>

#include <string>
#include <string_view>
#include <vector>

namespace sqma::bundle::detail {

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view bytes) noexcept;

// `bytes` with every byte outside printable ASCII written as \xNN, for naming an entry whose
// name cannot be decoded.
[[nodiscard]] std::string escape_bytes(std::string_view bytes);

// An entry name turned into UTF-8.
struct DecodedName {
  std::string name;          // UTF-8; the escaped bytes when `valid` is false
  bool from_gb18030 = false; // decoded from GB18030
  bool valid = true;         // false when the bytes are neither UTF-8 nor GB18030
};

// Decodes raw entry names: UTF-8 as they are, others from GB18030 (what Chinese Windows tools
// write) unless the entry claims UTF-8 with general purpose bit 11. Holds one glibc iconv
// descriptor, opened on first need: use one decoder per thread. Throws std::bad_alloc only.
class NameDecoder {
public:
  NameDecoder() = default;
  NameDecoder(const NameDecoder&) = delete;
  NameDecoder& operator=(const NameDecoder&) = delete;
  ~NameDecoder();

  // The decoded form of `raw`; `utf8_flag` is general purpose bit 11 of the entry.
  [[nodiscard]] DecodedName decode(std::string_view raw, bool utf8_flag);

private:
  iconv_t m_iconv{};
  bool m_open = false;
  bool m_unavailable = false;
};

// Every reason why `name` (already decoded) is unsafe or invalid as a relative path: kinds
// path_traversal, absolute_path, drive_letter, backslash and invalid_name, each with a detail.
[[nodiscard]] std::vector<Problem> name_problems(std::string_view name);

} // namespace sqma::bundle::detail
