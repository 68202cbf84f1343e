// SPDX-License-Identifier: Apache-2.0
#include "score/settings.hpp"

#include <fmt/format.h>

namespace sqma::score {

Result<Settings> settings_from(const cycle::Config& config)
{
  Settings s;
  s.year = config.year;
  s.caps = config.caps;
  const auto& raw = config.raw;
  // The dates of the rounds (dates.<round>_date, as assign reads them) unless [scoring.dates]
  // gives score and aggregate dates of their own.
  if (raw.contains("dates")) {
    for (const char* round : {"written", "panel", "onsite"}) {
      const auto key = std::string(round) + "_date";
      if (raw.at("dates").contains(key)) {
        if (const auto d = model::Date::parse(raw.at("dates").at(key).get<std::string>())) {
          s.dates[round] = *d;
        }
      }
    }
  }
  if (!raw.contains("scoring")) {
    return s;
  }
  const auto& j = raw.at("scoring");
  const auto method = j.value("method", std::string("trimmed_mean"));
  s.method = method == "mean"     ? Method::mean
             : method == "median" ? Method::median
                                  : Method::trimmed_mean;
  s.consensus_threshold = j.value("consensus_threshold", s.consensus_threshold);
  s.item_threshold = j.value("item_threshold", s.item_threshold);
  s.calibrate = j.value("calibrate", false);
  s.rank_calibrated = s.calibrate && j.value("rank_by", std::string("raw")) == "calibrated";
  s.require_comments = j.value("require_comments", true);
  if (j.contains("advance")) {
    for (const auto& [round, groups] : j.at("advance").items()) {
      for (const auto& [group, rule] : groups.items()) {
        AdvanceRule r;
        if (rule.contains("top")) {
          r.top = rule.at("top").get<int>();
        }
        if (rule.contains("threshold")) {
          r.threshold = rule.at("threshold").get<double>();
        }
        s.advance[round][group] = r;
      }
    }
  }
  if (j.contains("levels")) {
    const auto& l = j.at("levels");
    auto& r = s.levels;
    if (l.contains("benchmark")) {
      r.benchmark_category = l.at("benchmark").value("category_percent", r.benchmark_category);
    }
    if (l.contains("professional")) {
      const auto& p = l.at("professional");
      r.professional_total = p.value("total_percent", r.professional_total);
      r.professional_category = p.value("category_percent", r.professional_category);
      r.professional_categories = p.value("categories", r.professional_categories);
    }
    if (l.contains("implementation")) {
      r.implementation_total =
          l.at("implementation").value("total_percent", r.implementation_total);
    }
  }
  if (j.contains("dates")) {
    for (const auto& [round, value] : j.at("dates").items()) {
      const auto text = value.get<std::string>();
      const auto date = model::Date::parse(text);
      if (!date) {
        return Failure{ExitCode::data, fmt::format("{} is not a real date", text),
                       Location{config.file.string(), 0, "/scoring/dates/" + round}};
      }
      s.dates[round] = *date;
    }
  }
  return s;
}

std::string to_string(Method method)
{
  switch (method) {
  case Method::mean: return "mean";
  case Method::median: return "median";
  case Method::trimmed_mean: return "trimmed_mean";
  }
  return "mean";
}

AdvanceRule advance_rule(const Settings& settings, const std::string& round,
                         const std::string& group)
{
  const auto r = settings.advance.find(round);
  if (r == settings.advance.end()) {
    return {};
  }
  if (const auto g = r->second.find(group); g != r->second.end()) {
    return g->second;
  }
  if (group == "leader" || group == "manager" || group == "craftsman") {
    if (const auto g = r->second.find("individual"); g != r->second.end()) {
      return g->second;
    }
  }
  return {};
}

Result<model::Date> round_date(const Settings& settings, const std::string& round,
                               const std::string& given, const std::string& cycle_file)
{
  if (!given.empty()) {
    if (const auto d = model::Date::parse(given)) {
      return *d;
    }
    return Failure{ExitCode::usage,
                   fmt::format("--date {}: expected a date written YYYY-MM-DD", given)};
  }
  if (const auto d = settings.dates.find(round); d != settings.dates.end()) {
    return d->second;
  }
  return Failure{ExitCode::usage,
                 fmt::format("no date for the {} round: give --date or set scoring.dates.{} "
                             "or dates.{}_date in {}",
                             round, round, round, cycle_file)};
}

} // namespace sqma::score
