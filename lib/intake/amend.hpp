// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/rulebook.hpp"
#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier_io.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::intake {

// One change asked of a dossier: a value to set at a field, or a field to remove.
struct Change {
  std::string path;                    // as the form names it: "certificates[0].valid_until"
  std::string pointer;                 // the JSON Pointer of the field in the dossier
  std::optional<nlohmann::json> value; // nullopt: remove the field (or list entry)
};

// Parses "PATH=VALUE" (or, with `remove`, a PATH alone) against the dossier schema and the
// dossier: PATH is dotted with [n] for list entries ("applicant.contact.phone",
// "materials[2].title"; [n] one past the last entry adds one) or a JSON Pointer. The VALUE
// is read as the field's type (text as it is, numbers, true or false; JSON for a table or
// list). A field the schema does not know is a Failure (usage) with the closest known name;
// fields the cycle's verbs write (id, stage, history, ...) cannot be changed.
[[nodiscard]] Result<Change> parse_change(std::string_view text, bool remove,
                                          const nlohmann::json& dossier);

// How a batch of changes is recorded.
struct AmendSettings {
  model::Date date;
  std::string reason;                     // required once the dossier has been checked
  const check::Rulebook* rules = nullptr; // for what the condition check reads
};

// A dossier after amend.
struct Amended {
  model::Dossier dossier;
  bool recheck = false; // moved back to stage submitted to be checked again
};

// Applies the changes to a dossier and validates the result. Before its condition check a
// dossier changes freely; after it only with a reason, and a change to a field that a rule
// of the dossier's class reads, one that can return it or ask for a supplement, moves it
// back to stage submitted (refused once the committee has decided: approved, rejected,
// awarded, revoked). The history gets a record with each change's path, old and new value,
// the reason, the date and the digest of the dossier as it was read.
[[nodiscard]] Result<Amended> amend(const model::LoadedDossier& loaded,
                                    const std::vector<Change>& changes,
                                    const AmendSettings& settings);

} // namespace sqma::intake
