// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"

#include <nlohmann/json.hpp>

namespace sqma::report {
namespace {

nlohmann::json value_of(const Cell& cell)
{
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return *text;
  }
  if (const auto* integer = std::get_if<long long>(&cell)) {
    return *integer;
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    return *real; // NaN and infinities are dumped as null
  }
  return nullptr;
}

} // namespace

void write_json(std::ostream& out, const Table& table)
{
  check(table);
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& column : table.columns) {
    columns.push_back(column.key);
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t c = 0; c < row.size(); ++c) {
      record[table.columns[c].key] = value_of(row[c]);
    }
    rows.push_back(std::move(record));
  }
  const nlohmann::json document = {
      {"schema", "report.v1"},
      {"title", table.title},
      {"columns", std::move(columns)},
      {"rows", std::move(rows)},
  };
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

} // namespace sqma::report
