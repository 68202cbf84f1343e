// SPDX-License-Identifier: Apache-2.0
#include "io/atomic_file.hpp"

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <exception>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace sqma::io {
namespace {

constexpr std::string_view k_marker = ".sqma-tmp-";
// Keeps the temporary name within NAME_MAX (255 bytes) for any target name.
constexpr std::size_t k_max_name_part = 200;

std::atomic<unsigned long> g_counter{0};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path)
{
  throw IoError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}

std::filesystem::path parent_of(const std::filesystem::path& target)
{
  auto dir = target.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

// The target's name, cut at a UTF-8 character boundary when it is too long.
std::string name_part(const std::filesystem::path& target)
{
  std::string name = target.filename().string();
  if (name.size() > k_max_name_part) {
    std::size_t cut = k_max_name_part;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) {
      --cut;
    }
    name.resize(cut);
  }
  return name;
}

// Cleans each folder once per process: the first file written there pays for one listing.
// Keyed by path, not inode: a folder removed and made again may get the same inode.
void clean_once(const std::filesystem::path& dir)
{
  static std::mutex mutex;
  static std::set<std::string> cleaned;
  std::error_code ec;
  const auto key = std::filesystem::absolute(dir, ec).lexically_normal().string();
  {
    const std::lock_guard lock(mutex);
    if (ec || !cleaned.insert(key).second) {
      return;
    }
  }
  (void)remove_stale_temp_files(dir);
}

bool process_is_running(long pid)
{
  // EPERM: it runs, as another user.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

template <class Int> std::optional<Int> parse_digits(std::string_view text)
{
  Int value{};
  if (text.empty() || text.size() > 20) {
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.front() == '-' ||
      text.front() == '+') {
    return std::nullopt;
  }
  return value;
}

// Calls work(0) ... work(count - 1), eight at a time: meant for fsyncs, each of which mostly
// waits on the disk, so that their waits overlap (one at a time, a few hundred small files
// took seconds on a busy disk). See parallel_for().
void for_each_parallel(std::size_t count, const std::function<void(std::size_t)>& work)
{
  constexpr unsigned k_max_threads = 8;
  parallel_for(count, k_max_threads, work);
}

} // namespace

std::optional<long> temp_file_pid(std::string_view name)
{
  const auto marker = name.rfind(k_marker);
  // A hidden name, something of the target's name, the marker, then <pid>-<n>.
  if (name.empty() || name.front() != '.' || marker == std::string_view::npos || marker < 2) {
    return std::nullopt;
  }
  const auto rest = name.substr(marker + k_marker.size());
  const auto dash = rest.find('-');
  if (dash == std::string_view::npos) {
    return std::nullopt;
  }
  const auto pid = parse_digits<long>(rest.substr(0, dash));
  const auto n = parse_digits<unsigned long>(rest.substr(dash + 1));
  if (!pid || !n || *pid <= 0 || *pid > INT_MAX) {
    return std::nullopt;
  }
  return pid;
}

std::size_t remove_stale_temp_files(const std::filesystem::path& dir)
{
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) {
    return 0;
  }
  DIR* listing = ::fdopendir(dir_fd);
  if (listing == nullptr) {
    ::close(dir_fd);
    return 0;
  }
  std::vector<std::string> stale;
  const long self = static_cast<long>(::getpid());
  while (const dirent* entry = ::readdir(listing)) {
    const std::string_view name(entry->d_name);
    const auto pid = temp_file_pid(name);
    if (!pid || *pid == self) {
      continue;
    }
    struct stat st {};
    if (::fstatat(dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != ::geteuid() || process_is_running(*pid)) {
      continue;
    }
    stale.emplace_back(name);
  }
  std::size_t removed = 0;
  for (const auto& name : stale) {
    if (::unlinkat(dir_fd, name.c_str(), 0) == 0) {
      ++removed;
    }
  }
  ::closedir(listing); // closes dir_fd too
  return removed;
}

namespace {
std::mutex g_created_mutex;
std::vector<std::filesystem::path> g_created; // in the order made: parents first
} // namespace

void create_output_dir(const std::filesystem::path& dir, std::error_code& ec)
{
  ec.clear();
  std::vector<std::filesystem::path> missing;
  for (auto at = dir; !at.empty() && !std::filesystem::exists(at, ec); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) {
      break;
    }
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (std::filesystem::create_directory(*it, ec)) {
      const std::lock_guard lock(g_created_mutex);
      g_created.push_back(*it);
    } else if (ec) {
      return;
    }
  }
  if (!std::filesystem::is_directory(dir, ec) && !ec) {
    ec = std::make_error_code(std::errc::not_a_directory);
  }
}

