// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace sqma::cmd {

// The run function of the subcommand that was chosen; main() calls it after parse().
struct Dispatch {
  std::function<int()> run;
};

// One per subcommand, each in cmd/<verb>.cpp; main() calls them in alphabetical order.
void register_aggregate(CLI::App& app, Dispatch& dispatch);
void register_amend(CLI::App& app, Dispatch& dispatch);
void register_archive(CLI::App& app, Dispatch& dispatch);
void register_assign(CLI::App& app, Dispatch& dispatch);
void register_bundle(CLI::App& app, Dispatch& dispatch);
void register_calendar(CLI::App& app, Dispatch& dispatch);
void register_certify(CLI::App& app, Dispatch& dispatch);
void register_check(CLI::App& app, Dispatch& dispatch);
void register_export_form(CLI::App& app, Dispatch& dispatch);
void register_import(CLI::App& app, Dispatch& dispatch);
void register_new(CLI::App& app, Dispatch& dispatch);
void register_publish(CLI::App& app, Dispatch& dispatch);
void register_report(CLI::App& app, Dispatch& dispatch);
void register_score(CLI::App& app, Dispatch& dispatch);
void register_status(CLI::App& app, Dispatch& dispatch);
void register_validate(CLI::App& app, Dispatch& dispatch);

} // namespace sqma::cmd
