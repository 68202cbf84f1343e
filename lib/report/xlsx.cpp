// SPDX-License-Identifier: Apache-2.0
#include "report/report.hpp"
#include "report/unicode.hpp"

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "model/date.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <strings.h>
#include <unistd.h>

namespace sqma::report {
namespace {

constexpr std::time_t k_epoch_1980 = 315532800; // 1980-01-01T00:00:00Z, the zip epoch
constexpr std::size_t k_max_sheet_name = 31;    // UTF-16 units
constexpr std::size_t k_max_data_rows = LXW_ROW_MAX - 1;
constexpr std::size_t k_max_columns = LXW_COL_MAX;
constexpr std::size_t k_max_cell_text = 32767; // UTF-16 units
constexpr std::size_t k_max_column_width = 48; // longer text wraps within the column
constexpr std::uint8_t k_paper_a4 = 9;

struct WorkbookFree {
  void operator()(lxw_workbook* book) const { lxw_workbook_free(book); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookFree>;

// Excel forbids []:*?/\ in sheet names, a leading or trailing apostrophe, more than 31
// characters and the reserved name "History".
std::string sheet_name(std::string_view title)
{
  const auto trim = [](std::string_view text) {
    text.remove_prefix(std::min(text.find_first_not_of('\''), text.size()));
    return text.substr(0, text.find_last_not_of('\'') + 1);
  };
  title = trim(title);
  std::string name;
  std::size_t units = 0;
  unicode::for_each_code_point(title, [&](char32_t cp, std::string_view bytes) {
    const std::size_t size = cp > 0xFFFF ? 2 : 1;
    if (units + size > k_max_sheet_name) {
      units = k_max_sheet_name + 1;
      return;
    }
    units += size;
    const bool forbidden = cp < 0x20 || cp == 0xFFFD ||
                           (cp < 0x80 && std::strchr("[]:*?/\\", static_cast<int>(cp)) != nullptr);
    name += forbidden ? std::string_view("_") : bytes;
  });
  name = std::string(trim(name));
  if (name.empty()) {
    return "Sheet1";
  }
  if (name.size() == 7 && strncasecmp(name.c_str(), "history", 7) == 0) {
    name += '_';
  }
  return name;
}

// Excel reads "_xHHHH_" in text as an escaped character; a literal one is kept by escaping
// its underscore as "_x005F_". (libxlsxwriter escapes control characters itself.)
std::string excel_text(std::string_view raw)
{
  const std::string text = unicode::valid_utf8(raw);
  const auto is_escape = [&](std::size_t at) {
    if (at + 7 > text.size() || text.compare(at, 2, "_x") != 0 || text[at + 6] != '_') {
      return false;
    }
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(at + 2),
                       text.begin() + static_cast<std::ptrdiff_t>(at + 6),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += is_escape(i) ? std::string_view("_x005F_") : std::string_view(&text[i], 1);
  }
  return out;
}

void check_limits(const Table& table)
{
  if (table.rows.size() > k_max_data_rows || table.columns.size() > k_max_columns) {
    throw UsageError(fmt::format("the report has {} rows and {} columns; an xlsx sheet holds at "
                                 "most {} rows below the header and {} columns; use csv",
                                 table.rows.size(), table.columns.size(), k_max_data_rows,
                                 k_max_columns));
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto* text = std::get_if<std::string>(&table.rows[r][c]);
      if (text != nullptr && unicode::utf16_length(*text) > k_max_cell_text) {
        throw UsageError(fmt::format("row {}, column \"{}\": the text is longer than the {} "
                                     "characters an xlsx cell holds; use csv or json",
                                     r + 1, table.columns[c].key, k_max_cell_text));
      }
    }
  }
}

void check_lxw(lxw_error rc, const std::filesystem::path& target, std::string_view what)
{
  if (rc != LXW_NO_ERROR) {
    throw IoError(fmt::format("{}: cannot {}: {}", target.string(), what, lxw_strerror(rc)));
  }
}

struct Formats {
  lxw_format* header_left = nullptr;
  lxw_format* header_right = nullptr;
  lxw_format* text_left = nullptr;
  lxw_format* text_right = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* real = nullptr;
  lxw_format* date = nullptr;
};

// "YYYY-MM-DD" with a real month and day, as an Excel date; nullopt for any other text and
// for a year before 1900, where Excel's dates begin.
std::optional<lxw_datetime> iso_date(std::string_view text)
{
  const auto date = model::Date::parse(text);
  if (!date || date->year() < 1900) {
    return std::nullopt;
  }
  return lxw_datetime{
      date->year(), static_cast<int>(date->month()), static_cast<int>(date->day()), 0, 0, 0.0};
}

// The widest line of `text`, in display columns.
std::size_t widest_line(std::string_view text)
{
  std::size_t widest = 0;
  while (true) {
    const auto end = text.find('\n');
    widest = std::max(widest, unicode::display_width(text.substr(0, end)));
    if (end == std::string_view::npos) {
      return widest;
    }
    text.remove_prefix(end + 1);
  }
}

Formats add_formats(lxw_workbook* book, int decimals)
{
  Formats formats;
  formats.header_left = workbook_add_format(book);
  format_set_bold(formats.header_left);
  format_set_text_wrap(formats.header_left);
  format_set_align(formats.header_left, LXW_ALIGN_VERTICAL_TOP);
  formats.header_right = workbook_add_format(book);
  format_set_bold(formats.header_right);
  format_set_text_wrap(formats.header_right);
  format_set_align(formats.header_right, LXW_ALIGN_RIGHT);
  format_set_align(formats.header_right, LXW_ALIGN_VERTICAL_TOP);
  formats.text_left = workbook_add_format(book);
  format_set_text_wrap(formats.text_left);
  format_set_align(formats.text_left, LXW_ALIGN_VERTICAL_TOP);
  formats.text_right = workbook_add_format(book);
  format_set_text_wrap(formats.text_right);
  format_set_align(formats.text_right, LXW_ALIGN_RIGHT);
  format_set_align(formats.text_right, LXW_ALIGN_VERTICAL_TOP);
  formats.date = workbook_add_format(book);
  format_set_num_format(formats.date, "yyyy-mm-dd");
  format_set_align(formats.date, LXW_ALIGN_VERTICAL_TOP);
  formats.integer = workbook_add_format(book);
  format_set_num_format(formats.integer, "0");
  formats.real = workbook_add_format(book);
  const std::string pattern =
      decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
  format_set_num_format(formats.real, pattern.c_str());
  return formats;
}

// Writes one cell and returns the text width it shows with.
std::size_t write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                       const Table& table, const Formats& formats,
                       const std::filesystem::path& target)
{
  const auto& column = table.columns[col];
  const bool right = column.align == Align::right;
  const std::string text = excel_text(display_text(column, cell, table.decimals));
  lxw_error rc = LXW_NO_ERROR;
  if (const auto* integer = std::get_if<long long>(&cell)) {
    rc = worksheet_write_number(sheet, row, col, static_cast<double>(*integer), formats.integer);
  } else if (const auto* real = std::get_if<double>(&cell);
             real != nullptr && std::isfinite(*real)) {
    rc = worksheet_write_number(sheet, row, col, *real, formats.real);
  } else if (const auto date = iso_date(text)) {
    lxw_datetime when = *date;
    rc = worksheet_write_datetime(sheet, row, col, &when, formats.date);
  } else if (!text.empty()) {
    // Always a string, never worksheet_write(): "=1+1" stays text.
    rc = worksheet_write_string(sheet, row, col, text.c_str(),
                                right ? formats.text_right : formats.text_left);
  }
  check_lxw(rc, target, "write a cell");
  return widest_line(text);
}

// Excel compares sheet names without regard to case; a name taken already gets " (2)", " (3)"
// ... within the 31 characters.
std::string unique_name(const std::string& name, std::vector<std::string>& taken)
{
  const auto is_taken = [&taken](const std::string& candidate) {
    return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) {
      return t.size() == candidate.size() &&
             strncasecmp(t.c_str(), candidate.c_str(), t.size()) == 0;
    });
  };
  std::string chosen = name;
  for (int n = 2; is_taken(chosen); ++n) {
    const std::string suffix = fmt::format(" ({})", n);
    std::string cut;
    std::size_t units = 0;
    bool full = false;
    unicode::for_each_code_point(name, [&](char32_t cp, std::string_view bytes) {
      const std::size_t size = cp > 0xFFFF ? 2 : 1;
      full = full || units + size + suffix.size() > k_max_sheet_name;
      if (!full) {
        units += size;
        cut += bytes;
      }
    });
    chosen = cut + suffix;
  }
  taken.push_back(chosen);
  return chosen;
}

