// SPDX-License-Identifier: Apache-2.0
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "model/dossier_io.hpp"
#include "model/json_text.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
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
  CHECK_FALSE(model::Date::parse("-001-01-01").has_value());
  CHECK_FALSE(model::Date::parse(" 202-01-01").has_value());
  CHECK(model::Date(2024, 2, 29).plus_years(1).iso() == "2025-02-28");
  CHECK(model::days_between(*d, d->plus_days(30)) == 30);
}

TEST_CASE("model: every date is written YYYY-MM-DD, also outside years 0 to 9999", "[model]")
{
  // From before year 0 to past 9999, a day in every 13 (so that every day of the month and
  // every month come up), each as fmt writes it.
  std::size_t different = 0;
  std::size_t tried = 0;
  for (long day = -800000; day < 3000000; day += 13) {
    const model::Date date{std::chrono::sys_days{std::chrono::days{day}}};
    different +=
        date.iso() == fmt::format("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()) ? 0U
                                                                                              : 1U;
    ++tried;
  }
  CHECK(different == 0);
  CHECK(tried > 290000);
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
    model::DossierWriter writer(unused, {dir.path() / "out", false, {}, {}});
    writer.write(dossier);
    dossier.id = "I-T02";
    writer.write(dossier);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "out" / "I-T01.json"));
    // Destroyed without commit, as when a later dossier fails.
  }
  CHECK(std::filesystem::is_empty(dir.path() / "out"));
  {
    model::DossierWriter writer(unused, {dir.path() / "out", false, {}, {}});
    writer.write(dossier);
    writer.commit();
  }
  CHECK(std::filesystem::exists(dir.path() / "out" / "I-T02.json"));
  model::DossierWriter again(unused, {dir.path() / "out", false, {}, {}});
  CHECK_THROWS_AS(again.write(dossier), UsageError);
  // A name another output of the run takes (a report) is refused, with --force too.
  model::DossierWriter taken(unused,
                             {dir.path() / "out", true, {}, {{"I-T02.json", "--report r"}}});
  CHECK_THROWS_WITH(taken.write(dossier), Catch::Contains("is also --report r"));
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

namespace {

// Every dossier in a file: a JSON document (one dossier or an array of them) or JSON Lines.
void collect_dossiers(const std::filesystem::path& file, std::vector<nlohmann::json>& out)
{
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const auto take = [&](const nlohmann::json& value) {
    if (value.is_object() && value.value("schema", "") == "dossier.v1") {
      out.push_back(value);
    }
  };
  if (const auto whole = nlohmann::json::parse(text, nullptr, false); !whole.is_discarded()) {
    take(whole);
    if (whole.is_array()) {
      std::for_each(whole.begin(), whole.end(), take);
    }
    return;
  }
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (const auto value = nlohmann::json::parse(line, nullptr, false); !value.is_discarded()) {
      take(value);
    }
  }
}

// dump_dossier against the tree it replaces, compact and pretty.
void check_dump(const model::Dossier& dossier)
{
  const nlohmann::json tree = dossier;
  CHECK(model::dump_dossier(dossier, false) == tree.dump());
  CHECK(model::dump_dossier(dossier, true) == tree.dump(2) + "\n");
}

// What nlohmann writes for a string, or the message it throws.
std::string nlohmann_string(const std::string& text)
{
  try {
    return nlohmann::json(text).dump();
  } catch (const nlohmann::json::type_error& error) {
    return error.what();
  }
}

std::string text_string(const std::string& text)
{
  model::JsonText out(false);
  try {
    out.string(text);
    return out.take();
  } catch (const nlohmann::json::type_error& error) {
    return error.what();
  }
}

} // namespace

