// SPDX-License-Identifier: Apache-2.0
#include "model/json_text.hpp"

#include "io/json_simd.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace sqma::model {

namespace {

constexpr std::uint64_t k_ones = 0x0101010101010101U;
constexpr std::uint64_t k_highs = 0x8080808080808080U;

// Whether none of the 8 bytes of `word` is a control character, '"' or '\\', which a JSON
// string holds as they are: the common case, tested a word at a time. (x - n) & ~x sets the
// high bit of some byte exactly when a byte of x is below n (n at most 0x80), and x ^ c has
// a zero byte where x has c.
bool plain_bytes(std::uint64_t word)
{
  const auto below = [](std::uint64_t x, std::uint64_t n) {
    return (x - k_ones * n) & ~x & k_highs;
  };
  return (below(word, 0x20) | below(word ^ (k_ones * '"'), 1) | below(word ^ (k_ones * '\\'), 1)) ==
         0;
}

} // namespace

JsonText::JsonText(bool pretty) : m_pretty(pretty)
{
  // Enough for most dossiers, so that the text is rarely moved while it grows.
  m_out.reserve(4096);
  m_members.reserve(64);
  m_levels.reserve(16);
}

void JsonText::begin_object()
{
  element();
  m_out += '{';
  m_levels.push_back({m_out.size(), m_members.size(), 0, true});
}

void JsonText::end_object()
{
  const Level level = m_levels.back();
  m_levels.pop_back();
  if (level.count > 0) {
    m_members.back().end = m_out.size();
    sort_members(level);
    m_members.resize(level.first_member);
    if (m_pretty) {
      m_out += '\n';
      indent(m_levels.size());
    }
  }
  m_out += '}';
}

void JsonText::begin_array()
{
  element();
  m_out += '[';
  m_levels.push_back({m_out.size(), m_members.size(), 0, false});
}

void JsonText::end_array()
{
  const Level level = m_levels.back();
  m_levels.pop_back();
  if (level.count > 0 && m_pretty) {
    m_out += '\n';
    indent(m_levels.size());
  }
  m_out += ']';
}

void JsonText::key(std::string_view key)
{
  Level& level = m_levels.back();
  if (level.count > 0) {
    m_members.back().end = m_out.size();
  }
  separate(level.count++);
  m_members.push_back({key, m_out.size(), 0});
  indent(m_levels.size());
  escaped(key);
  m_out.append(m_pretty ? ": " : ":");
}

void JsonText::string(std::string_view text)
{
  element();
  escaped(text);
}

void JsonText::boolean(bool value)
{
  element();
  m_out.append(value ? "true" : "false");
}

void JsonText::null()
{
  element();
  m_out.append("null");
}

void JsonText::number(double value)
{
  element();
  m_out += nlohmann::json(value).dump();
}

void JsonText::value(const nlohmann::json& value)
{
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
  case Type::null: null(); return;
  case Type::boolean: boolean(value.get<bool>()); return;
  case Type::number_integer: integer(value.get<std::int64_t>()); return;
  case Type::number_unsigned: integer(value.get<std::uint64_t>()); return;
  case Type::number_float: number(value.get<double>()); return;
  case Type::string: string(value.get_ref<const std::string&>()); return;
  case Type::object:
    begin_object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      key(it.key());
      this->value(it.value());
    }
    end_object();
    return;
  case Type::array:
    begin_array();
    for (const auto& item : value) {
      this->value(item);
    }
    end_array();
    return;
  case Type::binary:
  case Type::discarded: break;
  }
  // Values no JSON text holds: nlohmann writes them, indented as if from the left margin.
  element();
  const auto text = m_pretty ? value.dump(2) : value.dump();
  for (const char c : text) {
    m_out += c;
    if (c == '\n') {
      indent(m_levels.size());
    }
  }
}

std::string JsonText::take()
{
  m_levels.clear();
  m_members.clear();
  return std::exchange(m_out, {});
}

void JsonText::element()
{
  if (!m_levels.empty() && !m_levels.back().object) {
    separate(m_levels.back().count++);
    indent(m_levels.size());
  }
}

void JsonText::separate(std::size_t count)
{
  if (count > 0) {
    m_out += ',';
  }
  if (m_pretty) {
    m_out += '\n';
  }
}

void JsonText::indent(std::size_t depth)
{
  if (m_pretty) {
    m_out.append(2 * depth, ' ');
  }
}

void JsonText::escaped(std::string_view text)
{
  const std::size_t start = m_out.size();
  m_out += '"';
  std::size_t copied = 0; // text before this is in m_out already
  std::uint64_t seen = 0; // every byte passed, or-ed: its high bits tell if any is not ASCII
  for (std::size_t i = 0; i < text.size();) {
    if (std::uint64_t word = 0; i + 8 <= text.size()) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if (plain_bytes(word)) {
        seen |= word;
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    seen |= c;
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    m_out.append(text, copied, i - copied);
    m_out += '\\';
    switch (c) {
    case '"': m_out += '"'; break;
    case '\\': m_out += '\\'; break;
    case '\b': m_out += 'b'; break;
    case '\f': m_out += 'f'; break;
    case '\n': m_out += 'n'; break;
    case '\r': m_out += 'r'; break;
    case '\t': m_out += 't'; break;
    default:
      constexpr std::string_view hex = "0123456789abcdef";
      m_out.append("u00");
      m_out += hex[c >> 4U];
      m_out += hex[c & 0xFU];
    }
    copied = ++i;
  }
  if ((seen & k_highs) != 0 && !io::detail::valid_utf8(text)) {
    // nlohmann throws for this text, with the index and byte in its message.
    m_out.resize(start);
    m_out += nlohmann::json(std::string(text)).dump();
    return;
  }
  m_out.append(text, copied);
  m_out += '"';
}

void JsonText::sort_members(const Level& level)
{
  const auto first = m_members.begin() + static_cast<std::ptrdiff_t>(level.first_member);
  const auto by_key = [](const Member& a, const Member& b) { return a.key < b.key; };
  if (std::is_sorted(first, m_members.end(), by_key)) {
    return;
  }
  // std::string's own order, as nlohmann's std::map of members has it.
  std::sort(first, m_members.end(), by_key);
  m_scratch.assign(m_out, level.content);
  m_out.resize(level.content);
  std::size_t count = 0;
  for (auto it = first; it != m_members.end(); ++it) {
    separate(count++);
    m_out.append(m_scratch, it->body - level.content, it->end - it->body);
  }
}

} // namespace sqma::model