// Prints on A4 landscape, one page wide, the header row on every page, page numbers in the
// footer; the header row carries an autofilter.
void print_setup(lxw_worksheet* sheet, const Table& table, const std::filesystem::path& target)
{
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, k_paper_a4);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_center_horizontally(sheet);
  check_lxw(worksheet_repeat_rows(sheet, 0, 0), target, "repeat the header row");
  check_lxw(worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页"), target, "set the footer");
  if (!table.columns.empty()) {
    check_lxw(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                                   static_cast<lxw_col_t>(table.columns.size() - 1)),
              target, "add an autofilter");
  }
}

// Writes one table as a worksheet named `name`: bold header row, frozen, widths from content.
void write_sheet(lxw_workbook* book, const Table& table, const std::string& name,
                 const std::filesystem::path& target)
{
  lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
  if (sheet == nullptr) {
    throw IoError(fmt::format("{}: cannot add a worksheet", target.string()));
  }
  const Formats formats = add_formats(book, table.decimals);

  std::vector<std::size_t> widths(table.columns.size(), 0);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto& column = table.columns[c];
    const std::string text = excel_text(column.title);
    lxw_format* format = column.align == Align::right ? formats.header_right : formats.header_left;
    check_lxw(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), text.c_str(), format),
              target, "write the header");
    widths[c] = unicode::display_width(text);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      widths[c] = std::max(widths[c], write_cell(sheet, static_cast<lxw_row_t>(r + 1),
                                                 static_cast<lxw_col_t>(c), table.rows[r][c], table,
                                                 formats, target));
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  print_setup(sheet, table, target);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const auto width = static_cast<double>(std::min(widths[c] + 2, k_max_column_width));
    const auto col = static_cast<lxw_col_t>(c);
    check_lxw(worksheet_set_column(sheet, col, col, width, nullptr), target, "size a column");
  }
}

} // namespace

