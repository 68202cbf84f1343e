// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/error.hpp"
#include "model/date.hpp"
#include "model/dossier_io.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqma::cmd {

// The verb being run, for the "sqma VERB: " prefix of messages.
void set_verb(std::string_view verb);

// Prints "sqma VERB: error: <where><what>" and any further lines of the failure to stderr.
void print_error(const Failure& failure);
void print_error(std::string_view message);

// Prints "sqma VERB: warning: ..." to stderr.
void print_warning(std::string_view message);

// True once SIGINT was received; long loops check it and throw Interrupted.
bool interrupted();
void install_signal_handlers();

// Throws Interrupted if SIGINT was received.
void check_interrupted();

// The date given to option `flag` (such as "--date"), or a UsageError naming both.
[[nodiscard]] model::Date date_option(std::string_view flag, const std::string& text);

// How a verb writes its dossiers: to standard output, or to `out_dir` (empty: none) with
// `force` to replace files, never over one of its `inputs`.
[[nodiscard]] model::DossierWriter::Options writer_options(const std::string& out_dir, bool force,
                                                           const std::vector<std::string>& inputs);

// An input path and the flag (or argument name) it was given with.
using NamedPath = std::pair<std::string, std::string>;

// Throws UsageError, naming both, when an output file (`outputs`, with the flags that chose
// them) is one of `inputs` or lies inside an input folder, or when it exists and `force` is
// false. Called before anything is read or written, so that nothing is lost.
void check_outputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs,
                   bool force);

} // namespace sqma::cmd
