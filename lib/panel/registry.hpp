// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

// Reviewer panels: the registry, qualification (M-15, M-17), conflicts (M-18), the
// assignment solver and its reports.
namespace sqma::panel {

// A reviewer qualification or training certificate (M-15(4)).
struct Qualification {
  std::string award; // china, national, shanghai, equivalent
  std::string kind;  // qualification, training_certificate
  std::string name;
  int year = 0;
};

// A tie with an organisation: consulting, training, technical_service, economic_interest or
// employment, with its dates when known.
struct Relation {
  model::Unit organisation;
  std::string kind;
  std::optional<model::Date> from;
  std::optional<model::Date> until; // absent: still going on
  std::string note;
};

// A conflict the reviewer declared themselves.
struct DeclaredConflict {
  model::Unit organisation;
  std::string reason;
};

// A reviewer's bid on a dossier, as conference systems take them: willing, unwilling, or a
// conflict the reviewer declares (M-18: never on that panel).
struct Preference {
  std::string dossier;
  std::string bid; // willing, unwilling, conflict
  std::string reason;
};

// One reviewer of the registry (schemas/reviewers.v1.json).
struct Reviewer {
  std::string id;
  std::string name;
  model::Unit employer;
  model::Education education{};
  int experience_years = 0;
  bool tqm_training = false;
  std::vector<Qualification> qualifications;
  bool pledge_signed = false;
  std::optional<model::Date> pledge_date;
  bool lead = false;
  std::vector<std::string> industries;
  std::vector<std::string> categories; // GB/T 19580-2012 categories of expertise, "4.1" ... "4.7"
  std::vector<std::string> classes; // award classes of expertise: organisation, project, individual
  std::vector<Preference> preferences;
  std::vector<Relation> relations;
  std::vector<DeclaredConflict> conflicts;
  int max_load = 0;
  std::set<std::string> unavailable; // written, panel, onsite
  std::size_t line = 0;              // of the [[reviewer]] entry in the registry file
};

// The registry of a cycle, reviewers sorted by id.
struct Registry {
  std::string file;
  std::string sha256; // of the file's bytes
  std::vector<Reviewer> reviewers;
};

// Reads a registry: TOML, validated against reviewers.v1, then checked for duplicate ids and
// impossible dates. Every problem names the file and the line; the first is the Failure and
// the others go to Failure::more.
[[nodiscard]] Result<Registry> load_registry(const std::filesystem::path& file);

// The same from text already read; `file` names it in messages.
[[nodiscard]] Result<Registry> parse_registry(std::string_view text, const std::string& file);

} // namespace sqma::panel
