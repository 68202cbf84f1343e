// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/engine.hpp"
#include "model/dossier.hpp"

#include <string>

namespace sqma::check {

// Who writes the letters, from the cycle config.
struct LetterHead {
  std::string cycle_name; // "2025年上海市质量管理奖"
  std::string publisher;  // "上海市质量协会"
  std::string office;     // "上海市质量管理奖工作办公室"
  std::string phone;
  std::string email;
  std::string address;
};

// The letter (Markdown, in Chinese) to an applicant whose dossier must be supplemented or
// is returned: each reason with its clause and, for a supplement, the deadline. Findings
// that reviewers confirm and notices are not part of it. No identity number appears.
[[nodiscard]] std::string letter_markdown(const model::Dossier& dossier, const CheckResult& result,
                                          const Settings& settings, const LetterHead& head);

} // namespace sqma::check
