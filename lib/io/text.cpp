// SPDX-License-Identifier: Apache-2.0
#include "io/text.hpp"

#include "io/json_reader.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace sqma::io {
namespace {

bool is_continuation(unsigned char byte)
{
  return (byte & 0xC0U) == 0x80U;
}

} // namespace

std::optional<std::size_t> utf8_error_offset(std::string_view bytes) noexcept
{
  std::size_t at = 0;
  while (at < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[at]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80U) {
      ++at;
      continue;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
      length = 2;
      code = lead & 0x1FU;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
      length = 3;
      code = lead & 0x0FU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
      length = 4;
      code = lead & 0x07U;
    } else {
      return at;
    }
    if (bytes.size() - at < length) {
      return at;
    }
    for (std::size_t i = 1; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(bytes[at + i]);
      if (!is_continuation(byte)) {
        return at;
      }
      code = (code << 6U) | (byte & 0x3FU);
    }
    const bool overlong = (length == 3 && code < 0x800U) || (length == 4 && code < 0x10000U);
    const bool surrogate = code >= 0xD800U && code <= 0xDFFFU;
    if (overlong || surrogate || code > 0x10FFFFU) {
      return at;
    }
    at += length;
  }
  return std::nullopt;
}

std::optional<std::string> encoding_problem(std::string_view bytes, std::size_t first_line)
{
  const bool bom16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                           (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  const auto nul = bytes.find('\0');
  if (bom16 || nul != std::string_view::npos) {
    return fmt::format("not UTF-8: {} at byte {}, as UTF-16 text has; re-save it as UTF-8",
                       bom16 ? "a UTF-16 byte order mark" : "a NUL byte", bom16 ? 0 : nul);
  }
  if (const auto bad = utf8_error_offset(bytes)) {
    const auto line_start = bytes.rfind('\n', *bad);
    const auto column = line_start == std::string_view::npos ? *bad + 1 : *bad - line_start;
    return fmt::format("not UTF-8 at line {}, byte {} of the line (0x{:02X}), as GBK or other "
                       "legacy encodings write; re-save it as UTF-8",
                       first_line - 1 + line_of(bytes, *bad), column,
                       static_cast<unsigned char>(bytes[*bad]));
  }
  return std::nullopt;
}

std::string escape_controls(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (byte < 0x20 || byte == 0x7F) {
        out += fmt::format("\\x{:02x}", byte);
      } else {
        out += c;
      }
    }
  }
  return out;
}

namespace {

// escape_controls, with a backslash and a double quote escaped as well, as inside a JSON or
// TOML string.
std::string escape_quoted(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\\' || text[i] == '"') {
      out += escape_controls(text.substr(from, i - from));
      if (i < text.size()) {
        out += '\\';
        out += text[i];
      }
      from = i + 1;
    }
  }
  return out;
}

} // namespace

std::string quote_prefix(std::string_view text, std::size_t max)
{
  if (text.size() <= max) {
    return escape_quoted(text);
  }
  std::size_t cut = max;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) {
    --cut;
  }
  return fmt::format("{}… ({} bytes)", escape_quoted(text.substr(0, cut)), text.size());
}

} // namespace sqma::io
