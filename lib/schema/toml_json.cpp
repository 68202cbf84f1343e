// SPDX-License-Identifier: Apache-2.0
// The only translation unit that includes toml++ (built by Debian in its compiled mode).
#include "schema/toml_json.hpp"

#include "io/limits.hpp"
#include "io/text.hpp"

#include "io/json_reader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

namespace sqma::schema {
namespace {

std::string format_date(const toml::date& d)
{
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string format_time(const toml::time& t)
{
  if (t.nanosecond == 0) {
    return fmt::format("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
  }
  return fmt::format("{:02}:{:02}:{:02}.{:09}", t.hour, t.minute, t.second, t.nanosecond);
}

// A value TOML reads as a float that is no number (nan) or no finite one (inf): JSON has
// neither, and no score, share or count of sqma's may be one.
struct NotFinite {
  std::string pointer;
  std::size_t line = 0;
};

nlohmann::json convert(const toml::node& node, const std::string& pointer, LineMap& lines)
{
  lines.emplace(pointer, node.source().begin.line);
  if (const auto* table = node.as_table()) {
    auto out = nlohmann::json::object();
    for (const auto& [key, value] : *table) {
      std::string child = pointer;
      io::append_pointer(child, key.str());
      out[std::string(key.str())] = convert(value, child, lines);
      // A key's own position beats its value's for tables defined by a header.
      lines[child] =
          key.source().begin.line > 0 ? key.source().begin.line : value.source().begin.line;
    }
    return out;
  }
  if (const auto* array = node.as_array()) {
    auto out = nlohmann::json::array();
    std::size_t index = 0;
    for (const auto& value : *array) {
      out.push_back(convert(value, pointer + "/" + std::to_string(index++), lines));
    }
    return out;
  }
  if (const auto* s = node.as_string()) {
    return s->get();
  }
  if (const auto* i = node.as_integer()) {
    return i->get();
  }
  if (const auto* f = node.as_floating_point()) {
    if (!std::isfinite(f->get())) {
      throw NotFinite{pointer, node.source().begin.line};
    }
    return f->get();
  }
  if (const auto* b = node.as_boolean()) {
    return b->get();
  }
  if (const auto* d = node.as_date()) {
    return format_date(d->get());
  }
  if (const auto* t = node.as_time()) {
    return format_time(t->get());
  }
  if (const auto* dt = node.as_date_time()) {
    const auto& v = dt->get();
    std::string text = format_date(v.date) + "T" + format_time(v.time);
    if (v.offset) {
      const int minutes = v.offset->minutes;
      if (minutes == 0) {
        text += "Z";
      } else {
        const int magnitude = minutes < 0 ? -minutes : minutes;
        text +=
            fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
      }
    }
    return text;
  }
  return nullptr;
}

// The first line of `text` with more than k_max_toml_dots dots outside strings and comments,
// or 0. toml++ makes a table for each part of a dotted key, recursively, and so runs out of
// stack on a key of some ten thousand parts, which a file of a few hundred kilobytes holds;
// no document of sqma's has more than a few dots on a line (a date-time's fraction, a
// number, a key of two or three parts), and keys cannot span lines.
// How many of the up to two `quote`s at `at` belong to the multi-line string that closes
// just before them: TOML reads a string closed by four or five quotes as ending in one or two.
std::size_t quotes_after(std::string_view text, std::size_t at, char quote)
{
  std::size_t n = 0;
  while (n < 2 && at + n < text.size() && text[at + n] == quote) {
    ++n;
  }
  return n;
}

std::size_t line_of_deep_key(std::string_view text)
{
  enum class In { code, basic, literal, multi_basic, multi_literal, comment };
  In in = In::code;
  std::size_t line = 1;
  int dots = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto ahead = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
    if (c == '\n') {
      ++line;
      dots = 0;
      if (in == In::comment || in == In::basic || in == In::literal) {
        in = In::code; // a single-line string that runs on is toml++'s error to report
      }
      continue;
    }
    switch (in) {
    case In::code:
      if (c == '.' && ++dots > io::k_max_toml_dots) {
        return line;
      }
      if (c == '#') {
        in = In::comment;
      } else if (ahead("\"\"\"")) {
        in = In::multi_basic;
        i += 2;
      } else if (ahead("'''")) {
        in = In::multi_literal;
        i += 2;
      } else if (c == '"') {
        in = In::basic;
      } else if (c == '\'') {
        in = In::literal;
      }
      break;
    case In::basic:
    case In::multi_basic:
      if (c == '\\') {
        ++i; // the escaped byte (a line feed after it only continues the string)
        if (i < text.size() && text[i] == '\n') {
          ++line;
        }
      } else if (in == In::basic ? c == '"' : ahead("\"\"\"")) {
        i += in == In::basic ? 0 : 2 + quotes_after(text, i + 3, '"');
        in = In::code;
      }
      break;
    case In::literal:
    case In::multi_literal:
      if (in == In::literal ? c == '\'' : ahead("'''")) {
        i += in == In::literal ? 0 : 2 + quotes_after(text, i + 3, '\'');
        in = In::code;
      }
      break;
    case In::comment: break;
    }
  }
  return 0;
}

// The line `number` (from 1) of `text`, without its line break.
std::string_view line_at(std::string_view text, std::size_t number)
{
  std::size_t at = 0;
  for (std::size_t n = 1; n < number && at != std::string_view::npos; ++n) {
    at = text.find('\n', at);
    at = at == std::string_view::npos ? at : at + 1;
  }
  if (at == std::string_view::npos || at > text.size()) {
    return {};
  }
  auto line = text.substr(at, text.find('\n', at) - at);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

std::string_view trimmed(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool all_digits(std::string_view text)
{
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether `value` is a TOML value as it stands (true, inf, 1e6, 0x1F, a date-time): such a
// value is no reason for a hint to quote it.
bool is_toml_value(std::string_view value)
{
  try {
    (void)toml::parse("v = " + std::string(value));
    return true;
  } catch (const toml::parse_error&) {
    return false;
  }
}

// What to do about the mistakes people make when they fill in a TOML file by hand, read from
// toml++'s `description` of the error and the line it refused; empty when they show none of
// them. Values are quoted with their control characters escaped, and an identity number is
// not quoted at all.
std::string syntax_hint(std::string_view description, std::string_view line)
{
  if (description.find("cannot redefine") != std::string_view::npos) {
    return "a key or table is given twice: keep one of them";
  }
  // Only what stands outside a quoted text: a full-width comma inside one is fine.
  const auto code = line.substr(0, line.find_first_of("\"'#"));
  // Full-width forms (U+FF01 to U+FF5E: ＝ ， ０-９ ％ ...), the ideographic space and
  // curly quotes, as a Chinese input method types them.
  const bool full_width = code.find("\xEF\xBC") != std::string_view::npos ||
                          code.find("\xEF\xBD") != std::string_view::npos ||
                          code.find("\xE3\x80\x80") != std::string_view::npos ||
                          code.find("\xE2\x80\x9C") != std::string_view::npos ||
                          code.find("\xE2\x80\x9D") != std::string_view::npos;
  if (full_width) {
    return "write = , digits, quotes and % half-width (半角), not full-width (全角): switch "
           "the input method to English";
  }
  const auto equals = line.find('=');
  if (equals == std::string_view::npos) {
    return {};
  }
  const auto value = trimmed(line.substr(equals + 1).substr(0, line.substr(equals + 1).find('#')));
  if (value.empty()) {
    return "the value after = is missing: fill it in, or put the # back at the start of the "
           "line to leave the key out";
  }
  if (const auto comma = value.find(','); comma != std::string_view::npos &&
                                          all_digits(value.substr(0, comma)) &&
                                          all_digits(value.substr(comma + 1))) {
    const auto whole = value.substr(0, comma);
    const auto part = value.substr(comma + 1);
    if (part.size() == 3) {
      // 1,000 is a thousand to most people who type it, and 1.000 to some.
      return fmt::format("write numbers without a comma: {0}{1} if the comma groups "
                         "thousands, {0}.{1} if it marks the decimals",
                         whole, part);
    }
    return fmt::format("write decimals with a dot: {}.{}", whole, part);
  }
  if (value.size() > 1 && value.back() == '%') {
    return fmt::format("write the number without %: {}",
                       io::quote_prefix(value.substr(0, value.size() - 1)));
  }
  for (const auto& [word, meaning] :
       {std::pair{"是", "true"}, std::pair{"否", "false"}, std::pair{"yes", "true"},
        std::pair{"no", "false"}, std::pair{"True", "true"}, std::pair{"False", "false"},
        std::pair{"TRUE", "true"}, std::pair{"FALSE", "false"}}) {
    if (value == word) {
      return fmt::format("write yes or no as true or false, in lower case: {}", meaning);
    }
  }
  // 2025/06/30, 2025年6月30日, and a date whose time is cut short (2025-06-30T).
  const bool dated = value.size() > 4 && all_digits(value.substr(0, 4)) &&
                     (value[4] == '-' || value[4] == '/' || value.substr(4, 3) == "年");
  if (dated || (std::isdigit(static_cast<unsigned char>(value.front())) != 0 &&
                value.find('/') != std::string_view::npos)) {
    return "write a date as YYYY-MM-DD, without quotes: 2025-06-30";
  }
  // Words, and codes that start with a digit but hold letters (an identity number ending in
  // X, a credit code): neither is a TOML value unquoted.
  const unsigned char first = static_cast<unsigned char>(value.front());
  const bool coded =
      std::isdigit(first) != 0 && std::any_of(value.begin(), value.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0;
      });
  if ((first >= 0x80 || std::isalpha(first) != 0 || coded) && !is_toml_value(value)) {
    const auto key = trimmed(line.substr(0, equals));
    if (key.size() >= 9 && key.substr(key.size() - 9) == "id_number") {
      return "text goes in double quotes";
    }
    return fmt::format("text goes in double quotes: \"{}\"", io::quote_prefix(value));
  }
  return {};
}

} // namespace

Result<TomlDocument> parse_toml(std::string_view text, const std::string& file)
{
  if (text.size() > io::k_max_toml_bytes) {
    return Failure{ExitCode::data,
                   fmt::format("{} bytes, more than the {} MB a TOML input may have", text.size(),
                               io::k_max_toml_bytes >> 20U),
                   Location{file, 0, {}}};
  }
  if (auto problem = io::encoding_problem(text)) {
    return Failure{ExitCode::data, std::move(*problem), Location{file, 0, {}}};
  }
  if (const auto line = line_of_deep_key(text); line > 0) {
    return Failure{ExitCode::data,
                   fmt::format("more than {} dots on one line: keys nested this deep are no "
                               "document of sqma's",
                               io::k_max_toml_dots),
                   Location{file, line, {}}};
  }
  try {
    const toml::table table = toml::parse(text, file);
    TomlDocument doc;
    doc.json = convert(table, "", doc.lines);
    return doc;
  } catch (const NotFinite& value) {
    return Failure{ExitCode::data, "nan and inf are not numbers sqma takes: write a number",
                   Location{file, value.line, value.pointer}};
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    auto message = fmt::format("TOML syntax, column {}: {}", at.column, error.description());
    if (const auto hint = syntax_hint(error.description(), line_at(text, at.line)); !hint.empty()) {
      message += "; " + hint;
    }
    return Failure{ExitCode::data, std::move(message), Location{file, at.line, {}}};
  }
}

std::size_t line_for(const LineMap& lines, std::string pointer)
{
  for (;;) {
    if (const auto it = lines.find(pointer); it != lines.end() && it->second > 0) {
      return it->second;
    }
    if (pointer.empty()) {
      return 0;
    }
    pointer.erase(pointer.rfind('/'));
  }
}

} // namespace sqma::schema
