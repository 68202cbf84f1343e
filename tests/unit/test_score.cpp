// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "model/dossier_io.hpp"
#include "score/aggregate.hpp"
#include "score/attach.hpp"
#include "score/criteria.hpp"
#include "score/packet.hpp"
#include "score/sheet.hpp"
#include "score/stats.hpp"
#include "score/tables.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

using namespace sqma;

namespace {

const score::Criteria& criteria()
{
  static const auto c = score::load_criteria(nlohmann::json(), "cycle.toml").take();
  return c;
}

// A dossier at the stage of `round` with the given panel (the first member leads).
model::Dossier dossier(const std::string& id, model::AwardClass cls,
                       const std::vector<std::string>& panel, const std::string& round = "written")
{
  model::Dossier d;
  d.id = id;
  d.cycle = 2025;
  d.award_class = cls;
  if (cls == model::AwardClass::individual) {
    d.kind = model::IndividualKind::leader;
  }
  d.applicant.name = "测试 " + id;
  model::Round r;
  for (const auto& reviewer : panel) {
    r.panel.push_back({reviewer, r.panel.empty()});
  }
  if (round == "written") {
    d.stage = model::Stage::written;
    d.rounds.written = r;
  } else if (round == "panel") {
    d.stage = model::Stage::panel;
    d.rounds.panel = r;
  } else {
    d.stage = model::Stage::onsite;
    d.rounds.onsite = r;
  }
  return d;
}

// Fills a blank sheet: every item gets `value` (a percent, or that percent of its points),
// or `per_item(id)` when given, and one strength and one opportunity.
std::string filled(const model::Dossier& d, const std::string& reviewer, double value,
                   const std::string& round = "written",
                   const std::function<double(const std::string&)>& per_item = {})
{
  const auto& set = criteria().for_dossier(d);
  auto text = score::sheet_template(score::SheetKind::score, d, reviewer, round, set);
  std::string out;
  std::string item;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    auto line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("id = ", 0) == 0) {
      item = line.substr(6, line.size() - 7);
    }
    const double v = per_item ? per_item(item) : value;
    if (line == "# percent = ") {
      line = fmt::format("percent = {}", static_cast<int>(std::lround(v / 5.0) * 5));
    } else if (line == "# points = ") {
      line = fmt::format("points = {}", std::lround(set.find(item)->points * v / 100.0));
    } else if (line == "strengths = [") {
      line += "\n  \"好\",";
    } else if (line == "opportunities = [") {
      line += "\n  \"可改进\",";
    }
    out += line + "\n";
  }
  return out;
}

score::Sheet sheet(const std::string& text, const std::string& file)
{
  auto s = score::parse_sheet(text, file);
  if (!s) {
    FAIL(s.failure().describe());
  }
  return std::move(s).take();
}

score::Settings settings()
{
  score::Settings s;
  s.method = score::Method::trimmed_mean;
  s.year = 2025;
  s.caps = {{"benchmark", 10}, {"project", 10}, {"leader", 5}, {"manager", 20}, {"craftsman", 20}};
  return s;
}

std::vector<std::string> all_json(const std::vector<model::Dossier>& dossiers)
{
  std::vector<std::string> out;
  for (const auto& d : dossiers) {
    out.push_back(model::dump_dossier(d, false));
  }
  return out;
}

const model::Date k_date{2025, 8, 22};

} // namespace

TEST_CASE("score: mean, median and trimmed mean", "[score]")
{
  CHECK(score::mean({1, 2, 3, 10}) == Approx(4.0));
  CHECK(score::median({10, 1, 3}) == Approx(3.0));
  CHECK(score::median({4, 1, 3, 2}) == Approx(2.5));
  CHECK(score::trimmed_mean({10, 1, 2, 3, 100}) == Approx(5.0));
  CHECK(score::trimmed_mean({1, 3}) == Approx(2.0));
  CHECK(score::spread({60, 45, 72}) == Approx(27.0));
  CHECK(score::stddev({2, 4, 4, 4, 5, 5, 7, 9}) == Approx(2.138).margin(1e-3));
  CHECK(score::combine({}, score::Method::median) == 0.0);
  // The order of the values never changes the bits of the result.
  std::vector<double> values{0.1, 0.7, 0.2, 1e-9, 33.3, 0.3};
  const double first = score::mean(values);
  std::mt19937 rng(7);
  for (int i = 0; i < 20; ++i) {
    std::shuffle(values.begin(), values.end(), rng);
    CHECK(score::mean(values) == first);
  }
}

