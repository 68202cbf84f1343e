// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/json_reader.hpp"
#include "io/json_simd.hpp"
#include "io/json_stream.hpp"
#include "io/limits.hpp"
#include "io/path_guard.hpp"
#include "io/sha256.hpp"
#include "io/text.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace sqma;
using sqma::test::TempDir;

namespace {

// A parsed record and where it started.
struct Parsed {
  nlohmann::json value;
  Location where;
};

// Splits and parses a stream the way every verb reads its inputs.
std::vector<Result<Parsed>> read_all(const std::string& text, const std::string& file = "in.json")
{
  std::istringstream in(text);
  std::vector<Result<Parsed>> out;
  io::read_raw_records(in, file, [&](Result<io::RawRecord> raw) {
    if (!raw) {
      out.emplace_back(raw.failure());
      return true;
    }
    auto json = io::parse_json(raw->text, raw->where.file, raw->where.line);
    if (!json) {
      out.emplace_back(json.failure());
    } else {
      out.emplace_back(Parsed{std::move(json).value(), raw->where});
    }
    return true;
  });
  return out;
}

} // namespace

TEST_CASE("io: a key repeated in one object is an error with its line and path", "[io]")
{
  const auto result = io::parse_json("{\n  \"a\": {\"b\": 1,\n  \"b\": 2}\n}", "x.json");
  REQUIRE_FALSE(result.ok());
  CHECK(result.failure().message == "duplicate key \"b\" in one object");
  CHECK(result.failure().where.file == "x.json");
  CHECK(result.failure().where.line == 3);
  CHECK(result.failure().where.json_path == "/a/b");
}

TEST_CASE("io: the same key in sibling objects is fine", "[io]")
{
  const auto result = io::parse_json(R"([{"a":1},{"a":2}])", "x.json");
  REQUIRE(result.ok());
  CHECK(result.value()[1]["a"] == 2);
}

TEST_CASE("io: invalid UTF-8 in a string is an error", "[io]")
{
  const auto result = io::parse_json("{\"name\": \"\xe4\xb8\"}", "x.json");
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.failure().message,
             Catch::Contains("not UTF-8 at line 1, byte 11 of the line") &&
                 Catch::Contains("re-save it as UTF-8"));
}

TEST_CASE("io: UTF-16 text is named as such, with what to do", "[io]")
{
  const std::string utf16{"{\0\"\0a\0\"\0:\0 \0\x31\0}\0", 16};
  const auto result = io::parse_json(utf16, "x.json");
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.failure().message,
             Catch::Contains("NUL byte at byte 1") && Catch::Contains("UTF-16"));
}

