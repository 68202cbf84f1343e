// SPDX-License-Identifier: Apache-2.0
#include "report/markup.hpp"

#include <fmt/format.h>

#include <stdexcept>

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

std::string html_table(const Table& table, const std::vector<std::string>& row_links)
{
  check(table);
  if (!row_links.empty() && row_links.size() != table.rows.size()) {
    throw std::invalid_argument("html_table: one link per row");
  }
  std::string out = "<table>\n<thead><tr>";
  for (const auto& c : table.columns) {
    out += fmt::format("<th>{}</th>", escape_markup(c.title));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      auto text = escape_markup(display_text(table.columns[i], row[i], table.decimals));
      std::string html;
      for (const char c : text) {
        html += c == '\n' ? std::string("<br>") : std::string(1, c);
      }
      if (i == 0 && !row_links.empty()) {
        html = fmt::format("<a href=\"{}\">{}</a>", escape_markup(row_links[r]), html);
      }
      out += fmt::format("<td class=\"{}\">{}</td>",
                         table.columns[i].align == Align::right ? "num" : "text", html);
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string markdown_escape(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string markdown_table(const Table& table)
{
  check(table);
  std::string out = "|";
  for (const auto& c : table.columns) {
    out += " " + markdown_escape(c.title) + " |";
  }
  out += "\n|";
  for (const auto& c : table.columns) {
    out += c.align == Align::right ? " ---: |" : " --- |";
  }
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += " " + markdown_escape(display_text(table.columns[i], row[i], table.decimals)) + " |";
    }
    out += "\n";
  }
  return out;
}

} // namespace sqma::report
