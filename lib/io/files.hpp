// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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

// Why the file `name` (as an input gives it: the `what` of a dossier, such as its "bundle")
// would be read from outside `dir`: a name that climbs out or is absolute, or a symbolic
// link that leads elsewhere. Nullopt when it stays inside. A plain name costs one lstat;
// only links and sub-folders are resolved.
[[nodiscard]] std::optional<std::string>
outside_folder(const std::filesystem::path& dir, const std::string& name, std::string_view what);

} // namespace sqma::io
