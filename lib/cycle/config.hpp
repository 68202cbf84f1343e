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

// The award office that signs letters and notices ([office]; each field falls back to
// [notice.contact] when the table or the field is absent).
struct Office {
  std::string name;      // "上海市质量管理奖工作办公室"
  std::string publisher; // notice.publisher, "上海市质量协会"
  std::string address;   // postal address
  std::string contact;   // the contact person, empty if none is named
  std::string phone;
  std::string email;
  std::string document_number; // 文号 pattern, "沪质奖办〔{year}〕{seq}号"; empty: none
  int first_number = 1;        // the {seq} of the first letter of a run
};

// The document number (文号) of `pattern` for `year` and `seq`: "{year}" and "{seq}" replaced,
// everything else kept. Empty for an empty pattern.
[[nodiscard]] std::string document_number(const std::string& pattern, int year, int seq);

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
  std::optional<std::filesystem::path> bundle_dir;    // resolved against the file's folder
  std::optional<std::filesystem::path> rules;         // resolved
  std::optional<std::filesystem::path> calendar;      // resolved
  std::optional<std::filesystem::path> register_file; // intake.register, resolved
  std::string id_prefix = "SQMA";                     // intake.id_prefix
  std::map<std::string, int> caps;                    // benchmark, project, leader, ...
  std::map<std::string, PanelSizes> panels;           // written, panel, onsite
  Office office;                                      // [office] over [notice.contact]
  nlohmann::json raw;                                 // the whole document, for later verbs
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