TEST_CASE("model: every sample and test dossier is written as nlohmann writes it", "[model]")
{
  std::vector<std::filesystem::path> files;
  for (const char* folder : {"samples", "tests"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(SQMA_SOURCE_DIR) / folder)) {
      const auto ext = entry.path().extension();
      // Golden outputs and standard inputs of the CLI tests hold JSON Lines too.
      if (entry.is_regular_file() &&
          (ext == ".json" || ext == ".jsonl" || ext == ".out" || ext == ".stdin")) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t compared = 0;
  for (const auto& file : files) {
    std::vector<nlohmann::json> values;
    collect_dossiers(file, values);
    for (const auto& value : values) {
      model::Dossier dossier;
      try {
        dossier = value.get<model::Dossier>();
      } catch (const std::exception&) {
        continue; // a test of bad input, which no command would write
      }
      INFO(file.string() << ": " << dossier.id);
      check_dump(dossier);
      ++compared;
    }
  }
  CHECK(compared >= 20);
}

TEST_CASE("model: control bytes, nested details and every optional field are written as "
          "nlohmann writes them",
          "[model]")
{
  auto dossier = model::dossier_from_json(minimal_individual(), Location{}).take();
  std::string odd{"\"quoted\" back\\slash /slash 上海市质量管理奖 \x7f"};
  for (int c = 0; c < 0x20; ++c) {
    odd += static_cast<char>(c);
  }
  odd += "末";
  dossier.applicant.name = odd;
  dossier.applicant.industries = {"C34", odd};
  dossier.applicant.partners = {{"合作单位", "91310000607231869E", odd}};
  dossier.applicant.contact = model::Contact{"联系人", "021-12345678", std::nullopt};
  auto& person = *dossier.applicant.person;
  person.gender = "男";
  person.education = model::Education::master;
  person.years_in_post = 0;
  const model::Date day(2024, 2, 29);
  dossier.certificates = {
      {model::CertificateType::ohs, "ISO 45001", "N-1", odd, std::nullopt, day, day.plus_years(3)}};
  dossier.compliance = model::Compliance{true, false, true, false, true};
  dossier.incidents = {
      {day, model::IncidentKind::food_safety, model::Severity::general, false, odd}};
  dossier.credit_records = {
      {day, model::CreditKind::major_complaint, "市场监管局", std::nullopt, day.plus_days(365)}};
  dossier.social_report = model::SocialReport{-2024, ""};
  dossier.activities = {{model::Organiser::other, "某协会", "活动", day}};
  dossier.recommendations = {{"推荐单位", model::RecommenderKind::own_organisation, day}};
  dossier.awards = {{"奖", model::AwardLevel::district, 2020, std::nullopt}};
  dossier.leader = model::LeaderRecord{
      day, {}, {{2022, 1234.5, -0.1, std::nullopt}, {2023, 1e21, 3.0, "注"}, {2024, {}, {}, {}}}};
  dossier.project = model::ProjectRecord{day, std::nullopt, {"六西格玛", "QC"}, odd};
  dossier.bundle = model::Bundle{"I-T01.zip", std::nullopt};
  dossier.declarations = {{"A3-4(6)", odd, "张三", day}};
  dossier.stage = model::Stage::revoked;
  const auto nested = nlohmann::json::parse(R"({
    "zeta": 1.5, "alpha": null, "Beta": true, "_": false, "aa": [], "a": {}, "中文": -7,
    "big": 18446744073709551615, "small": -9223372036854775808, "tiny": 1e-300,
    "list": [0.1, 2, "x\u0001y", [[]], {"b": {}, "a": []}, null, 100.0],
    "keys": {"\u0000": 1, "\u001f": 2, "~": 3, "é": 4, "A": 5}
  })");
  model::Round written;
  written.panel = {{"R-002", true}, {"R-001", false}};
  written.seed = std::uint64_t{18446744073709551615U};
  written.sheets = {nested, nlohmann::json::object(), nlohmann::json::array()};
  written.result = nested;
  dossier.rounds.written = written;
  dossier.rounds.onsite = model::Round{};
  dossier.award = model::AwardRecord{2025, "特别奖", odd, day, day, odd};
  dossier.history = {
      {model::Stage::eligible, day, "check", "0.1.0", {{"cycle.toml", "ab"}}, "pass", nested},
      {model::Stage::written, day, "assign", "0.1.0", {}, odd, nullptr},
      {model::Stage::panel, day, "score", "", {}, "", 0.5}};
  check_dump(dossier);

  dossier.materials.clear();
  dossier.history.clear();
  dossier.rounds = {};
  check_dump(dossier);
  CHECK(model::dump_dossier(dossier, false).find("\"materials\":[]") != std::string::npos);
}

