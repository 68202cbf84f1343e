// SPDX-License-Identifier: Apache-2.0
// Shared by the fuzz targets: the input as text, or as a file for the readers that open one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>

namespace sqma::fuzz {

// The fuzzer's bytes as text.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

// The bytes as a regular file in memory (memfd), named by a path that open(2) accepts; no
// disk is written, and the file goes when the object does.
class MemoryFile {
public:
  MemoryFile(const std::uint8_t* data, std::size_t size)
      : m_fd(::memfd_create("sqma-fuzz", MFD_CLOEXEC))
  {
    if (m_fd < 0) {
      std::abort();
    }
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::write(m_fd, data + done, size - done);
      if (n <= 0) {
        std::abort();
      }
      done += static_cast<std::size_t>(n);
    }
    m_path = "/proc/self/fd/" + std::to_string(m_fd);
  }
  ~MemoryFile() { ::close(m_fd); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  int m_fd;
  std::string m_path;
};

} // namespace sqma::fuzz
