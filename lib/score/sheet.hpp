// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"
#include "schema/toml_json.hpp"
#include "score/criteria.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sqma::score {

// What a sheet records: a reviewer's scores, the applicant's rating of a reviewer, or a
// reviewer's rating of the applicant's discipline (mutual evaluation, M-18).
enum class SheetKind { score, applicant_rating, reviewer_rating };

// "score", "applicant_rating", "reviewer_rating".
[[nodiscard]] std::string to_string(SheetKind kind);

// One scored item as written on a sheet.
struct ItemScore {
  std::string id;
  std::optional<double> max;
  std::optional<double> percent;
  std::optional<double> points;
  std::string pointer; // JSON pointer of the item, for its line
};

// A strength or an opportunity for improvement as written on a sheet: a string, or a table
// { category = "4.1", text = "..." } that names the category or item it concerns.
struct Remark {
  std::string text;
  std::string category; // a category or item id as written; empty for the dossier as a whole
  std::string pointer;  // JSON pointer of the entry, for its line
};

// A sheet as read from TOML (schemas/scoresheet.v1.json), before it is checked against a
// dossier.
struct Sheet {
  std::string file;
  std::string sha256;
  SheetKind kind = SheetKind::score;
  std::string round;
  std::string dossier;
  std::string reviewer;
  std::vector<ItemScore> items;
  std::vector<Remark> strengths;
  std::vector<Remark> opportunities;
  bool objection = false;
  nlohmann::json rating; // object, or null
  schema::LineMap lines;

  // The source line of a JSON pointer of this sheet (or of its nearest parent).
  [[nodiscard]] std::size_t line(const std::string& pointer) const;
  // A Failure at `pointer`'s line of this sheet.
  [[nodiscard]] Failure failure(const std::string& pointer, std::string what) const;
};

// Parses a sheet's text and validates it against scoresheet.v1; every violation is joined
// into the Failure (first one in front, the others in `more`).
[[nodiscard]] Result<Sheet> parse_sheet(std::string_view text, const std::string& file);

// Reads sheets from files and folders (every *.toml below a folder, in sorted order). Each
// entry is a parsed sheet or the Failure of one file; a path that does not exist is a
// Failure too.
[[nodiscard]] std::vector<Result<Sheet>> read_sheets(const std::vector<std::string>& args);

// Checks a sheet against the dossier it names, for `round`: the dossier is at that stage,
// the reviewer sits on its panel for the round, every item of the criteria is scored once,
// in range and on its scale, the stated maximum matches, required comments are present and
// ratings are complete, and every remark's category is a category or item of the criteria.
// Returns every problem found (empty when the sheet is good).
[[nodiscard]] std::vector<Failure> check_sheet(const Sheet& sheet, const model::Dossier& dossier,
                                               const std::string& round,
                                               const CriteriaSet& criteria, bool require_comments);

// The sheet as it is kept in rounds.<round>.sheets: kind, reviewer, file name, digest,
// items (id -> {percent?, points}), total and percent for a score sheet; objection and
// rating as given; each remark as its text, or, when it names a category or item,
// {category, item?, text} with the category the item belongs to. The sheet must have passed
// check_sheet.
[[nodiscard]] nlohmann::json stored_sheet(const Sheet& sheet, const CriteriaSet& criteria);

// The kind and reviewer of a stored sheet: the key that may occur once per round.
[[nodiscard]] std::pair<std::string, std::string> sheet_key(const nlohmann::json& stored);

// A blank TOML sheet for one reviewer and dossier in `round`, pre-filled with the ids, the
// items with their maximum points and allowed values, and empty comment fields (score), or
// the rating fields (applicant_rating, reviewer_rating).
[[nodiscard]] std::string sheet_template(SheetKind kind, const model::Dossier& dossier,
                                         const std::string& reviewer, const std::string& round,
                                         const CriteriaSet& criteria);

} // namespace sqma::score
