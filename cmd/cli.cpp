// SPDX-License-Identifier: Apache-2.0
#include "cli.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace sqma::cmd {
namespace {

std::string g_verb;
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_sigint(int /*signal*/)
{
  g_interrupted = 1;
}

std::string prefix()
{
  return g_verb.empty() ? std::string("sqma") : fmt::format("sqma {}", g_verb);
}

} // namespace

void set_verb(std::string_view verb)
{
  g_verb = verb;
}

void print_error(const Failure& failure)
{
  fmt::print(stderr, "{}: error: {}\n", prefix(), failure.describe());
  for (const auto& line : failure.more) {
    fmt::print(stderr, "{}: error: {}\n", prefix(), line);
  }
}

void print_error(std::string_view message)
{
  fmt::print(stderr, "{}: error: {}\n", prefix(), message);
}

void print_warning(std::string_view message)
{
  fmt::print(stderr, "{}: warning: {}\n", prefix(), message);
}

bool interrupted()
{
  return g_interrupted != 0;
}

void install_signal_handlers()
{
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

void check_interrupted()
{
  if (interrupted()) {
    throw Interrupted();
  }
}

model::Date date_option(std::string_view flag, const std::string& text)
{
  if (const auto date = model::Date::parse(text)) {
    return *date;
  }
  throw UsageError(fmt::format("{} {}: expected a date written YYYY-MM-DD", flag, text));
}

model::DossierWriter::Options writer_options(const std::string& out_dir, bool force,
                                             const std::vector<std::string>& inputs)
{
  model::DossierWriter::Options options;
  if (!out_dir.empty()) {
    options.out_dir = out_dir;
  }
  options.force = force;
  options.protected_paths = inputs;
  return options;
}

void check_outputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs,
                   bool force)
{
  namespace fs = std::filesystem;
  const auto resolved = [](const std::string& path) {
    std::error_code ec;
    auto p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::absolute(path).lexically_normal() : p;
  };
  for (const auto& [output, output_flag] : outputs) {
    const auto out = resolved(output);
    for (const auto& [input, input_flag] : inputs) {
      if (input.empty() || input == "-") {
        continue;
      }
      const auto in = resolved(input);
      const auto rel = out.lexically_relative(in);
      const bool inside = !rel.empty() && rel.native().rfind("..", 0) != 0;
      if (out == in || inside) {
        throw UsageError(fmt::format("{} {}: would write {} {} ({}); choose another output",
                                     output_flag, output, out == in ? "over" : "inside", input,
                                     input_flag));
      }
    }
    std::error_code ec;
    if (!force && fs::exists(output, ec)) {
      throw UsageError(fmt::format("{}: exists; give --force to replace it", output));
    }
  }
}

} // namespace sqma::cmd
