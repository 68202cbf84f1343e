// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report/report.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sqma::report {

// `text` with &, <, > and " replaced by their entities, safe in HTML and SVG (XML) text and
// in double-quoted attributes.
[[nodiscard]] std::string escape_markup(std::string_view text);

// The table as an HTML <table>: a header row of the column titles, then one row per table
// row; cells are escaped, shown as cell_text() shows them (a line break in a cell becomes
// <br>), and carry class "num" (right-aligned columns) or "text". Throws
// std::invalid_argument for a malformed table (see check()).
// With `row_links` (one per row, or empty), the first cell of each row links there.
[[nodiscard]] std::string html_table(const Table& table,
                                     const std::vector<std::string>& row_links = {});

// The CJK sans-serif font stack of sqma's HTML reports, for a CSS font-family.
inline constexpr const char* k_cjk_sans = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", "
                                          "\"PingFang SC\", \"Hiragino Sans GB\", "
                                          "\"Microsoft YaHei\", \"WenQuanYi Micro Hei\", "
                                          "sans-serif";

// `text` with the characters Markdown reads as markup anywhere in a line (\ ` * _ [ ] < > #
// |) escaped by a backslash, and line breaks made spaces.
[[nodiscard]] std::string markdown_escape(std::string_view text);

// The table as a GitHub-flavoured Markdown table: the column titles, a rule (right-aligned
// columns marked), then the rows, cells escaped as markdown_escape() does. Throws
// std::invalid_argument for a malformed table (see check()).
[[nodiscard]] std::string markdown_table(const Table& table);

} // namespace sqma::report