TEST_CASE("model: text that is not UTF-8 is refused as nlohmann refuses it", "[model]")
{
  auto dossier = model::dossier_from_json(minimal_individual(), Location{}).take();
  dossier.applicant.name = "ok \xe4\xb8";
  const nlohmann::json tree = dossier;
  CHECK_THROWS_WITH(model::dump_dossier(dossier, false), nlohmann_string(dossier.applicant.name));
  CHECK_THROWS_AS(tree.dump(), nlohmann::json::type_error);

  // Every string of one or two bytes, and three and four bytes around each boundary of
  // UTF-8's well-formed sequences.
  std::vector<std::string> texts;
  for (int a = 0; a < 256; ++a) {
    texts.emplace_back(1, static_cast<char>(a));
    for (int b = 0; b < 256; ++b) {
      texts.push_back({static_cast<char>(a), static_cast<char>(b)});
    }
  }
  const int leads[] = {0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                       0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  const int trails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (const int lead : leads) {
    for (const int b : trails) {
      for (const int c : trails) {
        const std::string three{static_cast<char>(lead), static_cast<char>(b),
                                static_cast<char>(c)};
        texts.push_back(three);
        for (const int d : trails) {
          texts.push_back(three + static_cast<char>(d));
        }
      }
    }
  }
  std::vector<std::string> different;
  for (const auto& text : texts) {
    if (text_string(text) != nlohmann_string(text)) {
      different.push_back(nlohmann::json::binary({text.begin(), text.end()}).dump());
    }
  }
  CHECK(different.empty());
  CHECK(texts.size() > 70000);
}

TEST_CASE("model: every byte at every place of a long string is written as nlohmann writes it",
          "[model]")
{
  // The writer passes plain ASCII eight bytes at a time: each byte value (and a two-byte
  // UTF-8 character) at each offset of strings of up to 24 bytes, so that every byte of a
  // word and of the tail after the last whole word is tried.
  std::vector<std::string> different;
  std::size_t tried = 0;
  for (std::size_t size = 1; size <= 24; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      for (int byte = 0; byte <= 256; ++byte) {
        std::string text(size, 'a');
        if (byte == 256) {
          text.replace(at, 1, "\xc3\xa9");
        } else {
          text[at] = static_cast<char>(byte);
        }
        ++tried;
        if (text_string(text) != nlohmann_string(text)) {
          different.push_back(nlohmann::json::binary({text.begin(), text.end()}).dump());
        }
      }
    }
  }
  CHECK(different.empty());
  CHECK(tried == 300 * 257);
}

TEST_CASE("model: JSON text of random documents is nlohmann's, compact and pretty", "[model]")
{
  std::mt19937 random(20251129);
  const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  const std::vector<std::string> words{"a", "b", "B", "aa", "", "_x", "中", "é", "a\tb", "z"};
  std::function<nlohmann::json(int)> make = [&](int depth) -> nlohmann::json {
    switch (depth > 3 ? pick(5) : pick(7)) {
    case 0: return nullptr;
    case 1: return pick(2) == 0;
    case 2: return pick(2000) - 1000;
    case 3: return pick(1000) / 7.0;
    case 4: return words[static_cast<std::size_t>(pick(10))];
    case 5: {
      auto object = nlohmann::json::object();
      for (int i = pick(5); i > 0; --i) {
        object[words[static_cast<std::size_t>(pick(10))]] = make(depth + 1);
      }
      return object;
    }
    default: {
      auto array = nlohmann::json::array();
      for (int i = pick(4); i > 0; --i) {
        array.push_back(make(depth + 1));
      }
      return array;
    }
    }
  };
  // Members in a shuffled order, which the writer must sort, however deep.
  std::function<void(model::JsonText&, const nlohmann::json&)> shuffled =
      [&](model::JsonText& out, const nlohmann::json& value) {
        if (value.is_object()) {
          std::vector<nlohmann::json::const_iterator> members;
          for (auto it = value.begin(); it != value.end(); ++it) {
            members.push_back(it);
          }
          std::shuffle(members.begin(), members.end(), random);
          out.begin_object();
          for (const auto& it : members) {
            out.key(it.key());
            shuffled(out, it.value());
          }
          out.end_object();
        } else if (value.is_array()) {
          out.begin_array();
          for (const auto& item : value) {
            shuffled(out, item);
          }
          out.end_array();
        } else {
          out.value(value);
        }
      };
  std::size_t different = 0;
  for (int i = 0; i < 500; ++i) {
    const auto value = make(0);
    for (const bool pretty : {false, true}) {
      const auto expected = pretty ? value.dump(2) : value.dump();
      model::JsonText direct(pretty);
      direct.value(value);
      model::JsonText sorted(pretty);
      shuffled(sorted, value);
      different += direct.take() == expected ? 0U : 1U;
      different += sorted.take() == expected ? 0U : 1U;
    }
  }
  CHECK(different == 0);
}
