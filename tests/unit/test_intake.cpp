// SPDX-License-Identifier: Apache-2.0
#include "check/rulebook.hpp"
#include "commands.hpp"
#include "intake/amend.hpp"
#include "intake/evidence.hpp"
#include "intake/form_spec.hpp"
#include "intake/form_writer.hpp"
#include "intake/import.hpp"
#include "intake/register.hpp"
#include "intake/roster.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"
#include "model/dossier_io.hpp"
#include "schema/toml_json.hpp"
#include "temp_dir.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

namespace intake = sqma::intake;
namespace model = sqma::model;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string k_root = SQMA_SOURCE_DIR;

const intake::Group k_organisation{model::AwardClass::organisation, std::nullopt};
const intake::Group k_project{model::AwardClass::project, std::nullopt};
const intake::Group k_leader{model::AwardClass::individual, model::IndividualKind::leader};
const intake::Group k_manager{model::AwardClass::individual, model::IndividualKind::manager};
const intake::Group k_craftsman{model::AwardClass::individual, model::IndividualKind::craftsman};

std::string read(const fs::path& path)
{
  return sqma::io::read_file(path.string()).take();
}

intake::ImportSettings settings()
{
  intake::ImportSettings s;
  s.date = *model::Date::parse("2025-06-30");
  s.cycle_year = 2025;
  return s;
}

// Imports a form from its text; the failure's lines when it fails.
sqma::Result<model::Dossier> import_text(const sqma::test::TempDir& dir, const std::string& text,
                                         const intake::Evidence* evidence,
                                         intake::IdRegister* reg = nullptr)
{
  const auto file = dir.write("form.toml", text);
  auto form = intake::read_form(file.string());
  REQUIRE(form.ok());
  return intake::import_form(form.value(), evidence, settings(), reg);
}

std::vector<std::string> all_messages(const sqma::Failure& failure)
{
  std::vector<std::string> out{failure.describe()};
  out.insert(out.end(), failure.more.begin(), failure.more.end());
  return out;
}

model::LoadedDossier load(const fs::path& file)
{
  std::vector<model::LoadedDossier> found;
  std::istringstream none;
  REQUIRE(model::read_dossiers({file.string()}, none, [&](auto r) {
            REQUIRE(r.ok());
            found.push_back(std::move(r.value()));
            return true;
          }).ok());
  REQUIRE(found.size() == 1);
  return found.front();
}

} // namespace

TEST_CASE("intake: data/form.toml describes every field of the schema and no other", "[intake]")
{
  auto described = intake::described_paths();
  const auto schema = intake::schema_paths();
  CHECK(described == schema);
}

TEST_CASE("intake: every field of every form has texts, a clause and a format", "[intake]")
{
  const std::regex clause(R"(^(M|A[123])-[0-9]+(\([0-9]+\))*$)");
  for (const auto& group : {k_organisation, k_project, k_leader, k_manager, k_craftsman}) {
    const auto& spec = intake::form_spec(group);
    const auto visit = [&](const auto& self, const std::vector<intake::FieldSpec>& fields) -> void {
      for (const auto& f : fields) {
        INFO(group.name() << " " << f.path);
        CHECK(!f.zh.empty());
        CHECK(!f.en.empty());
        CHECK(std::regex_match(f.clause, clause));
        if (f.shape == intake::Shape::scalar || f.shape == intake::Shape::list) {
          CHECK(!f.format_zh.empty());
          CHECK(!f.format_en.empty());
        }
        self(self, f.children);
      }
    };
    visit(visit, spec.fields);
  }
}

TEST_CASE("intake: the form asks what the schema's conditions require of each class", "[intake]")
{
  const auto required = [](const intake::Group& g, const char* path) {
    const auto* f = intake::find_field(intake::form_spec(g), path);
    REQUIRE(f != nullptr);
    return f->required;
  };
  CHECK(required(k_organisation, "certificates"));
  CHECK(required(k_organisation, "compliance"));
  CHECK_FALSE(required(k_project, "certificates"));
  CHECK(required(k_project, "project"));
  CHECK(required(k_leader, "leader"));
  CHECK(required(k_leader, "applicant.person"));
  CHECK_FALSE(required(k_manager, "leader"));
  CHECK(required(k_manager, "kind"));
}

