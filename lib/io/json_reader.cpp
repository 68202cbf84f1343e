// SPDX-License-Identifier: Apache-2.0
#include "io/json_reader.hpp"

#include "io/limits.hpp"
#include "io/text.hpp"

#include "io/json_simd.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iterator>
#include <optional>
#include <vector>

namespace sqma::io {
namespace {

using nlohmann::json;

// An input iterator over a char range that counts how far the parser has read, so that
// the SAX handler can tell where a key stands (nlohmann's SAX interface gives no position
// outside parse_error).
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : m_at(at), m_consumed(consumed) {}
  reference operator*() const { return *m_at; }
  CountingIterator& operator++()
  {
    ++m_at;
    ++*m_consumed;
    return *this;
  }
  CountingIterator operator++(int)
  {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const CountingIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at;
  std::size_t* m_consumed;
};

// Builds the DOM like nlohmann's own SAX DOM parser, refusing repeated keys.
class StrictDomBuilder {
public:
  StrictDomBuilder(std::string_view text, const std::string& file, std::size_t first_line,
                   const std::size_t* consumed)
      : m_text(text), m_file(file), m_first_line(first_line), m_consumed(consumed)
  {
  }

  // Also records the line of every key and array element.
  void record_lines(std::map<std::string, std::size_t>* lines) { m_lines = lines; }

  bool null() { return put(json(nullptr)); }
  bool boolean(bool value) { return put(json(value)); }
  bool number_integer(json::number_integer_t value) { return put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t& /*raw*/)
  {
    return put(json(value));
  }
  bool string(json::string_t& value)
  {
    if (value.size() > k_max_string_bytes) {
      std::string path = pointer();
      if (!m_stack.empty()) {
        const Frame& parent = m_stack.back();
        append_pointer(path,
                       parent.node->is_array() ? std::to_string(parent.node->size()) : *parent.key);
      }
      m_failure = Failure{ExitCode::data,
                          fmt::format("a string of {} bytes, more than the {} a value may have: {}",
                                      value.size(), k_max_string_bytes, quote_prefix(value)),
                          Location{m_file, m_first_line, path}};
      return false;
    }
    return put(json(std::move(value)));
  }
  bool binary(json::binary_t& value) { return put(json::binary(std::move(value))); }

  bool start_object(std::size_t /*size*/)
  {
    if (m_stack.size() >= static_cast<std::size_t>(k_max_json_depth)) {
      return too_deep();
    }
    open(json::object());
    return true;
  }
  bool key(json::string_t& name)
  {
    if (name.size() > k_max_string_bytes) {
      return refuse(fmt::format("a key of {} bytes: {}", name.size(), quote_prefix(name)));
    }
    Frame& frame = m_stack.back();
    // One search both refuses a repeated key and makes the slot for the value.
    const auto [member, inserted] = frame.node->get_ref<json::object_t&>().try_emplace(name);
    if (!inserted) {
      std::string path = pointer();
      append_pointer(path, name);
      m_failure = Failure{ExitCode::data, fmt::format("duplicate key \"{}\" in one object", name),
                          Location{m_file, m_first_line, path}};
      m_repeated_key = true;
      if (m_consumed != nullptr) {
        // The lexer has just consumed the key's closing quote.
        const std::size_t offset = *m_consumed > 0 ? *m_consumed - 1 : 0;
        m_failure->where.line = m_first_line - 1 + line_of(m_text, offset);
      }
      return false;
    }
    frame.key = &member->first;
    frame.slot = &member->second;
    if (m_lines != nullptr) {
      std::string path = pointer();
      append_pointer(path, name);
      m_lines->emplace(std::move(path), current_line());
    }
    return true;
  }
  bool end_object()
  {
    m_stack.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/)
  {
    if (m_stack.size() >= static_cast<std::size_t>(k_max_json_depth)) {
      return too_deep();
    }
    open(json::array());
    return true;
  }
  bool end_array()
  {
    m_stack.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error)
  {
    std::string what = error.what();
    // nlohmann's messages start with "[json.exception.parse_error.101] parse error at line
    // 1, column 2: "; keep only the reason, the location is given in our own form.
    if (const auto colon = what.find(": "); colon != std::string::npos) {
      what = what.substr(colon + 2);
    } else if (const auto bracket = what.find("] "); bracket != std::string::npos) {
      // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
      what = "a number out of range: " + what.substr(bracket + 2);
    }
    // Text in another encoding fails somewhere in the middle; say what it is instead.
    if (const auto problem = encoding_problem(m_text, m_first_line)) {
      what = *problem;
    } else if (what.find("ill-formed UTF-8") != std::string::npos) {
      what = "invalid UTF-8 in a string: " + what;
    }
    const std::size_t offset = position > 0 ? position - 1 : 0;
    m_failure = Failure{ExitCode::data, what,
                        Location{m_file, m_first_line - 1 + line_of(m_text, offset), {}}};
    return false;
  }