void write_xlsx(const std::filesystem::path& target, const Table& table, std::time_t created)
{
  write_xlsx(target, std::vector<Table>{table}, created);
}

void write_xlsx(const std::filesystem::path& target, const std::vector<Table>& tables,
                std::time_t created)
{
  if (tables.empty()) {
    throw std::invalid_argument("write_xlsx: no table");
  }
  for (const auto& table : tables) {
    check(table);
    check_limits(table);
  }
  io::AtomicFile file(target);
  file.close();
  const std::string temp = file.temp_path().string();

  lxw_workbook_options options{};
  Workbook book(workbook_new_opt(temp.c_str(), &options));
  if (!book) {
    throw IoError(fmt::format("{}: cannot start an xlsx workbook", target.string()));
  }
  // Document properties are not escaped by libxlsxwriter: no control characters there.
  std::string title = unicode::terminal_safe(tables.front().title);
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.created = created != 0 ? created : k_epoch_1980;
  check_lxw(workbook_set_properties(book.get(), &properties), target, "set document properties");

  std::vector<std::string> names;
  for (const auto& table : tables) {
    write_sheet(book.get(), table,
                unique_name(sheet_name(unicode::terminal_safe(table.title)), names), target);
  }

  check_lxw(workbook_close(book.release()), target, "write the xlsx file");
  // libxlsxwriter wrote the file by name: commit() fsyncs it by name before the rename.
  file.commit();
}

} // namespace sqma::report
