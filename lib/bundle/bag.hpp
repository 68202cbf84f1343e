// SPDX-License-Identifier: Apache-2.0
// BagIt 1.0 bags (RFC 8493) inside zips: evidence bundles and cycle archives. A bag zip holds
// one top folder <top>/ with bagit.txt, bag-info.txt, manifest-sha256.txt,
// tagmanifest-sha256.txt, any extra tag files, and the payload under <top>/data/. Entries are
// in sorted order of their UTF-8 bytes, every timestamp is 1980-01-01 00:00, every mode 0644,
// with no extra fields: the same files give the same bytes on any machine, clock or umask.
#pragma once

#include "bundle/inspect.hpp"
#include "core/result.hpp"
#include "io/atomic_file.hpp"
#include "model/date.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqma::bundle {

// One payload file of a bag.
struct BagFile {
  std::string path; // relative to data/, '/' between folders, UTF-8, as the manifest names it
                    // once decoded (so "a%b.pdf", not "a%25b.pdf")
  std::uint64_t size = 0;
  std::string sha256; // 64 lower-case hex digits of the file's bytes
};

// A tag file written next to bagit.txt (such as a README), listed in the tag manifest.
struct TagFile {
  std::string name; // one path segment, not one of the names BagIt reserves
  std::string content;
};

// How a bag is written.
struct BagOptions {
  model::Date bagging_date; // Bagging-Date of bag-info.txt: from --date or the cycle, never
                            // the clock
  std::string top;          // the bag's folder in the zip; empty: the zip's file name without
                            // ".zip"
  std::vector<std::pair<std::string, std::string>> info; // more bag-info.txt lines, in order,
                                                         // after Bagging-Date and Payload-Oxum
  std::vector<TagFile> tag_files;
  bool force = false;      // replace an existing zip (otherwise it is a usage Failure)
  bool zip_digest = false; // also hash the finished zip (BagSummary::zip_sha256)
  // Called after each block of about 1 MiB written; it may throw (such as Interrupted) to
  // abandon the zip, which then leaves nothing behind.
  std::function<void()> progress;
  // When set, the zip is left here written and closed under its temporary name, for the
  // caller to put in place with the other files of its run (io::commit_all), instead of
  // being renamed into place at once.
  std::vector<io::AtomicFile>* staged = nullptr;
};

// What create_bag() wrote.
struct BagSummary {
  std::vector<BagFile> files; // every payload file, sorted by the UTF-8 bytes of `path`
  std::uint64_t payload_bytes = 0;
  std::string zip_sha256; // digest of the zip written, when BagOptions::zip_digest
};

// Turns every regular file below `dir` (at any depth, hidden ones too; empty folders are not
// kept) into the payload of a bag written to `out_zip`, hashing each file while it is
// written: one read of each file. Already-compressed types (PDF, images, Office files,
// archives) are stored, others deflated. The zip is written under a temporary name in its
// folder, fsynced, renamed into place and the folder fsynced (or left staged, see
// BagOptions::staged); a failure or an interruption
// leaves nothing at `out_zip`. A Failure names the file: data for a name BagIt cannot carry
// (CR, LF, or not UTF-8), a symbolic link or special file, or a file that changes while it is
// read; usage when `out_zip` lies inside `dir` or exists without `force`; io when it cannot
// be written. Throws Interrupted when `progress` throws it, and std::bad_alloc.
[[nodiscard]] Result<BagSummary> create_bag(const std::filesystem::path& dir,
                                            const std::filesystem::path& out_zip,
                                            const BagOptions& options);

// Turns a zip an applicant sent into a bag: every entry becomes a payload file under data/
// with its (decoded) name. The input is inspected first and refused with every Problem that
// makes an entry unsafe (the classes `sqma check` reports: traversal, absolute paths,
// symlinks, duplicates, bombs, encryption, bad CRCs, ...); GB18030 names are decoded. A
// manifest-sha256.txt at the top of the input (what older bundles carry) is kept as payload.
// Writes as create_bag() does. Failures as create_bag(); the refusal is a Failure with
// ExitCode::negative whose message and `more` name every problem.
[[nodiscard]] Result<BagSummary> normalize_to_bag(const std::filesystem::path& in_zip,
                                                  const std::filesystem::path& out_zip,
                                                  const BagOptions& options);

