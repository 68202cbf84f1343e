// SPDX-License-Identifier: Apache-2.0
#include "schema/quick.hpp"
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"
#include "schema/validator.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace sqma;

namespace {

const char* const k_reviewers = R"(schema = "reviewers.v1"

[[reviewer]]
id = "R-001"
name = "张三"
employer = { name = "上海某某咨询有限公司", credit_code = "91310000607231869E" }
education = "master"
experience_years = 15
tqm_training = true
qualifications = [{ award = "national", kind = "qualification", year = 2018 }]
pledge = { signed = true, date = 2025-03-01 }
max_load = 6
)";

} // namespace

TEST_CASE("schema: edit distance and suggestions", "[schema]")
{
  CHECK(schema::edit_distance("credit_code", "credit_code") == 0);
  CHECK(schema::edit_distance("crdeit_code", "credit_code") == 1);
  CHECK(schema::did_you_mean("expereince_years", {"experience_years", "education"}) ==
        "experience_years");
  CHECK(schema::did_you_mean("colour", {"experience_years", "education"}).empty());
}

TEST_CASE("schema: a valid TOML registry passes", "[schema]")
{
  auto doc = schema::parse_toml(k_reviewers, "reviewers.toml");
  REQUIRE(doc.ok());
  CHECK(doc->json["reviewer"][0]["pledge"]["date"] == "2025-03-01");
  const auto failures =
      schema::builtin("reviewers.v1").validate(doc->json, "reviewers.toml", &doc->lines);
  for (const auto& f : failures) {
    INFO(f.describe());
  }
  CHECK(failures.empty());
}

TEST_CASE("schema: a TOML key of thousands of parts is refused before toml++ recurses on it",
          "[schema]")
{
  std::string parts = "a";
  for (int i = 0; i < 20000; ++i) {
    parts += ".a";
  }
  // A multi-line string may end in one or two more quotes: four quotes end it in one.
  const std::string basic = "x = 1\ny = [ \"\"\"q\"\"\"\", { " + parts + " = 1 } ]\n";
  const std::string literal = "x = 1\ny = [ '''q'''', { " + parts + " = 1 } ]\n";
  for (const auto& text :
       {"x = 1\n[" + parts + "]\ny = 2\n", "x = 1\n" + parts + " = 1\n", basic, literal}) {
    const auto doc = schema::parse_toml(text, "deep.toml");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.failure().where.line == 2);
    CHECK(doc.failure().message.find("more than 64 dots") != std::string::npos);
  }
  // Dots in strings, multi-line strings and comments, numbers and times are not keys.
  const std::string dots(300, '.');
  const auto fine = "# " + dots + "\ns = \"" + dots + "\"\nl = '" + dots + "'\nm = \"\"\"\n" +
                    dots + "\n\"\"\"\nt = 1979-05-27T07:32:00.999\n[a.b.c]\nd.e = 1.5\n";
  const auto doc = schema::parse_toml(fine, "fine.toml");
  REQUIRE(doc.ok());
  CHECK(doc->json["a"]["b"]["c"]["d"]["e"] == 1.5);
}

TEST_CASE("schema: nan and inf in TOML are refused at their line and path", "[schema]")
{
  for (const std::string value : {"nan", "+nan", "-nan", "inf", "+inf", "-inf"}) {
    INFO(value);
    const auto doc = schema::parse_toml("x = 1\n[[items]]\npoints = " + value + "\n", "s.toml");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.failure().where.line == 3);
    CHECK(doc.failure().where.json_path == "/items/0/points");
    CHECK_THAT(doc.failure().message, Catch::Contains("nan and inf"));
  }
  const auto finite = schema::parse_toml("points = 1e308\n", "s.toml");
  REQUIRE(finite.ok());
  CHECK(finite->json["points"] == 1e308);
}

