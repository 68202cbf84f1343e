// SPDX-License-Identifier: Apache-2.0
// Reading and checking calendar files (the format of data/cn_workdays.toml).
#include "calendar/calendar.hpp"

#include "io/files.hpp"
#include "io/json_reader.hpp"
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

namespace sqma::calendar {

namespace embedded {
std::string_view resource(std::string_view name);
} // namespace embedded

namespace {

using nlohmann::json;

// What the file says, with the line of each date for later cross-checks.
struct Entries {
  std::set<int> years;
  std::map<Date, std::pair<std::string, std::size_t>> holidays; // name, line
  std::map<Date, std::size_t> makeup;                           // line
};

class Reader {
public:
  Reader(const std::string& file, const schema::LineMap& lines) : m_file(file), m_lines(lines) {}

  [[nodiscard]] Failure fail(const std::string& pointer, std::string message) const
  {
    return Failure{ExitCode::data, std::move(message),
                   Location{m_file, schema::line_for(m_lines, pointer), {}}};
  }
  [[nodiscard]] std::size_t line(const std::string& pointer) const
  {
    return schema::line_for(m_lines, pointer);
  }

  // The date at `pointer`, which must fall in `year`.
  [[nodiscard]] Result<Date> date(const json& value, const std::string& pointer, int year) const
  {
    const auto parsed = value.is_string() ? Date::parse(value.get<std::string>()) : std::nullopt;
    if (!parsed) {
      return fail(pointer,
                  fmt::format("[{}]: {} is not a date written YYYY-MM-DD", year, value.dump()));
    }
    if (parsed->year() != year) {
      return fail(pointer,
                  fmt::format("[{}]: {} falls in {}: file each date under the year it falls "
                              "in, also when it belongs to the next year's 元旦 (2023-12-30 "
                              "sits in [2023])",
                              year, parsed->iso(), parsed->year()));
    }
    return *parsed;
  }

