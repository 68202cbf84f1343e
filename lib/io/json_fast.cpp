// SPDX-License-Identifier: Apache-2.0
#include "io/json_fast.hpp"

#include "io/limits.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

namespace sqma::io::detail {
namespace {

using nlohmann::json;

// This parser recurses once per level; a deeper document, or one with a string past the
// limit, goes to the strict parser, which refuses it with the place.
constexpr int k_max_depth = io::k_max_json_depth;

// Most arrays of a record hold a few objects; reserving room for them saves the growth
// from one to two to four elements.
constexpr std::size_t k_array_reserve = 4;

constexpr std::uint64_t k_ones = 0x0101010101010101U;
constexpr std::uint64_t k_highs = 0x8080808080808080U;

// Nonzero when one of the eight bytes of `word` is zero.
constexpr std::uint64_t zero_byte(std::uint64_t word)
{
  return (word - k_ones) & ~word & k_highs;
}

// Nonzero when one of the eight bytes of `word` is anything but printable ASCII other than
// '"' and '\\': a string cannot copy it as it is.
constexpr std::uint64_t special_byte(std::uint64_t word)
{
  return zero_byte(word ^ (k_ones * '"')) | zero_byte(word ^ (k_ones * '\\')) |
         ((word - k_ones * 0x20U) & ~word & k_highs) | (word & k_highs);
}

constexpr bool plain(unsigned char c)
{
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

constexpr bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// The value of a hex digit, or -1.
constexpr int hex_digit(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Appends code point `cp` (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp)
{
  const auto byte = [](std::uint32_t bits) { return static_cast<char>(bits); };
  if (cp < 0x80) {
    out += byte(cp);
  } else if (cp < 0x800) {
    out += byte(0xC0U | (cp >> 6U));
    out += byte(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += byte(0xE0U | (cp >> 12U));
    out += byte(0x80U | ((cp >> 6U) & 0x3FU));
    out += byte(0x80U | (cp & 0x3FU));
  } else {
    out += byte(0xF0U | (cp >> 18U));
    out += byte(0x80U | ((cp >> 12U) & 0x3FU));
    out += byte(0x80U | ((cp >> 6U) & 0x3FU));
    out += byte(0x80U | (cp & 0x3FU));
  }
}

// A recursive-descent parser over [at, end); every member function returns false at the
// first byte it does not accept, and the whole parse is then abandoned.
class Parser {
public:
  Parser(const char* at, const char* end) : m_at(at), m_end(end) {}

  bool document(json& out)
  {
    skip_space();
    if (!value(out, 0)) {
      return false;
    }
    skip_space();
    // nlohmann's lexer takes a NUL byte between tokens for the end of the input (for C
    // strings) and ignores whatever follows it.
    return m_at == m_end || *m_at == '\0';
  }

private:
  // Steps over `c` if it comes next.
  bool eat(char c)
  {
    if (m_at == m_end || *m_at != c) {
      return false;
    }
    ++m_at;
    return true;
  }

  void skip_space()
  {
    while (m_at != m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t')) {
      ++m_at;
    }
  }

  bool value(json& out, int depth)
  {
    if (m_at == m_end) {
      return false;
    }
    switch (*m_at) {
    case '{': return depth < k_max_depth && object(out, depth + 1);
    case '[': return depth < k_max_depth && array(out, depth + 1);
    case '"': {
      ++m_at;
      std::string text;
      if (!string(text)) {
        return false;
      }
      out = std::move(text);
      return true;
    }
    case 't': return literal("true", out, true);
    case 'f': return literal("false", out, false);
    case 'n': return literal("null", out, nullptr);
    default: return number(out);
    }
  }

  template <typename T> bool literal(std::string_view word, json& out, T value)
  {
    if (static_cast<std::size_t>(m_end - m_at) < word.size() ||
        std::memcmp(m_at, word.data(), word.size()) != 0) {
      return false;
    }
    m_at += word.size();
    out = value;
    return true;
  }

  bool object(json& out, int depth)
  {
    ++m_at;
    out = json::object();
    auto& members = *out.get_ptr<json::object_t*>();
    skip_space();
    if (eat('}')) {
      return true;
    }
    for (;;) {
      std::string key;
      if (!eat('"') || !string(key)) {
        return false;
      }
      skip_space();
      if (!eat(':')) {
        return false;
      }
      skip_space();
      json* slot = nullptr;
      // Keys written in order (as nlohmann writes them) each go to the end of the map
      // without a search; any other order costs one search, which also finds a repeat.
      if (members.empty() || members.rbegin()->first < key) {
        slot = &members.emplace_hint(members.end(), std::move(key), nullptr)->second;
      } else {
        const auto [member, inserted] = members.try_emplace(std::move(key));
        if (!inserted) {
          return false;
        }
        slot = &member->second;
      }
      if (!value(*slot, depth)) {
        return false;
      }
      skip_space();
      if (eat('}')) {
        return true;
      }
      if (!eat(',')) {
        return false;
      }
      skip_space();
    }
  }

  bool array(json& out, int depth)
  {
    ++m_at;
    out = json::array();
    auto& items = *out.get_ptr<json::array_t*>();
    skip_space();
    if (eat(']')) {
      return true;
    }
    items.reserve(k_array_reserve);
    for (;;) {
      if (!value(items.emplace_back(), depth)) {
        return false;
      }
      skip_space();
      if (eat(']')) {
        return true;
      }
      if (!eat(',')) {
        return false;
      }
      skip_space();
    }
  }

  // Reads the rest of a string whose opening quote has been read.
  bool string(std::string& out)
  {
    const char* run = m_at;
    for (;;) {
      while (m_end - m_at >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, m_at, sizeof word);
        if (special_byte(word) != 0) {
          break;
        }
        m_at += 8;
      }
      while (m_at != m_end && plain(static_cast<unsigned char>(*m_at))) {
        ++m_at;
      }
      if (m_at == m_end) {
        return false;
      }
      const auto c = static_cast<unsigned char>(*m_at);
      if (c >= 0x80) {
        // Well-formed UTF-8 is copied as it is, with the run around it.
        if (!skip_utf8()) {
          return false;
        }
        continue;
      }
      out.append(run, m_at);
      if (c == '"') {
        ++m_at;
        return out.size() <= io::k_max_string_bytes;
      }
      if (c != '\\' || !escape(out)) {
        return false;
      }
      run = m_at;
    }
  }

  // Steps over one UTF-8 sequence, accepting exactly what nlohmann's lexer accepts: no
  // overlong forms, no surrogates, nothing above U+10FFFF.
  bool skip_utf8()
  {
    const auto left = m_end - m_at;
    const auto byte = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(m_at[i]); };
    const auto in = [&](std::ptrdiff_t i, unsigned lo, unsigned hi) {
      return i < left && byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned lead = byte(0);
    std::ptrdiff_t size = 0;
    bool ok = false;
    if (lead >= 0xC2 && lead <= 0xDF) {
      size = 2;
      ok = in(1, 0x80, 0xBF);
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      size = 3;
      const unsigned lo = lead == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = lead == 0xED ? 0x9F : 0xBF;
      ok = in(1, lo, hi) && in(2, 0x80, 0xBF);
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      size = 4;
      const unsigned lo = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = lead == 0xF4 ? 0x8F : 0xBF;
      ok = in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF);
    }
    if (!ok) {
      return false;
    }
    m_at += size;
    return true;
  }

  // Reads one escape sequence starting at its backslash.
  bool escape(std::string& out)
  {
    if (m_end - m_at < 2) {
      return false;
    }
    char plain_char = 0;
    switch (m_at[1]) {
    case '"': plain_char = '"'; break;
    case '\\': plain_char = '\\'; break;
    case '/': plain_char = '/'; break;
    case 'b': plain_char = '\b'; break;
    case 'f': plain_char = '\f'; break;
    case 'n': plain_char = '\n'; break;
    case 'r': plain_char = '\r'; break;
    case 't': plain_char = '\t'; break;
    case 'u': return unicode_escape(out);
    default: return false;
    }
    out += plain_char;
    m_at += 2;
    return true;
  }

  // The UTF-16 code unit that a \u escape with its four hex digits at m_at stands for, or -1.
  [[nodiscard]] int code_unit() const
  {
    if (m_end - m_at < 6 || m_at[0] != '\\' || m_at[1] != 'u') {
      return -1;
    }
    int unit = 0;
    for (int i = 2; i < 6; ++i) {
      const int digit = hex_digit(m_at[i]);
      if (digit < 0) {
        return -1;
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }

  bool unicode_escape(std::string& out)
  {
    const int first = code_unit();
    if (first < 0 || (first >= 0xDC00 && first <= 0xDFFF)) {
      return false;
    }
    m_at += 6;
    auto cp = static_cast<std::uint32_t>(first);
    if (first >= 0xD800 && first <= 0xDBFF) {
      const int second = code_unit();
      if (second < 0xDC00 || second > 0xDFFF) {
        return false;
      }
      m_at += 6;
      cp = 0x10000U + ((cp - 0xD800U) << 10U) + (static_cast<std::uint32_t>(second) - 0xDC00U);
    }
    append_utf8(out, cp);
    return true;
  }

  // Reads a number the way nlohmann's lexer types it: without fraction or exponent, an
  // unsigned integer when not negative and an integer when negative, each if it fits;
  // otherwise a double.
  bool number(json& out)
  {
    const char* start = m_at;
    const bool negative = *m_at == '-';
    if (negative) {
      ++m_at;
    }
    const char* digits = m_at;
    if (m_at == m_end || !is_digit(*m_at)) {
      return false;
    }
    if (*m_at == '0') {
      ++m_at;
    } else {
      while (m_at != m_end && is_digit(*m_at)) {
        ++m_at;
      }
    }
    const char* digits_end = m_at;
    bool integral = true;
    if (m_at != m_end && *m_at == '.') {
      ++m_at;
      if (!skip_digits()) {
        return false;
      }
      integral = false;
    }
    const char* exponent = m_at;
    if (m_at != m_end && (*m_at == 'e' || *m_at == 'E')) {
      ++m_at;
      if (m_at != m_end && (*m_at == '+' || *m_at == '-')) {
        ++m_at;
      }
      if (!skip_digits()) {
        return false;
      }
      integral = false;
    }
    if (integral && integer(digits, digits_end, negative, out)) {
      return true;
    }
    double parsed = 0;
    const auto [end, error] = std::from_chars(start, m_at, parsed);
    if (error == std::errc::result_out_of_range) {
      // strtod, which nlohmann uses, gives ±0 for a value too small for a double and
      // ±inf (which nlohmann refuses) for one too large.
      if (magnitude(digits, digits_end, exponent) > 0) {
        return false;
      }
      parsed = negative ? -0.0 : 0.0;
    } else if (error != std::errc() || end != m_at) {
      return false;
    }
    out = parsed;
    return true;
  }

  bool skip_digits()
  {
    const char* first = m_at;
    while (m_at != m_end && is_digit(*m_at)) {
      ++m_at;
    }
    return m_at != first;
  }

  // Sets `out` to the integer [digits, end) if it fits nlohmann's type for it.
  static bool integer(const char* digits, const char* end, bool negative, json& out)
  {
    // More than twenty digits never fit in 64 bits; twenty may, and the loop checks.
    if (end - digits > 20) {
      return false;
    }
    std::uint64_t value = 0;
    for (const char* p = digits; p != end; ++p) {
      const auto digit = static_cast<std::uint64_t>(*p - '0');
      if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
        return false;
      }
      value = value * 10 + digit;
    }
    if (!negative) {
      out = static_cast<json::number_unsigned_t>(value);
      return true;
    }
    constexpr auto k_most_negative = std::uint64_t{1} << 63U;
    if (value > k_most_negative) {
      return false;
    }
    out = value == k_most_negative ? std::numeric_limits<json::number_integer_t>::min()
                                   : -static_cast<json::number_integer_t>(value);
    return true;
  }

  // The decimal order of magnitude of a number that from_chars found out of range: positive
  // for one too large for a double, negative for one too small (the two are hundreds of
  // orders apart). `digits` starts the integer part, `digits_end` ends it, `exponent` starts
  // the exponent part or is the end of the number.
  [[nodiscard]] std::int64_t magnitude(const char* digits, const char* digits_end,
                                       const char* exponent) const
  {
    std::int64_t order = 0;
    if (*digits != '0') {
      order = digits_end - digits;
    } else if (digits_end != exponent) {
      // Leading zeros of the fraction ("0.000123"); the number is not zero, or from_chars
      // would have read it.
      const char* p = digits_end + 1;
      while (p != exponent && *p == '0') {
        ++p;
      }
      order = -(p - (digits_end + 1));
    }
    if (exponent == m_at) {
      return order;
    }
    const char* p = exponent + 1;
    const bool minus = *p == '-';
    if (*p == '+' || *p == '-') {
      ++p;
    }
    // Beyond this an exponent outweighs any digit count a text in memory can have.
    constexpr std::int64_t k_cap = std::int64_t{1} << 50U;
    std::int64_t power = 0;
    for (; p != m_at && power < k_cap; ++p) {
      power = power * 10 + (*p - '0');
    }
    return minus ? order - power : order + power;
  }

  const char* m_at;
  const char* m_end;
};

} // namespace

std::optional<nlohmann::json> parse_json_fast(std::string_view text)
{
  const char* at = text.data();
  const char* end = at + text.size();
  // nlohmann skips a byte order mark at the very start, and only there.
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (text.substr(0, k_bom.size()) == k_bom) {
    at += k_bom.size();
  }
  Parser parser(at, end);
  json root;
  if (!parser.document(root)) {
    return std::nullopt;
  }
  return root;
}

} // namespace sqma::io::detail
