// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"

#include <fmt/format.h>

namespace sqma {

std::string Location::prefix() const
{
  if (file.empty()) {
    return json_path.empty() ? std::string{} : fmt::format("at {}: ", json_path);
  }
  if (line > 0 && !json_path.empty()) {
    return fmt::format("{}:{}: at {}: ", file, line, json_path);
  }
  if (line > 0) {
    return fmt::format("{}:{}: ", file, line);
  }
  if (!json_path.empty()) {
    return fmt::format("{}: at {}: ", file, json_path);
  }
  return file + ": ";
}

Failure join(std::vector<Failure> failures)
{
  Failure first = std::move(failures.front());
  for (std::size_t i = 1; i < failures.size(); ++i) {
    first.more.push_back(failures[i].describe());
  }
  return first;
}

} // namespace sqma
