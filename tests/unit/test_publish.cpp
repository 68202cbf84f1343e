// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "publish/notice.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

using namespace sqma;

namespace {

model::Dossier winner(const std::string& id, model::AwardClass award_class, const std::string& name,
                      const std::string& unit, int rank,
                      model::Stage stage = model::Stage::approved)
{
  model::Dossier d;
  d.id = id;
  d.cycle = 2025;
  d.award_class = award_class;
  d.applicant.name = name;
  d.applicant.organisation.name = unit;
  d.stage = stage;
  d.award = model::AwardRecord{2025,         std::nullopt, std::nullopt,
                               std::nullopt, std::nullopt, std::nullopt};
  if (award_class == model::AwardClass::organisation) {
    d.award->level = "professional";
  }
  if (award_class == model::AwardClass::individual) {
    d.kind = model::IndividualKind::craftsman;
    d.applicant.person =
        model::Person{name,         "310115197509096813", std::nullopt,  "技师",
                      std::nullopt, std::nullopt,         "13873704902", "someone@example.com"};
  }
  model::Round round;
  round.result = {{"total", 87.65}, {"percent", 87.65}, {"rank", rank}, {"advanced", true}};
  round.panel = {{"R-031", true}};
  d.rounds.panel = round;
  return d;
}

// Craftsmen whose surnames have 2, 4, 5, 6, 9 and 11 strokes: 丁 王 石 朱 赵 黄.
std::vector<model::Dossier> craftsmen()
{
  std::vector<model::Dossier> out;
  int rank = 1;
  for (const char* name : {"黄小明", "赵大力", "丁一", "朱红", "王芳", "石磊"}) {
    out.push_back(winner(fmt::format("T-C{:02}", rank), model::AwardClass::individual, name,
                         "上海测试有限公司", rank));
    ++rank;
  }
  return out;
}

publish::Settings settings(publish::Order order)
{
  publish::Settings s;
  s.kind = publish::Kind::candidates;
  s.order = order;
  s.start = *model::Date::parse("2025-09-29");
  s.working_days = 7;
  s.cycle_name = "2025年上海市质量管理奖";
  s.year = 2025;
  s.publisher = "上海市质量协会";
  s.contact = {"上海市质量管理奖工作办公室", "021-63218850", "office@saq.example", "上海市"};
  return s;
}

std::vector<std::string> names(const publish::Notice& notice)
{
  std::vector<std::string> out;
  for (const auto& g : notice.groups) {
    for (const auto& e : g.entries) {
      out.push_back(e.name);
    }
  }
  return out;
}

const calendar::Calendar& cal()
{
  return calendar::Calendar::builtin();
}

} // namespace

TEST_CASE("publish: stroke, pinyin and rank order, and the notice says which", "[publish]")
{
  const auto dossiers = craftsmen();
  auto n = publish::build_notice(dossiers, settings(publish::Order::stroke), cal()).take();
  CHECK(names(n) == std::vector<std::string>{"丁一", "王芳", "石磊", "朱红", "赵大力", "黄小明"});
  CHECK(n.order_note == "排名不分先后，按姓氏笔画排序");
  CHECK(n.groups.at(0).order_note == "按姓氏笔画排序");

  n = publish::build_notice(dossiers, settings(publish::Order::pinyin), cal()).take();
  // ding, huang, shi, wang, zhao, zhu
  CHECK(names(n) == std::vector<std::string>{"丁一", "黄小明", "石磊", "王芳", "赵大力", "朱红"});
  CHECK(n.order_note == "排名不分先后，按拼音排序");

  n = publish::build_notice(dossiers, settings(publish::Order::rank), cal()).take();
  CHECK(names(n) == std::vector<std::string>{"黄小明", "赵大力", "丁一", "朱红", "王芳", "石磊"});
  CHECK(n.order_note == "按评审排名排序");
}

