// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

// Scoring criteria as data: GB/T 19580-2012 for the organisation award (A1-4), the four
// project dimensions (M-8, A2-3) and one set per individual kind (A3-4 ... A3-7).
namespace sqma::score {

// How a reviewer scores an item: a percentage of its points, or points directly.
enum class Scale { percent, points };

// One scored item.
struct Item {
  std::string id;
  std::string name;
  std::string name_en;
  std::string category; // id of the category it belongs to
  double points = 0;    // maximum points
  std::string clause;
};

// A group of items whose points are reported together (a GB/T 19580 category; for the
// other sets each item is a category of its own).
struct Category {
  std::string id;
  std::string name;
  std::string name_en;
  double points = 0;
  std::string kind; // GB/T 19580: "process" (4.1-4.6) or "results" (4.7); empty elsewhere
};

// The criteria of one class or individual kind.
struct CriteriaSet {
  std::string id; // organisation, project, leader, manager, craftsman
  std::string name;
  std::string name_en;
  std::string clause;
  std::string source;
  Scale scale = Scale::percent;
  int step = 5;
  std::vector<Category> categories;
  std::vector<Item> items;

  // The sum of the items' points.
  [[nodiscard]] double total() const;
  // The item with this id, or nullptr.
  [[nodiscard]] const Item* find(const std::string& item_id) const;
  // Whether `value` is an allowed score of `item` on this set's scale.
  [[nodiscard]] bool allowed(const Item& item, double value) const;
  // The allowed values as a phrase, e.g. "0-100 in steps of 5 (percent)".
  [[nodiscard]] std::string allowed_text(const Item& item) const;
};

// Every criteria set by id.
struct Criteria {
  std::map<std::string, CriteriaSet> sets;
  std::string sha256; // of the built-in data, recorded in histories next to the cycle's digest

  // The set that scores `dossier`: its class, or its kind for individuals. Throws
  // std::out_of_range if the set is missing (the built-in data has them all).
  [[nodiscard]] const CriteriaSet& for_dossier(const model::Dossier& dossier) const;
};

// The set id that scores a dossier: "organisation", "project" or the individual kind.
[[nodiscard]] std::string set_id(const model::Dossier& dossier);

// The built-in criteria (data/criteria.toml and data/gbt19580-2012.toml), with the points
// and steps of `scoring` (the cycle config's [scoring] table, may be null) applied:
// scoring.criteria.<set>.step and scoring.criteria.<set>.points.<item id>. An unknown set or
// item id there is a Failure naming `config_file`.
[[nodiscard]] Result<Criteria> load_criteria(const nlohmann::json& scoring,
                                             const std::string& config_file);

} // namespace sqma::score