TEST_CASE("score: criteria are GB/T 19580-2012, the project dimensions and each kind", "[score]")
{
  const auto& org = criteria().sets.at("organisation");
  CHECK(org.items.size() == 23);
  CHECK(org.categories.size() == 7);
  CHECK(org.total() == Approx(1000));
  CHECK(org.scale == score::Scale::percent);
  CHECK(org.step == 5);
  CHECK(org.find("4.7.2")->points == Approx(80));
  CHECK(org.categories.back().points == Approx(400));
  const auto& project = criteria().sets.at("project");
  REQUIRE(project.items.size() == 4);
  CHECK(project.items[0].name == "质量提升");
  CHECK(project.items[3].name == "成果绩效");
  CHECK(project.clause == "A2-3");
  for (const char* kind : {"leader", "manager", "craftsman"}) {
    CHECK(criteria().sets.at(kind).total() == Approx(100));
    CHECK(criteria().sets.at(kind).clause == "A3-7");
  }
  CHECK(org.allowed(*org.find("4.1.2"), 65));
  CHECK_FALSE(org.allowed(*org.find("4.1.2"), 67));
  CHECK_FALSE(org.allowed(*org.find("4.1.2"), 105));

  const auto changed = score::load_criteria(
      nlohmann::json::parse(R"({"criteria": {"project": {"step": 5, "points": {"P1": 40}}}})"),
      "c.toml");
  REQUIRE(changed.ok());
  CHECK(changed->sets.at("project").total() == Approx(110));
  CHECK(changed->sets.at("project").step == 5);
  const auto typo = score::load_criteria(
      nlohmann::json::parse(R"({"criteria": {"project": {"points": {"P11": 40}}}})"), "c.toml");
  REQUIRE_FALSE(typo.ok());
  CHECK_THAT(typo.failure().describe(), Catch::Contains("did you mean P1"));
}

TEST_CASE("score: a filled template is accepted; points are max times percent", "[score]")
{
  const auto d = dossier("T-O01", model::AwardClass::organisation, {"R-1", "R-2", "R-3"});
  const auto s = sheet(filled(d, "R-1", 60), "a.toml");
  const auto& set = criteria().for_dossier(d);
  CHECK(score::check_sheet(s, d, "written", set, true).empty());
  const auto stored = score::stored_sheet(s, set);
  CHECK(stored.at("items").at("4.1.2").at("points").get<double>() == Approx(30.0));
  CHECK(stored.at("total").get<double>() == Approx(600.0));
  CHECK(stored.at("percent").get<double>() == Approx(60.0));
}