  json take() { return std::move(m_root); }
  [[nodiscard]] const std::optional<Failure>& failure() const { return m_failure; }
  // The failure is a repeated key (its line is known only when the characters are counted).
  [[nodiscard]] bool repeated_key() const { return m_repeated_key; }

private:
  bool too_deep()
  {
    return refuse(fmt::format("arrays and objects nested deeper than {} levels", k_max_json_depth));
  }
  // Stops the parse with `message` at the JSON path reached.
  bool refuse(std::string message)
  {
    m_failure =
        Failure{ExitCode::data, std::move(message), Location{m_file, m_first_line, pointer()}};
    return false;
  }

  // One open container: the node, and where the next value goes inside it.
  struct Frame {
    json* node;
    std::string token;                // this container's JSON Pointer token within its parent
    const std::string* key = nullptr; // current key, for an object (in the object itself)
    json* slot = nullptr;
  };

  bool put(json&& value)
  {
    place(std::move(value));
    return true;
  }
  json* place(json&& value)
  {
    if (m_stack.empty()) {
      m_root = std::move(value);
      return &m_root;
    }
    Frame& parent = m_stack.back();
    if (parent.node->is_array()) {
      if (m_lines != nullptr) {
        m_lines->emplace(pointer() + "/" + std::to_string(parent.node->size()), current_line());
      }
      parent.node->push_back(std::move(value));
      return &parent.node->back();
    }
    *parent.slot = std::move(value);
    return parent.slot;
  }
  void open(json&& container)
  {
    std::string token;
    if (!m_stack.empty()) {
      const Frame& parent = m_stack.back();
      token = parent.node->is_array() ? std::to_string(parent.node->size()) : *parent.key;
    }
    json* node = place(std::move(container));
    m_stack.push_back(Frame{node, std::move(token), {}, nullptr});
  }
  std::size_t current_line() const
  {
    return m_first_line - 1 + line_of(m_text, *m_consumed > 0 ? *m_consumed - 1 : 0);
  }
  std::string pointer() const
  {
    std::string path;
    for (std::size_t i = 1; i < m_stack.size(); ++i) {
      append_pointer(path, m_stack[i].token);
    }
    return path;
  }

  std::string_view m_text;
  const std::string& m_file;
  std::size_t m_first_line;
  const std::size_t* m_consumed; // characters read so far; nullptr when nobody counts
  std::map<std::string, std::size_t>* m_lines = nullptr;
  json m_root;
  std::vector<Frame> m_stack;
  std::optional<Failure> m_failure;
  bool m_repeated_key = false;
};

} // namespace

std::size_t line_of(std::string_view text, std::size_t offset)
{
  std::size_t line = 1;
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
    }
  }
  return line;
}

void append_pointer(std::string& pointer, std::string_view key)
{
  pointer += '/';
  for (const char c : key) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

std::map<std::string, std::size_t> json_lines(std::string_view text, std::size_t first_line)
{
  std::map<std::string, std::size_t> lines;
  std::size_t consumed = 0;
  const std::string file;
  StrictDomBuilder builder(text, file, first_line, &consumed);
  builder.record_lines(&lines);
  const CountingIterator first(text.data(), &consumed);
  const CountingIterator last(text.data() + text.size(), &consumed);
  if (!nlohmann::json::sax_parse(first, last, &builder) || builder.failure()) {
    return {};
  }
  lines.emplace("", first_line);
  return lines;
}

nlohmann::json parse_json_lenient(std::string_view text, bool allow_exceptions)
{
  if (auto fast = detail::parse_json_simd(text)) {
    return std::move(*fast);
  }
  return nlohmann::json::parse(text, nullptr, allow_exceptions);
}

Result<nlohmann::json> parse_json(std::string_view text, const std::string& file,
                                  std::size_t first_line)
{
  // simdjson reads nearly every record; what it refuses, or leaves undecided, goes to
  // nlohmann's parser, which decides as before and names the line and the JSON path.
  if (auto fast = detail::parse_json_simd(text)) {
    return std::move(*fast);
  }
  // Counting every character read costs a tenth of the parse, and only a repeated key
  // needs the count: a record that has one is parsed again, counting.
  StrictDomBuilder builder(text, file, first_line, nullptr);
  if (nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &builder) &&
      !builder.failure()) {
    return builder.take();
  }
  if (builder.repeated_key()) {
    std::size_t consumed = 0;
    StrictDomBuilder counting(text, file, first_line, &consumed);
    const CountingIterator first(text.data(), &consumed);
    const CountingIterator last(text.data() + text.size(), &consumed);
    if (!nlohmann::json::sax_parse(first, last, &counting) && counting.failure()) {
      return *counting.failure();
    }
  }
  if (builder.failure()) {
    return *builder.failure();
  }
  if (const auto problem = encoding_problem(text, first_line)) {
    return Failure{ExitCode::data, *problem, Location{file, first_line, {}}};
  }
  return Failure{ExitCode::data, "not valid JSON", Location{file, first_line, {}}};
}

} // namespace sqma::io
