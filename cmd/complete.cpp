// SPDX-License-Identifier: Apache-2.0
#include "complete.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>
#include <vector>

namespace sqma::cmd {

namespace {

// Tabs and line breaks would split a record.
std::string one_line(std::string text)
{
  for (auto& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return text;
}

// The values an IsMember check allows, as CLI11 describes it in the type name:
// "TEXT:{written,panel,onsite}".
std::string choices_of(const CLI::Option& option)
{
  const auto type = option.get_type_name();
  const auto open = type.find('{');
  const auto close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return {};
  }
  std::string choices;
  for (const auto c : type.substr(open + 1, close - open - 1)) {
    if (c != ' ') {
      choices += c;
    }
  }
  return choices;
}

// flag, choice, path or value (see completion_spec()).
std::string kind_of(const CLI::Option& option)
{
  if (option.get_expected_max() == 0) {
    return "flag";
  }
  if (!choices_of(option).empty()) {
    return "choice";
  }
  const auto type = option.get_type_name();
  const auto base = std::string_view(type).substr(0, type.find(':'));
  if (base == "TEXT" || base == "FILE" || base == "DIR" || base == "PATH") {
    return "path";
  }
  return "value";
}

void describe(const CLI::App& app, const std::string& path, std::string& out)
{
  out += fmt::format("verb\t{}\t{}\n", path, one_line(app.get_description()));
  for (const auto* option : app.get_options()) {
    if (option->get_group().empty()) {
      continue; // hidden
    }
    if (option->get_positional()) {
      out += fmt::format("pos\t{}\t{}\n", path, kind_of(*option));
      continue;
    }
    std::vector<std::string> names;
    for (const auto& s : option->get_snames()) {
      names.push_back("-" + s);
    }
    for (const auto& l : option->get_lnames()) {
      names.push_back("--" + l);
    }
    out += fmt::format("opt\t{}\t{}\t{}\t{}\t{}\n", path, fmt::join(names, ","), kind_of(*option),
                       choices_of(*option), one_line(option->get_description()));
  }
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    describe(*sub, path.empty() ? sub->get_name() : path + "/" + sub->get_name(), out);
  }
}

} // namespace

CLI::Validator choices(const std::vector<std::string>& values)
{
  CLI::Validator validator(fmt::format("{{{}}}", fmt::join(values, ",")));
  validator.name("choices");
  return validator;
}

std::string completion_spec(const CLI::App& app)
{
  std::string out;
  describe(app, "", out);
  return out;
}

} // namespace sqma::cmd