TEST_CASE("score: remarks name a category or an item; an unknown one is refused on its line",
          "[score]")
{
  const auto d = dossier("T-O01", model::AwardClass::organisation, {"R-1"});
  const auto& set = criteria().for_dossier(d);
  auto text = filled(d, "R-1", 60);
  text.replace(text.find("  \"好\","), 8,
               "  { category = \"4.2\", text = \"战略清晰\" },\n"
               "  { category = \"4.4.2\", text = \"人才梯队\" },\n  \"总体良好\",");
  const auto good = sheet(text, "good.toml");
  CHECK(score::check_sheet(good, d, "written", set, true).empty());
  const auto stored = score::stored_sheet(good, set);
  CHECK(stored.at("strengths") == nlohmann::json::parse(R"([{"category":"4.2","text":"战略清晰"},
                                  {"category":"4.4","item":"4.4.2","text":"人才梯队"},
                                  "总体良好"])"));
  CHECK(stored.at("opportunities") == nlohmann::json::array({"可改进"}));

  auto wrong = text;
  wrong.replace(wrong.find("\"4.4.2\""), 7, "\"4.4.9\"");
  const auto bad = sheet(wrong, "bad.toml");
  const auto problems = score::check_sheet(bad, d, "written", set, true);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("category 4.4.9 is neither a category nor an "
                                                  "item of organisation"));
  CHECK(problems[0].where.line == bad.line("/strengths/1"));
  CHECK(problems[0].where.line > 0);

  auto no_text = text;
  no_text.replace(no_text.find("text = \"战略清晰\""), 21, "note = \"x\"");
  CHECK_FALSE(score::parse_sheet(no_text, "no_text.toml").ok());

  const auto p = dossier("T-P01", model::AwardClass::project, {"R-1"});
  auto project = filled(p, "R-1", 70);
  project.replace(project.find("  \"好\","), 8, "  { category = \"P2\", text = \"创新\" },");
  const auto ps = sheet(project, "p.toml");
  CHECK(score::check_sheet(ps, p, "written", criteria().for_dossier(p), true).empty());
  CHECK(score::stored_sheet(ps, criteria().for_dossier(p)).at("strengths") ==
        nlohmann::json::parse(R"([{"category":"P2","text":"创新"}])"));
}

TEST_CASE("score: a sheet from a reviewer not on the panel is refused and never counts", "[score]")
{
  std::vector<model::Dossier> ds{dossier("T-P01", model::AwardClass::project, {"R-1", "R-2"})};
  const auto good = sheet(filled(ds[0], "R-1", 70), "good.toml");
  const auto outsider = sheet(filled(ds[0], "R-9", 10), "outsider.toml");
  const auto out = score::attach_sheets(ds, {"digest"}, {good, outsider}, "written", criteria(),
                                        true, k_date, {});
  CHECK(out.accepted == 1);
  REQUIRE(out.refused.size() == 1);
  CHECK(out.refused[0].where.file == "outsider.toml");
  CHECK(out.refused[0].where.line == 7);
  CHECK_THAT(out.refused[0].message, Catch::Contains("not on the written panel"));
  REQUIRE(ds[0].rounds.written->sheets.size() == 1);
  CHECK(ds[0].rounds.written->sheets[0].at("reviewer") == "R-1");
  const auto round = score::aggregate(ds, "written", criteria(), settings());
  REQUIRE(round.dossiers.size() == 1);
  CHECK(round.dossiers[0].raw_percent == Approx(71.0)); // 21 + 18 + 11 + 21 of 100 points
}

TEST_CASE("score: sheets with missing, repeated or off-scale items are refused", "[score]")
{
  const auto d = dossier("T-O01", model::AwardClass::organisation, {"R-1"});
  const auto& set = criteria().for_dossier(d);
  auto text = filled(d, "R-1", 60);
  auto off = text;
  off.replace(off.find("percent = 60"), 12, "percent = 62");
  auto problems = score::check_sheet(sheet(off, "off.toml"), d, "written", set, true);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("percent 62 is not allowed"));

  auto missing = text;
  missing.replace(missing.find("percent = 60"), 12, "# percent =");
  problems = score::check_sheet(sheet(missing, "missing.toml"), d, "written", set, true);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("item 4.1.2 is not scored"));

  auto twice = text + "[[items]]\nid = \"4.1.2\"\npercent = 50\n";
  problems = score::check_sheet(sheet(twice, "twice.toml"), d, "written", set, true);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("scored twice"));

  auto bare = text;
  const std::string opportunity = "\n  \"可改进\",";
  bare.replace(bare.find(opportunity), opportunity.size(), "");
  problems = score::check_sheet(sheet(bare, "bare.toml"), d, "written", set, true);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("no opportunities"));
  CHECK(score::check_sheet(sheet(bare, "bare.toml"), d, "written", set, false).empty());
}

