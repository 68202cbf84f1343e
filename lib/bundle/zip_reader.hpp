// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: libzip behind RAII handles, reading entries into SHA-256 in memory.
#pragma once

#include "bundle/central_directory.hpp"
#include "io/sha256.hpp"

#include <zip.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sqma::bundle::detail {

// Frees a read-only libzip archive without writing anything.
struct ZipDiscard {
  void operator()(zip_t* archive) const noexcept { zip_discard(archive); }
};

// Closes an entry opened with zip_fopen_index.
struct ZipFileClose {
  void operator()(zip_file_t* entry) const noexcept { zip_fclose(entry); }
};

// One archive opened through libzip; not shared between threads.
class ZipReader {
public:
  // Opens the archive behind `file` (through a duplicate descriptor) read-only, with
  // ZIP_CHECKCONS when `check_consistency`. A failure is kept as problem(): not ok().
  [[nodiscard]] static ZipReader open(const InputFile& file, bool check_consistency);

  // True when libzip opened the archive.
  [[nodiscard]] bool ok() const noexcept { return m_archive != nullptr; }
  // Why libzip refused the archive (a whole-archive problem); only valid when !ok().
  [[nodiscard]] const Problem& problem() const noexcept { return m_problem; }

  // A whole-archive inconsistent_directory problem when libzip sees another number of entries
  // than the central directory reader did.
  [[nodiscard]] std::optional<Problem> check_count(std::uint64_t expected) const;

  // What reading one entry gave: its digest, or a problem with the entry name left empty.
  struct Read {
    std::optional<Problem> problem;
    std::string sha256;
  };

  // Checks that libzip agrees with `record` about entry `index`, then decompresses it in
  // 256 KiB chunks into SHA-256 (and `content`, when given), stopping at the first byte past
  // the declared size. CRC and size are verified by libzip at the end. `progress`, when set,
  // is called before each chunk; it may throw to stop. Otherwise throws only on OpenSSL
  // failure.
  [[nodiscard]] Read read(std::uint64_t index, const CentralRecord& record,
                          std::string* content = nullptr,
                          const std::function<void()>& progress = {});

private:
  ZipReader() = default;
  // Hashes the open entry; a problem when it fails or its length is not `size`.
  std::optional<Problem> stream(zip_file_t* entry, std::uint64_t size, std::string* content,
                                const std::function<void()>& progress);

  std::unique_ptr<zip_t, ZipDiscard> m_archive;
  Problem m_problem;
  io::Sha256 m_hash;
};

} // namespace sqma::bundle::detail
