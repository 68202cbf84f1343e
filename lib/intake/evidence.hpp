// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/inspect.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace sqma::intake {

// The files of an applicant's evidence and their SHA-256 digests.
struct Evidence {
  std::string source;                       // the folder or zip as given
  bool zip = false;                         // read in place from a zip
  std::map<std::string, std::string> files; // relative path ("a/b.md") -> SHA-256
  std::string sha256; // a zip: the file's digest; a folder: the digest of its manifest
};

// Reads evidence: a zip in place through bundle::inspect (an entry with a problem, such as
// a ".." path, is a Failure naming it), or a folder by hashing every file below it
// (symbolic links, names that are not UTF-8 and anything past `limits` are Failures). A
// folder's digest is the SHA-256 of its manifest: one "<sha256>  <path>\n" line per file,
// sorted by the path's bytes, as in a bundle's manifest-sha256.txt.
[[nodiscard]] Result<Evidence> read_evidence(const std::filesystem::path& path,
                                             const bundle::Limits& limits = {});

// The files of a folder with their digests, as read_evidence() reads a folder. sqma import
// --bundle-dir then bags the folder with bundle::create_bag(), which checks that its manifest
// holds these digests.
[[nodiscard]] Result<Evidence> hash_folder(const std::filesystem::path& folder,
                                           const bundle::Limits& limits = {});

} // namespace sqma::intake
