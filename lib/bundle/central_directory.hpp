// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: a bounds-checked reader of the zip structures libzip 1.7 does not
// expose (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.14-16), used to name the entry behind a structural
// problem and to find entries whose data overlaps.
#pragma once

#include "bundle/input_file.hpp"
#include "bundle/inspect.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sqma::bundle::detail {

// One central directory record, with Zip64 sizes and offset already applied.
struct CentralRecord {
  std::string raw_name;      // the name bytes as stored
  std::uint16_t made_by = 0; // high byte: host system (3 = Unix)
  std::uint16_t version_needed = 0;
  std::uint16_t flags = 0; // general purpose bits
  std::uint16_t method = 0;
  std::uint32_t modified = 0; // MS-DOS time (low half) and date (high half)
  std::uint32_t crc = 0;
  std::uint32_t external_attributes = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t size = 0;
  std::uint64_t local_offset = 0;
};

// The central directory, or the problem of the whole archive that stopped reading it.
struct CentralDirectory {
  std::vector<CentralRecord> records;
  std::uint64_t offset = 0;       // where the central directory starts
  std::optional<Problem> problem; // entry is empty
};

// Finds the end record (Zip64 included) and reads every central directory record, checking
// that counts, sizes and offsets agree. Stops with too_many_entries past limits.max_entries.
[[nodiscard]] CentralDirectory read_central_directory(const InputFile& file, const Limits& limits);

// Where an entry's local header and data lie, or why they cannot be trusted.
struct LocalSpan {
  std::optional<Problem> problem; // truncated or inconsistent_directory, entry left empty
  std::uint64_t begin = 0;        // the local header's offset
  std::uint64_t end = 0;          // one past the last byte of compressed data
};

// Reads the local header of `record` and compares it with the central record (as libzip's
// ZIP_CHECKCONS does); the data must end before `directory_offset`.
[[nodiscard]] LocalSpan read_local_span(const InputFile& file, const CentralRecord& record,
                                        std::uint64_t directory_offset);

} // namespace sqma::bundle::detail
