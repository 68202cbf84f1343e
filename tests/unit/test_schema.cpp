// SPDX-License-Identifier: Apache-2.0
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"
#include "schema/validator.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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
          "(did you mean \"experience_years\"?)")));
  CHECK_THAT(described,
             Catch::Matchers::VectorContains(std::string(
                 "reviewers.toml:3: at /reviewer/0: missing required field \"experience_years\"")));
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
          "bachelor, master, doctorate, found \"masters\" (did you mean \"master\"?)")));
  CHECK_THAT(
      described,
      Catch::Matchers::VectorContains(std::string(
          "r.toml:8: at /reviewer/0/experience_years: expected a whole number, found \"15\"")));
  CHECK_THAT(described,
             Catch::Matchers::VectorContains(std::string(
                 "r.toml:11: at /reviewer/0/pledge/date: expected a date written YYYY-MM-DD, found "
                 "\"2025/03/01\"")));
}

TEST_CASE("schema: a TOML syntax error names the line", "[schema]")
{
  const auto doc = schema::parse_toml("a = 1\nb = = 2\n", "bad.toml");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.failure().where.line == 2);
}

TEST_CASE("schema: every shipped schema compiles", "[schema]")
{
  const auto names = schema::builtin_names();
  CHECK(names == std::vector<std::string>{"cycle.v1", "decisions.v1", "dossier.v1", "reviewers.v1",
                                          "rulebook.v1", "scoresheet.v1"});
  for (const auto& name : names) {
    CHECK_NOTHROW(schema::builtin(name));
  }
}
