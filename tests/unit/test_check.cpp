// SPDX-License-Identifier: Apache-2.0
#include "check/batch.hpp"
#include "check/engine.hpp"
#include "check/letter.hpp"
#include "check/rulebook.hpp"
#include "core/error.hpp"
#include "cycle/config.hpp"
#include "io/sha256.hpp"
#include "model/dossier_io.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace sqma;
using sqma::test::TempDir;

namespace {

const std::map<std::string, std::string> k_files{
    {"01-报名表.md", "报名表"},        {"02-申报表.md", "申报表"},
    {"03-自评报告.md", "自评报告"},    {"04-最佳实践案例.md", "案例"},
    {"05-证实性材料/证书.md", "证书"},
};

// Writes a zip with the given entries through libzip.
void write_zip(const std::filesystem::path& path, const std::map<std::string, std::string>& files)
{
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, text] : files) {
    zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
}

// A dossier of the organisation class that passes every machine rule on 2025-06-30.
nlohmann::json passing_organisation()
{
  auto j = nlohmann::json::parse(R"({
    "schema": "dossier.v1", "id": "T-O01", "cycle": 2025, "class": "organisation",
    "applicant": {"name": "上海测试制造有限公司",
                  "organisation": {"name": "上海测试制造有限公司", "credit_code": "91310000607231869E"}},
    "certificates": [
      {"type": "quality", "number": "Q1", "issuer": "CQC", "valid_from": "2023-01-01", "valid_until": "2026-01-01"},
      {"type": "environment", "number": "E1", "issuer": "CQC", "valid_from": "2023-01-01", "valid_until": "2026-01-01"},
      {"type": "ohs", "number": "S1", "issuer": "CQC", "valid_from": "2023-01-01", "valid_until": "2026-01-01"}],
    "compliance": {"products_meet_standards": true, "waste_treatment_compliant": true,
                   "key_energy_user": false, "mandatory_certification_required": false},
    "social_report": {"year": 2024, "published_at": "公司网站"},
    "activities": [{"organiser": "saq", "name": "QC小组活动", "date": "2024-05-10"}],
    "recommendations": [{"body": "上海市机械工业协会", "kind": "industry_association", "date": "2025-05-01"}],
    "materials": [], "bundle": {"path": "T-O01.zip"},
    "stage": "submitted", "history": []})");
  const std::map<std::string, std::string> types{{"01-报名表.md", "registration_form"},
                                                 {"02-申报表.md", "application_form"},
                                                 {"03-自评报告.md", "self_assessment"},
                                                 {"04-最佳实践案例.md", "best_practice_cases"},
                                                 {"05-证实性材料/证书.md", "evidence"}};
  for (const auto& [path, text] : k_files) {
    j["materials"].push_back(
        {{"type", types.at(path)}, {"path", path}, {"sha256", io::sha256_hex(text)}});
  }
  return j;
}

struct Fixture {
  TempDir dir;
  check::Settings settings;
  Fixture()
  {
    write_zip(dir.path() / "T-O01.zip", k_files);
    settings.rules = &check::builtin_rulebook();
    settings.reference_date = *model::Date::parse("2025-06-30");
    settings.check_date = *model::Date::parse("2025-07-15");
    settings.deadline = *model::Date::parse("2025-07-29");
    settings.supplement_working_days = 10;
    settings.bundle_dir = dir.path();
  }

  check::CheckResult run(const nlohmann::json& j) const
  {
    auto dossier = model::dossier_from_json(j, Location{"t.json", 1, {}});
    if (!dossier) {
      FAIL(dossier.failure().describe());
    }
    return check::check_dossier(dossier.value(), settings);
  }
};

