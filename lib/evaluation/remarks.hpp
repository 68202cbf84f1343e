// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"
#include "score/criteria.hpp"

#include <string>
#include <string_view>
#include <vector>

// The evaluation report for the committee (综合评价报告, A1-10, A2-8, A3-12) and the feedback
// report for the applicant, both drawn from what score and aggregate stored in a dossier.
namespace sqma::evaluation {

// The key by which two remarks count as the same: the text without whitespace and without
// punctuation (ASCII, general, CJK and full-width), full-width letters and digits made
// ASCII, and ASCII letters made lower case. Empty for a remark of punctuation only.
[[nodiscard]] std::string remark_key(std::string_view text);

// One remark as the reviewers wrote it, merged over reviewers and rounds.
struct MergedRemark {
  std::string text;                   // as most of them wrote it; of equals, the first written
  std::vector<std::string> reviewers; // who wrote it, each once, sorted
  std::vector<std::string> rounds;    // the rounds it was written in, in round order
};

// The strengths and opportunities of one category.
struct CategoryRemarks {
  std::string category; // category id; empty for remarks about the dossier as a whole
  std::string name;     // "领导"; "综合" for the whole dossier
  std::string name_en;  // "Leadership"; "General"
  std::vector<MergedRemark> strengths;
  std::vector<MergedRemark> opportunities;
};

// The remarks of the score sheets of every round of `dossier` (written, panel, onsite, in
// that order; sheets in stored order), gathered by category: remarks with the same key in
// one category become one, written by every reviewer who wrote any of them. A remark that
// names no category, or one the criteria do not know, goes to the general group. Categories
// come in the criteria's order, the general group last, each only when it has remarks;
// within a list, remarks written by more reviewers first, then in the order first written.
[[nodiscard]] std::vector<CategoryRemarks> merge_remarks(const model::Dossier& dossier,
                                                         const score::CriteriaSet& criteria);

} // namespace sqma::evaluation
