// SPDX-License-Identifier: Apache-2.0
#include "io/json_stream.hpp"

#include "io/files.hpp"
#include "io/json_reader.hpp"
#include "io/limits.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace sqma::io {
namespace {

// The bytes that end a run of plain string content: quote, backslash and line feed.
constexpr std::array<bool, 256> k_string_stop = [] {
  std::array<bool, 256> stop{};
  stop['"'] = true;
  stop['\\'] = true;
  stop['\n'] = true;
  return stop;
}();

// Where the first byte at or after `at` that may end a run of string content (see
// k_string_stop) lies in `chunk`, to within the last word: whole eight-byte words holding
// none of them are skipped, each tested at once for a byte equal to '"', '\\' or a line feed.
std::size_t skip_plain_string(std::string_view chunk, std::size_t at)
{
  constexpr std::uint64_t k_ones = 0x0101010101010101U;
  constexpr std::uint64_t k_highs = 0x8080808080808080U;
  // Non-zero when some byte of `word` is zero.
  const auto has_zero = [](std::uint64_t word) { return (word - k_ones) & ~word & k_highs; };
  while (at + sizeof(std::uint64_t) <= chunk.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, chunk.data() + at, sizeof word);
    if ((has_zero(word ^ (k_ones * '"')) | has_zero(word ^ (k_ones * '\\')) |
         has_zero(word ^ (k_ones * '\n'))) != 0) {
      break;
    }
    at += sizeof word;
  }
  return at;
}

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool ends_with_lower(const std::string& text, std::string_view suffix)
{
  if (text.size() < suffix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[text.size() - suffix.size() + i]);
    if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != static_cast<unsigned char>(suffix[i])) {
      return false;
    }
  }
  return true;
}

// Splits a character stream into top-level JSON texts by tracking brackets and strings;
// the texts are then parsed strictly one by one. Not simdjson's document stream (3.0.1): it
// stops at the first bad record, fails a whole window on invalid UTF-8, splits no array.
//
// JSON Lines (a file named *.jsonl or *.ndjson, or a stream whose first value ends on the
// line it began) is split at line ends as well: a record cut short ends at its line, and
// stray text is skipped to the end of its line, so that one damaged line costs one record.
class Splitter {
public:
  Splitter(const std::string& file, const RawSink& sink)
      : m_file(file), m_sink(sink),
        m_line_mode(ends_with_lower(file, ".jsonl") || ends_with_lower(file, ".ndjson"))
  {
  }

  // Feeds one chunk; returns false once the sink asked to stop. Between values, bytes go
  // through step() one by one; a value (which cannot start before a byte order mark is
  // done with) is scanned through at once.
  bool feed(std::string_view chunk)
  {
    std::size_t at = 0;
    while (at < chunk.size()) {
      if (m_depth > 0) {
        // Inside a value: scan to its end and copy the stretch at once.
        const std::size_t end = scan_value(chunk, at);
        m_buffer.append(chunk.data() + at, end - at);
        m_bytes += end - at;
        at = end;
        if (m_depth > k_max_json_depth) {
          return give_up(
              fmt::format("arrays and objects nested deeper than {} levels", k_max_json_depth));
        }
        if (m_buffer.size() > k_max_record_bytes) {
          return give_up(fmt::format("a value of more than {} MB: one dossier or sheet is far "
                                     "smaller; is this the right file?",
                                     k_max_record_bytes >> 20U));
        }
        if (m_cut) {
          // A JSON Lines record that its line ends: refused at that line, and the next line
          // starts afresh.
          m_cut = false;
          m_depth = 0;
          m_in_string = false;
          m_escape = false;
          m_buffer.clear();
          if (!emit_failure("the line ends inside the record (cut short?): a JSON Lines "
                            "record is one whole line",
                            m_start_line)) {
            return false;
          }
          continue;
        }
        if (m_depth == 0) {
          if (!m_mode_decided) {
            m_mode_decided = true;
            m_line_mode = m_line_mode || (!m_in_array && m_start_line == m_line);
          }
          if (!emit()) {
            return false;
          }
        }
        continue;
      }
      if (!step(chunk[at++])) {
        return false;
      }
    }
    return true;
  }

