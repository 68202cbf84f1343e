// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/inspect.hpp"
#include "check/rulebook.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sqma::cycle {
struct Config;
}

namespace sqma::check {

// One finding about a dossier, always with its clause id.
struct Finding {
  std::string rule;
  std::string clause;
  RuleOutcome outcome = RuleOutcome::notice;
  std::string message_zh;
  std::string message_en;
  std::string field; // JSON Pointer into the dossier
  std::string file;  // the bundle entry it rests on, if any

  // "error" for return and supplement, "warning" for confirm, "info" for notice.
  [[nodiscard]] std::string_view severity() const;
};

// The dossier's outcome of the condition check.
enum class Verdict { pass, supplement, reject };

struct CheckResult {
  Verdict verdict = Verdict::pass;
  std::vector<Finding> findings;       // in rulebook order
  std::optional<model::Date> deadline; // for a supplement
  std::string bundle_digest;           // SHA-256 over the bundle's entry list, empty if none
};

// What every dossier of a batch is checked against.
struct Settings {
  const Rulebook* rules = nullptr;
  model::Date reference_date;
  model::Date check_date;
  model::Date deadline; // check_date plus the supplement working days
  int supplement_working_days = 0;
  std::filesystem::path bundle_dir;
  bundle::Limits limits;
  const cycle::Config* cycle = nullptr; // when set, dossiers of other cycles are refused
};

// Checks one dossier: opens and verifies its evidence bundle, applies every rule of its
// class or kind, and decides the verdict: return if any return rule failed, else
// supplement if any supplement rule failed, else pass. Safe to call from several threads.
[[nodiscard]] CheckResult check_dossier(const model::Dossier& dossier, const Settings& settings);

// "pass", "supplement" or "return".
[[nodiscard]] std::string_view to_string(Verdict verdict);
// "通过", "补充材料" or "退回".
[[nodiscard]] std::string_view to_chinese(Verdict verdict);

// The digests a check record lists as its inputs.
struct RecordInputs {
  std::string dossier_sha256;
  std::string cycle_name;
  std::string cycle_sha256;
  std::string rulebook_sha256;
};

// Appends the check's stage record to the dossier's history and moves it to the stage the
// verdict leads to (eligible, supplement or returned).
void record(model::Dossier& dossier, const CheckResult& result, const Settings& settings,
            const RecordInputs& inputs);

// Throws DataError when a dossier is not at a stage the check works on (submitted, or
// supplement for a re-check), or when `check_date` comes before its last record: a history
// runs forward in time.
void require_checkable(const model::Dossier& dossier, model::Date check_date);

} // namespace sqma::check