TEST_CASE("score: two sheets of one pair in a batch are both refused, in either order", "[score]")
{
  auto make = [] {
    return std::vector<model::Dossier>{
        dossier("T-P01", model::AwardClass::project, {"R-1", "R-2"})};
  };
  auto ds = make();
  const auto a = sheet(filled(ds[0], "R-1", 70), "a.toml");
  const auto b = sheet(filled(ds[0], "R-1", 40), "b.toml");
  const auto out = score::attach_sheets(ds, {"d"}, {a, b}, "written", criteria(), true, k_date, {});
  CHECK(out.accepted == 0);
  CHECK(out.refused.size() == 2);
  CHECK(out.refused_sheets == 2);
  auto again = make();
  (void)score::attach_sheets(again, {"d"}, {b, a}, "written", criteria(), true, k_date, {});
  CHECK(all_json(ds) == all_json(again));
  // A sheet already in the dossier blocks a second one later.
  auto later = make();
  (void)score::attach_sheets(later, {"d"}, {a}, "written", criteria(), true, k_date, {});
  const auto second =
      score::attach_sheets(later, {"d"}, {b}, "written", criteria(), true, k_date, {});
  CHECK(second.accepted == 0);
  CHECK_THAT(second.refused.at(0).message, Catch::Contains("already holds"));
}

TEST_CASE("score: the order of the sheets never changes a result", "[score]")
{
  const std::vector<std::string> reviewers{"R-1", "R-2", "R-3", "R-4", "R-5", "R-6"};
  std::vector<model::Dossier> base;
  std::vector<score::Sheet> sheets;
  for (int i = 0; i < 8; ++i) {
    const auto cls = i < 4 ? model::AwardClass::organisation : model::AwardClass::project;
    std::vector<std::string> panel;
    for (int k = 0; k < 4; ++k) {
      panel.push_back(reviewers[static_cast<std::size_t>((i + k) % 6)]);
    }
    base.push_back(dossier(fmt::format("T-{:02d}", i), cls, panel));
    for (std::size_t k = 0; k < panel.size(); ++k) {
      const double v = 40.0 + 3.0 * i + 5.0 * static_cast<double>(k % 3) - (k == 1 ? 7.3 : 0);
      sheets.push_back(sheet(filled(base.back(), panel[k], v, "written",
                                    [&](const std::string& item) {
                                      return v + static_cast<double>(item.size() % 3) * 5.0;
                                    }),
                             fmt::format("{}_{}.toml", base.back().id, panel[k])));
    }
  }
  auto s = settings();
  s.calibrate = true;
  s.rank_calibrated = true;
  s.advance["written"]["organisation"] = score::AdvanceRule{2, std::nullopt};
  const std::vector<std::string> digests(base.size(), "d");
  auto run = [&](std::vector<score::Sheet> order) {
    auto ds = base;
    (void)score::attach_sheets(ds, digests, order, "written", criteria(), true, k_date, {});
    const auto round = score::aggregate(ds, "written", criteria(), s);
    for (const auto& r : round.dossiers) {
      for (auto& d : ds) {
        if (d.id == r.id) {
          score::record(d, r, round, k_date, {});
        }
      }
    }
    return all_json(ds);
  };
  const auto expected = run(sheets);
  std::mt19937 rng(11);
  for (int i = 0; i < 10; ++i) {
    std::shuffle(sheets.begin(), sheets.end(), rng);
    CHECK(run(sheets) == expected);
  }
}

TEST_CASE("score: calibration recovers a planted leniency", "[score]")
{
  std::mt19937 rng(2025);
  std::normal_distribution<double> noise(0.0, 2.0);
  std::uniform_real_distribution<double> quality(40.0, 80.0);
  std::uniform_real_distribution<double> lenient(-8.0, 8.0);
  const int reviewers = 15;
  std::vector<double> planted;
  double centre = 0;
  for (int r = 0; r < reviewers; ++r) {
    planted.push_back(lenient(rng));
    centre += planted.back();
  }
  centre /= reviewers;
  std::vector<score::Observation> obs;
  for (int d = 0; d < 120; ++d) {
    const double q = quality(rng);
    for (int k = 0; k < 5; ++k) {
      // Overlapping panels, so that every reviewer is linked to every other.
      const int r = (d * 4 + k) % reviewers;
      obs.push_back({fmt::format("D{:03d}", d), fmt::format("R{:02d}", r),
                     q + planted[static_cast<std::size_t>(r)] + noise(rng)});
    }
  }
  const auto c = score::calibrate(obs);
  double sum = 0;
  for (int r = 0; r < reviewers; ++r) {
    const double got = c.leniency.at(fmt::format("R{:02d}", r));
    CHECK(got == Approx(planted[static_cast<std::size_t>(r)] - centre).margin(1.0));
    sum += got;
  }
  CHECK(sum == Approx(0.0).margin(1e-9));
}

