// SPDX-License-Identifier: Apache-2.0
// Names a misspelt verb or long option before CLI11 parses, which would otherwise report
// only its consequence ("--cycle is required") or a bare "not expected".
#include "suggest.hpp"

#include "schema/suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace sqma::cmd {
namespace {

std::vector<std::string> verb_names(const CLI::App& app)
{
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

const CLI::App* verb_named(const CLI::App& app, std::string_view name)
{
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

// The long options ("--cycle") that `app` and the commands above it take.
std::vector<std::string> long_options(const std::vector<const CLI::App*>& chain)
{
  std::vector<std::string> names;
  for (const auto* app : chain) {
    for (const auto* option : app->get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  return names;
}

std::string with_suggestion(std::string message, std::string_view name,
                            const std::vector<std::string>& candidates)
{
  const auto near = schema::did_you_mean(name, candidates);
  if (!near.empty()) {
    message += fmt::format("; did you mean {}?", near);
  }
  return message;
}

} // namespace

std::string unknown_argument(const CLI::App& app, const std::vector<std::string>& args)
{
  std::vector<const CLI::App*> chain{&app};
  bool verb_seen = false;
  for (const auto& arg : args) {
    if (arg == "--") {
      break;
    }
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      const auto name = arg.substr(0, arg.find('='));
      const auto known = long_options(chain);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        return with_suggestion(fmt::format("unknown option {}", name), name, known);
      }
      continue;
    }
    if (arg.empty() || arg.front() == '-') {
      continue;
    }
    if (const auto* sub = verb_named(*chain.back(), arg)) {
      chain.push_back(sub);
      verb_seen = true;
    } else if (!verb_seen) {
      return with_suggestion(fmt::format("unknown command '{}'", arg), arg, verb_names(app));
    }
  }
  return {};
}

} // namespace sqma::cmd
