// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "status/status.hpp"
#include "temp_dir.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace sqma;

namespace {

const score::Criteria& criteria()
{
  static const auto c = score::load_criteria(nlohmann::json(), "cycle.toml").take();
  return c;
}

cycle::Config config()
{
  cycle::Config c;
  c.name = "2025年测试";
  c.raw = nlohmann::json::parse(R"({"scoring": {"dates": {"written": "2025-08-22"}},
    "notice": {"contact": {"office": "测试办公室", "phone": "021-1"}}})");
  return c;
}

model::Dossier in_written(const std::string& id, std::vector<std::string> panel)
{
  model::Dossier d;
  d.id = id;
  d.cycle = 2025;
  d.award_class = model::AwardClass::project;
  d.applicant.name = "项目 " + id;
  d.stage = model::Stage::written;
  model::Round r;
  for (const auto& reviewer : panel) {
    r.panel.push_back({reviewer, r.panel.empty()});
  }
  d.rounds.written = r;
  return d;
}

// A good project sheet for `dossier` by `reviewer`, or one with an item left out.
std::string sheet_text(const std::string& dossier, const std::string& reviewer, bool complete)
{
  std::string text = "schema = \"scoresheet.v1\"\nkind = \"score\"\nround = \"written\"\n"
                     "dossier = \"" +
                     dossier + "\"\nreviewer = \"" + reviewer +
                     "\"\nstrengths = [\"好\"]\nopportunities = [\"改\"]\n";
  for (const char* item : {"P1", "P2", "P3", "P4"}) {
    if (complete || std::string(item) != "P3") {
      text += std::string("[[items]]\nid = \"") + item + "\"\npoints = 10\n";
    }
  }
  return text;
}

} // namespace

TEST_CASE("status: sheets owed are attached, received, refused or missing", "[status]")
{
  auto a = in_written("T-P01", {"R-1", "R-2", "R-3"});
  a.rounds.written->sheets.push_back({{"kind", "score"}, {"reviewer", "R-1"}});
  auto b = in_written("T-P02", {"R-2", "R-4"});
  auto done = in_written("T-P03", {"R-1"});
  done.rounds.written->result = {{"percent", 70.0}};
  model::Dossier late;
  late.id = "T-P04";
  late.award_class = model::AwardClass::project;
  late.applicant.name = "待补充";
  late.stage = model::Stage::supplement;
  model::StageRecord rec;
  rec.command = "sqma check";
  rec.date = model::Date(2025, 7, 15);
  rec.stage = model::Stage::supplement;
  rec.details = nlohmann::json::parse(
      R"j({"deadline": "2025-07-29", "findings": [{"clause": "A2-4", "outcome": "supplement"},
          {"clause": "A2-2(3)", "outcome": "confirm"}]})j");
  late.history.push_back(rec);
  const std::vector<model::Dossier> dossiers{a, b, done, late};

  const auto cfg = config();
  status::Sources sources;
  sources.config = &cfg;
  sources.criteria = &criteria();
  sources.calendar = &calendar::Calendar::builtin();
  sources.sheets.push_back(score::parse_sheet(sheet_text("T-P01", "R-2", true), "a2.toml"));
  sources.sheets.push_back(score::parse_sheet(sheet_text("T-P02", "R-4", false), "b4.toml"));
  sources.sheets.push_back(score::parse_sheet(sheet_text("T-P03", "R-1", false), "old.toml"));
  sources.sheets.push_back(score::parse_sheet("kind = 3", "broken.toml"));
  status::Notice notice;
  notice.kind = "candidates";
  notice.period = {model::Date(2025, 8, 18), model::Date(2025, 8, 26)};
  sources.notices.push_back(notice);

  const auto st = status::build(dossiers, sources, model::Date(2025, 8, 20)).take();
  REQUIRE(st.rounds.size() == 1);
  const auto& r = st.rounds[0];
  CHECK(r.name == "书面评审");
  CHECK(r.dossiers == 2);
  CHECK(r.expected == 5);
  CHECK(r.attached == 1);
  CHECK(r.received == 1);
  CHECK(r.missing == 3); // T-P01 R-3, T-P02 R-2, and T-P02 R-4 refused
  CHECK(r.due.date == model::Date(2025, 8, 22));
  CHECK(r.due.working_days_left == 2);
  CHECK_FALSE(r.due.overdue);
  const auto refused = std::find_if(st.sheets.begin(), st.sheets.end(), [](const auto& s) {
    return s.dossier == "T-P02" && s.reviewer == "R-4";
  });
  REQUIRE(refused != st.sheets.end());
  CHECK(refused->state == status::SheetState::refused);
  CHECK_THAT(refused->problem, Catch::Contains("b4.toml") && Catch::Contains("P3"));
  CHECK(refused->clause == "A2-6");
  // The broken sheet and the refused one are problems; the sheet of a closed round is not.
  REQUIRE(st.problems.size() == 2);
  CHECK(st.problems[0].where.file == "b4.toml");
  CHECK(st.problems[1].where.file == "broken.toml");

  REQUIRE(st.supplements.size() == 1);
  CHECK(st.supplements[0].clause == "A2-4");
  CHECK(st.supplements[0].due.overdue);
  CHECK(st.supplements[0].due.working_days_left == -16);
  REQUIRE(st.notices.size() == 1);
  CHECK(st.notices[0].state == "open");
  CHECK(st.notices[0].working_days_left == 4);
  CHECK(st.overdue() == 1); // the supplement; the sheets are not due yet

  const auto late_status = status::build(dossiers, sources, model::Date(2025, 8, 25)).take();
  CHECK(late_status.overdue() == 4); // the supplement, R-2, R-3 and R-4
  CHECK(late_status.notices[0].state == "open");
  CHECK(status::build(dossiers, sources, model::Date(2025, 8, 27)).take().notices[0].state ==
        "ended");
  CHECK(status::build(dossiers, sources, model::Date(2025, 8, 1)).take().notices[0].state ==
        "upcoming");

  const auto letters = status::reminders(late_status, cfg);
  REQUIRE(letters.size() == 3);
  CHECK(letters[0].reviewer == "R-2");
  CHECK_THAT(letters[0].text, Catch::Contains("T-P02 项目 T-P02（书面评审，A2-6，2025年8月22日截止"
                                              "，已逾期 1 个工作日）") &&
                                  Catch::Contains("测试办公室（电话 021-1）") &&
                                  !Catch::Contains("T-P01"));
  CHECK_THAT(letters[2].text, Catch::Contains("不完整或有误"));

  const auto tables = status::tables(late_status);
  REQUIRE(tables.size() == 6);
  CHECK(tables[0].rows.size() == 3);
  CHECK(tables[2].rows.size() == 4); // R-1, R-2, R-3, R-4 in the written round
  const auto json = nlohmann::json::parse(status::to_json(late_status));
  CHECK(json.at("schema") == "status.v1");
  CHECK(json.at("overdue") == 4);
  CHECK(json.at("sheets").size() == 5);
  CHECK_THAT(status::to_text(late_status), Catch::Contains("逾期 4 项"));
}

