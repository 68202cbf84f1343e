// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/engine.hpp"
#include "check/letter.hpp"
#include "core/result.hpp"
#include "model/dossier_io.hpp"
#include "report/report.hpp"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sqma::check {

// One dossier of a batch: either checked, or the reason it could not be.
struct BatchItem {
  std::optional<Failure> error; // unreadable, invalid, or not at a checkable stage
  model::LoadedDossier loaded;  // when there is no error
  CheckResult result;           // when there is no error
  std::string output;           // what `prepare` made of it, such as the serialised dossier
  std::optional<Letter> letter; // likewise, a letter to the applicant
};

// Reads dossiers from `args` (as model::read_dossiers does) and checks them on `jobs`
// threads: parsing, validation, bundle verification, the rules and `prepare` run in
// parallel (so `prepare` must be safe to call from several threads at once), while items
// reach `emit` one at a time, on the calling thread, in input order. At most a small window
// of dossiers is held in memory at once, whatever the size of the batch. Exceptions thrown
// by `prepare`, `emit` or a worker stop the batch and propagate. Returns the number of
// items, or a Failure when an argument names nothing.
[[nodiscard]] Result<std::size_t> check_batch(const std::vector<std::string>& args,
                                              std::istream& in, const Settings& settings,
                                              unsigned jobs,
                                              const std::function<void(BatchItem&)>& prepare,
                                              const std::function<void(BatchItem&)>& emit);

// The table of a checked batch, titled `title`: one row per dossier with its outcome, the
// supplement deadline, the clauses and reasons that decided it (those of the returns when it
// is returned, else those of the supplements) and how many findings reviewers confirm.
[[nodiscard]] report::Table batch_table(const std::string& title);

// The row of `item` in batch_table(); an unreadable item's row names its file and the error.
[[nodiscard]] std::vector<report::Cell> batch_row(const BatchItem& item);

} // namespace sqma::check
