// SPDX-License-Identifier: Apache-2.0
#include "score/sheet.hpp"

#include "core/parallel.hpp"

#include "io/files.hpp"
#include "io/sha256.hpp"
#include "schema/load.hpp"
#include "schema/suggest.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

namespace sqma::score {
namespace {

std::optional<double> number_at(const nlohmann::json& j, const char* key)
{
  if (j.contains(key) && j.at(key).is_number()) {
    return j.at(key).get<double>();
  }
  return std::nullopt;
}

// The points an item earns on the set's scale (nullopt when it is not scored).
std::optional<double> earned(const ItemScore& score, const Item& item, const CriteriaSet& set)
{
  if (set.scale == Scale::percent) {
    if (!score.percent) {
      return std::nullopt;
    }
    return item.points * *score.percent / 100.0;
  }
  return score.points;
}

std::string toml_string(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

// The remarks of a list: strings, or tables of a text and a category (the schema allows only
// these two).
std::vector<Remark> remarks_at(const nlohmann::json& j, const char* key)
{
  std::vector<Remark> out;
  if (!j.contains(key)) {
    return out;
  }
  const auto& list = j.at(key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list.at(i);
    Remark remark;
    remark.pointer = fmt::format("/{}/{}", key, i);
    if (entry.is_string()) {
      remark.text = entry.get<std::string>();
    } else {
      remark.text = entry.at("text").get<std::string>();
      remark.category = entry.at("category").get<std::string>();
    }
    out.push_back(std::move(remark));
  }
  return out;
}

// The category a remark's id names: the category itself, or the category of an item;
// nullptr when the criteria know neither.
const Category* category_of(const std::string& id, const CriteriaSet& criteria)
{
  for (const auto& c : criteria.categories) {
    if (c.id == id) {
      return &c;
    }
  }
  if (const Item* item = criteria.find(id)) {
    for (const auto& c : criteria.categories) {
      if (c.id == item->category) {
        return &c;
      }
    }
  }
  return nullptr;
}

nlohmann::json stored_remarks(const std::vector<Remark>& remarks, const CriteriaSet& criteria)
{
  auto out = nlohmann::json::array();
  for (const auto& r : remarks) {
    if (r.category.empty()) {
      out.push_back(r.text);
      continue;
    }
    const Category* category = category_of(r.category, criteria);
    nlohmann::json entry{{"category", category != nullptr ? category->id : r.category},
                         {"text", r.text}};
    if (category != nullptr && category->id != r.category) {
      entry["item"] = r.category;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

} // namespace

std::string to_string(SheetKind kind)
{
  switch (kind) {
  case SheetKind::score: return "score";
  case SheetKind::applicant_rating: return "applicant_rating";
  case SheetKind::reviewer_rating: return "reviewer_rating";
  }
  return "score";
}

std::size_t Sheet::line(const std::string& pointer) const
{
  return schema::line_for(lines, pointer);
}

Failure Sheet::failure(const std::string& pointer, std::string what) const
{
  return Failure{ExitCode::negative, std::move(what), Location{file, line(pointer), {}}};
}

Result<Sheet> parse_sheet(std::string_view text, const std::string& file)
{
  auto doc = schema::load_toml(text, file, "scoresheet.v1");
  if (!doc) {
    return doc.failure();
  }
  const auto& j = doc->json;
  Sheet sheet;
  sheet.file = file;
  sheet.sha256 = io::sha256_hex(text);
  const auto kind = j.at("kind").get<std::string>();
  sheet.kind = kind == "applicant_rating"  ? SheetKind::applicant_rating
               : kind == "reviewer_rating" ? SheetKind::reviewer_rating
                                           : SheetKind::score;
  sheet.round = j.at("round").get<std::string>();
  sheet.dossier = j.at("dossier").get<std::string>();
  sheet.reviewer = j.at("reviewer").get<std::string>();
  if (j.contains("items")) {
    for (std::size_t i = 0; i < j.at("items").size(); ++i) {
      const auto& item = j.at("items").at(i);
      sheet.items.push_back(ItemScore{item.at("id").get<std::string>(), number_at(item, "max"),
                                      number_at(item, "percent"), number_at(item, "points"),
                                      fmt::format("/items/{}", i)});
    }
  }
  sheet.strengths = remarks_at(j, "strengths");
  sheet.opportunities = remarks_at(j, "opportunities");
  sheet.objection = j.value("objection", false);
  sheet.rating = j.value("rating", nlohmann::json());
  sheet.lines = std::move(doc->lines);
  return sheet;
}

std::vector<Result<Sheet>> read_sheets(const std::vector<std::string>& args)
{
  // First the files, in order (a path that names nothing is its own Failure); then each read
  // and parsed on its own, two at a time.
  std::vector<std::string> paths;
  std::vector<std::optional<Result<Sheet>>> read; // filled here for a path that names nothing
  for (const auto& arg : args) {
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::string> found;
      for (auto it = std::filesystem::recursive_directory_iterator(arg, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name.front() == '.') {
          if (it->is_directory()) {
            it.disable_recursion_pending();
          }
          continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".toml") {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      for (auto& path : found) {
        paths.push_back(std::move(path));
        read.emplace_back();
      }
    } else if (std::filesystem::exists(arg, ec)) {
      paths.push_back(arg);
      read.emplace_back();
    } else {
      paths.push_back(arg);
      read.emplace_back(Failure{ExitCode::data, "no such file or folder", Location{arg, 0, {}}});
    }
  }
  parallel_for(paths.size(), cpu_threads(), [&](std::size_t i) {
    if (read[i]) {
      return;
    }
    auto text = io::read_file(paths[i]);
    if (!text) {
      read[i].emplace(text.failure());
      return;
    }
    read[i].emplace(parse_sheet(text.value(), paths[i]));
  });
  std::vector<Result<Sheet>> out;
  out.reserve(read.size());
  for (auto& r : read) {
    out.push_back(std::move(*r));
  }
  return out;
}

std::vector<Failure> check_sheet(const Sheet& sheet, const model::Dossier& dossier,
                                 const std::string& round, const CriteriaSet& criteria,
                                 bool require_comments)
{
  std::vector<Failure> problems;
  if (sheet.round != round) {
    problems.push_back(
        sheet.failure("/round", fmt::format("the sheet is for round {}, not {} ({})", sheet.round,
                                            round, round_clause(dossier.award_class, round))));
    return problems;
  }
  if (model::to_string(dossier.stage) != round) {
    problems.push_back(
        sheet.failure("/dossier", fmt::format("{} is at stage {}, not {} ({})", dossier.id,
                                              model::to_string(dossier.stage), round,
                                              round_clause(dossier.award_class, round))));
    return problems;
  }
  const auto* r = round_of(dossier, round);
  const bool on_panel = r != nullptr && std::any_of(r->panel.begin(), r->panel.end(),
                                                    [&](const model::PanelMember& m) {
                                                      return m.reviewer == sheet.reviewer;
                                                    });
  if (!on_panel) {
    problems.push_back(sheet.failure(
        "/reviewer",
        fmt::format("reviewer {} is not on the {} panel of {}: a sheet from "
                    "anyone not assigned never counts ({})",
                    sheet.reviewer, round, dossier.id, round_clause(dossier.award_class, round))));
    return problems;
  }
  if (sheet.kind == SheetKind::applicant_rating || sheet.kind == SheetKind::reviewer_rating) {
    const std::vector<std::string> fields =
        sheet.kind == SheetKind::applicant_rating
            ? std::vector<std::string>{"work_quality", "integrity"}
            : std::vector<std::string>{"discipline"};
    for (const auto& field : fields) {
      if (!sheet.rating.is_object() || !sheet.rating.contains(field)) {
        problems.push_back(
            sheet.failure("/rating", fmt::format("rating.{} is missing (1-5, M-18)", field)));
      }
    }
    return problems;
  }

  std::map<std::string, const ItemScore*> seen;
  for (const auto& score : sheet.items) {
    const Item* item = criteria.find(score.id);
    if (item == nullptr) {
      std::vector<std::string> known;
      for (const auto& i : criteria.items) {
        known.push_back(i.id);
      }
      const auto near = schema::did_you_mean(score.id, known);
      problems.push_back(sheet.failure(
          score.pointer + "/id",
          fmt::format("item {} is not among the criteria of {} ({}){}", score.id, criteria.id,
                      criteria.clause,
                      near.empty() ? std::string{} : fmt::format(" (did you mean {}?)", near))));
      continue;
    }
    if (const auto first = seen.find(score.id); first != seen.end()) {
      problems.push_back(
          sheet.failure(score.pointer + "/id",
                        fmt::format("item {} is scored twice (first on line {}; {})", score.id,
                                    sheet.line(first->second->pointer), item->clause)));
      continue;
    }
    seen.emplace(score.id, &score);
    if (score.max && std::fabs(*score.max - item->points) > 1e-9) {
      problems.push_back(
          sheet.failure(score.pointer + "/max",
                        fmt::format("item {}: max {:g} differs from the criteria's {:g} ({})",
                                    score.id, *score.max, item->points, item->clause)));
    }
    const bool percent_scale = criteria.scale == Scale::percent;
    const auto& given = percent_scale ? score.percent : score.points;
    const char* field = percent_scale ? "percent" : "points";
    if (!given) {
      problems.push_back(sheet.failure(
          score.pointer, fmt::format("item {} is not scored: give {} ({}; {})", score.id, field,
                                     criteria.allowed_text(*item), item->clause)));
      continue;
    }
    if (!criteria.allowed(*item, *given)) {
      problems.push_back(
          sheet.failure(score.pointer + "/" + field,
                        fmt::format("item {}: {} {:g} is not allowed: {} ({})", score.id, field,
                                    *given, criteria.allowed_text(*item), item->clause)));
      continue;
    }
    if (percent_scale && score.points &&
        std::fabs(*score.points - *earned(score, *item, criteria)) > 1e-6) {
      problems.push_back(sheet.failure(
          score.pointer + "/points",
          fmt::format("item {}: points {:g} differ from max x percent = {:g} ({})", score.id,
                      *score.points, *earned(score, *item, criteria), item->clause)));
    }
  }
  std::vector<std::string> missing;
  for (const auto& item : criteria.items) {
    if (seen.count(item.id) == 0) {
      missing.push_back(item.id);
    }
  }
  if (!missing.empty()) {
    problems.push_back(sheet.failure(
        "/items", fmt::format("{} of {} items not on the sheet: {} ({})", missing.size(),
                              criteria.items.size(), fmt::join(missing, ", "), criteria.clause)));
  }
  for (const auto* list : {&sheet.strengths, &sheet.opportunities}) {
    for (const auto& remark : *list) {
      if (!remark.category.empty() && category_of(remark.category, criteria) == nullptr) {
        std::vector<std::string> known;
        for (const auto& c : criteria.categories) {
          known.push_back(c.id);
        }
        for (const auto& i : criteria.items) {
          if (std::find(known.begin(), known.end(), i.id) == known.end()) {
            known.push_back(i.id);
          }
        }
        const auto near = schema::did_you_mean(remark.category, known);
        problems.push_back(sheet.failure(
            remark.pointer + "/category",
            fmt::format("category {} is neither a category nor an item of {} ({}){}",
                        remark.category, criteria.id, criteria.clause,
                        near.empty() ? std::string{} : fmt::format(" (did you mean {}?)", near))));
      }
    }
  }
  if (require_comments) {
    if (sheet.strengths.empty()) {
      problems.push_back(
          sheet.failure("/strengths", fmt::format("no strengths (优势) given ({})",
                                                  round_clause(dossier.award_class, round))));
    }
    if (sheet.opportunities.empty()) {
      problems.push_back(sheet.failure(
          "/opportunities", fmt::format("no opportunities for improvement (改进机会) given ({})",
                                        round_clause(dossier.award_class, round))));
    }
  }
  return problems;
}

nlohmann::json stored_sheet(const Sheet& sheet, const CriteriaSet& criteria)
{
  nlohmann::json j{{"kind", to_string(sheet.kind)},
                   {"reviewer", sheet.reviewer},
                   {"file", std::filesystem::path(sheet.file).filename().string()},
                   {"sha256", sheet.sha256}};
  if (sheet.kind != SheetKind::score) {
    j["rating"] = sheet.rating;
    return j;
  }
  auto items = nlohmann::json::object();
  double total = 0;
  for (const auto& score : sheet.items) {
    const Item* item = criteria.find(score.id);
    const double points = earned(score, *item, criteria).value_or(0.0);
    nlohmann::json entry{{"points", points}};
    if (criteria.scale == Scale::percent) {
      entry["percent"] = *score.percent;
    }
    items[score.id] = entry;
    total += points;
  }
  j["items"] = items;
  j["total"] = total;
  j["percent"] = criteria.total() > 0 ? 100.0 * total / criteria.total() : 0.0;
  j["strengths"] = stored_remarks(sheet.strengths, criteria);
  j["opportunities"] = stored_remarks(sheet.opportunities, criteria);
  j["objection"] = sheet.objection;
  return j;
}

std::pair<std::string, std::string> sheet_key(const nlohmann::json& stored)
{
  return {stored.value("kind", std::string("score")), stored.value("reviewer", std::string{})};
}

std::string sheet_template(SheetKind kind, const model::Dossier& dossier,
                           const std::string& reviewer, const std::string& round,
                           const CriteriaSet& criteria)
{
  std::string out;
  const auto line = [&out](std::string_view text) {
    out += text;
    out += '\n';
  };
  line(fmt::format("# {} {} · {}", dossier.id, dossier.applicant.name, criteria.name));
  line(fmt::format("# 评审环节 round: {} · 评审员 reviewer: {}", round, reviewer));
  line("schema = \"scoresheet.v1\"");
  line(fmt::format("kind = {}", toml_string(to_string(kind))));
  line(fmt::format("round = {}", toml_string(round)));
  line(fmt::format("dossier = {}", toml_string(dossier.id)));
  line(fmt::format("reviewer = {}", toml_string(reviewer)));
  if (kind != SheetKind::score) {
    line("");
    if (kind == SheetKind::applicant_rating) {
      line("# 申报方对评审员的评价（M-18）：工作质量、廉洁自律，1（差）至 5（好）。");
      line("# The applicant rates the reviewer (M-18): work quality and integrity, 1 (poor) to "
           "5 (good).");
      line("[rating]");
      line("# work_quality = ");
      line("# integrity = ");
    } else {
      line("# 评审员对申报方遵守评审纪律情况的评价（M-18），1（差）至 5（好）。");
      line("# The reviewer rates the applicant's discipline (M-18), 1 (poor) to 5 (good).");
      line("[rating]");
      line("# discipline = ");
    }
    line("# comment = \"\"");
    return out;
  }
  const std::string example =
      criteria.categories.empty() ? std::string("1") : criteria.categories.front().id;
  line("");
  line("# 优势与改进机会：每项至少一条。 Strengths and opportunities for improvement: at least "
       "one each.");
  line("# 每条写成字符串，或注明所属类目（评分项）：{ category = \"" + example +
       "\", text = \"...\" }。");
  line("# Write each as a string, or name its category (or item): { category = \"" + example +
       "\", text = \"...\" }.");
  line("strengths = [");
  line("]");
  line("opportunities = [");
  line("]");
  if (round == "panel" && dossier.award_class == model::AwardClass::organisation) {
    line("# 是否提出重大异议（A1-11：有重大异议的不适用简化程序）。");
    line("# A major objection keeps on-site verification (A1-11).");
    line("objection = false");
  }
  const bool percent = criteria.scale == Scale::percent;
  std::string category;
  for (const auto& item : criteria.items) {
    if (item.category != category && item.category != item.id) {
      category = item.category;
      for (const auto& c : criteria.categories) {
        if (c.id == category) {
          line("");
          line(fmt::format("# ── {} {} {} ({:g} 分 points)", c.id, c.name, c.name_en, c.points));
        }
      }
    }
    line("");
    line(fmt::format("# {} {} {} [{}]", item.id, item.name, item.name_en, item.clause));
    line(fmt::format("# {}{}", criteria.allowed_text(item),
                     percent ? "; points = max x percent / 100" : ""));
    line("[[items]]");
    line(fmt::format("id = {}", toml_string(item.id)));
    line(fmt::format("max = {:g}", item.points));
    line(fmt::format("# {} = ", percent ? "percent" : "points"));
  }
  return out;
}

} // namespace sqma::score
