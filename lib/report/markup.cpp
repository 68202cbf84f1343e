// SPDX-License-Identifier: Apache-2.0
#include "report/markup.hpp"

#include <fmt/format.h>

namespace sqma::report {

std::string escape_markup(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string html_table(const Table& table)
{
  check(table);
  std::string out = "<table>\n<thead><tr>";
  for (const auto& c : table.columns) {
    out += fmt::format("<th>{}</th>", escape_markup(c.title));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      auto text = escape_markup(cell_text(row[i], table.decimals));
      std::string html;
      for (const char c : text) {
        html += c == '\n' ? std::string("<br>") : std::string(1, c);
      }
      out += fmt::format("<td class=\"{}\">{}</td>",
                         table.columns[i].align == Align::right ? "num" : "text", html);
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

} // namespace sqma::report