TEST_CASE("publish: groups by class and level, units by stroke of their names", "[publish]")
{
  auto dossiers = craftsmen();
  dossiers.push_back(winner("T-O01", model::AwardClass::organisation, "上海黄浦制造有限公司",
                            "上海黄浦制造有限公司", 1));
  dossiers.push_back(
      winner("T-O02", model::AwardClass::organisation, "丁香电子有限公司", "丁香电子有限公司", 2));
  dossiers.push_back(
      winner("T-P01", model::AwardClass::project, "质量提升项目", "王氏科技有限公司", 1));
  dossiers.push_back(winner("T-O03", model::AwardClass::organisation, "不予公示有限公司",
                            "不予公示有限公司", 3, model::Stage::rejected));
  const auto n = publish::build_notice(dossiers, settings(publish::Order::stroke), cal()).take();
  REQUIRE(n.groups.size() == 3);
  CHECK(n.groups[0].heading == "组织奖·专业推广级");
  CHECK(n.groups[0].entries.at(0).name == "丁香电子有限公司");
  CHECK(n.groups[0].order_note == "按单位名称笔画排序");
  CHECK(n.groups[0].entries.size() == 2); // the rejected one is not published
  CHECK(n.groups[1].heading == "项目奖");
  CHECK(n.groups[1].entries.at(0).organisation == "王氏科技有限公司");
  CHECK(n.groups[2].heading == "个人奖·质量工匠");
  CHECK(n.order_note == "排名不分先后，单位按单位名称笔画排序，个人按姓氏笔画排序");
}

TEST_CASE("publish: the notice period in working days, written the Chinese way", "[publish]")
{
  const auto n = publish::build_notice(craftsmen(), settings(publish::Order::rank), cal()).take();
  // 09-29, 09-30, then 国庆节 and 中秋节 to 10-08, 10-09, 10-10, Saturday 10-11 worked, 10-13,
  // 10-14.
  CHECK(n.period.first.iso() == "2025-09-29");
  CHECK(n.period.last.iso() == "2025-10-14");
  CHECK_THAT(n.lead, Catch::Contains("公示期为2025年9月29日至2025年10月14日（7个工作日）"));
  const auto text = publish::to_text(n);
  CHECK_THAT(text, Catch::Contains("上海市质量协会\n2025年9月29日\n"));
  CHECK_THAT(text, Catch::Contains("联系电话：021-63218850"));

  auto late = settings(publish::Order::rank);
  late.start = *model::Date::parse("2026-12-25");
  const auto missing = publish::build_notice(craftsmen(), late, cal());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.failure().code == ExitCode::data);
  CHECK_THAT(missing.failure().message, Catch::Contains("a [2027] table"));

  auto revoked = settings(publish::Order::rank);
  revoked.kind = publish::Kind::revocation;
  CHECK(publish::build_notice(craftsmen(), revoked, cal()).failure().code == ExitCode::negative);
}

TEST_CASE("publish: every format carries the list and nothing personal", "[publish]")
{
  const auto n = publish::build_notice(craftsmen(), settings(publish::Order::stroke), cal()).take();
  std::ostringstream csv;
  report::write_csv(csv, publish::to_table(n));
  std::ostringstream table_json;
  report::write_json(table_json, publish::to_table(n));
  const auto html = publish::to_html(n);
  CHECK_THAT(html, Catch::Contains("<meta charset=\"utf-8\">"));
  CHECK_THAT(html, Catch::Contains("name=\"viewport\""));
  CHECK_THAT(html, Catch::Contains("\"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, "
                                   "\"Songti SC\", serif"));
  CHECK_THAT(html, Catch::Contains("@media print"));
  CHECK(csv.str().rfind("\xEF\xBB\xBF", 0) == 0);
  for (const auto& out : {html, publish::to_text(n), publish::to_markdown(n), publish::to_json(n),
                          csv.str(), table_json.str()}) {
    CHECK_THAT(out, Catch::Contains("黄小明"));
    for (const char* secret :
         {"310115197509096813", "13873704902", "someone@example.com", "87.65", "R-031"}) {
      INFO(secret);
      CHECK(out.find(secret) == std::string::npos);
    }
  }
  const auto json = nlohmann::json::parse(publish::to_json(n));
  CHECK(json.at("period").at("last") == "2025-10-14");
  CHECK(json.at("groups").at(0).at("entries").size() == 6);
}

TEST_CASE("cli: publish parses its options", "[cli]")
{
  CLI::App app{"sqma"};
  cmd::Dispatch dispatch;
  cmd::register_publish(app, dispatch);
  std::vector<std::string> args{"publish",    "--cycle",  "c.toml",   "--kind", "winners", "--date",
                                "2025-10-13", "--format", "html,csv", "-o",     "out",     "d/"};
  std::reverse(args.begin(), args.end());
  app.parse(args);
  CHECK(static_cast<bool>(dispatch.run));
}
