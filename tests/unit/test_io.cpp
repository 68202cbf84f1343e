// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/json_reader.hpp"
#include "io/json_stream.hpp"
#include "io/sha256.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace sqma;
using sqma::test::TempDir;

namespace {

// A parsed record and where it started.
struct Parsed {
  nlohmann::json value;
  Location where;
};

// Splits and parses a stream the way every verb reads its inputs.
std::vector<Result<Parsed>> read_all(const std::string& text)
{
  std::istringstream in(text);
  std::vector<Result<Parsed>> out;
  io::read_raw_records(in, "in.jsonl", [&](Result<io::RawRecord> raw) {
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
  CHECK(result.failure().message.find("invalid UTF-8") != std::string::npos);
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
  SECTION("a bad record is reported and the next one still read")
  {
    const auto records = read_all("{\"id\":1}\n{\"id\":2,}\n{\"id\":3}\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].ok());
    REQUIRE_FALSE(records[1].ok());
    CHECK(records[1].failure().where.line == 2);
    CHECK(records[2].ok());
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
