// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sqma::cmd {

// The hidden first argument that prints the completion spec instead of running a verb.
inline constexpr const char* k_completion_spec_flag = "--completion-spec";

// What the shell completions of scripts/completion.py are made from, read from the
// registered verbs themselves: one tab-separated line per verb, option and positional.
//   verb  PATH  DESCRIPTION
//   opt   PATH  NAMES  KIND  CHOICES  DESCRIPTION
//   pos   PATH  KIND
// PATH names a verb and its subcommands joined by '/' (empty for sqma itself); NAMES are the
// option's names joined by ','; KIND is flag (takes no value), choice (one of CHOICES, joined by
// ','), path (a file or folder) or value (anything else, such as a number or a date).
[[nodiscard]] std::string completion_spec(const CLI::App& app);

// Names the values an option takes, for --help ("TEXT:{a,b}") and the completions; accepts
// any value, since the verb checks it itself with a message of its own.
[[nodiscard]] CLI::Validator choices(const std::vector<std::string>& values);

} // namespace sqma::cmd