TEST_CASE("score: calibrated ranking undoes a lenient reviewer", "[score]")
{
  // D1 and D2 are equally good; only the lenient R-L scored D1.
  std::vector<model::Dossier> ds{
      dossier("T-1", model::AwardClass::project, {"R-L", "R-A", "R-B"}),
      dossier("T-2", model::AwardClass::project, {"R-C", "R-A", "R-B"}),
      dossier("T-3", model::AwardClass::project, {"R-L", "R-C", "R-A"}),
  };
  const std::map<std::string, double> lean{{"R-L", 15}, {"R-A", 0}, {"R-B", 0}, {"R-C", 0}};
  const std::map<std::string, double> quality{{"T-1", 60}, {"T-2", 62}, {"T-3", 50}};
  std::vector<score::Sheet> sheets;
  for (const auto& d : ds) {
    for (const auto& m : d.rounds.written->panel) {
      sheets.push_back(
          sheet(filled(d, m.reviewer, quality.at(d.id) + lean.at(m.reviewer)), d.id + m.reviewer));
    }
  }
  (void)score::attach_sheets(ds, {"a", "b", "c"}, sheets, "written", criteria(), true, k_date, {});
  auto s = settings();
  s.method = score::Method::mean;
  auto raw = score::aggregate(ds, "written", criteria(), s);
  CHECK(raw.dossiers[0].id == "T-1"); // the lenient reviewer lifts T-1 above T-2
  s.calibrate = true;
  s.rank_calibrated = true;
  auto calibrated = score::aggregate(ds, "written", criteria(), s);
  CHECK(calibrated.dossiers[0].id == "T-2");
  CHECK(calibrated.reviewers.front().reviewer == "R-A");
  const auto lenient = std::find_if(calibrated.reviewers.begin(), calibrated.reviewers.end(),
                                    [](const auto& r) { return r.reviewer == "R-L"; });
  CHECK(lenient->leniency > 8.0);
}

TEST_CASE("score: consensus needed names the items that are apart", "[score]")
{
  std::vector<model::Dossier> ds{
      dossier("T-O1", model::AwardClass::organisation, {"R-1", "R-2", "R-3"})};
  std::vector<score::Sheet> sheets{
      sheet(filled(ds[0], "R-1", 60), "1"),
      sheet(filled(ds[0], "R-2", 60, "written",
                   [](const std::string& item) { return item == "4.2.3" ? 10.0 : 60.0; }),
            "2"),
      sheet(filled(ds[0], "R-3", 60), "3")};
  (void)score::attach_sheets(ds, {"d"}, sheets, "written", criteria(), true, k_date, {});
  auto s = settings();
  s.item_threshold = 30;
  const auto round = score::aggregate(ds, "written", criteria(), s);
  REQUIRE(round.dossiers[0].consensus_items == std::vector<std::string>{"4.2.3"});
  CHECK_THAT(round.dossiers[0].flags.at(0),
             Catch::StartsWith("consensus needed [A1-4]") && Catch::Contains("4.2.3 (50%)"));
}

TEST_CASE("score: levels follow the A1-4 rule of the cycle config", "[score]")
{
  // Category 4.7 (results) at `results`, every other item at `rest`.
  auto level_of = [](double rest, double results) {
    std::vector<model::Dossier> ds{dossier("T-O1", model::AwardClass::organisation, {"R-1"})};
    const auto by_item = [&](const std::string& item) {
      return item.rfind("4.7", 0) == 0 ? results : rest;
    };
    (void)score::attach_sheets(ds, {"d"}, {sheet(filled(ds[0], "R-1", 0, "written", by_item), "s")},
                               "written", criteria(), true, k_date, {});
    auto s = settings();
    s.levels = score::LevelRule{70.0, 55.0, 70.0, 3, 40.0};
    return score::aggregate(ds, "written", criteria(), s).dossiers.at(0).level;
  };
  CHECK(level_of(75, 70) == std::optional<std::string>("benchmark"));
  CHECK(level_of(75, 40) == std::optional<std::string>("professional")); // 6 categories at 75%
  CHECK(level_of(60, 60) == std::optional<std::string>("implementation"));
  CHECK(level_of(30, 30) == std::nullopt);
}