TEST_CASE("schema: an unknown TOML key names the line and suggests the known one", "[schema]")
{
  std::string text = k_reviewers;
  text.replace(text.find("experience_years"), 16, "expereince_years");
  auto doc = schema::parse_toml(text, "reviewers.toml");
  REQUIRE(doc.ok());
  const auto failures =
      schema::builtin("reviewers.v1").validate(doc->json, "reviewers.toml", &doc->lines);
  std::vector<std::string> described;
  for (const auto& f : failures) {
    described.push_back(f.describe());
  }
  CHECK_THAT(
      described,
      Catch::Matchers::VectorContains(std::string(
          "reviewers.toml:8: at /reviewer/0/expereince_years: unknown field \"expereince_years\" "
          "(did you mean \"experience_years\"?) (entry \"R-001\")")));
  CHECK_THAT(described,
             Catch::Matchers::VectorContains(std::string(
                 "reviewers.toml:3: at /reviewer/0: missing required field \"experience_years\" "
                 "(entry \"R-001\")")));
}

TEST_CASE("schema: an entry's id is quoted on one line", "[schema]")
{
  std::string text = k_reviewers;
  text.replace(text.find("\"R-001\""), 7, "\"R-001\\nFAKE: error\"");
  text.replace(text.find("experience_years"), 16, "expereince_years");
  auto doc = schema::parse_toml(text, "reviewers.toml");
  REQUIRE(doc.ok());
  const auto failures =
      schema::builtin("reviewers.v1").validate(doc->json, "reviewers.toml", &doc->lines);
  REQUIRE_FALSE(failures.empty());
  for (const auto& f : failures) {
    CHECK(f.describe().find('\n') == std::string::npos);
  }
  CHECK(failures.back().message.find("(entry \"R-001\\nFAKE: error\")") != std::string::npos);
}

TEST_CASE("schema: wrong types, enums and patterns say what was expected", "[schema]")
{
  std::string text = k_reviewers;
  text.replace(text.find("\"master\""), 8, "\"masters\"");
  text.replace(text.find("15"), 2, "\"15\"");
  text.replace(text.find("2025-03-01"), 10, "\"2025/03/01\"");
  auto doc = schema::parse_toml(text, "r.toml");
  REQUIRE(doc.ok());
  const auto failures = schema::builtin("reviewers.v1").validate(doc->json, "r.toml", &doc->lines);
  std::vector<std::string> described;
  for (const auto& f : failures) {
    described.push_back(f.describe());
  }
  CHECK_THAT(
      described,
      Catch::Matchers::VectorContains(std::string(
          "r.toml:7: at /reviewer/0/education: expected one of secondary, vocational, college, "
          "bachelor, master, doctorate, found \"masters\" (did you mean \"master\"?) (entry "
          "\"R-001\")")));
  CHECK_THAT(described,
             Catch::Matchers::VectorContains(std::string(
                 "r.toml:8: at /reviewer/0/experience_years: expected a whole number, found \"15\" "
                 "(entry \"R-001\")")));
  CHECK_THAT(described,
             Catch::Matchers::VectorContains(std::string(
                 "r.toml:11: at /reviewer/0/pledge/date: expected a date written YYYY-MM-DD, found "
                 "\"2025/03/01\" (entry \"R-001\")")));
}

TEST_CASE("schema: a TOML syntax error names the line", "[schema]")
{
  const auto doc = schema::parse_toml("a = 1\nb = = 2\n", "bad.toml");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.failure().where.line == 2);
}

