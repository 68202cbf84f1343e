// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report/report.hpp"
#include "score/aggregate.hpp"

#include <string>

namespace sqma::score {

// The ranking of a round: one row per aggregated dossier, by group and rank, with raw and
// calibrated percents, spread, level, simplified procedure, advanced and the flags.
[[nodiscard]] report::Table ranking_table(const RoundResult& round, const std::string& title);

// One row per reviewer: sheets, mean percent given, leniency, and the applicants' ratings
// (M-18) with any integrity complaint (M-17).
[[nodiscard]] report::Table reviewer_table(const RoundResult& round, const std::string& title);

// A standalone HTML page (UTF-8, CJK font stack, no external resources) of the round: the
// ranking, each dossier's scores by reviewer as a dot plot, each reviewer's leniency as a
// bar chart, the mutual evaluation and every flag; pictures are inline SVG.
[[nodiscard]] std::string html_report(const RoundResult& round, const std::string& title);

} // namespace sqma::score