TEST_CASE("score: proposals past a cap are flagged for the committee, never dropped", "[score]")
{
  std::vector<model::Dossier> ds;
  std::vector<score::Sheet> sheets;
  for (int i = 0; i < 7; ++i) {
    ds.push_back(
        dossier(fmt::format("T-L{}", i), model::AwardClass::individual, {"R-1", "R-2"}, "panel"));
    for (const char* r : {"R-1", "R-2"}) {
      sheets.push_back(sheet(filled(ds.back(), r, 50.0 + i * 5, "panel"), ds.back().id + r));
    }
  }
  (void)score::attach_sheets(ds, std::vector<std::string>(ds.size(), "d"), sheets, "panel",
                             criteria(), true, k_date, {});
  const auto round = score::aggregate(ds, "panel", criteria(), settings()); // leader cap 5
  int past = 0;
  for (const auto& r : round.dossiers) {
    CHECK(r.advanced);
    CHECK(r.final_round);
    if (r.past_cap) {
      ++past;
      CHECK(r.rank > 5);
      CHECK_THAT(r.flags.back(), Catch::Contains("past the cap [M-9]"));
    }
  }
  CHECK(past == 2);
}

TEST_CASE("score: A1-11 simplified procedure unless a panel reviewer objects", "[score]")
{
  auto run = [](bool objection) {
    auto d = dossier("T-O1", model::AwardClass::organisation, {"R-1", "R-2"}, "panel");
    d.awards.push_back({"上海市质量金奖", model::AwardLevel::municipal, 2024, "上海市人民政府"});
    std::vector<model::Dossier> ds{d};
    auto text = filled(d, "R-2", 70, "panel");
    if (objection) {
      text.replace(text.find("objection = false"), 17, "objection = true");
    }
    (void)score::attach_sheets(ds, {"d"},
                               {sheet(filled(d, "R-1", 70, "panel"), "1"), sheet(text, "2")},
                               "panel", criteria(), true, k_date, {});
    return score::aggregate(ds, "panel", criteria(), settings()).dossiers.at(0);
  };
  const auto simplified = run(false);
  CHECK(simplified.simplified == std::optional<bool>(true));
  CHECK(simplified.final_round);
  const auto objected = run(true);
  CHECK(objected.simplified == std::optional<bool>(false));
  CHECK_FALSE(objected.final_round);
  CHECK_THAT(objected.flags.back(), Catch::StartsWith("objection [A1-11]: R-2"));
}

TEST_CASE("score: advancing by top N and threshold; the loser moves to rejected", "[score]")
{
  std::vector<model::Dossier> ds;
  std::vector<score::Sheet> sheets;
  for (int i = 0; i < 4; ++i) {
    ds.push_back(dossier(fmt::format("T-P{}", i), model::AwardClass::project, {"R-1"}));
    sheets.push_back(sheet(filled(ds.back(), "R-1", 40.0 + 10 * i), ds.back().id));
  }
  (void)score::attach_sheets(ds, std::vector<std::string>(4, "d"), sheets, "written", criteria(),
                             true, k_date, {});
  auto s = settings();
  s.advance["written"]["project"] = score::AdvanceRule{3, 55.0};
  const auto round = score::aggregate(ds, "written", criteria(), s);
  std::map<std::string, bool> advanced;
  for (const auto& r : round.dossiers) {
    advanced[r.id] = r.advanced;
    for (auto& d : ds) {
      if (d.id == r.id) {
        score::record(d, r, round, k_date, {});
      }
    }
  }
  CHECK(advanced == std::map<std::string, bool>{
                        {"T-P0", false}, {"T-P1", false}, {"T-P2", true}, {"T-P3", true}});
  CHECK(ds[0].stage == model::Stage::rejected);
  CHECK(ds[0].history.back().outcome == "not advanced");
  CHECK(ds[3].stage == model::Stage::written);
  const auto& result = ds[3].rounds.written->result;
  CHECK(result.at("rank") == 1);
  CHECK(result.at("advanced") == true);
  // 70% of 30, 25, 15 and 30 points, each rounded to a whole point: 21 + 18 + 11 + 21.
  CHECK(result.at("total").get<double>() == Approx(71.0));
  CHECK(result.at("percent").get<double>() == Approx(71.0));
  CHECK(result.at("flags").is_array());
}