TEST_CASE("io: what simdjson would take or say otherwise is refused as before", "[io]")
{
  using namespace std::string_view_literals;
  // Each text and the message sqma has always given for it. simdjson keeps the last of two
  // repeated keys and says nothing; its own messages for the others name no place.
  struct Case {
    std::string_view text;
    std::string_view message;
    std::size_t line;
    std::string_view path;
  };
  // clang-format off
  for (const auto& [text, message, line, path] : std::array<Case, 6>{{
           {"{\"a\": 1,\n \"a\": 2}"sv, "duplicate key \"a\" in one object"sv, 2, "/a"sv},
           {"{\"a\": {\"b\": [{\"c\": 1, \"c\": 1}]}}"sv, "duplicate key \"c\" in one object"sv,
            1, "/a/b/0/c"sv},
           {"{\"a\": \"\xe4\xb8\"}"sv,
            "not UTF-8 at line 1, byte 8 of the line (0xE4), as GBK or other legacy encodings write; "
            "re-save it as UTF-8"sv, 1, ""sv},
           {"{\"a\":\n 1e400}"sv, "a number out of range: number overflow parsing '1e400'"sv, 2,
            ""sv},
           {"{\"a\": \"x\0y\"}"sv,
            "not UTF-8: a NUL byte at byte 8, as UTF-16 text has; re-save it as UTF-8"sv, 1, ""sv},
           {"{\"a\": 1} x"sv,
            "syntax error while parsing value - invalid literal; last read: '1} x'; "
            "expected end of input"sv, 1, ""sv}}}) {
    // clang-format on
    CAPTURE(text);
    CHECK_FALSE(io::detail::parse_json_simd(text).has_value());
    const auto result = io::parse_json(text, "x.json");
    REQUIRE_FALSE(result.ok());
    CHECK(result.failure().message == message);
    CHECK(result.failure().where.file == "x.json");
    CHECK(result.failure().where.line == line);
    CHECK(result.failure().where.json_path == path);
  }
  // Trailing garbage after a record in a stream: the record is read, the garbage refused.
  const auto records = read_all("{\"a\": 1}\ngarbage\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].ok());
  REQUIRE_FALSE(records[1].ok());
  CHECK(records[1].failure().message == "unexpected 'g': expected a JSON object");
  CHECK(records[1].failure().where.line == 2);
  // Integers past 64 bits, which simdjson refuses, are doubles as nlohmann makes them; the
  // schemas then refuse them where an integer is wanted.
  const auto big = io::parse_json("{\"a\": -18446744073709551617}", "x.json");
  REQUIRE(big.ok());
  CHECK(big.value()["a"].is_number_float());
}

TEST_CASE("io: JSON Lines, arrays and pretty objects are told apart", "[io]")
{
  SECTION("JSON Lines with the line of each record")
  {
    const auto records = read_all("{\"id\":1}\n{\"id\":2}\n\n{\"id\":3}\n");
    REQUIRE(records.size() == 3);
    CHECK(records[2]->value["id"] == 3);
    CHECK(records[2]->where.line == 4);
  }
  SECTION("an array of objects")
  {
    const auto records = read_all("[\n {\"id\":1},\n {\"id\":2}\n]\n");
    REQUIRE(records.size() == 2);
    CHECK(records[1]->where.line == 3);
  }
  SECTION("a pretty-printed object after a byte order mark")
  {
    const auto records = read_all("\xEF\xBB\xBF{\n  \"id\": \"a{b\\\"}\"\n}\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0]->value["id"] == "a{b\"}");
  }
  SECTION("a JSON Lines record cut short costs that line alone")
  {
    // Told by the first record, on one line, or by the file's name.
    for (const std::string file : {"in.json", "in.jsonl"}) {
      const auto records =
          read_all("{\"id\":1}\n{\"id\":2,\"s\":\"ab\n{\"id\":3}\nxyz {\n{\"id\":5}\n", file);
      REQUIRE(records.size() == 5);
      CHECK(records[0].ok());
      REQUIRE_FALSE(records[1].ok());
      CHECK(records[1].failure().where.line == 2);
      CHECK_THAT(records[1].failure().message, Catch::Contains("cut short"));
      CHECK(records[2]->value["id"] == 3);
      REQUIRE_FALSE(records[3].ok());
      CHECK(records[3].failure().where.line == 4);
      CHECK(records[4]->value["id"] == 5);
      CHECK(records[4]->where.line == 5);
    }
  }
  SECTION("the first value alone tells JSON Lines: pretty, compact, pretty stays pretty")
  {
    const auto records = read_all("{\n \"id\": 1\n}\n{\"id\":2}\n{\n \"id\": 3\n}\n");
    REQUIRE(records.size() == 3);
    CHECK(records[2]->value["id"] == 3);
    CHECK(records[2]->where.line == 5);
  }
  SECTION("a *.jsonl file whose first record is cut short")
  {
    const auto records = read_all("{\"id\":1,\n{\"id\":2}\n", "in.JSONL");
    REQUIRE(records.size() == 2);
    CHECK(records[0].failure().where.line == 1);
    CHECK(records[1]->value["id"] == 2);
  }
  SECTION("an array in a *.jsonl file, its elements over several lines")
  {
    const auto records = read_all("[\n {\"id\":1,\n  \"s\":2},\n {\"id\":2}\n]\n", "in.jsonl");
    REQUIRE(records.size() == 2);
    CHECK(records[1]->where.line == 4);
  }
  SECTION("a bad record is reported and the next one still read")
  {
    const auto records = read_all("{\"id\":1}\n{\"id\":2,}\n{\"id\":3}\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].ok());
    REQUIRE_FALSE(records[1].ok());
    CHECK(records[1].failure().where.line == 2);
    CHECK(records[2].ok());
  }
  SECTION("a record that is not UTF-8 is reported and those around it still read")
  {
    const auto records = read_all("{\"id\":1}\n{\"id\":\"\xff\"}\n{\"id\":3}\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].ok());
    REQUIRE_FALSE(records[1].ok());
    CHECK_THAT(records[1].failure().message, Catch::Contains("not UTF-8"));
    CHECK(records[1].failure().where.line == 2);
    CHECK(records[2]->value["id"] == 3);
  }
  SECTION("a trailing comma in an array is an error")
  {
    const auto records = read_all("[{\"id\":1},]");
    REQUIRE(records.size() == 2);
    CHECK_FALSE(records[1].ok());
  }
}

TEST_CASE("io: records split right wherever the 64 KB reads cut them", "[io]")
{
  // Strings with escapes, brackets and quotes, long enough that the reads of the stream
  // end inside strings, on backslashes and between records; a blank line now and then.
  std::string text;
  std::vector<std::pair<std::string, std::size_t>> expected; // value of "s", line
  std::size_t line = 1;
  for (int i = 0; i < 3000; ++i) {
    std::string s = "名称 {[\"" + std::string(static_cast<std::size_t>(i % 97), 'x') + "\\]} " +
                    std::to_string(i);
    expected.emplace_back(s, line);
    text += nlohmann::json{{"id", i}, {"s", s}}.dump() + "\n";
    ++line;
    if (i % 7 == 0) {
      text += "\n";
      ++line;
    }
  }
  REQUIRE(text.size() > 3 * (1U << 16U));
  const auto records = read_all(text);
  REQUIRE(records.size() == expected.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    INFO("record " << i);
    REQUIRE(records[i].ok());
    CHECK(records[i]->value["id"] == i);
    CHECK(records[i]->value["s"] == expected[i].first);
    CHECK(records[i]->where.line == expected[i].second);
  }
}

TEST_CASE("io: a line feed or quote anywhere in a string's eight-byte words is seen", "[io]")
{
  // The splitter skips string bytes eight at a time: a raw line feed (which JSON refuses),
  // an escaped quote and an escaped backslash before the closing quote, at every offset of
  // a word and next to ASCII or Chinese text, must still count, so that the refused record
  // is named on its own line and the records after it start and end where they do.
  for (const std::string filler : {"a", "中"}) {
    for (std::size_t at = 0; at < 17; ++at) {
      INFO("offset " << at << ", filler " << filler);
      std::string before;
      for (std::size_t i = 0; i < at; ++i) {
        before += filler;
      }
      const std::string text = "{\"s\":\"" + before + "\n" + std::string(9, 'b') + "\"}\n" +
                               "{\"s\":\"" + before + "\\\"" + std::string(9, 'c') + "\"}\n" +
                               "{\"s\":\"" + before + "\\\\\"}\n" + "{\"n\":4}\n";
      const auto records = read_all(text);
      REQUIRE(records.size() == 4);
      CHECK_FALSE(records[0].ok());
      CHECK(records[0].failure().where.line == 1);
      REQUIRE(records[1].ok());
      CHECK(records[1]->value["s"] == before + "\"" + std::string(9, 'c'));
      CHECK(records[1]->where.line == 3);
      REQUIRE(records[2].ok());
      CHECK(records[2]->value["s"] == before + "\\");
      CHECK(records[2]->where.line == 4);
      REQUIRE(records[3].ok());
      CHECK(records[3]->value["n"] == 4);
      CHECK(records[3]->where.line == 5);
    }
  }
}

TEST_CASE("io: an atomic file appears only on commit", "[io]")
{
  TempDir dir;
  const auto target = dir.path() / "out.json";
  {
    io::AtomicFile file(target);
    file.write("new");
    CHECK_FALSE(std::filesystem::exists(target));
    CHECK(std::filesystem::exists(file.temp_path()));
    file.commit();
  }
  CHECK(test::slurp(target) == "new");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("io: an atomic file that is not committed leaves the old file and no temp", "[io]")
{
  TempDir dir;
  const auto target = dir.write("out.json", "old");
  try {
    io::AtomicFile file(target);
    file.write("half");
    throw std::runtime_error("failed midway");
  } catch (const std::runtime_error&) {
  }
  CHECK(test::slurp(target) == "old");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("io: an atomic file in a missing folder is an I/O error", "[io]")
{
  TempDir dir;
  CHECK_THROWS_AS(io::AtomicFile(dir.path() / "no" / "such" / "file"), IoError);
}

TEST_CASE("io: SHA-256 matches the FIPS 180-2 examples", "[io]")
{
  CHECK(io::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  io::Sha256 hash;
  hash.update("a");
  hash.update("bc");
  CHECK(hash.hex_digest() == io::sha256_hex("abc"));
}

TEST_CASE("io: json_lines gives the line of every key and element", "[io]")
{
  const auto lines =
      io::json_lines("{\n  \"a\": [\n    1,\n    {\"b\": 2}\n  ],\n  \"c\": 3\n}", 10);
  CHECK(lines.at("") == 10);
  CHECK(lines.at("/a") == 11);
  CHECK(lines.at("/a/0") == 12);
  CHECK(lines.at("/a/1/b") == 13);
  CHECK(lines.at("/c") == 15);
  CHECK(io::json_lines("{\"a\": ").empty());
}

namespace {

using nlohmann::json;

// Refuses a key repeated inside one object, the one rule parse_json adds to nlohmann's.
class RepeatFinder : public nlohmann::json_sax<json> {
public:
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*raw*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*size*/) override
  {
    m_keys.emplace_back();
    return true;
  }
  bool key(string_t& name) override { return m_keys.back().insert(name).second; }
  bool end_object() override
  {
    m_keys.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override
  {
    return false;
  }

private:
  std::vector<std::set<std::string>> m_keys;
};

// What parse_json must give for `text`: what nlohmann::json::parse gives, or nothing when
// nlohmann refuses the text or an object in it repeats a key.
std::optional<json> expected_json(std::string_view text)
{
  RepeatFinder finder;
  if (!json::sax_parse(text, &finder)) {
    return std::nullopt;
  }
  return json::parse(text);
}

// How `actual` differs from `expected` (type at any node, value, the bits of a float), or "".
std::string difference(const json& actual, const json& expected, const std::string& path = "")
{
  if (actual.type() != expected.type()) {
    return path + ": type " + std::to_string(static_cast<int>(actual.type())) + " instead of " +
           std::to_string(static_cast<int>(expected.type()));
  }
  if (actual.is_object()) {
    if (actual.size() != expected.size()) {
      return path + ": " + std::to_string(actual.size()) + " members";
    }
    for (auto a = actual.begin(), e = expected.begin(); a != actual.end(); ++a, ++e) {
      if (a.key() != e.key()) {
        return path + ": key " + a.key() + " instead of " + e.key();
      }
      if (auto why = difference(*a, *e, path + "/" + a.key()); !why.empty()) {
        return why;
      }
    }
    return {};
  }
  if (actual.is_array()) {
    if (actual.size() != expected.size()) {
      return path + ": " + std::to_string(actual.size()) + " elements";
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
      if (auto why = difference(actual[i], expected[i], path + "/" + std::to_string(i));
          !why.empty()) {
        return why;
      }
    }
    return {};
  }
  if (actual.is_number_float()) {
    const auto bits = [](const json& number) {
      return std::bit_cast<std::uint64_t>(number.get<double>());
    };
    return bits(actual) == bits(expected) ? "" : path + ": " + actual.dump();
  }
  return actual == expected ? "" : path + ": " + actual.dump();
}

// The first way the simdjson path or parse_json disagrees with nlohmann on `text`, or "".
// The simdjson path may leave a text to nlohmann (parse_json then decides), but it must
// never accept what nlohmann refuses, nor give another value.
std::string disagreement(std::string_view text)
{
  const auto expected = expected_json(text);
  const auto fast = io::detail::parse_json_simd(text);
  if (fast && !expected) {
    return "the simdjson path accepts it";
  }
  const auto full = io::parse_json(text, "t.json");
  if (full.ok() != expected.has_value()) {
    return full.ok() ? "parse_json accepts it" : "parse_json refuses it";
  }
  if (!expected) {
    return {};
  }
  if (fast) {
    if (auto why = difference(*fast, *expected); !why.empty()) {
      return "simdjson path: " + why;
    }
  }
  if (auto why = difference(full.value(), *expected); !why.empty()) {
    return "parse_json: " + why;
  }
  return {};
}

// The first way parse_json_lenient disagrees with nlohmann::json::parse(text, nullptr,
// false) on `text`, which takes a repeated key (the last one counts), or "".
std::string lenient_disagreement(std::string_view text)
{
  const auto expected = json::parse(text, nullptr, false);
  const auto lenient = io::parse_json_lenient(text);
  if (lenient.is_discarded() != expected.is_discarded()) {
    return lenient.is_discarded() ? "parse_json_lenient refuses it"
                                  : "parse_json_lenient accepts it";
  }
  if (expected.is_discarded()) {
    return {};
  }
  if (auto why = difference(lenient, expected); !why.empty()) {
    return "parse_json_lenient: " + why;
  }
  return {};
}

// `text` with bytes outside printable ASCII as \xHH, for messages.
std::string printable(std::string_view text)
{
  std::string out;
  for (const char c : text.substr(0, 200)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      out += c;
    } else {
      out += fmt::format("\\x{:02X}", byte);
    }
  }
  return text.size() > 200 ? out + "..." : out;
}

// Runs every text through disagreement() and keeps the first few failures.
class Agreement {
public:
  void check(std::string_view text)
  {
    ++m_count;
    auto why = disagreement(text);
    if (why.empty()) {
      why = lenient_disagreement(text);
    }
    if (!why.empty() && m_failures.size() < 20) {
      m_failures.push_back(printable(text) + " -> " + why);
    }
  }
  [[nodiscard]] std::size_t count() const { return m_count; }
  [[nodiscard]] const std::vector<std::string>& failures() const { return m_failures; }

private:
  std::size_t m_count = 0;
  std::vector<std::string> m_failures;
};

// Checks `value` alone, as an array element and as an object member.
void check_in_context(Agreement& agreement, const std::string& value)
{
  agreement.check(value);
  agreement.check("[" + value + "]");
  agreement.check(" [1, " + value + " ,\"x\"] ");
  agreement.check("{\"k\":" + value + "}");
}

// A seeded source of choices; the standard's distributions differ between libraries, and
// the same seed must give the same cases everywhere.
class Choices {
public:
  explicit Choices(std::uint64_t seed) : m_engine(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }
  bool one_in(std::size_t n) { return below(n) == 0; }
  template <typename T, std::size_t N> const T& pick(const std::array<T, N>& items)
  {
    return items[below(N)];
  }

private:
  std::mt19937_64 m_engine;
};

// Writes valid JSON text, with some repeated keys, for the random cases.
class Generator {
public:
  explicit Generator(std::uint64_t seed) : m_choices(seed) {}

  std::string document()
  {
    std::string out;
    space(out);
    value(out, 0);
    space(out);
    return out;
  }
  Choices& choices() { return m_choices; }

private:
  void space(std::string& out)
  {
    static constexpr std::array<char, 4> k_space{' ', '\t', '\n', '\r'};
    for (std::size_t n = m_choices.one_in(2) ? 0 : m_choices.below(3); n > 0; --n) {
      out += m_choices.pick(k_space);
    }
  }
  void value(std::string& out, int depth)
  {
    switch (m_choices.below(depth >= 5 ? 4 : 7)) {
    case 0: string(out); break;
    case 1: number(out); break;
    case 2: {
      static constexpr std::array<std::string_view, 3> k_words{"true", "false", "null"};
      out += m_choices.pick(k_words);
      break;
    }
    case 3: string(out); break;
    case 4:
    case 5: object(out, depth + 1); break;
    default: array(out, depth + 1); break;
    }
  }
  void object(std::string& out, int depth)
  {
    out += '{';
    std::vector<std::string> keys;
    for (std::size_t n = m_choices.below(5), i = 0; i < n; ++i) {
      out += i > 0 ? "," : "";
      space(out);
      if (!keys.empty() && m_choices.one_in(40)) {
        out += keys[m_choices.below(keys.size())];
      } else {
        keys.emplace_back();
        string(keys.back());
        out += keys.back();
      }
      space(out);
      out += ':';
      space(out);
      value(out, depth);
      space(out);
    }
    out += '}';
  }
  void array(std::string& out, int depth)
  {
    out += '[';
    for (std::size_t n = m_choices.below(5), i = 0; i < n; ++i) {
      out += i > 0 ? "," : "";
      space(out);
      value(out, depth);
      space(out);
    }
    out += ']';
  }
  void string(std::string& out)
  {
    static constexpr std::array<std::string_view, 9> k_escapes{
        "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000"};
    out += '"';
    for (std::size_t n = m_choices.below(12); n > 0; --n) {
      switch (m_choices.below(6)) {
      case 0: out += m_choices.pick(k_escapes); break;
      case 1: unicode_escape(out); break;
      case 2: utf8(out, code_point()); break;
      default: out += static_cast<char>(' ' + 2 + m_choices.below(58)); break;
      }
    }
    out += '"';
  }
  std::uint32_t code_point()
  {
    static constexpr std::array<std::uint32_t, 14> k_edges{
        0x7F,   0x80,   0x7FF,  0x800,   0xFFF,    0x1000, 0xD7FF,
        0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF, 0x4E2D, 0x1F600};
    if (m_choices.one_in(3)) {
      return m_choices.pick(k_edges);
    }
    for (;;) {
      const auto cp =
          static_cast<std::uint32_t>(m_choices.below(m_choices.one_in(2) ? 0x800 : 0x110000));
      if (cp >= 0x20 && (cp < 0xD800 || cp > 0xDFFF) && cp != '"' && cp != '\\') {
        return cp;
      }
    }
  }
  static void utf8(std::string& out, std::uint32_t cp)
  {
    const auto byte = [&](std::uint32_t bits) { out += static_cast<char>(bits); };
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0U | (cp >> 6U));
      byte(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      byte(0xE0U | (cp >> 12U));
      byte(0x80U | ((cp >> 6U) & 0x3FU));
      byte(0x80U | (cp & 0x3FU));
    } else {
      byte(0xF0U | (cp >> 18U));
      byte(0x80U | ((cp >> 12U) & 0x3FU));
      byte(0x80U | ((cp >> 6U) & 0x3FU));
      byte(0x80U | (cp & 0x3FU));
    }
  }
  void unicode_escape(std::string& out)
  {
    const auto unit = [&](std::uint32_t value) {
      out +=
          m_choices.one_in(2) ? fmt::format("\\u{:04x}", value) : fmt::format("\\u{:04X}", value);
    };
    const std::uint32_t cp =
        m_choices.one_in(4) ? static_cast<std::uint32_t>(m_choices.below(0x20)) : code_point();
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800U + ((cp - 0x10000U) >> 10U));
      unit(0xDC00U + ((cp - 0x10000U) & 0x3FFU));
    }
  }
  void number(std::string& out)
  {
    static constexpr std::array<std::string_view, 12> k_edges{"9223372036854775807",
                                                              "9223372036854775808",
                                                              "-9223372036854775808",
                                                              "-9223372036854775809",
                                                              "18446744073709551615",
                                                              "18446744073709551616",
                                                              "1.7976931348623157e308",
                                                              "2.2250738585072014e-308",
                                                              "4.9406564584124654e-324",
                                                              "1e-400",
                                                              "-0",
                                                              "-0.0"};
    if (m_choices.one_in(6)) {
      out += m_choices.pick(k_edges);
      return;
    }
    if (m_choices.one_in(3)) {
      out += '-';
    }
    const auto digits = [&](std::size_t count) {
      for (std::size_t i = 0; i < count; ++i) {
        out += static_cast<char>('0' + m_choices.below(10));
      }
    };
    if (m_choices.one_in(4)) {
      out += '0';
    } else {
      out += static_cast<char>('1' + m_choices.below(9));
      digits(m_choices.below(m_choices.one_in(4) ? 25 : 6));
    }
    if (m_choices.one_in(3)) {
      out += '.';
      digits(1 + m_choices.below(m_choices.one_in(4) ? 25 : 4));
    }
    if (m_choices.one_in(4)) {
      out += m_choices.one_in(2) ? 'e' : 'E';
      static constexpr std::array<std::string_view, 3> k_signs{"", "+", "-"};
      out += m_choices.pick(k_signs);
      out += std::to_string(m_choices.below(m_choices.one_in(3) ? 400 : 20));
    }
  }

  Choices m_choices;
};

// Damages `text` by flipping, deleting, inserting and truncating bytes.
std::string mutate(std::string text, Choices& choices)
{
  using namespace std::string_view_literals;
  // Bytes that mean something to a JSON parser, or start or end a UTF-8 sequence.
  static constexpr auto k_bytes = "{}[]\":,\\ 0123456789-+.eEtrufalsn"
                                  "\x80\xBF\xC2\xDF\xE0\xED\xEF\xF0\xF4\xFF\x00\x1F"sv;
  const auto byte = [&] {
    return choices.one_in(2) ? static_cast<char>(choices.below(256))
                             : k_bytes[choices.below(k_bytes.size())];
  };
  for (std::size_t n = 1 + choices.below(3); n > 0; --n) {
    const std::size_t at = choices.below(text.size() + 1);
    switch (choices.below(4)) {
    case 0:
      if (at < text.size()) {
        text[at] =
            choices.one_in(2) ? byte() : static_cast<char>(text[at] ^ (1 << choices.below(8)));
      }
      break;
    case 1:
      if (at < text.size()) {
        text.erase(at, 1);
      }
      break;
    case 2: text.insert(at, 1, byte()); break;
    default:
      if (choices.one_in(3)) {
        text.resize(at);
      }
      break;
    }
  }
  return text;
}

// A report of the texts on which the parsers disagree.
std::string report(const Agreement& agreement)
{
  std::string out;
  for (const auto& failure : agreement.failures()) {
    out += failure + "\n";
  }
  return out;
}

} // namespace

TEST_CASE("io: the simdjson path agrees with nlohmann on every JSON file of the project",
          "[io][json_diff]")
{
  Agreement agreement;
  std::size_t refused_by_simdjson = 0;
  const auto check = [&](const std::string& text) {
    agreement.check(text);
    if (expected_json(text) && !io::detail::parse_json_simd(text)) {
      ++refused_by_simdjson;
    }
  };
  const std::filesystem::path root(SQMA_SOURCE_DIR);
  for (const auto& top : std::filesystem::directory_iterator(root)) {
    const auto name = top.path().filename().string();
    if (!top.is_directory() || name.starts_with(".") || name.starts_with("build") ||
        name == "out") {
      continue;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(top.path())) {
      const auto ext = entry.path().extension();
      if ((ext != ".json" && ext != ".jsonl") ||
          entry.path().string().find("/bench/out/") != std::string::npos) {
        continue;
      }
      const std::string text = test::slurp(entry.path());
      if (ext == ".json") {
        check(text);
        continue;
      }
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        check(line);
      }
    }
  }
  INFO(report(agreement));
  CHECK(agreement.count() > 100);
  CHECK(agreement.failures().empty());
  // Every file the project holds is read by simdjson, not left to nlohmann.
  CHECK(refused_by_simdjson == 0);
}

TEST_CASE("io: the simdjson path agrees with nlohmann on whitespace, literals and structure",
          "[io]")
{
  using namespace std::string_view_literals;
  Agreement agreement;
  // clang-format off
  for (const auto text : {
           // whitespace, a byte order mark, and text after the value
           ""sv, " "sv, "1"sv, " \t\n\r1 \t\n\r"sv, "\f1"sv, "\v1"sv, "1\f"sv, "\xC2\xA0" "1"sv,
           "1 2"sv, "1,"sv, "{} x"sv, "[]]"sv, "\xEF\xBB\xBF{}"sv, "\xEF\xBB\xBF"sv,
           "\xEF\xBB\xBF \n[1]"sv, "\xEF\xBB{}"sv, " \xEF\xBB\xBF{}"sv,
           "\xEF\xBB\xBF\xEF\xBB\xBF{}"sv, "{}\xEF\xBB\xBF"sv,
           // a NUL byte between tokens ends nlohmann's input
           "\0"sv, "[1]\0"sv, "[1]\0x"sv, "[1\0]"sv, "tr\0ue"sv, "\0[1]"sv,
           // literals
           "true"sv, "false"sv, "null"sv, "tru"sv, "True"sv, "nul"sv, "nulll"sv, "truefalse"sv,
           "[true,false,null]"sv, "[true false]"sv, "NaN"sv, "-NaN"sv, "nan"sv, "Infinity"sv,
           "-Infinity"sv, "[NaN]"sv,
           // structure, trailing commas and comments
           "["sv, "]"sv, "[1,]"sv, "[,1]"sv, "[1 2]"sv, "[1,,2]"sv, "{"sv, "}"sv, "{\"a\"}"sv,
           "{\"a\":}"sv, "{\"a\":1,}"sv, "{,}"sv, "{\"a\" 1}"sv, "{1:1}"sv, "{'a':1}"sv,
           "{a:1}"sv, "{\"a\":1 \"b\":2}"sv, "{\"a\";1}"sv, "[1]//c"sv, "/*c*/[1]"sv,
           "[1,/*c*/2]"sv, "# c\n1"sv, "[[[]]]"sv, "{\"a\":[{}]}"sv, "[ ] "sv, "{ }"sv,
           "[{},[],\"\",0]"sv,
           // repeated keys, and keys out of order
           "{\"a\":1,\"a\":2}"sv, "{\"a\":1,\"b\":2,\"a\":3}"sv, "{\"b\":1,\"a\":2,\"b\":3}"sv,
           "{\"b\":1,\"a\":2}"sv, "{\"a\":{\"a\":1},\"b\":{\"a\":2}}"sv,
           "[{\"a\":1},{\"a\":1}]"sv, "{\"\":1,\"\":2}"sv, "{\"\\u0061\":1,\"a\":2}"sv,
           "{\"a\\u0000\":1,\"a\":2}"sv, "{\"a\":{\"b\":1,\"b\":2}}"sv,
           "{\"z\":1,\"y\":2,\"x\":3,\"y\":4}"sv}) {
    // clang-format on
    agreement.check(text);
  }
  INFO(report(agreement));
  CHECK(agreement.failures().empty());
  CHECK_FALSE(io::detail::parse_json_simd("{\"a\":1,\"a\":1}").has_value());
  CHECK(io::detail::parse_json_simd("\xEF\xBB\xBF[]").value_or(json()) == json::array());
  CHECK(io::parse_json("[1]\0x"sv, "t.json").value() == json::array({1}));
}

TEST_CASE("io: the simdjson path agrees with nlohmann on every escape and UTF-8 boundary", "[io]")
{
  Agreement agreement;
  // clang-format off
  for (const std::string_view body : {
           // each escape, \u in either case, surrogate pairs, lone and mismatched surrogates
           "", "abc", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "a\\tb\\nc",
           "\\u0041", "\\u00e9", "\\u00E9", "\\uAbCd", "\\uaBcD", "\\u0000", "\\u001f", "\\u001F",
           "\\u007F", "\\u0080", "\\u07FF", "\\u0800", "\\uD7FF", "\\uE000", "\\uFFFF", "\\uFFFE",
           "\\uD800\\uDC00", "\\uDBFF\\uDFFF", "\\ud83d\\ude00", "\\uD83D\\uDE00x", "\\uD800",
           "\\uDBFF", "\\uDC00", "\\uDFFF", "\\uD800\\uD800", "\\uD800\\uE000", "\\uD800\\u0041",
           "\\uD800x", "\\uD800\\", "\\uD800\\n", "\\uD800\\u", "\\uD800\\uDC0", "\\uDC00\\uD800",
           "\\uDFFF\\uDC00",
           // escapes that do not exist or are cut short
           "\\x", "\\a", "\\U0041", "\\u12", "\\u12G4", "\\u-123", "\\u 123", "\\ ", "\\'", "\\0",
           "\\", "\\u", "a\\",
           // raw UTF-8 at the edges of each form
           "\x7F", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
           "\xF4\x90\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xEE\x80\x80",
           "\xE0\x9F\xBF", "\xE0\xA0\x80", "\xC0\x80", "\xC1\xBF", "\xC2\x80", "\xDF\xBF",
           "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80",
           "\xFF", "\xFE", "\x80", "\xBF", "a\x80", "\xE4\xB8", "\xE4", "\xF0\x9F\x98",
           // the same after a run of eight plain bytes
           "0123456789abcdef\xE4\xB8\xAD", "0123456\\n89abcdef", "01234567\xED\xA0\x80"}) {
    // clang-format on
    std::string text(1, '"');
    text.append(body).append(1, '"');
    check_in_context(agreement, text);
  }
  // Every byte and pair of bytes in a string: each lead byte with every second byte.
  for (unsigned first = 0; first < 256; ++first) {
    for (unsigned second = 0; second < 256; ++second) {
      agreement.check(std::string{'"', static_cast<char>(first), static_cast<char>(second), '"'});
    }
  }
  // Three- and four-byte sequences at the edges of every byte's range.
  static constexpr std::array<unsigned, 12> k_second{0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F,
                                                     0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  static constexpr std::array<unsigned, 4> k_tail{0x7F, 0x80, 0xBF, 0xC0};
  for (unsigned lead = 0xE0; lead < 0x100; ++lead) {
    for (const unsigned second : k_second) {
      for (const unsigned third : k_tail) {
        std::string text{'"', static_cast<char>(lead), static_cast<char>(second),
                         static_cast<char>(third), '"'};
        agreement.check(text);
        for (const unsigned fourth : k_tail) {
          text.insert(4, 1, static_cast<char>(fourth));
          agreement.check(text);
          text.erase(4, 1);
        }
      }
    }
  }
  for (unsigned control = 0; control < 0x20; ++control) {
    check_in_context(agreement, std::string{'"', 'a', static_cast<char>(control), '"'});
  }
  INFO(report(agreement));
  CHECK(agreement.count() > 65536 + 7000);
  CHECK(agreement.failures().empty());
  CHECK(io::detail::parse_json_simd("\"\\u0000\\uD83D\\uDE00\"").value_or(json()) ==
        json(std::string("\0\xF0\x9F\x98\x80", 5)));
}

TEST_CASE("io: the simdjson path agrees with nlohmann on numbers and their types", "[io]")
{
  const std::string zeros(400, '0');
  Agreement agreement;
  // clang-format off
  for (const std::string& number : std::vector<std::string>{
           // the grammar: leading zeros, signs, a bare point, an exponent without digits
           "0", "-0", "-0.0", "0.0", "1.0", "1", "-1", "01", "-01", "00", "0.", "+1", ".5", "1.",
           "-", "--1", "-.5", "1e", "1e+", "1E-", "1e5", "1E5", "1e+5", "1e-5", "0e0", "0E-0",
           "0x10", "1_000", "\xD9\xA1", "1.5x", "1e5.3", "-a",
           // the integer types' limits
           "9223372036854775807", "9223372036854775808", "18446744073709551615",
           "18446744073709551616", "99999999999999999999", "100000000000000000000",
           "10000000000000000000", "123456789012345678901234567890", "-9223372036854775807",
           "-9223372036854775808", "-9223372036854775809", "-18446744073709551615",
           "-18446744073709551616",
           // doubles: rounding, the largest, the smallest, overflow and underflow
           "0.1", "0.3", "1.5e308", "1.7976931348623157e308", "1.7976931348623158e308",
           "1.7976931348623159e308", "-1.7976931348623159e308", "1E400", "-1E400", "1e-400",
           "-1e-400", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-320",
           "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993",
           "9007199254740993.0", "3.141592653589793238462643383279502884197", "0.0e400",
           "0.000e-99999", "1e99999999999999999999", "1e-99999999999999999999",
           "-1e-99999999999999999999", "0.000001e-320", "12e-330", "1" + zeros, "-1" + zeros,
           "0." + zeros + "1", "1" + zeros + "e-500", "1" + zeros + "e-1100"}) {
    // clang-format on
    check_in_context(agreement, number);
  }
  INFO(report(agreement));
  CHECK(agreement.failures().empty());

  const auto type = [](std::string_view text) {
    const auto value = io::parse_json(text, "t.json");
    return value ? value->type() : json::value_t::discarded;
  };
  CHECK(type("9223372036854775807") == json::value_t::number_unsigned);
  CHECK(type("18446744073709551615") == json::value_t::number_unsigned);
  CHECK(type("18446744073709551616") == json::value_t::number_float);
  CHECK(type("-9223372036854775808") == json::value_t::number_integer);
  CHECK(type("-9223372036854775809") == json::value_t::number_float);
  CHECK(type("-0") == json::value_t::number_integer);
  CHECK(type("1.0") == json::value_t::number_float);
  CHECK(type("1E400") == json::value_t::discarded);
  const auto tiny = io::detail::parse_json_simd("-1e-400").value_or(json(1.0));
  CHECK(tiny.is_number_float());
  CHECK(tiny.get<double>() == 0.0);
  CHECK(std::signbit(tiny.get<double>()));
}

TEST_CASE("io: documents nested deeper than the limit are refused by both parsers", "[io]")
{
  const auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  const auto most = static_cast<std::size_t>(io::k_max_json_depth);
  CHECK(io::detail::parse_json_simd(nested(most)).has_value());
  CHECK_FALSE(io::detail::parse_json_simd(nested(most + 1)).has_value());
  const auto deepest = io::parse_json(nested(most), "deep.json");
  REQUIRE(deepest.ok());
  CHECK(deepest.value() == json::parse(nested(most)));
  const auto deeper = io::parse_json(nested(most + 1), "deep.json");
  REQUIRE_FALSE(deeper.ok());
  CHECK_THAT(deeper.failure().message, Catch::Contains("nested deeper than 256 levels"));
  CHECK(deeper.failure().where.json_path.rfind("/0/0/0", 0) == 0);
  CHECK_FALSE(io::parse_json(std::string(100000, '['), "deep.json").ok());
}

TEST_CASE("io: a string past the limit is refused, quoting a short prefix", "[io]")
{
  const std::string big(io::k_max_string_bytes + 1, 'x');
  const auto result = io::parse_json("{\"name\": \"" + big + "\"}", "big.json");
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.failure().message, Catch::Contains("more than the 1048576"));
  CHECK(result.failure().message.size() < 200);
  CHECK(result.failure().where.json_path == "/name");
}

TEST_CASE("io: the splitter refuses a value past the depth limit and an empty input", "[io]")
{
  std::vector<std::string> messages;
  const io::RawSink sink = [&](Result<io::RawRecord> raw) {
    if (!raw) {
      messages.push_back(raw.failure().message);
    }
    return true;
  };
  std::istringstream deep(std::string(100000, '[') + std::string(100000, ']'));
  io::read_raw_records(deep, "deep.json", sink);
  std::istringstream empty("  \n");
  io::read_raw_records(empty, "empty.json", sink);
  REQUIRE(messages.size() == 2);
  CHECK_THAT(messages[0], Catch::Contains("nested deeper than 256 levels"));
  CHECK_THAT(messages[1], Catch::Contains("no dossier in it"));
}

// Under AddressSanitizer each parse costs several times as much: fewer texts there.
#if defined(__SANITIZE_ADDRESS__)
constexpr int k_random_documents = 10000; // 20,000 texts
#else
constexpr int k_random_documents = 50000; // 100,000 texts
#endif

TEST_CASE("io: the simdjson path agrees with nlohmann on random and damaged documents",
          "[io][json_diff]")
{
  Agreement agreement;
  Generator generator(20261124);
  Choices choices(1124);
  std::size_t valid = 0;
  std::size_t by_simdjson = 0;
  for (int i = 0; i < k_random_documents; ++i) {
    const auto text = generator.document();
    agreement.check(text);
    agreement.check(mutate(text, choices));
    if (expected_json(text)) {
      ++valid;
      by_simdjson += io::detail::parse_json_simd(text) ? 1U : 0U;
    }
  }
  INFO(report(agreement));
  CHECK(agreement.count() >= 2 * static_cast<std::size_t>(k_random_documents));
  CHECK(agreement.failures().empty());
  // nlohmann decides only the rare text simdjson leaves to it (integers past 64 bits, -0).
  CHECK(by_simdjson * 10 >= valid * 9);
}

namespace {

// The message of the UsageError check() throws, or "" when it passes.
std::string guard_refusal(const sqma::io::PathGuard& guard, bool force = false)
{
  try {
    guard.check(force);
  } catch (const sqma::UsageError& e) {
    return e.what();
  }
  return {};
}

} // namespace

TEST_CASE("io: the path guard refuses an output that is an input, however it is named", "[io]")
{
  sqma::test::TempDir dir;
  const auto cycle = dir.write("cycle.toml", "year = 2025\n");
  std::filesystem::create_directories(dir.path() / "sub");
  std::filesystem::create_symlink(cycle, dir.path() / "link.toml");
  std::filesystem::create_hard_link(cycle, dir.path() / "hard.toml");
  for (const auto& name : {std::string("cycle.toml"), std::string("sub/../cycle.toml"),
                           std::string("link.toml"), std::string("hard.toml")}) {
    sqma::io::PathGuard guard;
    guard.input_file("--cycle", cycle);
    guard.output_file("--report", dir.path() / name);
    const auto message = guard_refusal(guard, true);
    CAPTURE(name);
    CHECK_THAT(message, Catch::Contains("--report") && Catch::Contains("--cycle") &&
                            Catch::Contains("never replaces an input"));
  }
}

TEST_CASE("io: the path guard knows a file that does not exist yet by its resolved path", "[io]")
{
  sqma::test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "real");
  std::filesystem::create_directory_symlink(dir.path() / "real", dir.path() / "alias");
  sqma::io::PathGuard guard;
  guard.input_file("--decisions", dir.path() / "real" / "new.toml");
  guard.output_file("--report", dir.path() / "alias" / "new.toml");
  CHECK_THAT(guard_refusal(guard), Catch::Contains("--decisions"));
}

TEST_CASE("io: the path guard refuses outputs among the files an input folder is read from", "[io]")
{
  sqma::test::TempDir dir;
  dir.write("dossiers/a.json", "{}");
  dir.write("bundles/a.zip", "PK");
  const auto& exts = sqma::io::PathGuard::dossier_extensions();

  sqma::io::PathGuard same_folder;
  same_folder.input("", (dir.path() / "dossiers").string(), exts);
  same_folder.output_dir("--out-dir", dir.path() / "dossiers", {".json"});
  CHECK_THAT(guard_refusal(same_folder, true), Catch::Contains("--out-dir"));

  sqma::io::PathGuard file_in_out_dir;
  file_in_out_dir.input("", (dir.path() / "dossiers" / "a.json").string(), exts);
  file_in_out_dir.output_dir("--out-dir", dir.path() / "dossiers", {".json"});
  CHECK_THAT(guard_refusal(file_in_out_dir, true), Catch::Contains("a.json"));

  sqma::io::PathGuard report_in_bundles;
  report_in_bundles.input_dir("--bundle-dir", dir.path() / "bundles", {".zip"});
  report_in_bundles.output_file("--report", dir.path() / "bundles" / "a.zip");
  CHECK_THAT(guard_refusal(report_in_bundles, true), Catch::Contains("--bundle-dir"));

  // Files of other kinds than a folder is read for may go next to its inputs.
  sqma::io::PathGuard letters;
  letters.input("", (dir.path() / "dossiers").string(), exts);
  letters.output_dir("--letters", dir.path() / "dossiers" / "letters", {".md"});
  letters.output_file("--report", dir.path() / "bundles" / "report.csv");
  letters.input_dir("--bundle-dir", dir.path() / "bundles", {".zip"});
  CHECK(guard_refusal(letters).empty());

  // A folder of outputs inside a folder of inputs of the same kind is refused.
  sqma::io::PathGuard nested;
  nested.input("", (dir.path() / "dossiers").string(), exts);
  nested.output_dir("--out-dir", dir.path() / "dossiers" / "checked", {".json"});
  CHECK_THAT(guard_refusal(nested), Catch::Contains("--out-dir"));
}

TEST_CASE("io: the path guard refuses two outputs on one file and an existing one without "
          "--force",
          "[io]")
{
  sqma::test::TempDir dir;
  const auto old = dir.write("old.csv", "x\n");
  sqma::io::PathGuard twice;
  twice.output_file("--report", dir.path() / "r.csv");
  twice.output_file("--audit", dir.path() / "r.csv");
  CHECK_THAT(guard_refusal(twice, true), Catch::Contains("--report") && Catch::Contains("--audit"));

  sqma::io::PathGuard existing;
  existing.output_file("--report", old);
  CHECK_THAT(guard_refusal(existing), Catch::Contains("give --force"));
  CHECK(guard_refusal(existing, true).empty());

  sqma::io::PathGuard standard;
  standard.input_file("", "-");
  standard.output_file("--report", "-");
  CHECK(guard_refusal(standard).empty());
}

TEST_CASE("io: a value quoted in a message keeps the message on one line", "[io]")
{
  using sqma::io::escape_controls;
  using sqma::io::quote_prefix;
  CHECK(escape_controls("个人\n奖") == "个人\\n奖");
  CHECK(escape_controls("a\r\tb\x1b") == "a\\r\\tb\\x1b");
  CHECK(quote_prefix("two\nlines") == "two\\nlines");
  const std::string long_value(70, 'x');
  CHECK(quote_prefix("\n" + long_value).rfind("\\nxxx", 0) == 0);
  // Between the quotes of a message a quote of the value's own cannot end it early.
  CHECK(quote_prefix(R"(SQMA"2025\O01)") == R"(SQMA\"2025\\O01)");
}
