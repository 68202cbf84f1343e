// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/rulebook.hpp"
#include "core/result.hpp"
#include "intake/register.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sqma::intake {

// Text of a file turned into UTF-8, and the encoding it was found in.
struct Decoded {
  std::string text;
  std::string encoding; // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "GB18030"
};

// Decodes a roster as Excel and WPS write it, by its content: a UTF-8 or UTF-16 byte order
// mark says so; otherwise text that is valid UTF-8 is UTF-8, and anything else must be
// valid GB18030 (what Excel on Chinese Windows writes). A Failure names the byte offset
// where the text is neither.
[[nodiscard]] Result<Decoded> decode_text(std::string_view bytes, const std::string& file);

// The records of CSV text (RFC 4180: quoted fields may hold the delimiter, "" and line
// breaks), each a list of fields; the delimiter is a comma, or a tab when the first line
// has more tabs than commas. A Failure for an unclosed quote or past the bounds (100,000
// records, 500 fields, 64 KiB a field).
[[nodiscard]] Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text,
                                                                      const std::string& file);

// One form built from a row.
struct RosterForm {
  std::string id;
  std::string text; // the TOML form
};

// What a roster gave: a form per good row, a problem per bad one.
struct RosterResult {
  std::size_t rows = 0;
  std::string encoding;
  std::vector<RosterForm> forms;
  std::vector<Failure> problems; // "row N, column C: ..."
  std::vector<std::string> ignored_columns;
};

// Reads the office's registration roster (报名汇总表) and builds a pre-filled form for each
// row: columns are found by their headers in Chinese or English (or as `columns_file`, a
// TOML table of header = field, maps them), the class or kind is read from its Chinese or
// English name, credit codes (GB 32100-2015) and identity numbers (GB 11643-1999) are
// checked, and each applicant gets an id from `reg` (added to it). Rows with a problem or
// an applicant seen before (in the roster or the register) are reported with their row
// number (the header is row 1, as a spreadsheet counts) and column, and left out. A
// Failure only when the file cannot be read, decoded or parsed, or lacks a needed column.
[[nodiscard]] Result<RosterResult> import_roster(const std::string& file,
                                                 const std::string& columns_file, int year,
                                                 const std::string& id_prefix,
                                                 const check::Rulebook& rules, IdRegister& reg);

} // namespace sqma::intake