// The clauses of the findings with the given outcome, sorted.
std::vector<std::string> clauses(const check::CheckResult& r, check::RuleOutcome outcome)
{
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    if (f.outcome == outcome) {
      out.push_back(f.clause);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The ids of the rules behind the findings with `outcome`, sorted.
std::vector<std::string> rule_ids(const check::CheckResult& r, check::RuleOutcome outcome)
{
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    if (f.outcome == outcome) {
      out.push_back(f.rule);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

using check::RuleOutcome;
using check::Verdict;
using V = std::vector<std::string>;

} // namespace

TEST_CASE("check: the built-in rulebook loads and cites clauses", "[check]")
{
  const auto& book = check::builtin_rulebook();
  CHECK(book.rules.size() > 40);
  for (const auto& rule : book.rules) {
    for (const auto& [group, clause] : rule.clauses) {
      CHECK((clause.rfind("A1-", 0) == 0 || clause.rfind("A2-", 0) == 0 ||
             clause.rfind("A3-", 0) == 0 || clause.rfind("M-", 0) == 0));
    }
  }
}

TEST_CASE("check: a complete organisation dossier passes, with the clauses for reviewers",
          "[check]")
{
  Fixture fx;
  const auto r = fx.run(passing_organisation());
  CHECK(r.verdict == Verdict::pass);
  CHECK(clauses(r, RuleOutcome::reject).empty());
  CHECK(clauses(r, RuleOutcome::supplement).empty());
  // Reviewer judgements are listed, never passed by the machine.
  CHECK(clauses(r, RuleOutcome::confirm) == V{"A1-3(2)"});
  CHECK_FALSE(r.deadline.has_value());
}

TEST_CASE("check: each organisation rule fails on its own", "[check]")
{
  Fixture fx;
  auto j = passing_organisation();
  SECTION("A1-3(1): registered outside Shanghai")
  {
    j["applicant"]["organisation"]["credit_code"] = "91350100M000100Y43";
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::reject);
    CHECK(clauses(r, RuleOutcome::reject) == V{"A1-3(1)"});
    CHECK(r.findings.front().message_zh.find("350100") != std::string::npos);
  }
  SECTION("A1-3(1): a wrong check character asks for a supplement")
  {
    j["applicant"]["organisation"]["credit_code"] = "91310000607231869N";
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::supplement);
    CHECK(clauses(r, RuleOutcome::supplement) == V{"A1-3(1)"});
    REQUIRE(r.deadline.has_value());
    CHECK(r.deadline->iso() == "2025-07-29");
  }
  SECTION("A1-3(2): a missing management-system certificate returns the dossier")
  {
    j["certificates"].erase(2);
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::reject);
    CHECK(clauses(r, RuleOutcome::reject) == V{"A1-3(2)"});
  }
  SECTION("A1-3(2): an expired certificate asks for the current one")
  {
    j["certificates"][1]["valid_until"] = "2025-06-29";
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::supplement);
    CHECK(clauses(r, RuleOutcome::supplement) == V{"A1-3(2)"});
  }
  SECTION("A1-3(2): a certificate valid until the reference date counts")
  {
    j["certificates"][1]["valid_until"] = "2025-06-30";
    CHECK(fx.run(j).verdict == Verdict::pass);
  }
  SECTION("A1-3(2): mandatory product certification without a certificate")
  {
    j["compliance"]["mandatory_certification_required"] = true;
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(2)"});
  }
  SECTION("A1-3(2): products below standard, waste not compliant")
  {
    j["compliance"]["products_meet_standards"] = false;
    j["compliance"]["waste_treatment_compliant"] = false;
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(2)", "A1-3(2)"});
  }
  SECTION("A1-3(2): a key energy user that missed or did not state its targets")
  {
    j["compliance"]["key_energy_user"] = true;
    CHECK(fx.run(j).verdict == Verdict::supplement);
    j["compliance"]["energy_targets_met"] = false;
    CHECK(fx.run(j).verdict == Verdict::reject);
    j["compliance"]["energy_targets_met"] = true;
    CHECK(fx.run(j).verdict == Verdict::pass);
  }
  SECTION("A1-3(3): no social responsibility report, or an old one")
  {
    j["social_report"]["year"] = 2022;
    CHECK(clauses(fx.run(j), RuleOutcome::supplement) == V{"A1-3(3)"});
    j.erase("social_report");
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(3)"});
  }
  SECTION("A1-3(4): the last CAQ/SAQ activity is older than two years")
  {
    j["activities"][0]["date"] = "2023-06-29";
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(4)"});
    j["activities"][0]["date"] = "2023-06-30";
    CHECK(fx.run(j).verdict == Verdict::pass);
    j["activities"][0]["organiser"] = "other";
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(4)"});
  }
  SECTION("A1-3(5): a major accident the applicant is responsible for, within three years")
  {
    j["incidents"] = {
        {{"date", "2023-03-01"}, {"kind", "fire"}, {"severity", "major"}, {"responsible", true}}};
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(5)"});
    j["incidents"][0]["responsible"] = false;
    CHECK(fx.run(j).verdict == Verdict::pass);
    j["incidents"][0]["responsible"] = true;
    j["incidents"][0]["date"] = "2022-06-29";
    CHECK(fx.run(j).verdict == Verdict::pass);
    j["incidents"][0]["severity"] = "general";
    j["incidents"][0]["date"] = "2024-01-01";
    CHECK(fx.run(j).verdict == Verdict::pass);
  }
  SECTION("A1-3(5): serious dishonesty, unless removed before the reference date")
  {
    j["credit_records"] = {{{"date", "2019-01-01"}, {"kind", "serious_dishonesty"}}};
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(5)"});
    j["credit_records"][0]["removed_on"] = "2021-01-01";
    CHECK(fx.run(j).verdict == Verdict::pass);
  }
  SECTION("A1-3(5): a major customer complaint within three years")
  {
    j["credit_records"] = {{{"date", "2024-11-11"}, {"kind", "major_complaint"}}};
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(5)"});
  }
  SECTION("A1-3(5): a violation or complaint inside the window counts, even with removed_on")
  {
    for (const char* kind : {"violation", "major_complaint"}) {
      j["credit_records"] = {
          {{"date", "2024-01-10"}, {"kind", kind}, {"removed_on", "2024-06-01"}}};
      CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(5)"});
    }
  }
  SECTION("A1-3(5): a major safety accident for which the applicant is responsible")
  {
    j["incidents"] = {
        {{"date", "2024-06-30"}, {"kind", "safety"}, {"severity", "major"}, {"responsible", true}}};
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(5)"});
  }
  SECTION("A1-3(6): only a recommendation by the applicant itself")
  {
    j["recommendations"][0]["kind"] = "own_organisation";
    CHECK(clauses(fx.run(j), RuleOutcome::reject) == V{"A1-3(6)"});
  }
  SECTION("A1-5: a required material not listed")
  {
    j["materials"].erase(2);
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::supplement);
    CHECK(clauses(r, RuleOutcome::supplement) == V{"A1-5"});
    // The unlisted file in the bundle is reported as a notice.
    CHECK(clauses(r, RuleOutcome::notice) == V{"A1-5"});
  }
  SECTION("A1-5: a digest that does not match the file in the bundle")
  {
    j["materials"][0]["sha256"] = io::sha256_hex("other");
    const auto r = fx.run(j);
    CHECK(clauses(r, RuleOutcome::supplement) == V{"A1-5"});
    const auto digest = std::find_if(r.findings.begin(), r.findings.end(),
                                     [](const auto& f) { return f.rule == "bundle.digest"; });
    REQUIRE(digest != r.findings.end());
    CHECK(digest->file == "01-报名表.md");
    CHECK(digest->field == "/materials/0/sha256");
  }
  SECTION("A1-5: no bundle received")
  {
    j["bundle"]["path"] = "missing.zip";
    CHECK(clauses(fx.run(j), RuleOutcome::supplement) == V{"A1-5"});
  }
  SECTION("A1-5: a folder where the bundle should be is no bundle")
  {
    std::filesystem::create_directory(fx.dir.path() / "folder.zip");
    j["bundle"]["path"] = "folder.zip";
    // The same as no bundle at all, not an unreadable one (rule bundle.safe).
    CHECK(rule_ids(fx.run(j), RuleOutcome::supplement) == V{"bundle.present"});
  }
  SECTION("A1-5: a named pipe where the bundle should be is no bundle, and no wait")
  {
    const auto fifo = fx.dir.path() / "pipe.zip";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    j["bundle"]["path"] = "pipe.zip";
    CHECK(rule_ids(fx.run(j), RuleOutcome::supplement) == V{"bundle.present"});
  }
  SECTION("A1-11: a district government's quality award last year is noted")
  {
    j["awards"] = {{{"name", "浦东新区区长质量奖"},
                    {"level", "district"},
                    {"year", 2024},
                    {"body", "上海市浦东新区人民政府"}}};
    const auto r = fx.run(j);
    CHECK(r.verdict == Verdict::pass);
    CHECK(clauses(r, RuleOutcome::notice) == V{"A1-11"});
    // A national quality award counts whoever gave it.
    j["awards"] = {{{"name", "全国质量奖"}, {"level", "national"}, {"year", 2024}}};
    CHECK(clauses(fx.run(j), RuleOutcome::notice) == V{"A1-11"});
  }
  SECTION("A1-11: a district association's prize, or one whose body is not given, is not noted")
  {
    j["awards"] = {{{"name", "浦东新区质量管理小组活动优秀企业"},
                    {"level", "district"},
                    {"year", 2024},
                    {"body", "上海市浦东新区质量协会"}}};
    CHECK(clauses(fx.run(j), RuleOutcome::notice).empty());
    j["awards"][0]["body"] = "Pudong Quality Association";
    CHECK(clauses(fx.run(j), RuleOutcome::notice).empty());
    j["awards"][0].erase("body");
    CHECK(clauses(fx.run(j), RuleOutcome::notice).empty());
  }
}