TEST_CASE("schema: a TOML syntax error typed by hand comes with what to do", "[schema]")
{
  const auto hint = [](const std::string& line) {
    const auto doc = schema::parse_toml("schema = \"x\"\n" + line + "\n", "s.toml");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.failure().where.line == 2);
    const auto& message = doc.failure().message;
    const auto at = message.find("; ");
    return at == std::string::npos ? std::string{} : message.substr(at + 2);
  };
  CHECK(hint("points = 22,5") == "write decimals with a dot: 22.5");
  CHECK(hint("percent = 65%") == "write the number without %: 65");
  CHECK(hint("percent = \xEF\xBC\x96\xEF\xBC\x95").rfind("write = , digits", 0) == 0);
  CHECK(hint("percent = ").rfind("the value after = is missing", 0) == 0);
  CHECK(hint("key_energy_user = 否") == "write yes or no as true or false, in lower case: false");
  CHECK(hint("name = 上海") == "text goes in double quotes: \"上海\"");
  CHECK(hint("date = 2025/06/30").rfind("write a date as YYYY-MM-DD", 0) == 0);
  // Full-width punctuation inside a quoted text is no mistake; the error here is elsewhere.
  CHECK(hint("name = \"上海，浦东\" x").empty());
  // 1,000 may be a thousand: the hint says both readings, not only 1.000.
  CHECK(hint("max = 1,000") == "write numbers without a comma: 1000 if the comma groups "
                               "thousands, 1.000 if it marks the decimals");
  // A key given twice is that, whatever its value looks like.
  CHECK(hint("schema = true") == "a key or table is given twice: keep one of them");
  // What is quoted back stays on one line, and an identity number is not repeated.
  CHECK(hint("name = a\x1b[31mb") == "text goes in double quotes: \"a\\x1b[31mb\"");
  CHECK(hint("id_number = 31010519800101001X") == "text goes in double quotes");
  // A value TOML reads as it stands is not to be quoted when the error lies elsewhere.
  CHECK(hint("award year = 1e6").empty());
  CHECK(hint("a b = true").empty());
  CHECK(hint("a b = 上海") == "text goes in double quotes: \"上海\"");
  CHECK(hint("d = 2025-06-30T").rfind("write a date as YYYY-MM-DD", 0) == 0);
  CHECK(hint("d = 2025年6月30日").rfind("write a date as YYYY-MM-DD", 0) == 0);
  CHECK(hint("credit_code = 91310000MA1FL0ABCD") ==
        "text goes in double quotes: \"91310000MA1FL0ABCD\"");
}

TEST_CASE("schema: every shipped schema compiles", "[schema]")
{
  const auto names = schema::builtin_names();
  CHECK(names == std::vector<std::string>{"cycle.v1", "decisions.v1", "dossier.v1", "reviewers.v1",
                                          "rulebook.v1", "scoresheet.v1"});
  for (const auto& name : names) {
    INFO(name);
    // the quick check at construction, valijson's schema on the first full validation
    CHECK_NOTHROW(schema::builtin(name));
    CHECK_NOTHROW(schema::builtin(name).validate_in_full(nlohmann::json::object(), "empty"));
    CHECK_FALSE(schema::builtin(name).validate_in_full(nlohmann::json::object(), "empty").empty());
  }
}

namespace {

// Every document of the repository that names a shipped schema: the samples, the test
// data and the compiled-in data files, JSON, JSON Lines and TOML alike, by schema name.
std::map<std::string, std::vector<nlohmann::json>> corpus()
{
  std::map<std::string, std::vector<nlohmann::json>> out;
  const auto names = schema::builtin_names();
  const auto add = [&](const nlohmann::json& doc) {
    if (doc.is_object() && doc.contains("schema") && doc["schema"].is_string()) {
      const auto name = doc["schema"].get<std::string>();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        out[name].push_back(doc);
      }
    }
  };
  std::vector<std::filesystem::path> files;
  for (const char* top : {"samples", "tests", "data"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(SQMA_SOURCE_DIR) / top)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const auto ext = path.extension();
    if (ext != ".json" && ext != ".jsonl" && ext != ".toml") {
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (ext == ".toml") {
      if (auto doc = schema::parse_toml(text, path.string())) {
        add(doc->json);
      }
      continue;
    }
    std::istringstream lines(ext == ".jsonl" ? text : std::string{});
    std::vector<std::string> records;
    if (ext == ".jsonl") {
      for (std::string line; std::getline(lines, line);) {
        records.push_back(line);
      }
    } else {
      records.push_back(text);
    }
    for (const auto& record : records) {
      const auto doc = nlohmann::json::parse(record, nullptr, false);
      if (!doc.is_discarded()) {
        add(doc);
      }
    }
  }
  return out;
}

// Every JSON Pointer into `doc`, the root included.
void pointers(const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
              std::vector<nlohmann::json::json_pointer>& out)
{
  out.push_back(at);
  if (doc.is_object()) {
    for (const auto& [key, value] : doc.items()) {
      pointers(value, at / key, out);
    }
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) {
      pointers(doc[i], at / i, out);
    }
  }
}

} // namespace

