// SPDX-License-Identifier: Apache-2.0
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "model/dossier_io.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace sqma;
using sqma::test::TempDir;

namespace {

nlohmann::json minimal_individual()
{
  return nlohmann::json::parse(R"({
    "schema": "dossier.v1", "id": "I-T01", "cycle": 2025, "class": "individual",
    "kind": "craftsman",
    "applicant": {
      "name": "王建国",
      "organisation": {"name": "上海某某机械有限公司", "credit_code": "91310000607231869E"},
      "person": {"name": "王建国", "id_number": "11010519491231002X", "position": "高级技师"}
    },
    "materials": [{"type": "application_form", "path": "申报表.pdf",
                   "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}],
    "stage": "submitted", "history": []
  })");
}

} // namespace

TEST_CASE("model: dates parse, compare and print both ways", "[model]")
{
  const auto d = model::Date::parse("2025-10-13");
  REQUIRE(d.has_value());
  CHECK(d->iso() == "2025-10-13");
  CHECK(d->chinese() == "2025年10月13日");
  CHECK(d->iso_weekday() == 1);
  CHECK_FALSE(model::Date::parse("2025-02-29").has_value());
  CHECK_FALSE(model::Date::parse("2025-2-3").has_value());
  CHECK(model::Date(2024, 2, 29).plus_years(1).iso() == "2025-02-28");
  CHECK(model::days_between(*d, d->plus_days(30)) == 30);
}

TEST_CASE("model: a dossier survives a round trip unchanged", "[model]")
{
  const auto json = minimal_individual();
  auto dossier = model::dossier_from_json(json, Location{"t.json", 1, {}});
  REQUIRE(dossier.ok());
  CHECK(dossier->award_class == model::AwardClass::individual);
  CHECK(dossier->kind == model::IndividualKind::craftsman);
  const nlohmann::json back = dossier.value();
  CHECK(back == json);
}

TEST_CASE("model: a kind on a non-individual dossier is refused", "[model]")
{
  auto json = minimal_individual();
  json["class"] = "organisation";
  const auto dossier = model::dossier_from_json(json, Location{"t.json", 1, {}});
  REQUIRE_FALSE(dossier.ok());
}

TEST_CASE("model: identity check characters are verified", "[model]")
{
  auto json = minimal_individual();
  json["applicant"]["organisation"]["credit_code"] = "91310000607231869N";
  json["applicant"]["person"]["id_number"] = "110105194912310021";
  auto dossier = model::dossier_from_json(json, Location{"t.json", 1, {}});
  REQUIRE(dossier.ok());
  const auto problems = model::identity_problems(dossier.value(), Location{"t.json", 1, {}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].where.json_path == "/applicant/organisation/credit_code");
  CHECK(problems[0].message.find("expected E") != std::string::npos);
  CHECK(problems[1].where.json_path == "/applicant/person/id_number");
  CHECK(problems[1].message.find("110105") == std::string::npos);
}

TEST_CASE("model: an out-dir run writes nothing until commit, and nothing on failure", "[model]")
{
  TempDir dir;
  auto dossier = model::dossier_from_json(minimal_individual(), Location{}).take();
  std::ostringstream unused;
  {
    model::DossierWriter writer(unused, {dir.path() / "out", false, {}});
    writer.write(dossier);
    dossier.id = "I-T02";
    writer.write(dossier);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "out" / "I-T01.json"));
    // Destroyed without commit, as when a later dossier fails.
  }
  CHECK(std::filesystem::is_empty(dir.path() / "out"));
  {
    model::DossierWriter writer(unused, {dir.path() / "out", false, {}});
    writer.write(dossier);
    writer.commit();
  }
  CHECK(std::filesystem::exists(dir.path() / "out" / "I-T02.json"));
  model::DossierWriter again(unused, {dir.path() / "out", false, {}});
  CHECK_THROWS_AS(again.write(dossier), UsageError);
}

TEST_CASE("model: JSON Lines output is one compact line per dossier", "[model]")
{
  auto dossier = model::dossier_from_json(minimal_individual(), Location{}).take();
  std::ostringstream out;
  model::DossierWriter writer(out, {});
  writer.write(dossier);
  CHECK_THROWS_AS(writer.write(dossier), DataError);
  writer.commit();
  CHECK(out.str() == minimal_individual().dump() + "\n");
}

TEST_CASE("model: dossiers are read from folders in sorted order, past a bad file", "[model]")
{
  TempDir dir;
  auto a = minimal_individual();
  a["id"] = "A";
  auto b = minimal_individual();
  b["id"] = "B";
  dir.write("in/z/b.json", b.dump(2));
  dir.write("in/a.jsonl", a.dump() + "\n{\"schema\": \"dossier.v1\"}\n");
  dir.write("in/.hidden/c.json", a.dump());
  dir.write("in/notes.txt", "not read");
  std::istringstream in("[" + b.dump() + "]");
  std::vector<std::string> seen;
  const auto count = model::read_dossiers(
      {(dir.path() / "in").string(), "-"}, in, [&](Result<model::LoadedDossier> d) {
        seen.push_back(d ? d->dossier.id + "@" + std::to_string(d->where.line)
                         : "error@" + std::to_string(d.failure().where.line));
        return true;
      });
  REQUIRE(count.ok());
  CHECK(count.value() == 4);
  CHECK(seen == std::vector<std::string>{"A@1", "error@2", "B@1", "B@1"});
  CHECK_FALSE(model::read_dossiers({(dir.path() / "missing").string()}, in,
                                   [](Result<model::LoadedDossier>) { return true; })
                  .ok());
}