  // Flushes what is left at the end of the stream.
  void finish()
  {
    if (!m_seen_first) {
      emit_failure(m_bytes == 0 ? "the file is empty: no dossier in it"
                                : "the file holds only white space: no dossier in it",
                   m_line);
    } else if (m_depth > 0 || m_in_string) {
      emit_failure("unexpected end of input inside a value", m_start_line);
    } else if (m_in_array && !m_array_closed) {
      emit_failure("unexpected end of input: the array is not closed with ]", m_line);
    }
  }

private:
  bool step(char c)
  {
    if (m_bytes == 0 && m_bom_left > 0) {
      // Skip a UTF-8 byte order mark, as Windows editors write one.
      static constexpr std::array<unsigned char, 3> k_bom{0xEF, 0xBB, 0xBF};
      if (static_cast<unsigned char>(c) == k_bom[static_cast<std::size_t>(3 - m_bom_left)]) {
        --m_bom_left;
        return true;
      }
      m_bom_left = 0;
    }
    ++m_bytes;
    if (c == '\n') {
      ++m_line;
      m_skip_line = false;
      return true;
    }
    if (m_skip_line || is_space(c)) {
      return true;
    }
    if (!m_seen_first) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte == 0xFF || byte == 0xFE || byte == 0x00) {
        m_seen_first = true;
        m_failed_stray = true;
        return emit_failure("not UTF-8: the file starts like UTF-16 text (a byte order mark "
                            "or NUL bytes); re-save it as UTF-8",
                            m_line);
      }
      m_seen_first = true;
      if (c == '[') {
        m_in_array = true;
        m_line_mode = false; // an array's elements may span lines, whatever the file's name
        m_expect_value = true;
        return true;
      }
    }
    if (m_in_array) {
      if (m_array_closed) {
        return stray(c, "nothing may follow the closing ] of the array");
      }
      if (c == ']' && !m_expect_value_strict) {
        m_array_closed = true;
        return true;
      }
      if (c == ',' && !m_expect_value) {
        m_expect_value = true;
        m_expect_value_strict = true;
        return true;
      }
      if (!m_expect_value) {
        return stray(c, "expected , or ] between array elements");
      }
    }
    if (c == '{' || c == '[') {
      m_buffer.assign(1, c);
      m_depth = 1;
      m_start_line = m_line;
      m_expect_value = false;
      m_expect_value_strict = false;
      return true;
    }
    return stray(c, "expected a JSON object");
  }

  // Advances through a value from `at`, tracking strings and brackets, and returns where
  // the value ends (one past its closing bracket) or the end of the chunk. The state lives
  // in locals for the loop: this scan sees every byte of the input.
  std::size_t scan_value(std::string_view chunk, std::size_t at)
  {
    int depth = m_depth;
    bool in_string = m_in_string;
    bool escape = m_escape;
    std::size_t line = m_line;
    for (; at < chunk.size(); ++at) {
      if (in_string && !escape) {
        // Most of a record is string bytes: run through them to the next one that matters,
        // eight at a time while none of the eight does.
        at = skip_plain_string(chunk, at);
        while (at < chunk.size() && !k_string_stop[static_cast<unsigned char>(chunk[at])]) {
          ++at;
        }
        if (at == chunk.size()) {
          break;
        }
      }
      const char c = chunk[at];
      if (c == '\n') {
        if (m_line_mode) {
          m_cut = true;
          break; // the line feed is read again between values
        }
        ++line;
      }
      if (in_string) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        if (++depth > k_max_json_depth) {
          ++at;
          break;
        }
      } else if ((c == '}' || c == ']') && --depth == 0) {
        ++at;
        break;
      }
    }
    m_depth = depth;
    m_in_string = in_string;
    m_escape = escape;
    m_line = line;
    return at;
  }

  bool emit()
  {
    RawRecord raw{std::move(m_buffer), Location{m_file, m_start_line, {}}};
    m_buffer.clear();
    return m_sink(std::move(raw));
  }

  // Refuses the rest of this input: past a limit, nothing after it can be trusted.
  bool give_up(const std::string& message)
  {
    m_failed_stray = true;
    m_depth = 0;
    return emit_failure(message, m_start_line);
  }

  bool stray(char c, std::string_view what)
  {

    const auto shown = static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e
                           ? fmt::format("byte 0x{:02x}", static_cast<unsigned char>(c))
                           : fmt::format("'{}'", c);
    // In JSON Lines the next line starts afresh; elsewhere nothing after it can be trusted.
    m_skip_line = m_line_mode && !m_in_array;
    m_failed_stray = !m_skip_line;
    return emit_failure(fmt::format("unexpected {}: {}", shown, what), m_line);
  }

  bool emit_failure(const std::string& message, std::size_t line)
  {
    const bool go_on = m_sink(Failure{ExitCode::data, message, Location{m_file, line, {}}});
    // After garbage outside any value the rest of the stream cannot be trusted.
    return go_on && !m_failed_stray;
  }

  const std::string& m_file;
  const RawSink& m_sink;
  std::string m_buffer;
  std::size_t m_bytes = 0;
  std::size_t m_line = 1;
  std::size_t m_start_line = 1;
  int m_depth = 0;
  int m_bom_left = 3;
  bool m_in_string = false;
  bool m_escape = false;
  bool m_seen_first = false;
  bool m_in_array = false;
  bool m_array_closed = false;
  bool m_expect_value = false;
  bool m_expect_value_strict = false;
  bool m_failed_stray = false;
  bool m_line_mode = false;    // JSON Lines: no value goes past the end of its line
  bool m_mode_decided = false; // the first value has told whether the stream is JSON Lines
  bool m_cut = false;          // the value being read was cut by the end of its line
  bool m_skip_line = false;    // stray text was reported; the rest of its line is skipped
};

} // namespace