TEST_CASE("check: a rulebook with an unknown check is refused with its line", "[check]")
{
  const auto book = check::parse_rulebook(R"toml(schema = "rulebook.v1"
title = "t"

[[rule]]
id = "a"
clause = "A1-3(4)"
applies = ["organisation"]
check = "activity_withn"
outcome = "return"
params = { years = 2, organisers = [] }
message = { zh = "z", en = "e" }
)toml",
                                          "book.toml");
  REQUIRE_FALSE(book.ok());
  CHECK(book.failure().describe() == "book.toml:8: at /rule/0/check: rule a: unknown check "
                                     "\"activity_withn\" (did you mean \"activity_within\"?)");
}

TEST_CASE("check: a rulebook with a missing message or bad parameter is refused", "[check]")
{
  const std::string head =
      "schema = \"rulebook.v1\"\ntitle = \"t\"\n\n[[rule]]\nid = \"a\"\nclause = \"A1-3(4)\"\n"
      "applies = [\"organisation\"]\ncheck = \"activity_within\"\noutcome = \"return\"\n";
  SECTION("missing English message")
  {
    const auto book = check::parse_rulebook(
        head + "params = { years = 2, organisers = [] }\nmessage = { zh = \"z\" }\n", "b.toml");
    REQUIRE_FALSE(book.ok());
    CHECK(book.failure().describe() ==
          "b.toml:11: at /rule/0/message: missing required field \"en\" (entry \"a\")");
  }
  SECTION("a negative window")
  {
    const auto book = check::parse_rulebook(
        head + "params = { years = -2, organisers = [] }\nmessage = { zh = \"z\", en = \"e\" }\n",
        "b.toml");
    REQUIRE_FALSE(book.ok());
    CHECK(book.failure().message == "rule a: parameter years must be a whole number of 0 or more");
  }
  SECTION("an unknown organiser")
  {
    const auto book = check::parse_rulebook(head + "params = { years = 2, organisers = [\"cqa\"] "
                                                   "}\nmessage = { zh = \"z\", en = \"e\" }\n",
                                            "b.toml");
    REQUIRE_FALSE(book.ok());
    CHECK(book.failure().message ==
          "rule a: parameter organisers holds \"cqa\"; expected one of caq, other, saq");
  }
  SECTION("a placeholder the check does not fill")
  {
    const auto book = check::parse_rulebook(
        head +
            "params = { years = 2, organisers = [] }\nmessage = { zh = \"{date}\", en = \"e\" }\n",
        "b.toml");
    REQUIRE_FALSE(book.ok());
    CHECK(book.failure().message ==
          "rule a: message uses {date}, which check activity_within does not fill");
  }
  SECTION("a missing parameter")
  {
    const auto book = check::parse_rulebook(
        head + "params = { organisers = [] }\nmessage = { zh = \"z\", en = \"e\" }\n", "b.toml");
    REQUIRE_FALSE(book.ok());
    CHECK(book.failure().message == "rule a: check activity_within needs parameter years");
  }
}

