// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

namespace sqma::archive {

// The README.txt of an archive: what the bag holds and how to check it with standard tools
// (unzip, sha256sum, find, openssl, python3), for the cycle `cycle_name` written to `zip`.
[[nodiscard]] std::string readme(const std::string& cycle_name, const std::filesystem::path& zip);

} // namespace sqma::archive
