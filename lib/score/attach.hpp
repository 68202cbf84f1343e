// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"
#include "score/criteria.hpp"
#include "score/sheet.hpp"

#include <string>
#include <vector>

namespace sqma::score {

// What scoring a batch of sheets did.
struct ScoreOutcome {
  std::size_t accepted = 0;
  std::size_t unchanged = 0;       // the very sheet (same bytes) the dossier holds already
  std::size_t refused_sheets = 0;  // each refused sheet may have several problems
  std::vector<Failure> refused;    // by file, then line
  std::vector<std::string> scored; // ids of the dossiers that gained sheets, sorted
};

// Checks every sheet against the dossier it names (check_sheet) and refuses a sheet whose
// dossier is not among `dossiers`, or whose (kind, reviewer) pair already has a sheet for
// the round, in the dossier or elsewhere in the batch (every sheet of such a pair is
// refused, so the order of the sheets never matters). A sheet whose bytes are those of the
// sheet the dossier holds for its pair is counted as unchanged, neither accepted nor refused,
// so that a folder of sheets can be scored again after some were corrected. Accepted sheets are
// stored in rounds.<round>.sheets, sorted by kind and reviewer, and each dossier that gained sheets
// gets one history record (stage unchanged, outcome "scored") listing them, mutual ratings
// included. `inputs` are the digests every record names besides the dossier's and the
// sheets'.
[[nodiscard]] ScoreOutcome attach_sheets(std::vector<model::Dossier>& dossiers,
                                         const std::vector<std::string>& dossier_digests,
                                         const std::vector<Sheet>& sheets, const std::string& round,
                                         const Criteria& criteria, bool require_comments,
                                         const model::Date& date,
                                         const std::vector<model::InputDigest>& inputs);

} // namespace sqma::score
