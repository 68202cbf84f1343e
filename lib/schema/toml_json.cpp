// SPDX-License-Identifier: Apache-2.0
// The only translation unit that includes toml++ (built by Debian in its compiled mode).
#include "schema/toml_json.hpp"

#include "io/limits.hpp"
#include "io/text.hpp"

#include "io/json_reader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <string>

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
  } catch (const toml::parse_error& error) {
    return Failure{ExitCode::data, fmt::format("TOML syntax: {}", error.description()),
                   Location{file, error.source().begin.line, {}}};
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
