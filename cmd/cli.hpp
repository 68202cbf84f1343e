// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>

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

} // namespace sqma::cmd
