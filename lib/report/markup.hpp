// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report/report.hpp"

#include <string>
#include <string_view>

namespace sqma::report {

// `text` with &, <, > and " replaced by their entities, safe in HTML and SVG (XML) text and
// in double-quoted attributes.
[[nodiscard]] std::string escape_markup(std::string_view text);

// The table as an HTML <table>: a header row of the column titles, then one row per table
// row; cells are escaped, shown as cell_text() shows them (a line break in a cell becomes
// <br>), and carry class "num" (right-aligned columns) or "text". Throws
// std::invalid_argument for a malformed table (see check()).
[[nodiscard]] std::string html_table(const Table& table);

} // namespace sqma::report
