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

} // namespace sqma
