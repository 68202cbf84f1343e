// SPDX-License-Identifier: Apache-2.0
// Reviewers' packets and blank sheets as files: staged, not yet put in place.
#include "score/packet.hpp"

#include "bundle/zip_writer.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/path_guard.hpp"
#include "io/sha256.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>

namespace sqma::score {
namespace {

// Writes `bytes` to `target` (uncommitted), refusing an existing file unless `force`.
void stage_file(const std::filesystem::path& target, std::string_view bytes, bool force,
                std::vector<io::AtomicFile>& files)
{
  io::refuse_existing(target, force);
  io::AtomicFile file(target);
  file.write(bytes);
  file.close();
  files.push_back(std::move(file));
}

// A copied bundle must be the one its dossier records, byte for byte.
void check_copy(const PacketFile& part, const std::string& digest)
{
  if (part.sha256 && *part.sha256 != digest) {
    throw DataError(fmt::format("{}: the bundle {} has SHA-256 {}, but the dossier records {}: "
                                "not the bundle the office received",
                                part.dossier, part.copy_of.filename().string(), digest,
                                *part.sha256));
  }
}

// Copies the file `part` names to `target` (uncommitted), checking its digest on the way.
io::AtomicFile stage_copy(const std::filesystem::path& target, const PacketFile& part, bool force)
{
  io::refuse_existing(target, force);
  std::ifstream in(part.copy_of, std::ios::binary);
  if (!in) {
    throw DataError(fmt::format("{}: cannot open: {}", part.copy_of.string(),
                                std::error_code(errno, std::generic_category()).message()));
  }
  io::AtomicFile file(target);
  io::Sha256 hash;
  std::string block(std::size_t{1} << 20U, '\0');
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const std::string_view got(block.data(), static_cast<std::size_t>(in.gcount()));
    hash.update(got);
    file.write(got);
  }
  if (in.bad()) {
    throw DataError(fmt::format("{}: read error", part.copy_of.string()));
  }
  check_copy(part, hash.hex_digest());
  file.close();
  return file;
}

void create_folder(const std::filesystem::path& dir)
{
  io::create_output_dir(dir);
}

// The packet as one zip, its files under a folder named for the reviewer.
io::AtomicFile stage_zip(const std::filesystem::path& target, const std::string& reviewer,
                         const std::vector<PacketFile>& packet, bool force)
{
  io::refuse_existing(target, force);
  io::AtomicFile file(target);
  bundle::detail::ZipWriter zip(file);
  for (const auto& part : packet) {
    const auto entry = reviewer + "/" + part.path;
    if (part.copy_of.empty()) {
      (void)zip.add(entry, part.bytes, bundle::detail::Method::deflate);
      continue;
    }
    // A bundle is a zip already: stored, and checked against the digest the dossier records
    // while it is copied.
    std::error_code ec;
    const auto size = std::filesystem::file_size(part.copy_of, ec);
    if (ec) {
      throw DataError(fmt::format("{}: {}", part.copy_of.string(), ec.message()));
    }
    bundle::detail::FileSource source(part.copy_of.string());
    const auto digest = zip.add(entry, source, size, bundle::detail::Method::store);
    check_copy(part, digest);
  }
  zip.finish();
  file.close();
  return file;
}

// The packet as a folder; the task note (the first file) is staged last, so that a packet
// whose note is in place is complete.
void stage_folder(const std::filesystem::path& dir, const std::vector<PacketFile>& packet,
                  bool force, std::vector<io::AtomicFile>& files)
{
  std::set<std::filesystem::path> folders;
  for (const auto& part : packet) {
    if (const auto parent = std::filesystem::path(part.path).parent_path(); !parent.empty()) {
      folders.insert(dir / parent);
    }
  }
  std::for_each(folders.begin(), folders.end(), create_folder);
  const auto stage = [&](const PacketFile& part) {
    const auto target = dir / part.path;
    if (part.copy_of.empty()) {
      stage_file(target, part.bytes, force, files);
    } else {
      files.push_back(stage_copy(target, part, force));
    }
  };
  std::for_each(std::next(packet.begin()), packet.end(), stage);
  stage(packet.front());
}

} // namespace

std::size_t stage_packets(const std::vector<model::Dossier>& dossiers,
                          const std::map<std::string, std::string>& names,
                          const std::vector<SheetKind>& kinds, const Criteria& criteria,
                          const PacketSettings& settings, const PacketOutput& output,
                          std::vector<io::AtomicFile>& files)
{
  const auto tasks = tasks_by_reviewer(dossiers, settings.round);
  // Each reviewer's packet is made on its own, two at a time (writing the dossiers and
  // sheets, and deflating them, is most of the run); the files are then staged in the
  // reviewers' order, and the first refusal is the one a run in order would meet.
  std::vector<const std::decay_t<decltype(tasks)>::value_type*> order;
  for (const auto& entry : tasks) {
    order.push_back(&entry);
  }
  std::vector<std::vector<io::AtomicFile>> staged(order.size());
  parallel_for(order.size(), cpu_threads(), [&](std::size_t r) {
    const auto& [reviewer, list] = *order[r];
    const auto name = names.count(reviewer) ? names.at(reviewer) : std::string{};
    const auto packet =
        packet_files(reviewer, name, list, kinds, criteria, settings, output.bundle_dir);
    if (output.zip) {
      staged[r].push_back(
          stage_zip(output.dir / (reviewer + ".zip"), reviewer, packet, output.force));
    } else {
      stage_folder(output.dir / reviewer, packet, output.force, staged[r]);
    }
  });
  for (auto& mine : staged) {
    std::move(mine.begin(), mine.end(), std::back_inserter(files));
  }
  return tasks.size();
}

std::vector<io::AtomicFile> stage_sheets(const std::vector<model::Dossier>& dossiers,
                                         const std::string& round,
                                         const std::vector<SheetKind>& kinds,
                                         const Criteria& criteria, const std::filesystem::path& dir,
                                         bool force)
{
  const auto stage = model::round_stage(round);
  std::vector<io::AtomicFile> files;
  for (const auto& d : dossiers) {
    const auto* r = round_of(d, round);
    if (!stage || d.stage != *stage || r == nullptr) {
      continue;
    }
    for (const auto& member : r->panel) {
      for (const auto kind : kinds) {
        const auto suffix = kind == SheetKind::score ? std::string{} : "_" + to_string(kind);
        const auto target = dir / fmt::format("{}_{}{}.toml", d.id, member.reviewer, suffix);
        stage_file(target, sheet_template(kind, d, member.reviewer, round, criteria.for_dossier(d)),
                   force, files);
      }
    }
  }
  return files;
}

} // namespace sqma::score