TEST_CASE("score: mutual evaluation is summarised per reviewer with integrity complaints",
          "[score]")
{
  auto d = dossier("T-O1", model::AwardClass::organisation, {"R-1", "R-2"}, "panel");
  std::vector<model::Dossier> ds{d};
  const auto& set = criteria().for_dossier(d);
  auto rating = [&](const std::string& reviewer, int quality, int integrity) {
    auto text =
        score::sheet_template(score::SheetKind::applicant_rating, d, reviewer, "panel", set);
    text.replace(text.find("# work_quality = "), 17, fmt::format("work_quality = {}", quality));
    text.replace(text.find("# integrity = "), 14, fmt::format("integrity = {}", integrity));
    return sheet(text, reviewer + "_rating.toml");
  };
  auto incomplete =
      score::sheet_template(score::SheetKind::applicant_rating, d, "R-2", "panel", set);
  const auto out = score::attach_sheets(ds, {"d"},
                                        {sheet(filled(d, "R-1", 60, "panel"), "1"),
                                         sheet(filled(d, "R-2", 60, "panel"), "2"),
                                         rating("R-1", 5, 5), rating("R-2", 2, 1)},
                                        "panel", criteria(), true, k_date, {});
  CHECK(out.accepted == 4);
  CHECK(ds[0].history.back().details.at("sheets").size() == 4);
  const auto refused = score::check_sheet(sheet(incomplete, "x.toml"), d, "panel", set, true);
  CHECK(refused.size() == 2);
  const auto round = score::aggregate(ds, "panel", criteria(), settings());
  REQUIRE(round.reviewers.size() == 2);
  CHECK(round.reviewers[1].reviewer == "R-2");
  CHECK(round.reviewers[1].lowest_integrity == std::optional<int>(1));
  CHECK(round.reviewers[1].complaints.size() == 1);
  CHECK(round.reviewers[0].complaints.empty());
  CHECK_THAT(round.dossiers[0].flags.back(), Catch::StartsWith("integrity complaint [M-17"));
  const auto html = score::html_report(round, "测试 <round>");
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("测试 &lt;round&gt;") &&
                       Catch::Contains("Noto Sans CJK SC"));
}

namespace {

sqma::cmd::Dispatch parse_verb(std::vector<std::string> args)
{
  CLI::App app{"sqma"};
  sqma::cmd::Dispatch dispatch;
  sqma::cmd::register_aggregate(app, dispatch);
  sqma::cmd::register_score(app, dispatch);
  app.require_subcommand(1);
  std::reverse(args.begin(), args.end()); // CLI11 takes them last to first
  app.parse(args);
  return dispatch;
}

} // namespace

TEST_CASE("cli: score, score template and aggregate parse", "[cli]")
{
  CHECK(static_cast<bool>(parse_verb({"score", "--round", "written", "--cycle", "c.toml",
                                      "--dossiers", "d.jsonl", "a.toml", "--dossiers", "e/", "b/"})
                              .run));
  CHECK(static_cast<bool>(parse_verb({"score", "template", "--round", "panel", "--cycle", "c.toml",
                                      "-o", "s/", "--kind", "all", "d.jsonl"})
                              .run));
  CHECK(static_cast<bool>(
      parse_verb({"aggregate", "--round", "onsite", "--cycle", "c.toml", "--report", "r.xlsx",
                  "--reviewers", "v.csv", "--html", "r.html", "--date", "2025-10-31", "d/"})
          .run));
  CHECK_THROWS_AS(parse_verb({"score", "template", "--round", "written", "d.jsonl"}),
                  CLI::RequiredError);
  CHECK_THROWS_AS(parse_verb({"aggregate", "--cycle", "c.toml", "d/"}), CLI::RequiredError);
  // score without --round reaches its run function, which refuses it as a usage error.
  const auto d = parse_verb({"score", "a.toml"});
  CHECK_THROWS_AS(d.run(), sqma::UsageError);
}

