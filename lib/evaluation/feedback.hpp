// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"
#include "score/criteria.hpp"

#include <string>
#include <vector>

namespace sqma::evaluation {

// A scoring band: the range of percents it covers and what it means.
struct Band {
  int index = 0;     // 1 (lowest) to 6
  std::string range; // "50%–70%"
  std::string zh;    // "系统有效"
  std::string en;    // "effective and systematic"
};

// The band of a percent of the maximum: [0, 10), [10, 30), [30, 50), [50, 70), [70, 90),
// [90, 100], after the six scoring bands of GB/T 19579 and the Baldrige criteria. A value
// outside 0..100 counts as the nearer end.
[[nodiscard]] Band band_of(double percent);

// The strengths and opportunities of one category, as texts only.
struct FeedbackRemarks {
  std::string category; // empty for the dossier as a whole
  std::string name;
  std::string name_en;
  std::vector<std::string> strengths;
  std::vector<std::string> opportunities;
};

// The band of one category.
struct FeedbackCategory {
  std::string id;
  std::string name;
  std::string name_en;
  double max = 0; // points of the category in the criteria, which are public
  Band band;
};

// What an applicant is told: the merged remarks by category and the band of each category
// in the last round it was scored in. It holds no reviewer, no score of a reviewer, no rank
// and nothing of another dossier, so no output made from it can show them.
struct Feedback {
  std::string id;
  std::string cycle;
  std::string applicant;
  std::string organisation; // lead unit or employer; empty for an organisation
  std::string award_zh;     // "组织奖", "项目奖", "个人奖·质量工匠"
  std::string criteria;
  std::string criteria_source; // "GB/T 19580-2012", or empty
  std::string criteria_clause;
  std::vector<std::string> rounds; // names of the rounds it was reviewed in, in order
  std::string last_round;          // the round the bands come from
  Band overall;
  std::vector<FeedbackCategory> categories;
  std::vector<FeedbackRemarks> remarks;
};

// Whether a dossier was scored in at least one round (it has an aggregated result).
[[nodiscard]] bool reviewed(const model::Dossier& dossier);

// The applicant's feedback. A Failure (data) naming the dossier when no round holds a
// result with a percent.
[[nodiscard]] Result<Feedback> feedback(const model::Dossier& dossier,
                                        const score::Criteria& criteria,
                                        const std::string& cycle_name);

} // namespace sqma::evaluation