TEST_CASE("schema: the quick check accepts exactly what the full validation accepts", "[schema]")
{
  const auto documents = corpus();
  // The shapes a slip of the pen gives a value.
  // (A string that starts with NUL and an unsigned number past INT64_MAX are where
  // valijson's reading of a value is odd.)
  const std::vector<nlohmann::json> replacements{nullptr,
                                                 true,
                                                 0,
                                                 -1,
                                                 1.5,
                                                 2.0,
                                                 100000,
                                                 "",
                                                 "x",
                                                 "2025-13-45",
                                                 "91310000607231869E",
                                                 nlohmann::json::array(),
                                                 nlohmann::json::object(),
                                                 nlohmann::json::array({"x", "x"}),
                                                 std::string("\0abc", 4),
                                                 std::uint64_t{1} << 63U};
  std::map<std::string, std::array<std::size_t, 2>> verdicts; // schema -> {refused, accepted}
  for (const auto& [name, docs] : documents) {
    const auto& validator = schema::builtin(name);
    REQUIRE(validator.has_quick_check());
    const auto quick =
        schema::QuickCheck::compile(nlohmann::json::parse(schema::builtin_text(name)));
    REQUIRE(quick != nullptr);
    const auto compare = [&](const nlohmann::json& doc, const std::string& what) {
      const bool full = validator.validate_in_full(doc, "doc").empty();
      INFO(name << ": " << what << "\n" << doc.dump());
      CHECK(quick->accepts(doc) == full);
      ++verdicts[name][full ? 1 : 0];
    };
    // Two documents of each schema, spread over the corpus, each changed at every place.
    const std::size_t step = std::max<std::size_t>(1, docs.size() / 2);
    for (std::size_t d = 0; d < docs.size(); d += step) {
      const auto& doc = docs[d];
      compare(doc, "as written");
      std::vector<nlohmann::json::json_pointer> places;
      std::size_t turn = 0;
      pointers(doc, nlohmann::json::json_pointer(), places);
      // About 150 places of each document, spread over all of it.
      const std::size_t stride = std::max<std::size_t>(1, places.size() / 150);
      for (std::size_t p = 0; p < places.size(); p += stride) {
        const auto& place = places[p];
        if (!place.empty()) {
          auto removed = doc;
          auto& parent = removed.at(place.parent_pointer());
          if (parent.is_object()) {
            parent.erase(place.back());
          } else {
            parent.erase(parent.begin() + std::stol(place.back()));
          }
          compare(removed, "without " + place.to_string());
        }
        // One of the replacements at each place, the next one at the next place.
        const auto& value = replacements[turn++ % replacements.size()];
        auto changed = doc;
        changed.at(place) = value;
        compare(changed, place.to_string() + " = " + value.dump());
        if (doc.at(place).is_object()) {
          auto extra = doc;
          extra.at(place)["colour"] = "red";
          compare(extra, place.to_string() + " with an unknown field");
        }
      }
    }
  }
  // Every shipped schema was exercised, with documents on both sides of the line.
  for (const auto& name : schema::builtin_names()) {
    INFO(name);
    CHECK(verdicts[name][0] > 20);
    CHECK(verdicts[name][1] > 5);
  }
}

TEST_CASE("schema: the quick check declines what it does not know and never guesses", "[schema]")
{
  using nlohmann::json;
  // A keyword it does not know: no quick check, and the full validation still works.
  CHECK(schema::QuickCheck::compile(json::parse(R"({"type": "string", "format": "date"})")) ==
        nullptr);
  const schema::Validator formats("formats", R"({"type": "string", "format": "date"})");
  CHECK_FALSE(formats.has_quick_check());
  CHECK(formats.validate(json("2025-01-01"), "f").empty());
  CHECK_FALSE(formats.validate(json(1), "f").empty());

  // A whole number is not taken for a fraction, nor the other way round.
  const auto quick = schema::QuickCheck::compile(json::parse(
      R"({"type": "object", "properties": {"e": {"enum": [1, "x"]}, "c": {"const": {"a": [2.5]}}}})"));
  REQUIRE(quick != nullptr);
  CHECK(quick->accepts(json::parse(R"({"e": 1, "c": {"a": [2.5]}})")));
  CHECK(quick->accepts(json::parse(R"({"e": "x"})")));
  CHECK_FALSE(quick->accepts(json::parse(R"({"e": 1.0})")));
  CHECK_FALSE(quick->accepts(json::parse(R"({"e": "y"})")));
  CHECK_FALSE(quick->accepts(json::parse(R"({"c": {"a": [2.5, 1]}})")));
  CHECK_FALSE(quick->accepts(json::parse(R"({"c": {"a": [2.5], "b": 1}})")));

  // A schema that refers to itself is followed as deep as the document goes.
  const auto tree = schema::QuickCheck::compile(json::parse(
      R"({"$ref": "#/definitions/node", "definitions": {"node": {"type": "object",
          "additionalProperties": false, "properties": {"kids": {"type": "array",
          "items": {"$ref": "#/definitions/node"}}}}}})"));
  REQUIRE(tree != nullptr);
  CHECK(tree->accepts(json::parse(R"({"kids": [{"kids": [{}]}, {}]})")));
  CHECK_FALSE(tree->accepts(json::parse(R"({"kids": [{"kids": [{"leaf": 1}]}]})")));
}