TEST_CASE("score: on-site benchmark proposals count the simplified panel proposals too", "[score]")
{
  // One organisation already proposed at benchmark level under A1-11 in the panel round,
  // two more at benchmark level from on-site verification; the cap is 2.
  auto earlier = dossier("T-O0", model::AwardClass::organisation, {"R-1"}, "panel");
  earlier.rounds.panel->result = {
      {"advanced", true}, {"simplified", true}, {"level", "benchmark"}, {"percent", 90.0}};
  std::vector<model::Dossier> ds{earlier};
  std::vector<score::Sheet> sheets;
  for (int i = 1; i <= 2; ++i) {
    ds.push_back(
        dossier(fmt::format("T-O{}", i), model::AwardClass::organisation, {"R-1"}, "onsite"));
    sheets.push_back(sheet(filled(ds.back(), "R-1", 70.0 + 5 * i, "onsite"), ds.back().id));
  }
  (void)score::attach_sheets(ds, {"a", "b", "c"}, sheets, "onsite", criteria(), true, k_date, {});
  auto s = settings();
  s.caps["benchmark"] = 2;
  const auto round = score::aggregate(ds, "onsite", criteria(), s);
  REQUIRE(round.dossiers.size() == 2);
  for (const auto& r : round.dossiers) {
    CHECK(r.level == std::optional<std::string>("benchmark"));
    CHECK(r.advanced);
    CHECK(r.past_cap == (r.id == "T-O1")); // third of three: 90 (T-O0), 80 (T-O2), 75 (T-O1)
  }
  CHECK_THAT(round.dossiers.back().flags.back(),
             Catch::Contains("past the cap [M-7]: proposal 3 of 3 for benchmark"));
}

TEST_CASE("score: round dates come from scoring.dates, else dates.<round>_date", "[score]")
{
  cycle::Config config;
  config.year = 2025;
  config.raw = nlohmann::json::parse(
      R"({"dates": {"written_date": "2025-08-01", "panel_date": "2025-09-01"},
          "scoring": {"dates": {"panel": "2025-09-26"}, "method": "median"}})");
  const auto s = score::settings_from(config).take();
  CHECK(s.dates.at("written") == model::Date(2025, 8, 1));
  CHECK(s.dates.at("panel") == model::Date(2025, 9, 26));
  CHECK(s.dates.count("onsite") == 0);
  CHECK(s.method == score::Method::median);
}

TEST_CASE("score: a reviewer's copy leaves out the personal data scoring does not need", "[score]")
{
  std::ifstream in(std::filesystem::path(SQMA_SOURCE_DIR) / "samples/dossiers/SQMA-2025-C01.json");
  const auto json = nlohmann::json::parse(in);
  const auto dossier = model::dossier_from_json(json, Location{"C01.json", 0, {}}).take();
  REQUIRE(dossier.applicant.person);
  REQUIRE(dossier.applicant.contact);
  const auto copy = model::dump_dossier(score::reviewer_copy(dossier), true);
  for (const auto& secret : {dossier.applicant.person->id_number, *dossier.applicant.person->phone,
                             *dossier.applicant.person->email, *dossier.applicant.contact->phone}) {
    CHECK(copy.find(secret) == std::string::npos);
  }
  CHECK(copy.find("\"contact\"") == std::string::npos);
  CHECK(copy.find(dossier.applicant.person->name) != std::string::npos);
  CHECK(copy.find(dossier.applicant.organisation.name) != std::string::npos);
}
