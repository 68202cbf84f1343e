// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sqma::io {

// A file written under a temporary name in the target's folder and renamed into place by
// commit(), so that readers see either the old file or the whole new one. Until commit()
// the temporary file is removed when the object is destroyed (also on an exception).
//
// The temporary file is named ".<target name>.sqma-tmp-<pid>-<n>": hidden, so that folder
// readers skip it, and recognisable, so that the first AtomicFile a process makes in a
// folder removes what an earlier, killed run left there (see remove_stale_temp_files).
class AtomicFile {
public:
  // Removes stale temporary files from the target's folder (once per folder and process),
  // then creates the temporary file next to `target`. Throws IoError.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends bytes. Throws IoError.
  void write(std::string_view bytes);
  // Writes bytes at `offset` (before the end: to fill in a header once its values are
  // known), leaving the append position where it is. Throws IoError.
  void write_at(std::uint64_t offset, std::string_view bytes);
  // Asks the kernel to start writing what was appended so far to disk, without waiting, so
  // that the fsync before the rename has less left to wait for on a large file.
  void start_writeback() noexcept;
  // The number of bytes appended so far.
  [[nodiscard]] std::uint64_t size() const noexcept { return m_size; }
  // Starts writing the temporary file to disk and closes it, so that many files can be
  // prepared, each without holding a descriptor, before any of them is put in place;
  // commit() or commit_all() fsyncs it before its rename. Throws IoError.
  void close();
  // Fsyncs the temporary file (reopening it when closed) and closes it, unless that was
  // done already. Throws IoError.
  void sync();
  // Syncs if needed, renames the temporary file over the target and fsyncs the folder.
  // Throws Interrupted when SIGINT came before the run's first rename (see
  // check_interrupt_before_renames), IoError when the rename fails.
  void commit();

  // The final path.
  [[nodiscard]] const std::filesystem::path& target() const { return m_target; }
  // The temporary path (empty once committed).
  [[nodiscard]] const std::filesystem::path& temp_path() const { return m_temp; }

private:
  friend void commit_all(std::span<AtomicFile> files);
  void rename_into_place();

  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  int m_fd = -1;
  bool m_committed = false;
  bool m_synced = false;
  std::uint64_t m_size = 0;
  std::uint64_t m_written_back = 0; // bytes handed to start_writeback() already
};

// Commits files in order: first every temporary file is fsynced (several at a time, each
// waiting on the disk on its own thread), then the files are renamed one after another, then
// each folder is fsynced once. No rename happens before every file is on disk, so a target
// always holds its old file or the whole new one; a kill during the renames leaves the files
// before it new and those after it old (with their temporary files). Throws as
// AtomicFile::commit(), for the first file in order that failed.
void commit_all(std::span<AtomicFile> files);

// Writes `bytes` to `target` atomically. Throws as AtomicFile::commit().
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

// Fsyncs a folder so that a rename inside it is durable. Throws IoError.
void sync_directory(const std::filesystem::path& dir);

// Creates an output folder and the folders above it that are missing, as
// std::filesystem::create_directories does, and remembers the ones it made, so that a run
// that fails can take them away again (remove_created_dirs).
void create_output_dir(const std::filesystem::path& dir, std::error_code& ec);

// As above; throws IoError "<dir>: cannot create folder: <reason>" when it fails.
void create_output_dir(const std::filesystem::path& dir);

// Removes the folders create_output_dir made in this process that are still empty, the
// deepest first: a run that fails leaves no new empty folder behind. Never throws.
void remove_created_dirs() noexcept;

// The process id in a temporary file name made by AtomicFile (".<name>.sqma-tmp-<pid>-<n>"),
// or nothing when `name` is not one.
[[nodiscard]] std::optional<long> temp_file_pid(std::string_view name);

// Removes the temporary files that AtomicFile left in `dir` (not below it) when its process
// was killed: only regular files (never a symlink) owned by this user whose name has the
// pattern of temp_file_pid() and whose process is no longer running. A file of a running
// process, of this very process, or of another user is left alone. Returns how many were
// removed; a folder that cannot be read removes nothing.
std::size_t remove_stale_temp_files(const std::filesystem::path& dir);

} // namespace sqma::io
