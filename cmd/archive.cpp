// SPDX-License-Identifier: Apache-2.0
// sqma archive: a whole cycle sealed as one BagIt bag in a zip, and its verification.
#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace sqma::cmd {

void register_archive(CLI::App& app, Dispatch& dispatch)
{
  static_cast<void>(app);
  static_cast<void>(dispatch);
}

} // namespace sqma::cmd
