// SPDX-License-Identifier: Apache-2.0
#include "bundle/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace sqma::bundle::detail {

Result<InputFile> InputFile::open(const std::filesystem::path& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Failure{ExitCode::data,
                   "cannot open: " + std::error_code(errno, std::generic_category()).message(),
                   Location{path.string(), 0, {}}};
  }
  InputFile file(fd, 0);
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return Failure{ExitCode::data, "not a regular file", Location{path.string(), 0, {}}};
  }
  file.m_size = static_cast<std::uint64_t>(info.st_size);
  return Result<InputFile>(std::move(file));
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size)
{
}

InputFile& InputFile::operator=(InputFile&& other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = std::exchange(other.m_fd, -1);
    m_size = other.m_size;
  }
  return *this;
}

InputFile::~InputFile()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

bool InputFile::read_at(std::uint64_t offset, std::size_t count, std::string& out) const
{
  if (offset > m_size || m_size - offset < count) {
    return false;
  }
  out.resize(count);
  return read_at(offset, count, out.data());
}

bool InputFile::read_at(std::uint64_t offset, std::size_t count, char* out) const
{
  if (offset > m_size || m_size - offset < count) {
    return false;
  }
  std::size_t done = 0;
  while (done < count) {
    const auto got = ::pread(m_fd, out + done, count - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

} // namespace sqma::bundle::detail
