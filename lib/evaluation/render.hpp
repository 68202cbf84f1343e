// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "evaluation/evaluation.hpp"
#include "evaluation/feedback.hpp"
#include "report/report.hpp"

#include <string>
#include <vector>

// The formats of the evaluation report, its index and the feedback report: a printable
// HTML page (A4 print stylesheet, CJK fonts, no external resource, readable on a phone),
// Markdown and JSON (keys sorted, 2-space indent, final newline).
namespace sqma::evaluation {

// The committee's report of one dossier.
[[nodiscard]] std::string to_html(const Evaluation& evaluation);
[[nodiscard]] std::string to_markdown(const Evaluation& evaluation);
[[nodiscard]] std::string to_json(const Evaluation& evaluation); // schema evaluation.v1

// The index for the committee meeting: one line per report, by criteria set and final rank,
// linking each dossier's HTML page (`<id>-evaluation.html` in the same folder).
[[nodiscard]] std::string index_html(const std::vector<Evaluation>& evaluations,
                                     const std::string& cycle_name);
[[nodiscard]] std::string index_markdown(const std::vector<Evaluation>& evaluations,
                                         const std::string& cycle_name);
[[nodiscard]] std::string index_json(const std::vector<Evaluation>& evaluations,
                                     const std::string& cycle_name); // evaluation-index.v1

// The applicant's feedback report.
[[nodiscard]] std::string to_html(const Feedback& feedback);
[[nodiscard]] std::string to_markdown(const Feedback& feedback);
[[nodiscard]] std::string to_json(const Feedback& feedback); // schema feedback.v1

// The tables of a report, shared by its formats.
[[nodiscard]] report::Table rounds_table(const Evaluation& evaluation);
[[nodiscard]] report::Table categories_table(const Evaluation& evaluation);
[[nodiscard]] report::Table index_table(const std::vector<Evaluation>& evaluations,
                                        const std::string& cycle_name);
[[nodiscard]] report::Table bands_table(const Feedback& feedback);

// The evaluations ordered for the index: by criteria set (organisation, project, leader,
// manager, craftsman), then the final round's rank, then id.
[[nodiscard]] std::vector<const Evaluation*>
index_order(const std::vector<Evaluation>& evaluations);

} // namespace sqma::evaluation
