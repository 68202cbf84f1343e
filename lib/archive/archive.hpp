// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/bag.hpp"
#include "core/result.hpp"
#include "model/date.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A finished cycle sealed as one BagIt bag in a zip, to be checked years later with or
// without sqma.
namespace sqma::archive {

// What to archive and how.
struct Options {
  std::filesystem::path cycle_dir; // everything below it is the payload
  std::filesystem::path out_zip;
  std::filesystem::path config;     // empty: <cycle_dir>/cycle.toml; must lie in cycle_dir
  std::filesystem::path public_key; // empty: the one public key (*.pem) in cycle_dir
  std::optional<model::Date> date;  // Bagging-Date; default: the latest date of the config
  bool force = false;
  std::function<void()> progress; // as bundle::BagOptions::progress
};

// What the cycle folder holds, as bag-info.txt records it.
struct Survey {
  std::string config;     // path below the cycle folder
  std::string public_key; // likewise; empty when there is none
  std::string key_id;
  std::vector<std::string> certificates;     // paths below the cycle folder, sorted
  std::size_t dossiers = 0;                  // distinct dossier ids
  std::map<std::string, std::size_t> stages; // each dossier's latest stage, counted
};

// What create() wrote.
struct Summary {
  bundle::BagSummary bag;
  Survey survey;
};

// Surveys the cycle folder (the config, dossiers in *.json and *.jsonl files, certificate
// records and SVGs, the public key), verifies every certificate against the key, and writes
// the whole folder as a bag with bag-info.txt naming the cycle, its dates, the counts per
// stage, the key and every certificate, and a README.txt on checking it with standard
// tools. Refuses (data) a folder holding a private key (*.pem, *.key), a certificate that
// does not verify, certificates without a public key, or several keys without
// Options::public_key; other Failures as bundle::create_bag().
[[nodiscard]] Result<Summary> create(const Options& options);

// One certificate of an archive, checked.
struct CertificateCheck {
  std::string path; // below the bag's folder, e.g. "data/certificates/SQMA-2025-BM-001.json"
  bool valid = false;
  std::string detail; // the holder and award when valid, the reason otherwise
};

// What verify() found.
struct Verification {
  bundle::BagReport bag;
  std::vector<CertificateCheck> certificates;
  std::vector<std::string> problems; // about the archive's own records (bag-info, the key)

  // True when the bag is complete and valid and every certificate verifies.
  [[nodiscard]] bool ok() const;
};

// Checks an archive: the bag (every byte of every file, see bundle::read_bag(), on `jobs`
// threads, calling `progress` now and then, which may throw to stop), every certificate
// bag-info.txt lists against the public key it names, and that the payload holds no
// certificate record or SVG beyond those (one added or changed after sealing, with the
// manifests written again). A Failure (data) only when the file cannot be opened.
[[nodiscard]] Result<Verification> verify(const std::filesystem::path& zip, unsigned jobs,
                                          const std::function<void()>& progress = {});

// The extension of `path` in lower case, with its dot (".json"), as create() tells files apart.
[[nodiscard]] std::string lower_extension(const std::filesystem::path& path);

// Whether create() looks into a file of this extension (lower case, with its dot) and size
// for certificates: a JSON record or an SVG, within their size limits.
[[nodiscard]] bool may_hold_certificates(std::string_view extension, std::uint64_t size);

// How many certificates a file of the cycle holds, as create() counts them: records of
// schema certificate.v1 in a JSON file (one, or an array), or an SVG certificate.
// `extension` is the file's, in lower case with its dot; anything else holds none.
[[nodiscard]] std::size_t certificates_in(std::string_view extension, std::string_view text);

} // namespace sqma::archive
