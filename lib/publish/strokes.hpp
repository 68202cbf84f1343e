// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

// The order of names by strokes (姓氏笔画排序) as Chinese public notices use it: the total
// strokes of the simplified form of the first character, then its strokes in writing order
// (横 竖 撇 点 折: the first stroke, then the second, ...), then the next character the same
// way. Lists of people put, among those of one surname, the names of two characters before
// those of three (单名在前: 李强 before 李克强), as published lists do. The strokes come from
// data/strokes.txt (scripts/make-strokes), not from ICU, whose zh@collation=stroke counts
// differently (it puts 林, 8 strokes, before 陈, 7).
namespace sqma::publish {

// A character's strokes in writing order, as digits: 1 横(提) 2 竖 3 撇 4 点(捺) 5 折.
class StrokeTable {
public:
  // Parses the table's text: "#" comment lines, then one line per character, the
  // character, a tab, its strokes as the letters h s p n z. Throws sqma::Error (internal)
  // on a malformed line: the table is data shipped with sqma.
  explicit StrokeTable(std::string_view text);

  // The table compiled in from data/strokes.txt.
  [[nodiscard]] static const StrokeTable& builtin();

  // The strokes of `cp` as digits "1".."5", or nullptr when the table does not know it.
  [[nodiscard]] const std::string* strokes(char32_t cp) const;

  // <0, 0 or >0 as `a` comes before, with or after `b` in stroke order. Characters the
  // table does not know (Latin letters, digits, rare characters) come after every known
  // one, in code point order; a name that is the start of another comes first. With
  // `persons`, names of one surname (first character) go shorter ones first.
  [[nodiscard]] int compare(std::string_view a, std::string_view b, bool persons = false) const;

private:
  std::unordered_map<char32_t, std::string> m_strokes;
};

} // namespace sqma::publish
