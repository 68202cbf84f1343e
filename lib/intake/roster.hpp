// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/rulebook.hpp"
#include "core/result.hpp"
#include "intake/register.hpp"
#include "intake/text.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sqma::intake {

// What a row of the roster became: a skeleton dossier, and its pre-filled form.
struct RosterForm {
  std::string id;
  std::string text;        // the TOML form
  model::Dossier skeleton; // intake.state "skeleton", stage submitted, one history record
};

// What a roster gave: a form per good row, a problem per bad one.
struct RosterResult {
  std::size_t rows = 0;
  std::string encoding;
  std::vector<RosterForm> forms;
  std::vector<Failure> problems; // "row N, column C: ..."
  std::vector<std::string> ignored_columns;
};

// Reads the office's registration roster (报名汇总表) and builds a skeleton dossier
// (intake/skeleton.hpp) and a pre-filled form for each row: columns are found by their headers in
// Chinese or English (or as `columns_file`, a TOML table of header = field, maps them), the class
// or kind is read from its Chinese or English name, credit codes (GB 32100-2015) and identity
// numbers (GB 11643-1999) are checked (both taken in upper case), and each applicant gets an id
// from `reg` (added to it; a row left out adds nothing). Rows
// with a problem or an applicant seen before (in the roster or the register) are reported with
// their row number (the header is row 1, as a spreadsheet counts) and column, and left out; so is a
// row whose skeleton would not be a valid dossier (an individual without a position). Each
// skeleton's history record is dated `date` and holds the roster's digest. A Failure only
// when the file cannot be read, decoded or parsed, is a workbook (.xlsx, .xls: CSV only),
// or lacks a needed column.
[[nodiscard]] Result<RosterResult> import_roster(const std::string& file,
                                                 const std::string& columns_file, int year,
                                                 const std::string& id_prefix,
                                                 const check::Rulebook& rules, IdRegister& reg,
                                                 model::Date date);

} // namespace sqma::intake
