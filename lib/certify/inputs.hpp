// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace sqma::cycle {
struct Config;
}

namespace sqma::certify {

// Dossiers read whole before anything is decided, with the digest of each record as read.
struct Inputs {
  std::vector<model::Dossier> dossiers;
  std::vector<std::string> digests;
  std::vector<Failure> unreadable; // records that could not be read as dossiers
};

// Reads every dossier of `args` (files, folders, "-" for `in`). An id given twice, or a
// dossier of another cycle than `config` (when given), is added to `unreadable`. A Failure
// only when an argument names nothing.
[[nodiscard]] Result<Inputs> read_inputs(const std::vector<std::string>& args, std::istream& in,
                                         const cycle::Config* config);

// The digest of each dossier as it now stands (SHA-256 of its compact JSON), for the history
// record of a second step taken in the same run.
[[nodiscard]] std::vector<std::string> current_digests(const std::vector<model::Dossier>& dossiers);

} // namespace sqma::certify
