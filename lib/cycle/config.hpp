// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/date.hpp"
#include "model/dossier_io.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace sqma::cycle {

// Panel sizes of one round for each award class.
struct PanelSizes {
  int organisation = 0;
  int project = 0;
  int individual = 0;
};

// The cycle config (schemas/cycle.v1.json): dates, caps, panel sizes and notice settings.
struct Config {
  std::filesystem::path file; // where it was read from; relative paths below resolve here
  std::string sha256;         // digest of the file's bytes, recorded in dossier histories
  int year = 0;
  std::string name;
  model::Date application_deadline;
  model::Date reference_date;
  std::optional<model::Date> check_date;
  int supplement_working_days = 10;
  std::optional<std::filesystem::path> bundle_dir; // resolved against the file's folder
  std::optional<std::filesystem::path> rules;      // resolved
  std::optional<std::filesystem::path> calendar;   // resolved
  std::map<std::string, int> caps;                 // benchmark, project, leader, ...
  std::map<std::string, PanelSizes> panels;        // written, panel, onsite
  nlohmann::json raw;                              // the whole document, for later verbs
};

// Reads and validates a cycle config. Every problem names the file and the line.
[[nodiscard]] Result<Config> load(const std::filesystem::path& file);

// A failure naming `where` when a dossier belongs to another cycle than `config`: its
// `cycle`, or the year in its id ("SQMA-2024-..."), differs from the config's year (M-4: one
// cycle every two years, each with its own dossiers). Nullopt when it belongs.
[[nodiscard]] std::optional<Failure>
other_cycle(const Config& config, const model::Dossier& dossier, const Location& where);

// Wraps `next` so that it receives a failure instead of a dossier that belongs to another
// cycle than `config` (when given; see other_cycle) or whose id came earlier in the same
// run, the failure naming both places. Every other record passes unchanged.
[[nodiscard]] model::DossierSink admitting(const Config* config, model::DossierSink next);

} // namespace sqma::cycle
