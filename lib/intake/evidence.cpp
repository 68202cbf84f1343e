// SPDX-License-Identifier: Apache-2.0
#include "intake/evidence.hpp"

#include "bundle/bag.hpp"
#include "bundle/names.hpp"
#include "core/error.hpp"
#include "io/sha256.hpp"
#include "model/dossier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>

namespace sqma::intake {
namespace {

namespace fs = std::filesystem;

Result<std::string> hash_file(const fs::path& path, std::uint64_t size_limit, std::uint64_t& total)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Failure{ExitCode::data, "cannot read the file", Location{path.string(), 0, {}}};
  }
  io::Sha256 digest;
  std::array<char, 1 << 16> buffer{};
  std::uint64_t size = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    size += got;
    total += got;
    if (size > size_limit) {
      return Failure{ExitCode::data, fmt::format("larger than {} bytes", size_limit),
                     Location{path.string(), 0, {}}};
    }
    digest.update(std::string_view(buffer.data(), got));
  }
  if (in.bad()) {
    return Failure{ExitCode::data, "read error", Location{path.string(), 0, {}}};
  }
  return digest.hex_digest();
}

std::string manifest_digest(const std::map<std::string, std::string>& files)
{
  // std::map orders std::string keys by their bytes, as the manifest is ordered.
  io::Sha256 digest;
  for (const auto& [path, sha] : files) {
    digest.update(fmt::format("{}  {}\n", sha, path));
  }
  return digest.hex_digest();
}

} // namespace

Result<Evidence> hash_folder(const fs::path& folder, const bundle::Limits& limits)
{
  Evidence evidence;
  evidence.source = folder.string();
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec);
  if (ec) {
    return Failure{ExitCode::data, fmt::format("cannot read the folder: {}", ec.message()),
                   Location{folder.string(), 0, {}}};
  }
  std::uint64_t total = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      break;
    }
    const auto& entry = *it;
    const auto rel = entry.path().lexically_relative(folder).generic_string();
    if (entry.is_symlink()) {
      return Failure{ExitCode::data, "a symbolic link: evidence holds files and folders only",
                     Location{entry.path().string(), 0, {}}};
    }
    if (entry.is_directory()) {
      continue;
    }
    if (!entry.is_regular_file()) {
      return Failure{ExitCode::data, "not a regular file", Location{entry.path().string(), 0, {}}};
    }
    if (!bundle::detail::is_valid_utf8(rel)) {
      return Failure{ExitCode::data, "the file name is not UTF-8",
                     Location{entry.path().string(), 0, {}}};
    }
    if (evidence.files.size() >= limits.max_entries) {
      return Failure{ExitCode::data, fmt::format("more than {} files", limits.max_entries),
                     Location{folder.string(), 0, {}}};
    }
    auto sha = hash_file(entry.path(), limits.max_entry_size, total);
    if (!sha) {
      return sha.failure();
    }
    if (total > limits.max_total_size) {
      return Failure{ExitCode::data, fmt::format("more than {} bytes", limits.max_total_size),
                     Location{folder.string(), 0, {}}};
    }
    evidence.files.emplace(rel, std::move(sha.value()));
  }
  if (ec) {
    return Failure{ExitCode::data, fmt::format("cannot read the folder: {}", ec.message()),
                   Location{folder.string(), 0, {}}};
  }
  evidence.sha256 = manifest_digest(evidence.files);
  return evidence;
}

Result<Evidence> read_evidence(const fs::path& path, const bundle::Limits& limits)
{
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return hash_folder(path, limits);
  }
  if (!fs::is_regular_file(path, ec)) {
    return Failure{ExitCode::data, "no such folder or zip", Location{path.string(), 0, {}}};
  }
  auto inspection = bundle::inspect(path, limits);
  if (!inspection) {
    return inspection.failure();
  }
  for (const auto& problem : inspection->problems) {
    if (!bundle::is_informational(problem.kind)) {
      return Failure{ExitCode::data,
                     fmt::format("{}{}: {}",
                                 problem.entry.empty() ? "" : "entry " + problem.entry + ": ",
                                 bundle::to_string(problem.kind), problem.detail),
                     Location{path.string(), 0, {}}};
    }
  }
  Evidence evidence;
  evidence.source = path.string();
  evidence.zip = true;
  for (const auto& entry : inspection->entries) {
    evidence.files.emplace(entry.name, entry.sha256);
  }
  std::ifstream in(path, std::ios::binary);
  io::Sha256 digest;
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    digest.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  evidence.sha256 = digest.hex_digest();
  return evidence;
}

void bag_evidence(const BagEvidenceOptions& options, const std::vector<std::string>& folders,
                  std::vector<model::Dossier>& dossiers, std::vector<io::AtomicFile>& staged)
{
  io::create_output_dir(options.bundle_dir);
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    auto& d = dossiers[i];
    if (folders[i].empty() || !d.bundle) {
      continue;
    }
    bundle::BagOptions bag;
    bag.bagging_date = options.date;
    bag.force = options.force;
    bag.zip_digest = true;
    bag.info.emplace_back("External-Identifier", d.id);
    bag.progress = options.progress;
    bag.staged = &staged;
    auto summary = bundle::create_bag(folders[i], options.bundle_dir / d.bundle->path, bag).take();
    for (const auto& material : d.materials) {
      const auto found = std::find_if(summary.files.begin(), summary.files.end(),
                                      [&](const auto& f) { return f.path == material.path; });
      if (found == summary.files.end() || found->sha256 != material.sha256) {
        throw DataError(
            fmt::format("{}: {} changed while it was imported", folders[i], material.path));
      }
    }
    d.bundle->sha256 = summary.zip_sha256;
  }
}

} // namespace sqma::intake