TEST_CASE("check: the record goes into the history and the letter cites clauses", "[check]")
{
  Fixture fx;
  auto j = passing_organisation();
  j["activities"][0]["date"] = "2020-01-01";
  auto dossier = model::dossier_from_json(j, Location{}).take();
  const auto r = check::check_dossier(dossier, fx.settings);
  check::record(dossier, r, fx.settings, {"d", "cycle.toml", "c", "r"});
  CHECK(dossier.stage == model::Stage::returned);
  REQUIRE(dossier.history.size() == 1);
  CHECK(dossier.history[0].outcome == "return");
  CHECK(dossier.history[0].date.iso() == "2025-07-15");
  CHECK(dossier.history[0].details["findings"][0]["clause"] == "A1-3(4)");
  const auto made = check::make_letter(
      dossier, r, fx.settings,
      {"2025年上海市质量管理奖", "上海市质量协会", "工作办公室", "", "王敏", "021-1", ""},
      "沪质奖办〔2025〕3号");
  REQUIRE(made.reasons.size() == 1);
  CHECK(made.reasons[0].clause == "A1-3(4)");
  CHECK(made.reasons[0].title == "参加群众性质量活动");
  CHECK(made.addressee == dossier.applicant.organisation.name);
  const auto letter = check::letter_markdown(made);
  CHECK(letter.find("1. A1-3(4)（参加群众性质量活动）：") != std::string::npos);
  CHECK(letter.find("沪质奖办〔2025〕3号") != std::string::npos);
  CHECK(letter.find("联系人：王敏；电话：021-1") != std::string::npos);
  CHECK(letter.find("盖章") != std::string::npos);
  CHECK(letter.find("退回") != std::string::npos);
  CHECK(letter.find("2025年7月15日") != std::string::npos);
  const auto html = check::letter_html(made);
  CHECK(html.find("name=\"viewport\"") != std::string::npos);
  CHECK(html.find("盖章处") != std::string::npos);
  const auto docx = check::letter_docx(made);
  REQUIRE(docx.size() == 5);
  CHECK(docx[0].first == "[Content_Types].xml");
  CHECK(docx[2].second.find("A1-3(4)（参加群众性质量活动）") != std::string::npos);
  CHECK_THROWS_AS(check::require_checkable(dossier, fx.settings.check_date), DataError);
  // A submitted dossier, but checked on a day before its last record.
  dossier.stage = model::Stage::submitted;
  CHECK_NOTHROW(check::require_checkable(dossier, fx.settings.check_date));
  CHECK_THROWS_WITH(
      check::require_checkable(dossier, model::Date(2025, 7, 14)),
      Catch::Matchers::Contains("the check date 2025-07-14 is before its last record (2025-07-15"));
}

