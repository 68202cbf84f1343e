// SPDX-License-Identifier: Apache-2.0
#include "score/criteria.hpp"

#include "io/sha256.hpp"
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace sqma::score {
namespace embedded {
std::string_view resource(std::string_view name);
} // namespace embedded

namespace {

nlohmann::json parse_builtin(std::string_view name)
{
  auto doc = schema::parse_toml(embedded::resource(name), fmt::format("<built-in {}>", name));
  if (!doc) {
    throw Error(ExitCode::internal, doc.failure().describe());
  }
  return std::move(doc).take().json;
}

Item item_from(const nlohmann::json& j, const std::string& category, const std::string& clause)
{
  return Item{j.at("id").get<std::string>(),      j.at("name").get<std::string>(),
              j.at("name_en").get<std::string>(), category,
              j.at("points").get<double>(),       j.value("clause", clause)};
}

void add_gbt19580(CriteriaSet& set)
{
  const auto gbt = parse_builtin("gbt19580");
  set.source = gbt.at("standard").get<std::string>();
  for (const auto& c : gbt.at("category")) {
    Category category{c.at("id").get<std::string>(), c.at("name").get<std::string>(),
                      c.at("name_en").get<std::string>(), 0, c.value("kind", std::string{})};
    for (const auto& i : c.at("items")) {
      set.items.push_back(item_from(i, category.id, set.clause));
    }
    set.categories.push_back(std::move(category));
  }
}

void sum_categories(CriteriaSet& set)
{
  for (auto& category : set.categories) {
    category.points = 0;
    for (const auto& item : set.items) {
      if (item.category == category.id) {
        category.points += item.points;
      }
    }
  }
}

Failure config_failure(const std::string& file, const std::string& pointer, std::string what)
{
  return Failure{ExitCode::data, std::move(what), Location{file, 0, pointer}};
}

} // namespace

double CriteriaSet::total() const
{
  double sum = 0;
  for (const auto& item : items) {
    sum += item.points;
  }
  return sum;
}

const Item* CriteriaSet::find(const std::string& item_id) const
{
  for (const auto& item : items) {
    if (item.id == item_id) {
      return &item;
    }
  }
  return nullptr;
}

bool CriteriaSet::allowed(const Item& item, double value) const
{
  const double top = scale == Scale::percent ? 100.0 : item.points;
  if (!(value >= 0 && value <= top + 1e-9)) {
    return false;
  }
  const double steps = value / step;
  return std::fabs(steps - std::round(steps)) < 1e-9;
}

std::string CriteriaSet::allowed_text(const Item& item) const
{
  if (scale == Scale::percent) {
    return fmt::format("percent 0-100 in steps of {}", step);
  }
  return fmt::format("points 0-{:g} in steps of {}", item.points, step);
}

const CriteriaSet& Criteria::for_dossier(const model::Dossier& dossier) const
{
  return sets.at(set_id(dossier));
}

std::string set_id(const model::Dossier& dossier)
{
  if (dossier.award_class == model::AwardClass::individual && dossier.kind) {
    return model::to_string(*dossier.kind);
  }
  return model::to_string(dossier.award_class);
}

Result<Criteria> load_criteria(const nlohmann::json& scoring, const std::string& config_file)
{
  Criteria criteria;
  io::Sha256 digest;
  digest.update(embedded::resource("criteria"));
  digest.update(embedded::resource("gbt19580"));
  criteria.sha256 = digest.hex_digest();
  const auto builtin = parse_builtin("criteria"); // kept alive for the loop below
  for (const auto& s : builtin.at("set")) {
    CriteriaSet set;
    set.id = s.at("id").get<std::string>();
    set.name = s.at("name").get<std::string>();
    set.name_en = s.at("name_en").get<std::string>();
    set.clause = s.at("clause").get<std::string>();
    set.scale = s.at("scale").get<std::string>() == "percent" ? Scale::percent : Scale::points;
    set.step = s.at("step").get<int>();
    if (s.value("source", std::string{}) == "GB/T 19580-2012") {
      add_gbt19580(set);
    } else {
      for (const auto& i : s.at("items")) {
        auto item = item_from(i, i.at("id").get<std::string>(), set.clause);
        set.categories.push_back(Category{item.id, item.name, item.name_en, 0, {}});
        set.items.push_back(std::move(item));
      }
    }
    criteria.sets.emplace(set.id, std::move(set));
  }
  if (scoring.is_object() && scoring.contains("criteria")) {
    for (const auto& [id, change] : scoring.at("criteria").items()) {
      const std::string at = "/scoring/criteria/" + id;
      auto found = criteria.sets.find(id);
      if (found == criteria.sets.end()) {
        return config_failure(config_file, at, fmt::format("no criteria set {}", id));
      }
      auto& set = found->second;
      set.step = change.value("step", set.step);
      if (change.contains("points")) {
        for (const auto& [item_id, points] : change.at("points").items()) {
          // A structured binding cannot be captured before clang 16 (the fuzz build).
          const std::string& wanted = item_id;
          auto item = std::find_if(set.items.begin(), set.items.end(),
                                   [&](const Item& i) { return i.id == wanted; });
          if (item == set.items.end()) {
            std::vector<std::string> known;
            for (const auto& i : set.items) {
              known.push_back(i.id);
            }
            const auto near = schema::did_you_mean(item_id, known);
            return config_failure(config_file, at + "/points/" + item_id,
                                  fmt::format("no item {} in criteria set {}{}", item_id, id,
                                              near.empty()
                                                  ? std::string{}
                                                  : fmt::format(" (did you mean {}?)", near)));
          }
          item->points = points.get<double>();
        }
      }
    }
  }
  for (auto& [id, set] : criteria.sets) {
    sum_categories(set);
  }
  return criteria;
}

} // namespace sqma::score
