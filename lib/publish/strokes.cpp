// SPDX-License-Identifier: Apache-2.0
#include "publish/strokes.hpp"

#include "core/error.hpp"
#include "report/unicode.hpp"

#include <fmt/format.h>

#include <vector>

namespace sqma::publish {
namespace embedded {
std::string_view resource(std::string_view name);
} // namespace embedded

namespace {

std::vector<char32_t> code_points(std::string_view text)
{
  std::vector<char32_t> out;
  report::unicode::for_each_code_point(text,
                                       [&](char32_t cp, std::string_view) { out.push_back(cp); });
  return out;
}

} // namespace

StrokeTable::StrokeTable(std::string_view text)
{
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto tab = line.find('\t');
    char32_t cp = 0;
    const auto length = tab == std::string_view::npos ? 0 : report::unicode::decode(line, cp);
    std::string digits;
    for (const char c : line.substr(tab == std::string_view::npos ? line.size() : tab + 1)) {
      const auto at = std::string_view("hspnz").find(c);
      if (at == std::string_view::npos) {
        digits.clear();
        break;
      }
      digits.push_back(static_cast<char>('1' + at));
    }
    if (length == 0 || length != tab || digits.empty()) {
      throw Error(ExitCode::internal,
                  fmt::format("stroke table, line {}: expected a character, a tab and its "
                              "strokes as h s p n z",
                              line_no));
    }
    m_strokes.emplace(cp, std::move(digits));
  }
}

const StrokeTable& StrokeTable::builtin()
{
  static const StrokeTable table(embedded::resource("strokes"));
  return table;
}

const std::string* StrokeTable::strokes(char32_t cp) const
{
  const auto found = m_strokes.find(cp);
  return found == m_strokes.end() ? nullptr : &found->second;
}

int StrokeTable::compare(std::string_view a, std::string_view b, bool persons) const
{
  const auto x = code_points(a);
  const auto y = code_points(b);
  if (persons && !x.empty() && !y.empty() && x.front() == y.front() && x.size() != y.size()) {
    return x.size() < y.size() ? -1 : 1;
  }
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i] == y[i]) {
      continue;
    }
    const auto* sx = strokes(x[i]);
    const auto* sy = strokes(y[i]);
    if ((sx == nullptr) != (sy == nullptr)) {
      return sx == nullptr ? 1 : -1;
    }
    if (sx == nullptr) {
      return x[i] < y[i] ? -1 : 1;
    }
    if (sx->size() != sy->size()) {
      return sx->size() < sy->size() ? -1 : 1;
    }
    if (const int c = sx->compare(*sy); c != 0) {
      return c;
    }
    // Two characters written with the same strokes (己 and 巳 differ only in shape): the
    // code point keeps the order total.
    return x[i] < y[i] ? -1 : 1;
  }
  if (x.size() != y.size()) {
    return x.size() < y.size() ? -1 : 1;
  }
  return 0;
}

} // namespace sqma::publish
