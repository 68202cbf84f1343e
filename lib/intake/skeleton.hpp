// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

#include <optional>
#include <string>
#include <vector>

// Skeleton dossiers: made from a row of the office's registration roster (报名汇总表), they
// carry what the roster knows (class, names, credit code, identity number, contact) and the
// mark intake.state = "skeleton", which the dossier schema accepts without the parts only
// the applicant's form brings. The condition check never passes a skeleton.
namespace sqma::intake {

// A part a skeleton still lacks, with the clause that needs it.
struct MissingPart {
  std::string field;  // top-level field of the dossier, as forms name it: "compliance"
  std::string clause; // "A1-3(2)"
  std::string zh;     // what the applicant must supply, in Chinese
  std::string en;
};

// True when the dossier is a skeleton (intake.state "skeleton").
[[nodiscard]] bool is_skeleton(const model::Dossier& dossier);

// The parts of the dossier's class or kind that are absent or empty, in a fixed order:
// for an organisation its certificates, compliance declarations, social responsibility
// report, activities, recommendation, declarations and materials (A1-3, A1-5); for a
// project, a leader, a manager or a craftsman the parts of A2-2 and A2-4, A3-4 to A3-6 and
// A3-8. Empty when none is missing.
[[nodiscard]] std::vector<MissingPart> missing_parts(const model::Dossier& dossier);

// The dossier without its skeleton mark, when nothing is missing any more and it then
// validates against the full schema; nullopt otherwise.
[[nodiscard]] std::optional<model::Dossier> completed(const model::Dossier& dossier);

} // namespace sqma::intake
