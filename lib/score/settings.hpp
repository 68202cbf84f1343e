// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "cycle/config.hpp"
#include "model/date.hpp"

#include <map>
#include <optional>
#include <string>

namespace sqma::score {

// How the reviewers' scores of one dossier are combined.
enum class Method { mean, median, trimmed_mean };

// Who advances from a round within one group (class, or individual kind): the top N by
// rank, those at or above a percentage, or both conditions together.
struct AdvanceRule {
  std::optional<int> top;
  std::optional<double> threshold; // percent of the set's total
};

// The A1-4 level rule for organisation dossiers, on combined category and total percents:
// benchmark when every category reaches benchmark_category; professional when the total
// reaches professional_total and at least professional_categories categories reach
// professional_category; implementation when the total reaches implementation_total.
struct LevelRule {
  double benchmark_category = 60.0;
  double professional_total = 50.0;
  double professional_category = 60.0;
  int professional_categories = 3;
  double implementation_total = 40.0;
};

// The cycle config's [scoring] table and the caps, with defaults for what it leaves out.
struct Settings {
  Method method = Method::trimmed_mean;
  double consensus_threshold = 15.0; // spread of the total, percent
  double item_threshold = 30.0;      // spread of one item, percent of its points
  bool calibrate = false;
  bool rank_calibrated = false;
  bool require_comments = true;
  int year = 0;
  std::map<std::string, std::map<std::string, AdvanceRule>> advance; // round -> group -> rule
  LevelRule levels;
  std::map<std::string, int> caps; // benchmark, project, leader, manager, craftsman
  // round -> date of the round's records: scoring.dates.<round>, else dates.<round>_date
  std::map<std::string, model::Date> dates;
};

// Reads the settings from a loaded cycle config (already schema-valid). A date that is no
// real date is a Failure naming the file.
[[nodiscard]] Result<Settings> settings_from(const cycle::Config& config);

// "mean", "median", "trimmed_mean".
[[nodiscard]] std::string to_string(Method method);

// The date of a round's records: `given` (a --date, YYYY-MM-DD) when not empty, else the
// cycle's date of the round; a usage Failure naming `cycle_file` when there is none.
[[nodiscard]] Result<model::Date> round_date(const Settings& settings, const std::string& round,
                                             const std::string& given,
                                             const std::string& cycle_file);

// The rule of `group` (organisation, project, leader, manager, craftsman) in `round`;
// individual kinds fall back to "individual". Everyone advances when there is none.
[[nodiscard]] AdvanceRule advance_rule(const Settings& settings, const std::string& round,
                                       const std::string& group);

} // namespace sqma::score
