// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/inspect.hpp"
#include "core/result.hpp"
#include "io/atomic_file.hpp"
#include "model/date.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sqma::model {
struct Dossier;
}

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

// How import bags evidence folders.
struct BagEvidenceOptions {
  std::filesystem::path bundle_dir; // each dossier's bag goes to <bundle_dir>/<bundle.path>
  model::Date date;                 // the bags' Bagging-Date
  bool force = false;               // replace existing bags, else refuse them
  std::function<void()> progress;   // called while writing; may throw to abandon the run
};

// Bags the evidence folder `folders[i]` (empty: none, such as a zip read in place) of each
// dossier with a bundle as its bundle, with the bundle code every verb shares, staging the
// zips in `staged`, and records each zip's digest in the dossier's bundle. The bag's manifest
// must hold the digests the dossier lists for its materials: a file that changed since it
// was hashed is a DataError naming it. Throws IoError, and UsageError for an existing bag
// without `force`.
void bag_evidence(const BagEvidenceOptions& options, const std::vector<std::string>& folders,
                  std::vector<model::Dossier>& dossiers, std::vector<io::AtomicFile>& staged);

} // namespace sqma::intake