TEST_CASE("schema: the quick check declines an if whose answer could differ from valijson's",
          "[schema]")
{
  using nlohmann::json;
  // Inside "if", refusing more would skip a "then": only exact keywords are taken.
  for (const char* condition :
       {R"({"const": 1})", R"({"enum": ["a", 2]})", R"({"properties": {"a": {"pattern": "x"}}})",
        R"({"properties": {"n": {"minimum": 0}}})", R"({"uniqueItems": true})",
        R"({"$ref": "#/definitions/d"})"}) {
    INFO(condition);
    const auto schema = json::parse(R"({"definitions": {"d": {"type": "string"}}, "then": false})");
    auto with_if = schema;
    with_if["if"] = json::parse(condition);
    CHECK(schema::QuickCheck::compile(with_if) == nullptr);
  }
  const auto exact = schema::QuickCheck::compile(json::parse(
      R"({"if": {"properties": {"a": {"const": "x", "minLength": 1}}, "required": ["a"]},
          "then": {"required": ["b"]}})"));
  REQUIRE(exact != nullptr);
  CHECK(exact->accepts(json::parse(R"({"a": "x", "b": 1})")));
  CHECK_FALSE(exact->accepts(json::parse(R"({"a": "x"})")));
  CHECK(exact->accepts(json::parse(R"({"a": "y"})")));

  // valijson counts a string's characters up to its first NUL, and reads an unsigned
  // number through int64_t: the quick check refuses what that makes valijson refuse.
  const schema::Validator counts("counts", R"({"type": "object", "properties": {
      "s": {"type": "string", "minLength": 1}, "n": {"type": "integer", "minimum": 0}}})");
  REQUIRE(counts.has_quick_check());
  for (const auto& doc : {json{{"s", std::string("\0a", 2)}}, json{{"n", std::uint64_t{1} << 63U}},
                          json{{"s", "a"}, {"n", 5}}}) {
    INFO(doc.dump());
    CHECK(counts.validate(doc, "d").empty() == counts.validate_in_full(doc, "d").empty());
  }
  CHECK_FALSE(counts.validate(json{{"s", std::string("\0a", 2)}}, "d").empty());
}

TEST_CASE("schema: the numbers other verbs compute with are bounded", "[schema]")
{
  std::ifstream in(std::filesystem::path(SQMA_SOURCE_DIR) / "samples/dossiers/SQMA-2025-O01.json");
  auto dossier = nlohmann::json::parse(in);
  dossier["award"] = {{"year", 2025}, {"certificate", "SQMA-2025-BM-99999999999"}};
  dossier["rounds"]["written"]["result"] = {{"rank", 99999999999}, {"of", 40}, {"sheets", 5}};
  std::vector<std::string> described;
  for (const auto& f : schema::builtin("dossier.v1").validate(dossier, "d.json")) {
    described.push_back(f.describe());
  }
  CHECK_THAT(described, Catch::Matchers::VectorContains(std::string(
                            "d.json: at /rounds/written/result/rank: expected a number <= "
                            "1000000, found 99999999999")));
  REQUIRE(described.size() == 2);
  CHECK(described[0].find("/award/certificate") != std::string::npos);
  dossier["award"]["certificate"] = "SQMA-2025-BM-001";
  dossier["rounds"]["written"]["result"]["rank"] = 3;
  CHECK(schema::builtin("dossier.v1").validate(dossier, "d.json").empty());
}
