// SPDX-License-Identifier: Apache-2.0
#include "io/path_guard.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

namespace sqma::io {

void refuse_existing(const std::filesystem::path& path, bool force)
{
  std::error_code ec;
  if (!force && std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    throw UsageError(fmt::format("{}: exists; give --force to replace it", path.string()));
  }
}
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

bool ignored(const fs::path& path)
{
  return path.empty() || path == "-";
}

PathGuard::Entry make_entry(std::string_view flag, const fs::path& path, bool folder,
                            std::vector<std::string> extensions)
{
  PathGuard::Entry entry;
  entry.flag = flag;
  entry.given = path.string();
  entry.folder = folder;
  for (auto& extension : extensions) {
    extension = lower(std::move(extension));
  }
  entry.extensions = std::move(extensions);
  std::error_code ec;
  entry.resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    entry.resolved = fs::absolute(path, ec).lexically_normal();
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    entry.exists = true;
    entry.device = static_cast<unsigned long long>(info.st_dev);
    entry.inode = static_cast<unsigned long long>(info.st_ino);
    entry.links = static_cast<unsigned long long>(info.st_nlink);
  }
  return entry;
}

// Standard input, when it is redirected from a file (or anything else with an inode): the
// entry of that file, named for messages by what /proc says it is; nullopt otherwise.
std::optional<PathGuard::Entry> standard_input(std::string_view flag)
{
  struct stat info {};
  if (::fstat(STDIN_FILENO, &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::nullopt;
  }
  PathGuard::Entry entry;
  entry.flag = flag;
  std::error_code ec;
  const auto file = fs::read_symlink("/proc/self/fd/0", ec);
  if (!ec && file.is_absolute()) {
    entry.given = fmt::format("- (standard input, from {})", file.string());
    entry.resolved = file;
  } else {
    entry.given = "- (standard input)";
  }
  entry.exists = true;
  entry.device = static_cast<unsigned long long>(info.st_dev);
  entry.inode = static_cast<unsigned long long>(info.st_ino);
  return entry;
}

bool same(const PathGuard::Entry& a, const PathGuard::Entry& b)
{
  if (a.exists && b.exists) {
    return a.device == b.device && a.inode == b.inode;
  }
  return a.resolved == b.resolved;
}

// Whether `inner` lies below the folder `outer` (not equal to it).
bool below(const fs::path& inner, const fs::path& outer)
{
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) {
      continue; // a trailing separator
    }
    if (i == inner.end() || *i != *o) {
      return false;
    }
  }
  return i != inner.end();
}

bool matches(const std::vector<std::string>& extensions, const fs::path& file)
{
  if (extensions.empty()) {
    return true;
  }
  const auto extension = lower(file.extension().string());
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

bool share_extension(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  if (a.empty() || b.empty()) {
    return true;
  }
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) {
    return std::find(b.begin(), b.end(), x) != b.end();
  });
}

// Whether the folder `input` holds, at any depth, a file of its extensions that is the
// existing file `output` under another name (a hard link).
bool holds_link_to(const PathGuard::Entry& input, const PathGuard::Entry& output)
{
  std::error_code ec;
  for (fs::recursive_directory_iterator it(input.resolved, ec), end; !ec && it != end;
       it.increment(ec)) {
    struct stat info {};
    if (matches(input.extensions, it->path()) && ::lstat(it->path().c_str(), &info) == 0 &&
        S_ISREG(info.st_mode) && static_cast<unsigned long long>(info.st_dev) == output.device &&
        static_cast<unsigned long long>(info.st_ino) == output.inode) {
      return true;
    }
  }
  return false;
}

// Whether writing `output` could replace a file that `input` reads.
bool clashes(const PathGuard::Entry& output, const PathGuard::Entry& input)
{
  if (same(output, input)) {
    return true;
  }
  if (!output.folder && input.folder) {
    // A file with other hard links is looked for in the folder, which costs a walk of it.
    return (below(output.resolved, input.resolved) && matches(input.extensions, output.resolved)) ||
           (output.exists && output.links > 1 && holds_link_to(input, output));
  }
  if (output.folder && !input.folder) {
    return below(input.resolved, output.resolved) && matches(output.extensions, input.resolved);
  }
  if (output.folder && input.folder) {
    return (below(output.resolved, input.resolved) || below(input.resolved, output.resolved)) &&
           share_extension(output.extensions, input.extensions);
  }
  return false;
}

