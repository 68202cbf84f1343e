// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace sqma::io {

// A file written under a temporary name in the target's folder and renamed into place by
// commit(), so that readers see either the old file or the whole new one. Until commit()
// the temporary file is removed when the object is destroyed (also on an exception).
class AtomicFile {
public:
  // Creates the temporary file next to `target`. Throws IoError.
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
  // that the fsync of close() has less left to wait for on a large file.
  void start_writeback() noexcept;
  // The number of bytes appended so far.
  [[nodiscard]] std::uint64_t size() const noexcept { return m_size; }
  // Flushes and fsyncs the temporary file and closes it; commit() may follow later, so that
  // many files can be prepared before any of them is put in place. Throws IoError.
  void close();
  // Closes if needed, renames the temporary file over the target and fsyncs the folder.
  // Throws IoError.
  void commit();

  // The final path.
  [[nodiscard]] const std::filesystem::path& target() const { return m_target; }
  // The temporary path (empty once committed).
  [[nodiscard]] const std::filesystem::path& temp_path() const { return m_temp; }

private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  int m_fd = -1;
  bool m_committed = false;
  std::uint64_t m_size = 0;
  std::uint64_t m_written_back = 0; // bytes handed to start_writeback() already
};

// Writes `bytes` to `target` atomically. Throws IoError.
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

// Fsyncs a folder so that a rename inside it is durable. Throws IoError.
void sync_directory(const std::filesystem::path& dir);

} // namespace sqma::io
