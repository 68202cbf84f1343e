// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"
#include "report/unicode.hpp"

#include <algorithm>

namespace sqma::report {
namespace {

constexpr std::string_view k_gap = "  ";

struct Shown {
  std::string text;
  std::size_t width = 0;
};

Shown shown(std::string_view raw)
{
  Shown cell{unicode::terminal_safe(raw), 0};
  cell.width = unicode::display_width(cell.text);
  return cell;
}

// Writes one line of cells padded to `widths`, without trailing spaces.
void write_line(std::ostream& out, const std::vector<Shown>& cells,
                const std::vector<std::size_t>& widths, const std::vector<Column>& columns)
{
  std::string line;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) {
      line += k_gap;
    }
    const std::string padding(widths[c] - cells[c].width, ' ');
    if (columns[c].align == Align::right) {
      line += padding;
      line += cells[c].text;
    } else {
      line += cells[c].text;
      line += padding;
    }
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

} // namespace

void write_text(std::ostream& out, const Table& table)
{
  check(table);
  const std::size_t count = table.columns.size();
  std::vector<std::vector<Shown>> lines;
  lines.reserve(table.rows.size() + 1);
  auto& header = lines.emplace_back();
  for (const auto& column : table.columns) {
    header.push_back(shown(column.title));
  }
  for (const auto& row : table.rows) {
    auto& line = lines.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c) {
      line.push_back(shown(display_text(table.columns[c], row[c], table.decimals)));
    }
  }
  // A column is at least one wide so that its rule stays visible.
  std::vector<std::size_t> widths(count, 1);
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < count; ++c) {
      widths[c] = std::max(widths[c], line[c].width);
    }
  }

  const Shown title = shown(table.title);
  if (!title.text.empty()) {
    out << title.text << "\n\n";
  }
  write_line(out, lines.front(), widths, table.columns);
  std::string rule;
  for (std::size_t c = 0; c < count; ++c) {
    if (c > 0) {
      rule += k_gap;
    }
    rule.append(widths[c], '-');
  }
  out << rule << '\n';
  for (std::size_t r = 1; r < lines.size(); ++r) {
    write_line(out, lines[r], widths, table.columns);
  }
}

} // namespace sqma::report
