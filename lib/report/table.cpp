// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"

#include "core/error.hpp"
#include "io/atomic_file.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace sqma::report {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 4> k_names = {{
    {"text", Format::text},
    {"csv", Format::csv},
    {"xlsx", Format::xlsx},
    {"json", Format::json},
}};

constexpr std::array<std::pair<std::string_view, Format>, 4> k_extensions = {{
    {".txt", Format::text},
    {".csv", Format::csv},
    {".xlsx", Format::xlsx},
    {".json", Format::json},
}};

std::string ascii_lower(std::string text)
{
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

std::string real_text(double value, int decimals)
{
  if (std::isnan(value)) {
    return "nan";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-inf" : "inf";
  }
  std::string text = fmt::format("{:.{}f}", value, decimals);
  // A small negative value rounds to "-0.00", which reads as a sign error in a report.
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) {
    text.erase(0, 1);
  }
  return text;
}

} // namespace

std::optional<Format> format_for(const std::filesystem::path& file)
{
  const std::string extension = ascii_lower(file.extension().string());
  for (const auto& [name, format] : k_extensions) {
    if (extension == name) {
      return format;
    }
  }
  return std::nullopt;
}

std::optional<Format> parse_format(std::string_view name)
{
  for (const auto& [known, format] : k_names) {
    if (name == known) {
      return format;
    }
  }
  return std::nullopt;
}

std::string_view format_name(Format format)
{
  for (const auto& [name, known] : k_names) {
    if (format == known) {
      return name;
    }
  }
  return "text";
}

void drop_column(Table& table, std::string_view key)
{
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].key == key) {
      table.columns.erase(table.columns.begin() + static_cast<std::ptrdiff_t>(i));
      for (auto& row : table.rows) {
        row.erase(row.begin() + static_cast<std::ptrdiff_t>(i));
      }
      return;
    }
  }
}

void check(const Table& table)
{
  if (table.decimals < 0 || table.decimals > 15) {
    throw std::invalid_argument(
        fmt::format("report: decimals must be within 0..15, not {}", table.decimals));
  }
  std::set<std::string_view> keys;
  for (const auto& column : table.columns) {
    if (column.key.empty() || !keys.insert(column.key).second) {
      throw std::invalid_argument(
          fmt::format("report: column key \"{}\" is empty or used twice", column.key));
    }
  }
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() != table.columns.size()) {
      throw std::invalid_argument(fmt::format("report: row {} has {} cells for {} columns", i + 1,
                                              table.rows[i].size(), table.columns.size()));
    }
  }
}

std::string cell_text(const Cell& cell, int decimals)
{
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return *text;
  }
  if (const auto* integer = std::get_if<long long>(&cell)) {
    return std::to_string(*integer);
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    return real_text(*real, decimals);
  }
  return {};
}

void write(const Table& table, Format format, const std::string& target,
           std::ostream& stdout_stream, std::time_t created)
{
  if (target.empty()) {
    throw UsageError("no output file given (use - for standard output)");
  }
  if (format == Format::xlsx) {
    if (target == "-") {
      throw UsageError("xlsx output is binary and is not written to standard output; "
                       "name a file ending in .xlsx");
    }
    write_xlsx(target, table, created);
    return;
  }
  std::ostringstream buffer;
  switch (format) {
  case Format::text: write_text(buffer, table); break;
  case Format::csv: write_csv(buffer, table); break;
  case Format::json: write_json(buffer, table); break;
  case Format::xlsx: break;
  }
  if (target == "-") {
    stdout_stream << buffer.str();
    stdout_stream.flush();
    if (!stdout_stream) {
      throw IoError("cannot write the report to standard output");
    }
    return;
  }
  io::write_file_atomic(target, buffer.str());
}

} // namespace sqma::report
