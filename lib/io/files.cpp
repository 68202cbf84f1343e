// SPDX-License-Identifier: Apache-2.0
#include "io/files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace sqma::io {

std::optional<std::string> outside_folder(const std::filesystem::path& dir, const std::string& name,
                                          std::string_view what)
{
  const std::filesystem::path relative(name);
  if (relative.is_absolute() || std::any_of(relative.begin(), relative.end(),
                                            [](const auto& part) { return part == ".."; })) {
    return fmt::format("the {0}'s path leaves the {0} folder", what);
  }
  const auto path = dir / relative;
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec) && !relative.has_parent_path()) {
    return std::nullopt;
  }
  const auto base = std::filesystem::weakly_canonical(dir, ec);
  const auto target = std::filesystem::weakly_canonical(path, ec);
  const auto rel = target.lexically_relative(base);
  if (ec || rel.empty() || *rel.begin() == "..") {
    return fmt::format("the {} is a link to {}, outside the {} folder", what, target.string(),
                       what);
  }
  return std::nullopt;
}

Result<std::string> read_file(const std::string& path)
{
  if (path == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    return all.str();
  }
  // A folder opens like a file, and libstdc++ then throws from the first read.
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    return Failure{ExitCode::data, "is a folder, not a file", Location{path, 0, {}}};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Failure{ExitCode::data, fmt::format("cannot open: {}", std::strerror(errno)),
                   Location{path, 0, {}}};
  }
  try {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
      return Failure{ExitCode::data, "read error", Location{path, 0, {}}};
    }
    return text;
  } catch (const std::ios_base::failure&) {
    return Failure{ExitCode::data, fmt::format("read error: {}", std::strerror(errno)),
                   Location{path, 0, {}}};
  }
}

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& args,
                                               const std::vector<std::string>& extensions)
{
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& arg : args) {
    if (arg == "-") {
      out.push_back(arg);
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      return Failure{ExitCode::data, "no such file or folder", Location{arg, 0, {}}};
    }
    if (!fs::is_directory(status)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory()) {
          it.disable_recursion_pending();
        }
        continue;
      }
      const auto ext = it->path().extension().string();
      if (it->is_regular_file() &&
          std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      return Failure{ExitCode::data, fmt::format("cannot list folder: {}", ec.message()),
                     Location{arg, 0, {}}};
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

} // namespace sqma::io
