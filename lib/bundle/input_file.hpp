// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: the bundle file itself, read with pread so that the central
// directory reader and libzip never disturb each other's file position.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sqma::bundle::detail {

// A regular file opened read-only for positioned reads; closed on destruction.
class InputFile {
public:
  // Opens `path`; a Failure when it is missing, unreadable or not a regular file, and with
  // `refuse_link` also when it is a symbolic link.
  [[nodiscard]] static Result<InputFile> open(const std::filesystem::path& path,
                                              bool refuse_link = false);

  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  // The size of the file when it was opened.
  [[nodiscard]] std::uint64_t size() const noexcept { return m_size; }
  // The open descriptor (still owned by this object).
  [[nodiscard]] int descriptor() const noexcept { return m_fd; }
  // Reads exactly `count` bytes at `offset` into `out`; false when the file is shorter or the
  // read fails. Does not move the file offset, so it is safe next to other readers.
  [[nodiscard]] bool read_at(std::uint64_t offset, std::size_t count, std::string& out) const;
  // The same into `count` bytes at `out`, which the caller owns and reuses.
  [[nodiscard]] bool read_at(std::uint64_t offset, std::size_t count, char* out) const;
  // The bytes at `offset` without copying, when the whole file was read at open() (files up
  // to k_whole_file bytes are: one read instead of a score of small ones per bundle); an
  // empty optional otherwise, or when the range passes the end.
  [[nodiscard]] std::optional<std::string_view> view_at(std::uint64_t offset,
                                                        std::size_t count) const;
  // The bytes at `offset`: a view into the whole file when it was read at open(), else read
  // into `scratch` (which the view then points into). Empty when the range passes the end or
  // the read fails.
  [[nodiscard]] std::optional<std::string_view> bytes_at(std::uint64_t offset, std::size_t count,
                                                         std::string& scratch) const;

  // Files up to this size are read whole when opened.
  static constexpr std::uint64_t k_whole_file = std::uint64_t{4} << 20U;

private:
  InputFile(int fd, std::uint64_t size) noexcept : m_fd(fd), m_size(size) {}
  void release() noexcept;
  int m_fd = -1;
  std::uint64_t m_size = 0;
  std::unique_ptr<char[]> m_whole; // the file's bytes, for a small file
  std::size_t m_whole_capacity = 0;
};

} // namespace sqma::bundle::detail
