// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "evaluation/evaluation.hpp"
#include "evaluation/feedback.hpp"
#include "evaluation/remarks.hpp"
#include "evaluation/render.hpp"
#include "score/criteria.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace sqma;
using nlohmann::json;

namespace {

const score::Criteria& criteria()
{
  static const auto c = score::load_criteria(json(), "cycle.toml").take();
  return c;
}

score::Settings settings()
{
  score::Settings s;
  s.year = 2025;
  s.consensus_threshold = 15.0;
  s.item_threshold = 40.0;
  s.advance["panel"]["individual"] = score::AdvanceRule{std::nullopt, 55.0};
  return s;
}

json score_sheet(const std::string& reviewer, double percent, json strengths,
                 json opportunities = json::array(), bool objection = false)
{
  return {{"kind", "score"},        {"reviewer", reviewer},   {"percent", percent},
          {"total", percent * 10},  {"strengths", strengths}, {"opportunities", opportunities},
          {"objection", objection}, {"items", json::object()}};
}

// A result as aggregate stores it, with the keys evaluate() reads.
json result(double percent, double spread, bool advanced, bool final_round, int sheets = 3,
            int panel = 3)
{
  return {{"percent", percent},
          {"total", percent * 10},
          {"max", 1000.0},
          {"spread", spread},
          {"sd", spread / 3},
          {"sheets", sheets},
          {"panel", panel},
          {"rank", 2},
          {"of", 5},
          {"advanced", advanced},
          {"final", final_round},
          {"method", "trimmed_mean"},
          {"rank_by", "calibrated"},
          {"consensus_items", json::array()},
          {"flags", json::array()},
          {"categories",
           {{"4.1", 70.0},
            {"4.2", 65.0},
            {"4.3", 55.5},
            {"4.4", 80.0},
            {"4.5", 9.0},
            {"4.6", 30.0},
            {"4.7", 95.0}}}};
}

model::Dossier organisation()
{
  model::Dossier d;
  d.id = "T-O01";
  d.cycle = 2025;
  d.award_class = model::AwardClass::organisation;
  d.applicant.name = "上海测试有限公司";
  d.stage = model::Stage::panel;
  model::Round written;
  written.sheets = {
      score_sheet("R-1", 70,
                  json::array({{{"category", "4.1"}, {"text", "领导有力。"}}, "总体良好"}),
                  json::array({{{"category", "4.6"}, {"text", "改进推广不足"}}})),
      score_sheet("R-2", 40,
                  json::array({{{"category", "4.1"}, {"text", "领导 有力"}},
                               {{"category", "4.4"}, {"item", "4.4.2"}, {"text", "人才梯队"}}}),
                  json::array({{{"category", "9.9"}, {"text", "未知类目"}}})),
      score_sheet("R-3", 60, json::array({{{"category", "4.1"}, {"text", "领导 有力"}}})),
      {{"kind", "applicant_rating"}, {"reviewer", "R-1"}, {"rating", {{"integrity", 5}}}}};
  written.result = result(58.0, 30.0, true, false);
  written.result["consensus_items"] = {"4.1.2"};
  model::Round panel;
  panel.sheets = {
      score_sheet("R-1", 62, json::array({{{"category", "4.1"}, {"text", "领导有力"}}}),
                  json::array(), true),
      score_sheet("R-4", 64, json::array({"总体良好。"})),
      {{"kind", "reviewer_rating"}, {"reviewer", "R-1"}, {"rating", {{"discipline", 2}}}}};
  panel.result = result(63.0, 6.0, true, false, 2, 3);
  d.rounds.written = written;
  d.rounds.panel = panel;
  model::PriorAward award;
  award.name = "上海市质量金奖";
  award.level = model::AwardLevel::municipal;
  award.year = 2024;
  award.body = "上海市人民政府";
  d.awards.push_back(award);
  return d;
}

} // namespace

TEST_CASE("evaluation: remarks are the same after whitespace, punctuation and width",
          "[evaluation]")
{
  using evaluation::remark_key;
  CHECK(remark_key("战略制定过程系统，SWOT 分析覆盖主要竞争对手。") ==
        remark_key("战略制定过程系统, swot分析覆盖主要竞争对手"));
  CHECK(remark_key("ＳＷＯＴ分析（全面）") == remark_key("swot 分析 (全面)"));
  CHECK(remark_key("“领导”有力……") == remark_key("领导有力"));
  CHECK(remark_key("领导有力") != remark_key("领导无力"));
  CHECK(remark_key("A1 plan") != remark_key("A2 plan"));
  CHECK(remark_key("。，！ ？").empty());
  CHECK(remark_key("Goals; tracked monthly.") == "goalstrackedmonthly");
}

