// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"
#include "report/unicode.hpp"

namespace sqma::report {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_eol = "\r\n";

// Text that a spreadsheet would run as a formula (or that starts one after a tab or CR)
// gets a leading apostrophe, which Excel and WPS show as text (OWASP "CSV injection").
std::string defused(std::string text)
{
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    text.insert(0, 1, '\'');
  }
  return text;
}

std::string field(const std::string& raw)
{
  const std::string text = unicode::valid_utf8(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') {
      quoted += '"';
    }
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_records(std::ostream& out, const Table& table)
{
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    out << (c > 0 ? "," : "") << field(defused(table.columns[c].title));
  }
  out << k_eol;
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool is_text = std::holds_alternative<std::string>(row[c]);
      std::string text = cell_text(row[c], table.decimals);
      out << (c > 0 ? "," : "") << field(is_text ? defused(std::move(text)) : text);
    }
    out << k_eol;
  }
}

} // namespace

void write_csv(std::ostream& out, const Table& table)
{
  check(table);
  out << k_bom;
  write_records(out, table);
}

void write_csv(std::ostream& out, const std::vector<Table>& tables)
{
  for (const auto& table : tables) {
    check(table);
  }
  out << k_bom;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    out << (i > 0 ? k_eol : "") << field(defused(tables[i].title)) << k_eol;
    write_records(out, tables[i]);
  }
}

} // namespace sqma::report