TEST_CASE("intake: a blank form is valid TOML whose blanks are reported with their lines",
          "[intake]")
{
  sqma::test::TempDir dir;
  for (const auto& group : {k_organisation, k_project, k_leader, k_manager, k_craftsman}) {
    const auto blank = intake::blank_document(group, 2025, sqma::check::builtin_rulebook());
    const auto text = intake::write_form(intake::form_spec(group), blank);
    REQUIRE(sqma::schema::parse_toml(text, "blank.toml").ok());
    auto result = import_text(dir, text, nullptr);
    REQUIRE_FALSE(result.ok());
    const auto messages = all_messages(result.failure());
    const bool names_blank = std::any_of(messages.begin(), messages.end(), [](const auto& m) {
      return std::regex_search(m,
                               std::regex(R"(form\.toml:[0-9]+: at applicant\.name: left blank)"));
    });
    CHECK(names_blank);
  }
}

TEST_CASE("intake: every sample form comes back byte for byte (form, dossier, form)", "[intake]")
{
  for (const auto* folder : {"/samples/forms", "/samples/forms-checkchar"}) {
    for (const auto& entry : fs::directory_iterator(k_root + folder)) {
      const auto text = read(entry.path());
      auto form = intake::read_form(entry.path().string());
      REQUIRE(form.ok());
      const auto evidence_dir = fs::path(k_root) / "samples/evidence" / entry.path().stem();
      const bool digests = text.find("\nsha256 = ") != std::string::npos;
      std::optional<intake::Evidence> evidence;
      if (!digests) {
        evidence = intake::read_evidence(evidence_dir).take();
      }
      auto s = settings();
      s.allow_bad_check_characters = true;
      auto dossier = intake::import_form(form.value(), evidence ? &*evidence : nullptr, s, nullptr);
      INFO(entry.path().string());
      REQUIRE(dossier.ok());
      // Through the JSON text, as export-form reads a dossier.
      const auto reread = json::parse(model::dump_dossier(dossier.value(), true));
      const auto back = reread.get<model::Dossier>();
      const auto again = intake::write_form(intake::form_spec(*intake::Group::of(reread)), reread,
                                            intake::filled_values(back));
      CHECK(again == text);
    }
  }
}

TEST_CASE("intake: digests come from the evidence, a folder or the same files in a zip", "[intake]")
{
  const auto folder = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-O01").take();
  const auto sample = load(k_root + "/samples/dossiers/SQMA-2025-O01.json");
  for (const auto& m : sample.dossier.materials) {
    REQUIRE(folder.files.count(m.path) == 1);
    CHECK(folder.files.at(m.path) == m.sha256);
  }
  CHECK_FALSE(folder.zip);
  // The folder's digest is that of a bundle's manifest of the same files.
  std::string manifest;
  for (const auto& [path, sha] : folder.files) {
    manifest += sha + "  " + path + "\n";
  }
  CHECK(folder.sha256 == sqma::io::sha256_hex(manifest));
}

TEST_CASE("intake: a misspelt key, a bad credit code and a missing material are named with "
          "their lines",
          "[intake]")
{
  sqma::test::TempDir dir;
  const auto form = read(k_root + "/samples/forms/SQMA-2025-O01.toml");
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-O01").take();
  auto replace = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  const auto line_of = [](const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    return 1 + static_cast<std::size_t>(
                   std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  };
  SECTION("misspelt key")
  {
    const auto bad = replace(form, "\nindustries = ", "\nindustrys = ");
    auto r = import_text(dir, bad, &evidence);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().where.line == line_of(bad, "industrys"));
    CHECK(r.failure().message.find("did you mean \"industries\"") != std::string::npos);
  }
  SECTION("bad credit code")
  {
    const auto bad = replace(form, "91310115814680957R", "91310115814680957X");
    auto r = import_text(dir, bad, &evidence);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().where.line == line_of(bad, "91310115814680957X"));
    CHECK(r.failure().where.json_path == "applicant.organisation.credit_code");
    CHECK(r.failure().message.find("expected R") != std::string::npos);
  }
  SECTION("missing material")
  {
    const auto bad = replace(form, "\"03-自评报告.md\"", "\"03-自评报告.docx\"");
    auto r = import_text(dir, bad, &evidence);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().where.line == line_of(bad, "03-自评报告.docx"));
    CHECK(r.failure().where.json_path == "materials[2].path");
    CHECK(r.failure().message.find("not in the evidence") != std::string::npos);
    CHECK(r.failure().message.find("did you mean \"03-自评报告.md\"") != std::string::npos);
  }
  SECTION("a field only the verbs write")
  {
    auto r = import_text(dir, "stage = \"eligible\"\n" + form, &evidence);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().where.line == 1);
  }
}