TEST_CASE("evaluation: remarks merge by category and count reviewers once", "[evaluation]")
{
  const auto d = organisation();
  const auto groups = evaluation::merge_remarks(d, criteria().for_dossier(d));
  REQUIRE(groups.size() == 4);
  CHECK(groups[0].category == "4.1");
  CHECK(groups[0].name == "领导");
  REQUIRE(groups[0].strengths.size() == 1);
  const auto& lead = groups[0].strengths[0];
  // R-1 wrote it in both rounds and counts once; two of three wrote it "领导 有力".
  CHECK(lead.reviewers == std::vector<std::string>{"R-1", "R-2", "R-3"});
  CHECK(lead.rounds == std::vector<std::string>{"written", "panel"});
  CHECK(lead.text == "领导 有力");
  CHECK(groups[1].category == "4.4");
  CHECK(groups[1].strengths.at(0).text == "人才梯队");
  CHECK(groups[2].category == "4.6");
  CHECK(groups[2].opportunities.at(0).reviewers == std::vector<std::string>{"R-1"});
  // The general group: a remark without a category, and one whose category is unknown.
  CHECK(groups[3].category.empty());
  CHECK(groups[3].name == "综合");
  REQUIRE(groups[3].strengths.size() == 1);
  CHECK(groups[3].strengths[0].reviewers == std::vector<std::string>{"R-1", "R-4"});
  CHECK(groups[3].strengths[0].text == "总体良好");
  CHECK(groups[3].opportunities.at(0).text == "未知类目");
}

TEST_CASE("evaluation: bands split the percent scale in six", "[evaluation]")
{
  CHECK(evaluation::band_of(0).index == 1);
  CHECK(evaluation::band_of(-3).index == 1);
  CHECK(evaluation::band_of(9.99).index == 1);
  CHECK(evaluation::band_of(10).index == 2);
  CHECK(evaluation::band_of(49.99).index == 3);
  CHECK(evaluation::band_of(50).range == "50%–70%");
  CHECK(evaluation::band_of(89.99).index == 5);
  CHECK(evaluation::band_of(90).index == 6);
  CHECK(evaluation::band_of(120).index == 6);
}

TEST_CASE("evaluation: only a finished dossier is evaluated", "[evaluation]")
{
  auto d = organisation();
  CHECK_FALSE(evaluation::finished(d));
  CHECK(evaluation::reviewed(d));
  const auto e = evaluation::evaluate(d, criteria(), settings(), "2025年测试");
  REQUIRE_FALSE(e.ok());
  CHECK(e.failure().code == ExitCode::data);
  CHECK_THAT(e.failure().message, Catch::Contains("has not finished its review rounds"));

  d.rounds.panel->result["final"] = true;
  d.rounds.panel->result.erase("advanced");
  const auto broken = evaluation::evaluate(d, criteria(), settings(), "2025年测试");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.failure().where.json_path == "/rounds/panel/result/advanced");
  CHECK(evaluation::finished(d));
}

TEST_CASE("evaluation: every finding of a simplified organisation has its clause", "[evaluation]")
{
  auto d = organisation();
  d.rounds.panel->result["final"] = true;
  d.rounds.panel->result["simplified"] = true;
  d.rounds.panel->result["level"] = "professional";
  d.rounds.panel->result["past_cap"] = true;
  const auto e = evaluation::evaluate(d, criteria(), settings(), "2025年测试").take();
  CHECK(e.recommended);
  CHECK(e.recommendation.clause == "A1-10, A1-4");
  CHECK(e.recommendation.zh == "专家工作组推荐授予上海市质量管理奖（组织奖·专业推广级）。");
  REQUIRE(e.disagreements.size() == 1);
  CHECK(e.disagreements[0].clause == "A1-7, A1-4");
  CHECK_THAT(e.disagreements[0].zh,
             Catch::Contains("极差 30.0 分") && Catch::Contains("4.1.2 高层领导的作用") &&
                 Catch::Contains("专家会审中重新评分，极差为 6.0 分，分歧已在阈值内"));
  REQUIRE(e.simplified);
  CHECK(e.simplified->clause == "A1-11");
  CHECK_THAT(e.simplified->zh,
             Catch::Contains("2024年上海市质量金奖") && Catch::Contains("免于现场验证"));
  std::vector<std::string> clauses;
  for (const auto& n : e.notes) {
    clauses.push_back(n.clause);
  }
  CHECK(clauses == std::vector<std::string>{"A1-8", "M-7", "M-18"});
  REQUIRE(e.categories.size() == 7);
  CHECK(e.categories[0].points == std::vector<double>{77.0, 77.0});
  CHECK(e.categories[4].percents.back() == Approx(9.0));
  // The committee's report names no reviewer.
  for (const auto& text :
       {evaluation::to_html(e), evaluation::to_markdown(e), evaluation::to_json(e)}) {
    for (const char* reviewer : {"R-1", "R-2", "R-3", "R-4"}) {
      CHECK_THAT(text, !Catch::Contains(reviewer));
    }
  }
  const auto html = evaluation::to_html(e);
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("@page { size: A4;") &&
                       Catch::Contains("Noto Sans CJK SC") &&
                       Catch::Contains("<span class=\"clause\">A1-11</span>"));
}

