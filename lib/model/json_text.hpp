// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::model {

// Writes JSON text byte for byte as nlohmann::json::dump() (compact) or dump(2) (pretty) writes
// the same document, without building the document: object members come out in byte order of
// their keys whatever order they were written in, and strings are escaped as nlohmann escapes
// them with ensure_ascii=false. A value is written after key() inside an object, directly
// inside an array, or once at the top.
class JsonText {
public:
  explicit JsonText(bool pretty);

  // Opens an object; its members follow as key() and one value each, in any order.
  void begin_object();
  // Closes the innermost object, putting its members in key order.
  void end_object();
  void begin_array();
  void end_array();
  // Starts a member of the innermost object. `key` must live until end_object(), and no key
  // may be written twice in one object.
  void key(std::string_view key);

  // Throws nlohmann::json::type_error (316), as dump() does, for text that is not UTF-8.
  void string(std::string_view text);
  void boolean(bool value);
  void null();
  template <std::integral T>
  requires(!std::same_as<T, bool>) void integer(T value)
  {
    element();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_out.append(digits, end);
  }
  // Written by nlohmann, whose shortest round-trip form is not worth repeating here.
  void number(double value);
  // Any JSON value, with the same rules (its objects are sorted already).
  void value(const nlohmann::json& value);

  // The text written; the writer is empty afterwards.
  [[nodiscard]] std::string take();

private:
  struct Member {
    std::string_view key;
    std::size_t body; // where its indentation and key start, after the separator
    std::size_t end;  // where the next separator starts
  };
  struct Level {
    std::size_t content; // just after the bracket
    std::size_t first_member;
    std::size_t count;
    bool object;
  };

  // Writes what comes before a value in an array: a comma and a new line, as needed.
  void element();
  void separate(std::size_t count);
  void indent(std::size_t depth);
  void escaped(std::string_view text);
  void sort_members(const Level& level);

  std::string m_out;
  std::string m_scratch;
  std::vector<Member> m_members; // of every open object, innermost last
  std::vector<Level> m_levels;
  bool m_pretty;
};

} // namespace sqma::model
