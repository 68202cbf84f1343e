// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sqma::cmd {

// The first argument (after the program name) that names no verb or long option of `app`,
// described as "unknown command 'chek'; did you mean check?" or "unknown option --cylce;
// did you mean --cycle?", or an empty string when every verb and long option is known.
[[nodiscard]] std::string unknown_argument(const CLI::App& app,
                                           const std::vector<std::string>& args);

} // namespace sqma::cmd
