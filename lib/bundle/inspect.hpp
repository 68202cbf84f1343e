// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::bundle {

// Bounds an inspection keeps to; an entry or archive past them is a Problem and nothing of
// it is decompressed.
struct Limits {
  std::uint64_t max_entries = 10000;                           // central directory records
  std::uint64_t max_entry_size = std::uint64_t{2} << 30U;      // uncompressed bytes of one entry
  std::uint64_t max_total_size = std::uint64_t{8} << 30U;      // uncompressed bytes of all entries
  double max_ratio = 200.0;                                    // uncompressed / compressed size
  std::uint64_t ratio_min_size = std::uint64_t{1} << 20U;      // the ratio applies above this size
  std::uint64_t max_directory_size = std::uint64_t{64} << 20U; // bytes of central directory
  std::uint64_t max_tag_file = std::uint64_t{64} << 20U;       // bytes of a bag's tag file kept
};

// How an inspection reads the entries.
struct InspectOptions {
  unsigned jobs = 1;           // threads reading stored entries (large archives)
  bool keep_tag_files = false; // keep the bytes of a bag's tag files (see bag.hpp) in
                               // Entry::content, up to Limits::max_tag_file each
  bool refuse_link = false;    // fail when the path itself is a symbolic link (not followed)
  // Called between entries and between the chunks of a large one, on the threads that read
  // them (a check for an interrupt); what it throws ends the inspection.
  std::function<void()> progress;
};

// What is wrong with an archive or one of its entries.
enum class ProblemKind {
  unreadable,             // not a zip, unsupported feature, or a read error
  truncated,              // the file ends before the archive or an entry does
  inconsistent_directory, // central directory, end record and local headers disagree
  path_traversal,         // a ".." path segment
  absolute_path,          // a leading "/"
  drive_letter,           // a leading "X:"
  backslash,              // a "\" anywhere in the name
  symlink,                // Unix mode S_IFLNK in the external attributes
  duplicate_name,         // the same (decoded) name more than once
  encrypted,              // traditional, AES or strong encryption
  overlapping,            // the entry shares bytes of the file with another entry
  too_many_entries,       // more records than Limits::max_entries
  too_large,              // an entry or the whole archive past the size limits
  ratio,                  // compression ratio past Limits::max_ratio
  crc_mismatch,           // the data does not match its CRC-32
  gb18030_name,           // informational: the name was decoded from GB18030
  invalid_name,           // empty, control characters, or bytes neither UTF-8 nor GB18030
};

// One finding; `entry` is the entry's name as decoded (undecodable bytes as \xNN), empty for
// problems of the whole archive.
struct Problem {
  ProblemKind kind = ProblemKind::unreadable;
  std::string entry;
  std::string detail; // short English explanation
};

// A file entry that is safe and was read completely.
struct Entry {
  std::string name; // UTF-8, decoded from GB18030 when needed
  std::uint64_t size = 0;
  std::string sha256; // 64 lower-case hex digits
  bool name_was_gb18030 = false;
  std::string content; // the bytes, for a bag's tag file under InspectOptions::keep_tag_files
};

// The result of inspecting one bundle.
struct Inspection {
  std::vector<Entry> entries;    // safe, readable file entries, sorted by name
  std::vector<Problem> problems; // sorted by entry name, then kind
};

// Opens the zip at `path` read-only, checks its structure and every entry name, and streams
// each safe file entry through SHA-256 without writing anything to disk. An entry with a
// problem is left out of `entries`, except for the informational gb18030_name. Returns a
// Failure (ExitCode::data) only when `path` cannot be opened as a regular file (missing,
// permission, a folder); everything wrong inside the file is a Problem. Thread-safe: calls
// share no mutable state. Throws only what io::Sha256 throws (an OpenSSL failure) and
// std::bad_alloc.
[[nodiscard]] Result<Inspection> inspect(const std::filesystem::path& path,
                                         const Limits& limits = {});
// The same, reading as `options` say.
[[nodiscard]] Result<Inspection> inspect(const std::filesystem::path& path, const Limits& limits,
                                         const InspectOptions& options);

// The short, stable name of a kind as used in reports, e.g. "path_traversal".
[[nodiscard]] std::string_view to_string(ProblemKind kind) noexcept;

// True when the kind is only informational and does not make the entry unusable.
[[nodiscard]] bool is_informational(ProblemKind kind) noexcept;

} // namespace sqma::bundle
