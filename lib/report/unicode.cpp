// SPDX-License-Identifier: Apache-2.0
#include "report/unicode.hpp"

#include <array>
#include <utility>

namespace sqma::report::unicode {
namespace {

using Range = std::pair<char32_t, char32_t>;

// East Asian Wide and Fullwidth blocks in common use (Hangul Jamo, CJK radicals to Yi,
// Hangul syllables, compatibility ideographs, vertical and small forms, fullwidth forms,
// CJK extensions B and beyond).
constexpr std::array<Range, 8> k_wide = {{
    {0x1100, 0x115F},
    {0x2E80, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x20000, 0x3FFFD},
}};

// Combining diacritics, zero-width space and joiners, variation selectors, BOM.
constexpr std::array<Range, 5> k_zero = {{
    {0x0300, 0x036F},
    {0x200B, 0x200F},
    {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},
}};

template <std::size_t N> bool in(const std::array<Range, N>& ranges, char32_t cp)
{
  for (const auto& [first, last] : ranges) {
    if (cp >= first && cp <= last) {
      return true;
    }
  }
  return false;
}

bool is_control(char32_t cp)
{
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

unsigned byte(std::string_view text, std::size_t i)
{
  return static_cast<unsigned char>(text[i]);
}

} // namespace

std::size_t decode(std::string_view text, char32_t& cp)
{
  if (text.empty()) {
    return 0;
  }
  const unsigned lead = byte(text, 0);
  std::size_t length = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1Fu;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0Fu;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned next = byte(text, i);
    if ((next & 0xC0u) != 0x80u) {
      return 0;
    }
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return length;
}

std::string valid_utf8(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    out += cp == 0xFFFD ? k_replacement : bytes;
  });
  return out;
}

std::string terminal_safe(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    if (cp == '\t' || cp == '\r' || cp == '\n') {
      out += ' ';
    } else if (is_control(cp) || cp == 0xFFFD) {
      out += k_replacement;
    } else {
      out += bytes;
    }
  });
  return out;
}

std::size_t code_point_width(char32_t cp)
{
  if (in(k_zero, cp)) {
    return 0;
  }
  return in(k_wide, cp) ? 2 : 1;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  for_each_code_point(text, [&](char32_t cp, std::string_view) { width += code_point_width(cp); });
  return width;
}

std::size_t utf16_length(std::string_view text)
{
  std::size_t length = 0;
  for_each_code_point(text, [&](char32_t cp, std::string_view) { length += cp > 0xFFFF ? 2 : 1; });
  return length;
}

} // namespace sqma::report::unicode