void create_output_dir(const std::filesystem::path& dir)
{
  std::error_code ec;
  create_output_dir(dir, ec);
  if (ec) {
    throw IoError(fmt::format("{}: cannot create folder: {}", dir.string(), ec.message()));
  }
}

void remove_created_dirs() noexcept
{
  const std::lock_guard lock(g_created_mutex);
  for (auto it = g_created.rbegin(); it != g_created.rend(); ++it) {
    ::rmdir(it->c_str()); // fails, as it should, for a folder that holds anything
  }
  g_created.clear();
}

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target))
{
  // A folder where the file is to go would fail its rename at commit, after other files of
  // the run were put in place: refused now, while nothing is.
  struct stat info {};
  if (::lstat(m_target.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw IoError(
        fmt::format("{}: cannot write: a folder of that name is in the way", m_target.string()));
  }
  const auto dir = parent_of(m_target);
  clean_once(dir);
  const auto prefix = fmt::format(".{}{}{}-", name_part(m_target), k_marker, ::getpid());
  // O_EXCL: a name left by an earlier process with the same pid is skipped, never reused.
  // The mode follows the umask, as for any file the user creates.
  for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
    m_temp = dir / (prefix + std::to_string(g_counter.fetch_add(1)));
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0 && errno != EEXIST) {
      break;
    }
  }
  if (m_fd < 0) {
    m_temp.clear();
    if (errno == ENOENT || errno == ENOTDIR) {
      // The usual causes: a folder in the path that was never made, or a file in its place.
      throw IoError(fmt::format("{}: cannot write: {} {}", m_target.string(), dir.string(),
                                errno == ENOENT ? "does not exist" : "is not a folder"));
    }
    fail("cannot create a temporary file", m_target);
  }
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_target(std::move(other.m_target)), m_temp(std::move(other.m_temp)), m_fd(other.m_fd),
      m_committed(other.m_committed), m_synced(other.m_synced), m_size(other.m_size),
      m_written_back(other.m_written_back)
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
  start_writeback();
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail("cannot close", m_target);
  }
}

void AtomicFile::sync()
{
  if (m_synced || m_temp.empty()) {
    return;
  }
  // fsync reaches the file's data through any descriptor, and a write-back error that no
  // descriptor has seen yet is reported to one opened after it.
  int fd = m_fd;
  m_fd = -1;
  if (fd < 0) {
    fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      fail("cannot open the temporary file", m_target);
    }
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    fail("cannot sync", m_target);
  }
  if (::close(fd) != 0) {
    fail("cannot close", m_target);
  }
  m_synced = true;
}

void AtomicFile::rename_into_place()
{
  sync();
  check_interrupt_before_renames();
  begin_renames();
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    fail("cannot rename into place", m_target);
  }
  m_committed = true;
  m_temp.clear();
}

void AtomicFile::commit()
{
  rename_into_place();
  sync_directory(parent_of(m_target));
}

void commit_all(std::span<AtomicFile> files)
{
  for (auto& file : files) {
    file.close();
  }
  for_each_parallel(files.size(), [&](std::size_t i) { files[i].sync(); });
  std::vector<std::filesystem::path> dirs;
  for (auto& file : files) {
    file.rename_into_place();
    auto dir = parent_of(file.target());
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) {
      dirs.push_back(std::move(dir));
    }
  }
  for_each_parallel(dirs.size(), [&](std::size_t i) { sync_directory(dirs[i]); });
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
