// SPDX-License-Identifier: Apache-2.0
#include "bundle/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

namespace sqma::bundle::detail {
namespace {

// The whole-file buffer of the last bundle closed on this thread, kept for the next one: a
// fresh block per bundle would make the heap grow and shrink with every bundle, and the
// page faults and brk calls would cost more than reading the file.
struct SpareBuffer {
  std::unique_ptr<char[]> bytes;
  std::size_t capacity = 0;
};
thread_local SpareBuffer t_spare;

} // namespace

Result<InputFile> InputFile::open(const std::filesystem::path& path, bool refuse_link)
{
  // O_NONBLOCK: opening a named pipe would otherwise wait for a writer that never comes,
  // before fstat() could tell that it is no regular file. Reads of a regular file ignore it.
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (refuse_link ? O_NOFOLLOW : 0));
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
  if (file.m_size <= k_whole_file) {
    const auto size = static_cast<std::size_t>(file.m_size);
    std::unique_ptr<char[]> whole;
    std::size_t capacity = size;
    if (t_spare.capacity >= size) {
      whole = std::move(t_spare.bytes);
      capacity = std::exchange(t_spare.capacity, 0);
    } else {
      whole = std::make_unique_for_overwrite<char[]>(size);
    }
    // A file that changes size while it is read is simply read through pread later.
    if (file.read_at(0, size, whole.get())) {
      file.m_whole = std::move(whole);
      file.m_whole_capacity = capacity;
    } else if (capacity > t_spare.capacity) {
      t_spare = SpareBuffer{std::move(whole), capacity};
    }
  }
  return Result<InputFile>(std::move(file));
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size), m_whole(std::move(other.m_whole)),
      m_whole_capacity(std::exchange(other.m_whole_capacity, 0))
{
}

InputFile& InputFile::operator=(InputFile&& other) noexcept
{
  if (this != &other) {
    release();
    m_fd = std::exchange(other.m_fd, -1);
    m_size = other.m_size;
    m_whole = std::move(other.m_whole);
    m_whole_capacity = std::exchange(other.m_whole_capacity, 0);
  }
  return *this;
}

InputFile::~InputFile()
{
  release();
}

void InputFile::release() noexcept
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  if (m_whole && m_whole_capacity > t_spare.capacity) {
    t_spare = SpareBuffer{std::move(m_whole), m_whole_capacity};
  }
  m_whole.reset();
  m_whole_capacity = 0;
}

bool InputFile::read_at(std::uint64_t offset, std::size_t count, std::string& out) const
{
  if (offset > m_size || m_size - offset < count) {
    return false;
  }
  out.resize(count);
  return read_at(offset, count, out.data());
}

std::optional<std::string_view> InputFile::view_at(std::uint64_t offset, std::size_t count) const
{
  if (!m_whole || offset > m_size || m_size - offset < count) {
    return std::nullopt;
  }
  return std::string_view(m_whole.get() + offset, count);
}

std::optional<std::string_view> InputFile::bytes_at(std::uint64_t offset, std::size_t count,
                                                    std::string& scratch) const
{
  if (const auto view = view_at(offset, count)) {
    return view;
  }
  if (!read_at(offset, count, scratch)) {
    return std::nullopt;
  }
  return std::string_view(scratch);
}

bool InputFile::read_at(std::uint64_t offset, std::size_t count, char* out) const
{
  if (offset > m_size || m_size - offset < count) {
    return false;
  }
  if (const auto view = view_at(offset, count)) {
    std::copy(view->begin(), view->end(), out);
    return true;
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