TEST_CASE("evaluation: an objection keeps on-site verification; not recommended says why",
          "[evaluation]")
{
  auto d = organisation();
  d.rounds.panel->result["final"] = false;
  d.rounds.panel->result["simplified"] = false;
  auto onsite = d.rounds.panel.value();
  onsite.sheets = {score_sheet("R-5", 35, json::array({"一般"}))};
  onsite.result = result(41.0, 0, false, true, 1, 1);
  d.rounds.onsite = onsite;
  d.stage = model::Stage::rejected;
  const auto e = evaluation::evaluate(d, criteria(), settings(), "2025年测试").take();
  REQUIRE(e.simplified);
  CHECK_THAT(e.simplified->zh, Catch::Contains("1 位评审员提出重大异议，仍须现场验证"));
  CHECK_FALSE(e.recommended);
  CHECK(e.recommendation.clause == "A1-10, A1-4");
  CHECK_THAT(e.recommendation.zh, Catch::Contains("未达到推进实施级"));

  model::Dossier p;
  p.id = "T-L01";
  p.award_class = model::AwardClass::individual;
  p.kind = model::IndividualKind::leader;
  p.applicant.name = "张三";
  p.stage = model::Stage::rejected;
  model::Round panel;
  panel.result = result(47.5, 3, false, true);
  panel.result.erase("categories");
  panel.result["items"] = {{"L1", {{"points", 12.0}}}, {"L2", {{"points", 10.0}}}};
  p.rounds.panel = panel;
  const auto l = evaluation::evaluate(p, criteria(), settings(), "2025年测试").take();
  CHECK(l.recommendation.clause == "A3-11, A3-12");
  CHECK(l.recommendation.zh == "不予推荐：会审答辩综合得分率 47.50% 低于 55.0%。");
  CHECK(l.categories[0].percents == std::vector<double>{48.0});
  CHECK(l.categories[2].percents == std::vector<double>{-1});
}

TEST_CASE("evaluation: feedback holds bands and remarks, never a reviewer or a score",
          "[evaluation]")
{
  const auto d = organisation();
  const auto f = evaluation::feedback(d, criteria(), "2025年测试").take();
  CHECK(f.rounds == std::vector<std::string>{"书面评审", "专家会审"});
  CHECK(f.last_round == "专家会审");
  CHECK(f.overall.range == "50%–70%");
  REQUIRE(f.categories.size() == 7);
  CHECK(f.categories[4].band.index == 1);
  CHECK(f.categories[6].band.index == 6);
  for (const auto& text :
       {evaluation::to_html(f), evaluation::to_markdown(f), evaluation::to_json(f)}) {
    CHECK_THAT(text, Catch::Contains("领导 有力") && Catch::Contains("人才梯队"));
    for (const char* secret : {"R-1", "R-2", "R-3", "R-4", "63.00", "58.00", "70.00", "62.0"}) {
      CHECK_THAT(text, !Catch::Contains(secret));
    }
  }
  model::Dossier unscored;
  unscored.id = "T-X";
  CHECK_FALSE(evaluation::reviewed(unscored));
  CHECK_FALSE(evaluation::feedback(unscored, criteria(), "x").ok());
}

namespace {

cmd::Dispatch parse_report(std::vector<std::string> args)
{
  CLI::App app{"sqma"};
  cmd::Dispatch dispatch;
  cmd::register_report(app, dispatch);
  app.require_subcommand(1);
  std::reverse(args.begin(), args.end());
  app.parse(args);
  return dispatch;
}

} // namespace

TEST_CASE("cli: report evaluation and feedback parse", "[cli]")
{
  CHECK(static_cast<bool>(parse_report({"report", "evaluation", "--cycle", "c.toml", "-o", "out/",
                                        "--format", "html,json", "--dossier", "A", "d.jsonl"})
                              .run));
  CHECK(static_cast<bool>(
      parse_report({"report", "feedback", "--cycle", "c.toml", "--force", "-o", "f/", "d/"}).run));
  CHECK_THROWS_AS(parse_report({"report", "evaluation", "d.jsonl"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse_report({"report", "--cycle", "c.toml", "d.jsonl"}), CLI::ParseError);
  const auto d = parse_report({"report", "feedback", "--cycle", "c.toml", "d.jsonl"});
  CHECK_THROWS_AS(d.run(), UsageError); // neither --format nor --out-dir
}