// What is wrong with a bag, in BagIt's sense.
enum class BagProblemKind {
  not_a_bag,       // no single top folder holding bagit.txt
  bad_declaration, // bagit.txt is not a BagIt 1.0 (or 0.97) declaration in UTF-8
  bad_bag_info,    // bag-info.txt cannot be parsed
  bad_oxum,        // Payload-Oxum disagrees with the payload
  bad_manifest,    // a manifest line cannot be parsed, or no payload manifest
  missing,         // a file a manifest lists is not in the bag
  extra,           // a payload file no manifest lists
  changed,         // a file's digest differs from the manifest's
  unsafe_entry,    // the zip itself has a Problem (see inspect())
};

// One finding about a bag; `path` is relative to the bag's folder ("data/a.pdf",
// "bag-info.txt"), empty for the whole bag.
struct BagProblem {
  BagProblemKind kind = BagProblemKind::not_a_bag;
  std::string path;
  std::string detail;
};

// A bag as read back from a zip.
struct BagReport {
  bool is_bag = false;        // a top folder with bagit.txt was found
  std::string top;            // the bag's folder
  std::vector<BagFile> files; // the payload files present, paths relative to data/
  std::vector<std::pair<std::string, std::string>> info; // bag-info.txt, in order
  std::vector<BagProblem> problems;                      // empty: complete and valid
};

// Options of read_bag().
struct ReadOptions {
  Limits limits;
  unsigned jobs = 1;              // threads hashing the entries
  std::function<void()> progress; // as InspectOptions::progress
};

// Inspects the zip at `path` (all of inspect()'s safety checks, its problems reported as
// unsafe_entry) and checks it as a bag: bagit.txt, bag-info.txt and Payload-Oxum, that every
// payload file is listed in every payload manifest and every listed file is there, the
// digests of the SHA-256 manifests (payload and tag), the digests of payload manifests of
// md5, sha1, sha224, sha384 and sha512 (read from the zip once more; any other algorithm is
// reported, as the bag cannot then be shown valid; tag manifests of other algorithms are
// checked for their lists only), and that every tag file is in the tag manifest when there
// is one (BagIt allows unlisted tag files; sqma's bags list all, so one more is reported as
// extra). A Failure (data) only when the file cannot be opened. Thread-safe.
[[nodiscard]] Result<BagReport> read_bag(const std::filesystem::path& path,
                                         const ReadOptions& options = {});

// The bytes of the entry `name` (as stored, e.g. "cycle-2025/data/keys/public.pem") of the
// zip at `path`, at most `max_size` of them. A Failure (data) when the zip cannot be read or
// has no such entry, or the entry is larger.
[[nodiscard]] Result<std::string> read_entry(const std::filesystem::path& path,
                                             std::string_view name, std::uint64_t max_size);
// The same for several entries, the zip opened once (its directory read once): one result
// per name, in order; a Failure (data) when the zip cannot be read.
[[nodiscard]] Result<std::vector<Result<std::string>>>
read_entries(const std::filesystem::path& path, const std::vector<std::string>& names,
             std::uint64_t max_size);

// Checks the bag in an inspection made with InspectOptions::keep_tag_files, as read_bag()
// does; for `sqma check`, which inspects every bundle once.
[[nodiscard]] BagReport check_bag(const Inspection& inspection);

// True when an inspection's entries look like a bag: one top folder with <top>/bagit.txt.
[[nodiscard]] bool looks_like_bag(const Inspection& inspection);

// Why `path` (relative to the payload folder) cannot be carried in a bag, or empty when it
// can: CR or LF, a leading "/", a "." or ".." segment, an empty segment, a backslash, or
// bytes that are not UTF-8.
[[nodiscard]] std::string bag_name_problem(std::string_view path);

// `path` as a manifest line writes it: "%" as %25, CR as %0D, LF as %0A (RFC 8493 2.1.3).
[[nodiscard]] std::string percent_encode(std::string_view path);
// The reverse; nullopt for a "%" not followed by two hex digits.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text);

// The short, stable name of a kind, e.g. "changed".
[[nodiscard]] std::string_view to_string(BagProblemKind kind) noexcept;

} // namespace sqma::bundle
