// SPDX-License-Identifier: Apache-2.0
#include "io/atomic_file.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace sqma::io {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path)
{
  throw IoError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}

std::filesystem::path parent_of(const std::filesystem::path& target)
{
  auto dir = target.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target))
{
  // mkstemp replaces the last six characters of the template, which must be 'X'.
  const auto pattern =
      parent_of(m_target) / ("." + m_target.filename().string() + "." + std::string(6, 'X'));
  std::string name = pattern.string();
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  m_fd = ::mkstemp(buffer.data());
  if (m_fd < 0) {
    fail("cannot create a temporary file", m_target);
  }
  m_temp = buffer.data();
  // mkstemp creates 0600; outputs are ordinary files that follow the umask, read once
  // because reading it means setting it.
  static const mode_t k_umask = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
  }();
  if (::fchmod(m_fd, 0666 & ~k_umask) != 0) {
    fail("cannot set permissions", m_temp);
  }
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_target(std::move(other.m_target)), m_temp(std::move(other.m_temp)), m_fd(other.m_fd),
      m_committed(other.m_committed), m_size(other.m_size), m_written_back(other.m_written_back)
{
  other.m_fd = -1;
  other.m_temp.clear();
  other.m_committed = true;
}

AtomicFile::~AtomicFile()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_committed && !m_temp.empty()) {
    ::unlink(m_temp.c_str());
  }
}

void AtomicFile::write(std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t written = ::write(m_fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("cannot write", m_target);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
    m_size += static_cast<std::uint64_t>(written);
  }
}

void AtomicFile::write_at(std::uint64_t offset, std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t written = ::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("cannot write", m_target);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
    offset += static_cast<std::uint64_t>(written);
  }
}

void AtomicFile::start_writeback() noexcept
{
  if (m_fd < 0 || m_size <= m_written_back) {
    return;
  }
  // Only a hint: where sync_file_range is not supported, close() still fsyncs everything.
  static_cast<void>(::sync_file_range(m_fd, static_cast<off_t>(m_written_back),
                                      static_cast<off_t>(m_size - m_written_back),
                                      SYNC_FILE_RANGE_WRITE));
  m_written_back = m_size;
}

void AtomicFile::close()
{
  if (m_fd < 0) {
    return;
  }
  if (::fsync(m_fd) != 0) {
    fail("cannot sync", m_target);
  }
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail("cannot close", m_target);
  }
}

void AtomicFile::commit()
{
  close();
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    fail("cannot rename into place", m_target);
  }
  m_committed = true;
  m_temp.clear();
  sync_directory(parent_of(m_target));
}

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes)
{
  AtomicFile file(target);
  file.write(bytes);
  file.commit();
}

void sync_directory(const std::filesystem::path& dir)
{
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    fail("cannot open folder", dir);
  }
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) {
    fail("cannot sync folder", dir);
  }
}

} // namespace sqma::io
