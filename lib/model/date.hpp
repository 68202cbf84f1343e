// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace sqma::model {

// A calendar date (proleptic Gregorian), written YYYY-MM-DD.
class Date {
public:
  Date() = default;
  // Throws std::invalid_argument for an impossible date.
  Date(int year, unsigned month, unsigned day);
  explicit Date(std::chrono::sys_days days) : m_days(days) {}

  // Parses "YYYY-MM-DD"; nullopt if the text is not a real date.
  [[nodiscard]] static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] int year() const;
  [[nodiscard]] unsigned month() const;
  [[nodiscard]] unsigned day() const;
  // 1 = Monday ... 7 = Sunday.
  [[nodiscard]] unsigned iso_weekday() const;
  [[nodiscard]] std::chrono::sys_days days() const { return m_days; }

  // This date moved by whole days, or by whole years (29 February becomes 28 February).
  [[nodiscard]] Date plus_days(long days) const;
  [[nodiscard]] Date plus_years(int years) const;

  // "2025-10-13".
  [[nodiscard]] std::string iso() const;
  // "2025年10月13日".
  [[nodiscard]] std::string chinese() const;

  auto operator<=>(const Date&) const = default;

private:
  std::chrono::sys_days m_days{};
};

// The number of days from a to b (negative when b is earlier).
[[nodiscard]] long days_between(const Date& a, const Date& b);

void to_json(nlohmann::json& j, const Date& date);
// Throws nlohmann::json::type_error or std::invalid_argument for a value that is no date.
void from_json(const nlohmann::json& j, Date& date);

} // namespace sqma::model