  [[nodiscard]] std::optional<Failure> holidays(const json& list, const std::string& pointer,
                                                int year, Entries& out) const
  {
    if (!list.is_array()) {
      return fail(pointer, fmt::format("[{}]: holidays must be an array of "
                                       "{{ date = YYYY-MM-DD, name = \"...\" }}",
                                       year));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto at = fmt::format("{}/{}", pointer, i);
      const auto& entry = list[i];
      if (!entry.is_object() || !entry.contains("date") || !entry.contains("name")) {
        return fail(
            at, fmt::format("[{}]: each holiday is {{ date = YYYY-MM-DD, name = \"...\" }}", year));
      }
      for (const auto& [key, value] : entry.items()) {
        if (key != "date" && key != "name") {
          return fail(
              at, fmt::format("[{}]: a holiday has only a date and a name, not \"{}\"", year, key));
        }
      }
      auto day = date(entry["date"], at + "/date", year);
      if (!day) {
        return day.failure();
      }
      const auto& name = entry["name"];
      const bool blank = !name.is_string() ||
                         name.get<std::string>().find_first_not_of(" \t") == std::string::npos;
      if (blank) {
        return fail(at + "/name", fmt::format("[{}]: the holiday on {} needs a name (such as "
                                              "\"国庆节\")",
                                              year, day->iso()));
      }
      const auto [it, fresh] =
          out.holidays.try_emplace(day.value(), name.get<std::string>(), line(at + "/date"));
      if (!fresh) {
        return fail(at + "/date", fmt::format("[{}]: {} is listed twice as a holiday (first on "
                                              "line {})",
                                              year, day->iso(), it->second.second));
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<Failure> makeup(const json& list, const std::string& pointer,
                                              int year, Entries& out) const
  {
    if (!list.is_array()) {
      return fail(pointer, fmt::format("[{}]: makeup_workdays must be an array of dates", year));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto at = fmt::format("{}/{}", pointer, i);
      auto day = date(list[i], at, year);
      if (!day) {
        return day.failure();
      }
      const auto [it, fresh] = out.makeup.try_emplace(day.value(), line(at));
      if (!fresh) {
        return fail(at, fmt::format("[{}]: {} is listed twice as a makeup working day (first on "
                                    "line {})",
                                    year, day->iso(), it->second));
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<Failure> year_table(const std::string& key, const json& table,
                                                  Entries& out) const
  {
    std::string pointer;
    io::append_pointer(pointer, key);
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool digits =
        key.size() == 4 && key[0] != '0' && std::all_of(key.begin(), key.end(), is_digit);
    if (!digits) {
      return fail(pointer, fmt::format("\"{}\" is not a year: each table is named by a 4-digit "
                                       "year, such as [2025]",
                                       key));
    }
    const int year = std::stoi(key);
    if (!table.is_object()) {
      return fail(pointer,
                  fmt::format("[{}] must be a table with holidays and makeup_workdays", year));
    }
    const std::vector<std::string> known{"holidays", "makeup_workdays"};
    for (const auto& [name, value] : table.items()) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        const auto hint = schema::did_you_mean(name, known);
        auto at = pointer;
        io::append_pointer(at, name);
        return fail(at, fmt::format("[{}]: unknown key \"{}\"{}", year, name,
                                    hint.empty()
                                        ? std::string(": expected holidays and makeup_workdays")
                                        : fmt::format("; did you mean \"{}\"?", hint)));
      }
    }
    if (!table.contains("holidays")) {
      return fail(pointer, fmt::format("[{}] has no holidays array", year));
    }
    if (auto failure = holidays(table["holidays"], pointer + "/holidays", year, out)) {
      return failure;
    }
    if (table.contains("makeup_workdays")) {
      auto failure = makeup(table["makeup_workdays"], pointer + "/makeup_workdays", year, out);
      if (failure) {
        return failure;
      }
    }
    out.years.insert(year);
    return std::nullopt;
  }

private:
  const std::string& m_file;
  const schema::LineMap& m_lines;
};

} // namespace

Result<Calendar> Calendar::parse(std::string_view toml_text, const std::string& file)
{
  auto doc = schema::parse_toml(toml_text, file);
  if (!doc) {
    return doc.failure();
  }
  const Reader reader(file, doc->lines);
  Entries entries;
  for (const auto& [key, value] : doc->json.items()) {
    if (auto failure = reader.year_table(key, value, entries)) {
      return *failure;
    }
  }
  if (entries.years.empty()) {
    return Failure{ExitCode::data,
                   "no year tables: a calendar has one table per year, such as "
                   "[2025] with holidays and makeup_workdays",
                   Location{file, 0, {}}};
  }
  Calendar calendar;
  for (const auto& [day, line] : entries.makeup) {
    if (const auto it = entries.holidays.find(day); it != entries.holidays.end()) {
      return Failure{ExitCode::data,
                     fmt::format("{} is both a makeup working day and a holiday (line {})",
                                 day.iso(), it->second.second),
                     Location{file, line, {}}};
    }
    calendar.m_makeup.insert(day);
  }
  for (auto& [day, entry] : entries.holidays) {
    calendar.m_holidays.emplace(day, std::move(entry.first));
  }
  calendar.m_years = std::move(entries.years);
  for (const int year : calendar.m_years) {
    calendar.m_sources.emplace(year, file);
  }
  return calendar;
}

std::optional<std::string> Calendar::installed_file()
{
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return std::nullopt;
  }
  const auto file = self.parent_path().parent_path() / "share" / "sqma" / "cn_workdays.toml";
  if (!std::filesystem::is_regular_file(file, error)) {
    return std::nullopt;
  }
  return file.lexically_normal().string();
}

const Calendar& Calendar::builtin()
{
  static const Calendar calendar = [] {
    if (const auto installed = installed_file()) {
      auto loaded = load_file(*installed);
      if (!loaded) {
        throw Error(loaded.failure());
      }
      return std::move(loaded).value();
    }
    auto parsed = parse(embedded::resource("cn_workdays"), "data/cn_workdays.toml");
    if (!parsed) {
      throw Error(ExitCode::internal,
                  "the built-in calendar is broken: " + parsed.failure().describe());
    }
    for (auto& [year, source] : parsed->m_sources) {
      source = k_builtin_source;
    }
    return std::move(parsed).value();
  }();
  return calendar;
}

Result<Calendar> load_file(const std::string& path)
{
  auto text = io::read_file(path);
  if (!text) {
    return text.failure();
  }
  return Calendar::parse(text.value(), path == "-" ? std::string("<stdin>") : path);
}

} // namespace sqma::calendar

namespace sqma::calendar {

Result<Calendar> load(const std::vector<std::string>& overlays)
{
  Calendar calendar = Calendar::builtin();
  for (const auto& path : overlays) {
    if (path.empty()) {
      continue;
    }
    auto file = load_file(path);
    if (!file) {
      return file.failure();
    }
    calendar.overlay(file.value());
  }
  return calendar;
}

} // namespace sqma::calendar
