// SPDX-License-Identifier: Apache-2.0
#include "cli.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string_view>
#include <utility>

namespace {

constexpr const char* k_footer = R"(Examples:
  sqma validate samples/dossiers/
  sqma VERB --help

Exit status: 0 success, 1 negative answer, 2 usage error, 3 bad input data,
4 I/O error, 70 internal error, 130 interrupted. See sqma(1).)";

} // namespace

int main(int argc, char** argv)
{
  using sqma::ExitCode;
  namespace cmd = sqma::cmd;

  CLI::App app{"sqma: run a review cycle of the Shanghai Quality Management Award "
               "(上海市质量管理奖).",
               "sqma"};
  app.set_version_flag("--version", fmt::format("sqma {}", sqma::k_version));
  app.require_subcommand(1);
  app.footer(k_footer);

  // A run names its verb first, so only that verb's options are built: building every
  // verb's would be a good part of a short run's start-up. Anything else (no verb, a
  // misspelt one, --help of sqma itself, the completion spec) gets every verb.
  using Register = void (*)(CLI::App&, cmd::Dispatch&);
  static constexpr auto k_verbs = std::to_array<std::pair<std::string_view, Register>>({
      {"aggregate", cmd::register_aggregate},
      {"amend", cmd::register_amend},
      {"archive", cmd::register_archive},
      {"assign", cmd::register_assign},
      {"bundle", cmd::register_bundle},
      {"calendar", cmd::register_calendar},
      {"certify", cmd::register_certify},
      {"check", cmd::register_check},
      {"export-form", cmd::register_export_form},
      {"import", cmd::register_import},
      {"new", cmd::register_new},
      {"publish", cmd::register_publish},
      {"report", cmd::register_report},
      {"score", cmd::register_score},
      {"status", cmd::register_status},
      {"validate", cmd::register_validate},
  });
  cmd::Dispatch dispatch;
  const auto named = std::find_if(k_verbs.begin(), k_verbs.end(), [&](const auto& verb) {
    return argc > 1 && verb.first == argv[1];
  });
  if (named != k_verbs.end()) {
    named->second(app, dispatch);
  } else {
    for (const auto& verb : k_verbs) {
      verb.second(app, dispatch);
    }
  }

  // The shell completions are made at build time from what the verbs register.
  if (argc == 2 && std::string_view(argv[1]) == cmd::k_completion_spec_flag) {
    std::cout << cmd::completion_spec(app);
    return 0;
  }
  cmd::install_signal_handlers();
  // Name the verb in messages, parse errors included, from the first argument that is one.
  const auto verbs = app.get_subcommands([](const CLI::App*) { return true; });
  for (int i = 1; i < argc && verbs.size() > 0; ++i) {
    const auto match = std::find_if(verbs.begin(), verbs.end(), [&](const CLI::App* sub) {
      return sub->get_name() == argv[i];
    });
    if (match != verbs.end()) {
      cmd::set_verb((*match)->get_name());
      break;
    }
  }
  // A run whose standard output could not all be written (a full disk, a closed pipe) failed,
  // whatever it found. A run that failed (2 and above; 1 is a negative answer of a completed
  // run) takes away the output folders it made and left empty.
  const auto finish = [](int status) {
    std::cout.flush();
    const bool written = std::cout.good() && std::fflush(stdout) == 0 && std::ferror(stdout) == 0;
    if (!written && status < static_cast<int>(ExitCode::usage)) {
      cmd::print_error("cannot write to standard output");
      status = static_cast<int>(ExitCode::io);
    }
    if (status >= static_cast<int>(ExitCode::usage)) {
      sqma::io::remove_created_dirs();
    }
    return status;
  };
  try {
    if (const auto unknown =
            cmd::unknown_argument(app, std::vector<std::string>(argv + 1, argv + argc));
        !unknown.empty()) {
      cmd::print_error(unknown);
      std::cerr << "Run with --help for more information.\n";
      return static_cast<int>(ExitCode::usage);
    }
    app.parse(argc, argv);
    return finish(dispatch.run());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    cmd::print_error(e.what());
    std::cerr << "Run with --help for more information.\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const sqma::Error& e) {
    cmd::print_error(e.what());
    for (const auto& line : e.more()) {
      cmd::print_error(line);
    }
    return finish(static_cast<int>(e.code()));
  } catch (const std::exception& e) {
    cmd::print_error(fmt::format("internal error: {}", e.what()));
    return finish(static_cast<int>(ExitCode::internal));
  }
}