TEST_CASE("status: notices are read from what publish wrote", "[status]")
{
  const test::TempDir dir;
  dir.write("n/notice-winners.json", R"({"schema": "notice.v1", "kind": "winners", "title": "公示",
    "period": {"first": "2025-11-28", "last": "2025-12-08", "working_days": 7},
    "groups": [{"entries": [{}, {}]}, {"entries": [{}]}]})");
  dir.write("n/other.json", R"({"schema": "report.v1"})");
  auto notices = status::read_notices({(dir.path() / "n").string()}).take();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].entries == 3);
  CHECK(notices[0].period.last == model::Date(2025, 12, 8));
  const auto other = status::read_notices({(dir.path() / "n/other.json").string()});
  REQUIRE_FALSE(other.ok());
  CHECK_THAT(other.failure().message, Catch::Contains("notice.v1"));
  dir.write("bad.json", R"({"schema": "notice.v1", "period": {"first": "2025-13-01"}})");
  const auto bad = status::read_notices({(dir.path() / "bad.json").string()});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().where.json_path == "/period/first");
}

TEST_CASE("cli: status parses", "[cli]")
{
  CLI::App app{"sqma"};
  cmd::Dispatch dispatch;
  cmd::register_status(app, dispatch);
  std::vector<std::string> args{"status",     "--cycle",   "c.toml",      "--date",
                                "2025-08-20", "--sheets",  "a/",          "--sheets",
                                "b/",         "--notices", "n/",          "d.jsonl",
                                "--format",   "csv",       "--reminders", "r/"};
  std::reverse(args.begin(), args.end());
  app.parse(args);
  CHECK(static_cast<bool>(dispatch.run));
  CLI::App bare{"sqma"};
  cmd::Dispatch none;
  cmd::register_status(bare, none);
  std::vector<std::string> missing{"d.jsonl", "--cycle", "c.toml", "status"};
  CHECK_THROWS_AS(bare.parse(missing), CLI::RequiredError);
}
