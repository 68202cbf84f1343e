// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// One table model for every report sqma prints (check's batch report; assign, aggregate and
// publish later) and one writer per output format.
namespace sqma::report {

// How a column's cells line up in text output (and text cells in xlsx).
enum class Align { left, right };

// One column: `key` names it in JSON, `title` heads it in text, CSV and xlsx (Chinese first,
// e.g. "申报编号 ID"). A `coded` column holds machine values ("pass", "written", "yes") that
// CSV and JSON keep as they are, for programs, and that the formats people read (text, xlsx,
// HTML, Markdown) show by their Chinese labels (display_label).
struct Column {
  std::string key;
  std::string title;
  Align align = Align::left;
  bool coded = false;
};

// The Chinese label of a machine value of sqma's reports ("pass" 通过, "supplement" 补充,
// "return" 退回, "written" 书面评审, "yes" 是 ...); the value itself when it has none.
[[nodiscard]] std::string_view display_label(std::string_view code);

// One cell: empty, text (UTF-8), an integer or a real number.
using Cell = std::variant<std::monostate, std::string, long long, double>;

// A titled table. Every row has one cell per column; real numbers are shown with
// `decimals` fixed decimals (0 to 15) in text, CSV and xlsx.
struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  int decimals = 2;
};

// The output formats every report offers.
enum class Format { text, csv, xlsx, json };

// Picks the format from a file's extension (.txt/.csv/.xlsx/.json, any letter case);
// nullopt if unknown.
[[nodiscard]] std::optional<Format> format_for(const std::filesystem::path& file);

// Parses "text|csv|xlsx|json"; nullopt for anything else.
[[nodiscard]] std::optional<Format> parse_format(std::string_view name);

// The name parse_format accepts for `format`.
[[nodiscard]] std::string_view format_name(Format format);

// Throws std::invalid_argument (a programming error, exit 70) unless every row has one cell
// per column, column keys are non-empty and distinct, and decimals is within 0..15. Every
// writer calls it before it writes anything.
void check(const Table& table);

// Removes the column keyed `key` and its cell in every row; nothing if there is none.
void drop_column(Table& table, std::string_view key);

// A cell as text: "" for empty, integers in decimal, reals with `decimals` fixed decimals
// ("-0.00" is shown as "0.00"; NaN and infinities as "nan", "inf", "-inf"). Text is returned
// unchanged.
[[nodiscard]] std::string cell_text(const Cell& cell, int decimals);

// A cell as people read it: cell_text(), with the values of a coded column by their labels.
[[nodiscard]] std::string display_text(const Column& column, const Cell& cell, int decimals);

// Writes a terminal table: the title and a blank line (if there is a title), a header row of
// column titles, a rule of '-' under each column, then the rows. Columns are two spaces apart
// and padded by display width (CJK wide characters count 2 columns); right-aligned columns
// are padded on the left. Control characters in cells are neutralised, invalid UTF-8 becomes
// U+FFFD; no colour, no trailing spaces, '\n' line ends. Throws std::invalid_argument (see
// check); stream errors are left to the caller.
void write_text(std::ostream& out, const Table& table);

// Writes RFC 4180 CSV for Excel and WPS: UTF-8 with a BOM, CRLF line ends, a header row of
// column titles, then the rows. Fields containing , " CR or LF are quoted with "" doubled.
// Text cells (and titles) starting with = + - @ tab or CR get a leading apostrophe so that
// spreadsheets do not run them as formulas; numbers are written plainly. Throws as
// write_text.
void write_csv(std::ostream& out, const Table& table);

// Writes several tables to one CSV file for a spreadsheet: one BOM, then for each table a
// record holding its title, its header and its rows, with an empty line between tables.
// Throws as write_text.
void write_csv(std::ostream& out, const std::vector<Table>& tables);

// Writes one JSON document, 2-space indent, final newline:
// {"columns":[keys],"rows":[{key: value}],"schema":"report.v1","title":...}
// (keys sorted, as all sqma JSON). Numbers are JSON numbers (reals at full precision; NaN
// and infinities as null), empty cells null, invalid UTF-8 replaced by U+FFFD. Throws as
// write_text.
void write_json(std::ostream& out, const Table& table);

// Writes an xlsx workbook with one worksheet named after the title (Excel's rules applied:
// []:*?/\ become '_', no leading or trailing apostrophe, at most 31 characters, "Sheet1" if
// empty): bold header row, frozen below the header, with an autofilter; column widths from
// content (CJK counted double) up to 48 characters, longer text wrapped; numbers as numbers
// shown with the table's decimals (integers beyond 2^53 lose digits: Excel holds doubles);
// text "YYYY-MM-DD" as an Excel date; coded columns by their Chinese labels; other text
// always as text, never as a formula. Printed on A4 landscape, one page wide, the header
// row repeated on every page and page numbers in the footer. The file is built
// under a temporary name in the target's folder and renamed into place, so a failure leaves
// no file behind. `created` is the document's creation time; 0 means 1980-01-01T00:00:00Z,
// so the same table always gives the same bytes. Throws UsageError when the table exceeds
// Excel's limits (1,048,575 rows, 16,384 columns, 32,767 characters in a cell), IoError when
// the file cannot be written, std::invalid_argument as write_text.
void write_xlsx(const std::filesystem::path& target, const Table& table, std::time_t created = 0);

// Writes several tables as one workbook, one worksheet each in order, as write_xlsx above
// writes one; the document's title is the first table's. A sheet name that another sheet
// has already (Excel ignores case) gets " (2)", " (3)" ... Throws as write_xlsx, and
// std::invalid_argument for no table.
void write_xlsx(const std::filesystem::path& target, const std::vector<Table>& tables,
                std::time_t created = 0);

// Writes `table` to `target` in `format`: "-" means `stdout_stream` (refused for xlsx with a
// UsageError: binary output must not go to a terminal or pipe unasked), anything else names
// a file that is written atomically and replaced if it exists. `created` is passed to
// write_xlsx. Throws UsageError (xlsx to "-", empty target), IoError (cannot write, also a
// failed `stdout_stream`), std::invalid_argument (see check).
void write(const Table& table, Format format, const std::string& target,
           std::ostream& stdout_stream, std::time_t created = 0);

} // namespace sqma::report