// "--cycle c.toml" for a flag, "bundles (bundle_dir in c.toml)" for a path named elsewhere.
std::string describe(const PathGuard::Entry& entry)
{
  if (entry.flag.empty()) {
    return entry.given;
  }
  if (entry.flag.front() == '-') {
    return fmt::format("{} {}", entry.flag, entry.given);
  }
  return fmt::format("{} ({})", entry.given, entry.flag);
}

} // namespace

void PathGuard::input_file(std::string_view flag, const fs::path& path)
{
  if (path == "-") {
    if (auto entry = standard_input(flag)) {
      m_inputs.push_back(std::move(*entry));
    }
  } else if (!ignored(path)) {
    m_inputs.push_back(make_entry(flag, path, false, {}));
  }
}

void PathGuard::input_dir(std::string_view flag, const fs::path& dir,
                          std::vector<std::string> extensions)
{
  if (!ignored(dir)) {
    m_inputs.push_back(make_entry(flag, dir, true, std::move(extensions)));
  }
}

void PathGuard::input(std::string_view flag, const std::string& arg,
                      const std::vector<std::string>& extensions)
{
  std::error_code ec;
  if (!ignored(arg) && fs::is_directory(arg, ec)) {
    input_dir(flag, arg, extensions);
  } else {
    input_file(flag, arg);
  }
}

void PathGuard::output_file(std::string_view flag, const fs::path& path)
{
  if (!ignored(path)) {
    m_outputs.push_back(make_entry(flag, path, false, {}));
  }
}

void PathGuard::output_dir(std::string_view flag, const fs::path& dir,
                           std::vector<std::string> extensions)
{
  if (!ignored(dir)) {
    m_outputs.push_back(make_entry(flag, dir, true, std::move(extensions)));
  }
}

void PathGuard::updated_file(std::string_view flag, const fs::path& path)
{
  if (!ignored(path)) {
    m_outputs.push_back(make_entry(flag, path, false, {}));
    m_outputs.back().updated = true;
  }
}

void PathGuard::check(bool force) const
{
  for (const auto& output : m_outputs) {
    if (std::any_of(output.given.begin(), output.given.end(),
                    [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
      throw UsageError(fmt::format("{}: the path holds a line break or another control "
                                   "character; choose a plain name",
                                   output.flag));
    }
  }
  for (const auto& output : m_outputs) {
    for (const auto& input : m_inputs) {
      if (clashes(output, input)) {
        throw UsageError(fmt::format("{} would write over the input {}: sqma never replaces "
                                     "an input; choose another output",
                                     describe(output), describe(input)));
      }
    }
  }
  for (std::size_t i = 0; i < m_outputs.size(); ++i) {
    for (std::size_t j = i + 1; j < m_outputs.size(); ++j) {
      const auto& a = m_outputs[i];
      const auto& b = m_outputs[j];
      if (!a.folder && !b.folder && same(a, b)) {
        throw UsageError(fmt::format("{} and {} name the same file: give each output its own path",
                                     describe(a), describe(b)));
      }
    }
  }
  if (!force) {
    for (const auto& output : m_outputs) {
      if (!output.folder && !output.updated && output.exists) {
        throw UsageError(fmt::format("{}: exists; give --force to replace it", describe(output)));
      }
    }
  }
}

std::map<std::string, std::string> PathGuard::output_files_in(const fs::path& dir) const
{
  std::map<std::string, std::string> files;
  if (ignored(dir)) {
    return files;
  }
  auto folder = make_entry({}, dir, true, {}).resolved;
  if (!folder.has_filename()) {
    folder = folder.parent_path(); // "out/" when out does not exist yet
  }
  for (const auto& output : m_outputs) {
    if (!output.folder && output.resolved.parent_path() == folder) {
      files.emplace(output.resolved.filename().string(), describe(output));
    }
  }
  return files;
}

const std::vector<std::string>& PathGuard::dossier_extensions()
{
  static const std::vector<std::string> extensions{".json", ".jsonl"};
  return extensions;
}

} // namespace sqma::io