TEST_CASE("intake: ids follow the cycle's scheme and are never given twice", "[intake]")
{
  sqma::test::TempDir dir;
  const auto file = dir.path() / "ids.tsv";
  {
    auto reg = intake::IdRegister::load(file).take();
    CHECK(reg.next_id("SQMA", 2025, 'O') == "SQMA-2025-O01");
    reg.add({"SQMA-2025-O01", "organisation", "91310115814680957R", "A"});
    reg.add({"SQMA-2025-O07", "organisation", "913101154951152556", "B"});
    reg.add({"SQMA-2025-P02", "project", "x/y", "C"});
    CHECK(reg.next_id("SQMA", 2025, 'O') == "SQMA-2025-O08");
    CHECK(reg.next_id("SQMA", 2025, 'P') == "SQMA-2025-P03");
    CHECK(reg.next_id("SQMA", 2026, 'O') == "SQMA-2026-O01");
    dir.write("ids.tsv", reg.text());
  }
  // The dossier of O07 was deleted: its id stays taken.
  auto reg = intake::IdRegister::load(file).take();
  CHECK(reg.next_id("SQMA", 2025, 'O') == "SQMA-2025-O08");
  CHECK(reg.by_key("913101154951152556")->id == "SQMA-2025-O07");

  // A form without an id gets the next one; the same applicant again gets its own id back.
  const auto form = read(k_root + "/tests/cli/import/data/no_id.toml");
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-O01").take();
  auto first = import_text(dir, form, &evidence, &reg);
  REQUIRE(first.ok());
  CHECK(first->id == "SQMA-2025-O08");
  auto second = import_text(dir, form, &evidence, &reg);
  REQUIRE(second.ok());
  CHECK(second->id == "SQMA-2025-O08");
  CHECK(reg.next_id("SQMA", 2025, 'O') == "SQMA-2025-O09");

  dir.write("bad.tsv", "# header\nSQMA-2025-O01\n");
  auto bad = intake::IdRegister::load(dir.path() / "bad.tsv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().where.line == 2);
}

TEST_CASE("intake: roster text is decoded by its content", "[intake]")
{
  const std::string utf8 = "申报类别,统一社会信用代码\n组织奖,91310115814680957R\n";
  const auto bom = intake::decode_text("\xEF\xBB\xBF" + utf8, "r.csv").take();
  CHECK(bom.text == utf8);
  CHECK(bom.encoding == "UTF-8 with BOM");
  CHECK(intake::decode_text(utf8, "r.csv").take().encoding == "UTF-8");
  // "组织奖" in GB18030.
  const std::string gb = "\xD7\xE9\xD6\xAF\xBD\xB1";
  const auto decoded = intake::decode_text(gb, "r.csv").take();
  CHECK(decoded.encoding == "GB18030");
  CHECK(decoded.text == "组织奖");
  auto bad = intake::decode_text(std::string("ab\x81\x20", 4), "r.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().message.find("byte 2") != std::string::npos);
}

TEST_CASE("intake: CSV fields may hold quotes, separators and line breaks", "[intake]")
{
  const auto records =
      intake::parse_csv("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\n",
                        "r.csv")
          .take();
  REQUIRE(records.size() == 3);
  CHECK(records[1] == std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"});
  CHECK(records[2] == std::vector<std::string>{"last", "", ""});
  CHECK(intake::parse_csv("a\tb\n1\t2\n", "t.csv").take()[1][1] == "2");
  auto open = intake::parse_csv("a,b\n\"x,1\n", "r.csv");
  REQUIRE_FALSE(open.ok());
  CHECK(open.failure().where.line == 2);
}

TEST_CASE("intake: a roster in GB18030 and in UTF-8 with a BOM import alike", "[intake]")
{
  sqma::test::TempDir dir;
  const auto& rules = sqma::check::builtin_rulebook();
  auto reg_a = intake::IdRegister::load(dir.path() / "a.tsv").take();
  auto reg_b = intake::IdRegister::load(dir.path() / "b.tsv").take();
  const auto day = *model::Date::parse("2025-06-30");
  const auto a = intake::import_roster(k_root + "/tests/cli/import/data/roster-utf8bom.csv", "",
                                       2025, "SQMA", rules, reg_a, day)
                     .take();
  const auto b = intake::import_roster(k_root + "/tests/cli/import/data/roster-gb18030.csv", "",
                                       2025, "SQMA", rules, reg_b, day)
                     .take();
  CHECK(a.encoding == "UTF-8 with BOM");
  CHECK(b.encoding == "GB18030");
  CHECK(a.rows == 7);
  REQUIRE(a.forms.size() == 3);
  REQUIRE(a.forms.size() == b.forms.size());
  for (std::size_t i = 0; i < a.forms.size(); ++i) {
    CHECK(a.forms[i].id == b.forms[i].id);
    CHECK(a.forms[i].text == b.forms[i].text);
    // The skeletons differ only where they name the roster they came from.
    auto x = nlohmann::json(a.forms[i].skeleton);
    auto y = nlohmann::json(b.forms[i].skeleton);
    CHECK(x["intake"]["state"] == "skeleton");
    CHECK(x["history"][0]["inputs"][0]["sha256"] != y["history"][0]["inputs"][0]["sha256"]);
    for (auto* j : {&x, &y}) {
      (*j)["history"][0].erase("inputs");
      (*j)["intake"].erase("roster");
    }
    CHECK(x == y);
  }
  CHECK(reg_a.text() == reg_b.text());
  REQUIRE(a.problems.size() == 4);
  CHECK(a.problems[0].message.rfind("row 5, column 统一社会信用代码: ", 0) == 0);
  CHECK(a.problems[1].message.rfind("row 6, column 身份证号码: ", 0) == 0);
  CHECK(a.problems[2].message == "row 7, column 统一社会信用代码: the same applicant as row 2");
  CHECK(a.problems[3].message.rfind("row 8, column 申报类别: ", 0) == 0);
  // No identity number in a message.
  CHECK(a.problems[1].message.find("310115197509096810") == std::string::npos);
}

TEST_CASE("intake: amend keeps a correct history and refuses an unknown path", "[intake]")
{
  sqma::test::TempDir dir;
  const auto loaded = load(k_root + "/samples/dossiers/SQMA-2025-O01.json");
  const auto doc = json(loaded.dossier);
  SECTION("unknown path, with a suggestion")
  {
    auto c = intake::parse_change("applicant.contcat.phone=1", false, doc);
    REQUIRE_FALSE(c.ok());
    CHECK(c.failure().code == sqma::ExitCode::usage);
    CHECK(c.failure().message.find("did you mean \"contact\"") != std::string::npos);
    CHECK_FALSE(intake::parse_change("certificates[7].number=1", false, doc).ok());
    CHECK_FALSE(intake::parse_change("history[0].outcome=x", false, doc).ok());
    CHECK_FALSE(intake::parse_change("id=SQMA-2025-O99", false, doc).ok());
  }
  SECTION("history: path, old and new value, reason, date, digest of the old dossier")
  {
    std::vector<intake::Change> changes{
        intake::parse_change("applicant.contact.phone=021-57232990", false, doc).take(),
        intake::parse_change("/compliance/key_energy_user=true", false, doc).take(),
        intake::parse_change("compliance.energy_targets_met=true", false, doc).take()};
    intake::AmendSettings s;
    s.date = *model::Date::parse("2025-07-01");
    s.reason = "申报单位来函更正";
    s.rules = &sqma::check::builtin_rulebook();
    const auto out = intake::amend(loaded, changes, s).take();
    CHECK_FALSE(out.recheck); // not checked yet: changes freely
    const auto& rec = out.dossier.history.back();
    CHECK(rec.command == "sqma amend");
    CHECK(rec.date.iso() == "2025-07-01");
    REQUIRE(rec.inputs.size() == 1);
    CHECK(rec.inputs[0].sha256 == loaded.sha256);
    CHECK(rec.details["reason"] == "申报单位来函更正");
    const auto& c = rec.details["changes"];
    REQUIRE(c.size() == 3);
    CHECK(c[0]["path"] == "applicant.contact.phone");
    CHECK(c[0]["old"] == "021-57232989");
    CHECK(c[0]["new"] == "021-57232990");
    CHECK(c[1]["old"] == false);
    CHECK(c[1]["new"] == true);
    CHECK(c[2]["old"].is_null());
    CHECK(out.dossier.compliance->energy_targets_met == true);
    CHECK(out.dossier.history.size() == loaded.dossier.history.size() + 1);
  }
  SECTION("after the check: a reason is needed, and a deciding field moves it back")
  {
    const auto checked = load(k_root + "/tests/cli/amend/data/SQMA-2025-O13-checked.json");
    const auto cdoc = json(checked.dossier);
    intake::AmendSettings s;
    s.date = *model::Date::parse("2025-07-20");
    s.rules = &sqma::check::builtin_rulebook();
    const std::vector<intake::Change> cert{
        intake::parse_change("certificates[0].valid_until=2028-04-29", false, cdoc).take()};
    CHECK_FALSE(intake::amend(checked, cert, s).ok());
    s.reason = "续期证书";
    const auto moved = intake::amend(checked, cert, s).take();
    CHECK(moved.recheck);
    CHECK(moved.dossier.stage == model::Stage::submitted);
    CHECK(moved.dossier.history.back().details["previous_stage"] == "supplement");
    const std::vector<intake::Change> phone{
        intake::parse_change("applicant.contact.phone=021-57232990", false, cdoc).take()};
    const auto stays = intake::amend(checked, phone, s).take();
    CHECK_FALSE(stays.recheck);
    CHECK(stays.dossier.stage == model::Stage::supplement);
  }
}

TEST_CASE("intake: export-form leaves out what import filled in until it is amended", "[intake]")
{
  const auto loaded = load(k_root + "/samples/dossiers/SQMA-2025-O01.json");
  auto filled = intake::filled_values(loaded.dossier);
  CHECK(filled.count("/bundle") == 1);
  CHECK(filled.count("/materials/0/sha256") == 1);
  intake::AmendSettings s;
  s.date = *model::Date::parse("2025-07-01");
  const auto doc = json(loaded.dossier);
  const auto out = intake::amend(
      loaded, {intake::parse_change("materials[0].title=报名表（盖章）", false, doc).take()}, s);
  REQUIRE(out.ok());
  filled = intake::filled_values(out->dossier);
  CHECK(filled.count("/bundle") == 1);
  CHECK(filled.count("/materials/0/sha256") == 0);
}

TEST_CASE("cli: the intake verbs take their options", "[cli]")
{
  const auto parse = [](std::vector<std::string> args) {
    CLI::App app{"sqma"};
    sqma::cmd::Dispatch dispatch;
    sqma::cmd::register_amend(app, dispatch);
    sqma::cmd::register_export_form(app, dispatch);
    sqma::cmd::register_import(app, dispatch);
    sqma::cmd::register_new(app, dispatch);
    app.require_subcommand(1);
    std::reverse(args.begin(), args.end());
    app.parse(args);
    return dispatch;
  };
  CHECK(static_cast<bool>(parse({"new", "--class", "individual", "--kind", "leader"}).run));
  CHECK_THROWS_AS(parse({"new", "--class", "person"}), CLI::ValidationError);
  CHECK(static_cast<bool>(parse({"import", "a.toml", "--evidence", "a", "b.toml", "--evidence", "b",
                                 "--cycle", "c.toml", "-o", "out"})
                              .run));
  CHECK(static_cast<bool>(
      parse({"amend", "d.json", "--set", "a=1", "--set", "b=2", "--unset", "c", "--reason", "r"})
          .run));
  CHECK(static_cast<bool>(parse({"export-form", "d.json", "-o", "f.toml"}).run));
  CHECK_THROWS_AS(parse({"amend"}), CLI::RequiredError);
}

TEST_CASE("intake: a dossier imported again keeps its history until it has been checked",
          "[intake]")
{
  sqma::test::TempDir dir;
  const auto form_file = k_root + "/samples/forms/SQMA-2025-O01.toml";
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-O01").take();
  auto s = settings();
  s.out_dir = dir.path();
  const auto form = intake::read_form(form_file).take();
  // An unchecked dossier of the same id: replaced, its history kept.
  dir.write("SQMA-2025-O01.json", read(k_root + "/samples/dossiers/SQMA-2025-O01.json"));
  auto again = intake::import_form(form, &evidence, s, nullptr);
  REQUIRE(again.ok());
  REQUIRE(again->history.size() == 2);
  CHECK(again->history[0].command == "sqma import");
  CHECK(again->history[1].command == "sqma import");
  // A checked one: refused, to be corrected with amend.
  dir.write("SQMA-2025-O01.json",
            read(k_root + "/tests/cli/amend/data/SQMA-2025-O01-approved.json"));
  auto refused = intake::import_form(form, &evidence, s, nullptr);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.failure().message.find("sqma amend") != std::string::npos);
}

TEST_CASE("intake: a form saved with a byte order mark or in GB18030 reads the same", "[intake]")
{
  sqma::test::TempDir dir;
  const auto text = read(k_root + "/samples/forms/SQMA-2025-M01.toml");
  const auto plain = intake::read_form(dir.write("plain.toml", text).string()).take();
  const auto bom = intake::read_form(dir.write("bom.toml", "\xEF\xBB\xBF" + text).string()).take();
  CHECK(bom.json == plain.json);
  CHECK(bom.lines == plain.lines);
  // "陈" (U+9648) is B3 C2 in GB18030; a whole form in GB18030 is checked by the CLI test.
  const auto gb = intake::read_form(dir.write("gb.toml", "name = \"\xB3\xC2\"\n").string()).take();
  CHECK(gb.json["name"] == "陈");
}

TEST_CASE("intake: a refused roster row takes no id; corrected, it takes the next free one",
          "[intake]")
{
  sqma::test::TempDir dir;
  const auto& rules = sqma::check::builtin_rulebook();
  const auto day = *model::Date::parse("2026-06-30");
  const auto register_file = dir.path() / "ids.tsv";
  const std::string header =
      "申报类别,申报名称,单位名称,统一社会信用代码,姓名,身份证号码,性别,职务\n";
  const std::string row =
      "个人奖（质量工匠）,王小二,上海丁四电气有限公司,91310101MA1K000046,王小二,"
      "31011519850505432X,男,";
  // No position: the row cannot become a skeleton, and the register stays as it was.
  const auto refused = dir.write("r1.csv", header + row + "\n");
  auto reg = intake::IdRegister::load(register_file).take();
  const auto before = reg.text();
  const auto first =
      intake::import_roster(refused.string(), "", 2026, "SQMA", rules, reg, day).take();
  CHECK(first.forms.empty());
  REQUIRE(first.problems.size() == 1);
  CHECK(first.problems[0].message.rfind("row 2: no dossier can be made of it", 0) == 0);
  CHECK_FALSE(reg.changed());
  CHECK(reg.text() == before);
  // The corrected row, imported again, is no applicant known already and gets C01.
  const auto corrected = dir.write("r2.csv", header + row + "电工技师\n");
  const auto second =
      intake::import_roster(corrected.string(), "", 2026, "SQMA", rules, reg, day).take();
  CHECK(second.problems.empty());
  REQUIRE(second.forms.size() == 1);
  CHECK(second.forms[0].id == "SQMA-2026-C01");
  REQUIRE(reg.by_id("SQMA-2026-C01") != nullptr);
  CHECK(reg.by_id("SQMA-2026-C01")->name == "王小二");
}

TEST_CASE("intake: a refused form registers no id", "[intake]")
{
  sqma::test::TempDir dir;
  auto reg = intake::IdRegister::load(dir.path() / "ids.tsv").take();
  const auto form = read(k_root + "/tests/cli/import/data/no_id.toml");
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-O01").take();
  // A form of another cycle is refused after its id was worked out.
  auto bad = form;
  bad.replace(bad.find("\ncycle = 2025"), 13, "\ncycle = 2024");
  auto refused = import_text(dir, bad, &evidence, &reg);
  REQUIRE_FALSE(refused.ok());
  CHECK_FALSE(reg.changed());
  // The form as it should be then gets the cycle's first id.
  auto good = import_text(dir, form, &evidence, &reg);
  REQUIRE(good.ok());
  CHECK(good->id == "SQMA-2025-O01");
  CHECK(reg.by_id("SQMA-2025-O01") != nullptr);
}

TEST_CASE("intake: codes typed in lower case are stored in upper case", "[intake]")
{
  sqma::test::TempDir dir;
  const auto& rules = sqma::check::builtin_rulebook();
  auto reg = intake::IdRegister::load(dir.path() / "ids.tsv").take();
  const auto result =
      intake::import_roster(k_root + "/tests/cli/import/data/roster-lower-case.csv", "", 2026,
                            "SQMA", rules, reg, *model::Date::parse("2026-06-30"))
          .take();
  CHECK(result.problems.empty());
  REQUIRE(result.forms.size() == 1);
  const auto& skeleton = result.forms[0].skeleton;
  CHECK(skeleton.applicant.organisation.credit_code == "91310101MA1K000046");
  REQUIRE(skeleton.applicant.person);
  CHECK(skeleton.applicant.person->id_number == "31011519850505432X");

  const auto form = read(k_root + "/tests/cli/import/data/lower_case.toml");
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-C03").take();
  auto dossier = import_text(dir, form, &evidence);
  REQUIRE(dossier.ok());
  CHECK(dossier->applicant.organisation.credit_code == "91310113242404200R");
  REQUIRE(dossier->applicant.person);
  CHECK(dossier->applicant.person->id_number == "31011319781212217X");
}

TEST_CASE("intake: no message repeats an identity number or breaks its line", "[intake]")
{
  sqma::test::TempDir dir;
  const auto form = read(k_root + "/tests/cli/import/data/bad_id_number.toml");
  const auto evidence = intake::read_evidence(k_root + "/samples/evidence/SQMA-2025-C03").take();
  auto r = import_text(dir, form, &evidence);
  REQUIRE_FALSE(r.ok());
  bool masked = false;
  for (const auto& message : all_messages(r.failure())) {
    CHECK(message.find("3101131978121221") == std::string::npos);
    masked = masked || message.find("\"31*************1\"") != std::string::npos;
  }
  CHECK(masked);

  const auto& rules = sqma::check::builtin_rulebook();
  auto reg = intake::IdRegister::load(dir.path() / "ids.tsv").take();
  const auto roster =
      intake::import_roster(k_root + "/tests/cli/import/data/roster-line-break.csv", "", 2026,
                            "SQMA", rules, reg, *model::Date::parse("2026-06-30"))
          .take();
  REQUIRE(roster.problems.size() == 2);
  for (const auto& problem : roster.problems) {
    CHECK(problem.message.find_first_of("\n\r\t") == std::string::npos);
  }
  CHECK(roster.problems[0].message.find("\"个人\\n奖\"") != std::string::npos);
}

TEST_CASE("intake: a code that is no code names no applicant in the register", "[intake]")
{
  auto dossier = nlohmann::json::parse(R"({"class": "organisation",
    "applicant": {"name": "上海丙三软件股份有限公司",
                  "organisation": {"name": "上海丙三软件股份有限公司",
                                   "credit_code": "91310112MA1K000031"}}})");
  CHECK(intake::applicant_key(dossier) == "91310112MA1K000031");
  // A full-width digit from a Chinese input method: the code's own message says so, and no
  // "id given to another applicant" follows from it.
  dossier["applicant"]["organisation"]["credit_code"] = "\xEF\xBC\x99"
                                                        "1310112MA1K000031";
  CHECK(intake::applicant_key(dossier).empty());
  dossier["applicant"]["organisation"]["credit_code"] = "9.13101E+17";
  CHECK(intake::applicant_key(dossier).empty());
}