void read_raw_records(std::istream& in, const std::string& file, const RawSink& sink)
{
  Splitter splitter(file, sink);
  std::array<char, 1 << 16> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) {
      break;
    }
    if (!splitter.feed(std::string_view(chunk.data(), got))) {
      return;
    }
  }
  if (in.bad()) {
    throw IoError(fmt::format("{}: read error", file));
  }
  splitter.finish();
}

Result<std::size_t> read_raw_inputs(const std::vector<std::string>& args, std::istream& in,
                                    const RawSink& sink)
{
  std::vector<std::string> paths;
  std::vector<std::string> empty_folders; // named as failures, in order, before the files
  for (const auto& arg : args) {
    auto found = expand_inputs({arg});
    if (!found) {
      return found.failure();
    }
    if (found->empty()) {
      empty_folders.push_back(arg);
    }
    paths.insert(paths.end(), found->begin(), found->end());
  }
  std::size_t count = 0;
  bool go_on = true;
  const RawSink counted = [&](Result<RawRecord> raw) {
    if (++count > k_max_records) {
      const auto where = raw ? raw->where : raw.failure().where;
      sink(Failure(ExitCode::data,
                   fmt::format("more than {} records in one run: split the batch", k_max_records),
                   where));
      go_on = false;
      return false;
    }
    go_on = sink(std::move(raw));
    return go_on;
  };
  for (const auto& folder : empty_folders) {
    if (go_on) {
      counted(Failure(ExitCode::data,
                      "the folder holds no *.json or *.jsonl file: no dossier in it",
                      Location{folder, 0, {}}));
    }
  }
  for (const auto& path : paths) {
    if (!go_on) {
      break;
    }
    if (path == "-") {
      read_raw_records(in, "<stdin>", counted);
      continue;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      counted(Failure(ExitCode::data, "cannot open for reading", Location{path, 0, {}}));
      continue;
    }
    read_raw_records(file, path, counted);
  }
  return count;
}

} // namespace sqma::io