TEST_CASE("check: a batch on several threads emits every item in input order", "[check]")
{
  const Fixture f;
  // More records than the batch holds at once, every third one unreadable, so that items
  // of different cost finish out of order on the workers.
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    if (i % 3 == 2) {
      text += "{\"id\": nope}\n";
      expected.push_back(fmt::format("error at line {}", i + 1));
      continue;
    }
    auto j = passing_organisation();
    j["id"] = fmt::format("T-O{:03d}", i);
    text += j.dump() + "\n";
    expected.push_back(j["id"].get<std::string>());
  }
  for (const unsigned jobs : {1U, 2U, 3U}) {
    std::istringstream in(text);
    std::vector<std::string> seen;
    const auto prepare = [](check::BatchItem& item) { item.output = item.loaded.dossier.id; };
    const auto emit = [&](check::BatchItem& item) {
      seen.push_back(item.error ? fmt::format("error at line {}", item.error->where.line)
                                : item.output);
    };
    const auto count = check::check_batch({"-"}, in, f.settings, jobs, prepare, emit);
    REQUIRE(count);
    CHECK(count.value() == 200);
    CHECK(seen == expected);
  }
}

TEST_CASE("check: an exception on a worker or in emit stops the batch and reaches the caller",
          "[check]")
{
  const Fixture f;
  std::string text;
  for (int i = 0; i < 100; ++i) {
    auto j = passing_organisation();
    j["id"] = fmt::format("T-O{:03d}", i);
    text += j.dump() + "\n";
  }
  for (const unsigned jobs : {1U, 2U}) {
    std::istringstream in(text);
    std::size_t emitted = 0;
    const auto prepare = [](check::BatchItem& item) {
      if (item.loaded.dossier.id == "T-O050") {
        throw IoError("cannot write T-O050");
      }
    };
    const auto emit = [&](check::BatchItem& /*item*/) { ++emitted; };
    CHECK_THROWS_AS(check::check_batch({"-"}, in, f.settings, jobs, prepare, emit), IoError);
    CHECK(emitted <= 50);
  }
  // Likewise when the caller's emit throws while workers are busy.
  for (const unsigned jobs : {1U, 2U}) {
    std::istringstream in(text);
    std::size_t emitted = 0;
    const auto prepare = [](check::BatchItem& /*item*/) {};
    const auto emit = [&](check::BatchItem& /*item*/) {
      if (++emitted == 40) {
        throw IoError("standard output closed");
      }
    };
    CHECK_THROWS_AS(check::check_batch({"-"}, in, f.settings, jobs, prepare, emit), IoError);
    CHECK(emitted == 40);
  }
}

TEST_CASE("check: the office of the letters, and document numbers", "[check]")
{
  CHECK(cycle::document_number("沪质奖办〔{year}〕{seq}号", 2025, 7) == "沪质奖办〔2025〕7号");
  CHECK(cycle::document_number("{seq}/{seq}", 2025, 12) == "12/12");
  CHECK(cycle::document_number("", 2025, 1).empty());
  const auto config =
      cycle::load(std::filesystem::path(SQMA_SOURCE_DIR) / "samples" / "cycle.toml").take();
  CHECK(config.office.name == "上海市质量管理奖工作办公室");
  CHECK(config.office.contact == "王敏");
  CHECK(config.office.document_number == "沪质奖办〔{year}〕{seq}号");
  CHECK(config.office.publisher == "上海市质量协会");
  // Without [office], the letters fall back to [notice.contact].
  const auto fixture = cycle::load(std::filesystem::path(SQMA_SOURCE_DIR) / "tests" / "fixtures" /
                                   "certify" / "cycle.toml")
                           .take();
  CHECK(fixture.office.name == "上海市质量管理奖工作办公室");
  CHECK(fixture.office.phone == "021-63218850");
  CHECK(fixture.office.contact.empty());
  CHECK(fixture.office.document_number.empty());
}
