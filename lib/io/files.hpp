// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sqma::io {

// Reads a whole file ("-" reads standard input).
[[nodiscard]] Result<std::string> read_file(const std::string& path);

// Expands input arguments: a file stays as it is, a folder becomes every file below it with
// one of `extensions` in sorted order (hidden files and folders skipped), "-" stays "-". A
// path that does not exist is a Failure.
[[nodiscard]] Result<std::vector<std::string>>
expand_inputs(const std::vector<std::string>& args,
              const std::vector<std::string>& extensions = {".json", ".jsonl"});

} // namespace sqma::io
