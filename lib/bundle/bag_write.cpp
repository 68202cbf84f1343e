// SPDX-License-Identifier: Apache-2.0
// Writing bags: a folder (create_bag) or an applicant's zip (normalize_to_bag) into a bag zip.
#include "bundle/bag.hpp"
#include "bundle/bag_detail.hpp"
#include "bundle/input_file.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <system_error>

namespace sqma::bundle {

namespace fs = std::filesystem;

namespace {

// The zip's name without ".zip": the bag's folder unless the options name one.
std::string top_folder(const fs::path& out_zip, const BagOptions& options)
{
  if (!options.top.empty()) {
    return options.top;
  }
  auto name = out_zip.filename().string();
  if (name.size() > 4 && name.substr(name.size() - 4) == ".zip") {
    name.resize(name.size() - 4);
  }
  return name;
}

std::string bag_info(const std::vector<detail::PayloadItem>& items, const BagOptions& options)
{
  std::uint64_t bytes = 0;
  for (const auto& item : items) {
    bytes += item.size;
  }
  std::string out = fmt::format("Bagging-Date: {}\nPayload-Oxum: {}.{}\n",
                                options.bagging_date.iso(), bytes, items.size());
  for (const auto& [label, value] : options.info) {
    out += fmt::format("{}: {}\n", label, value);
  }
  out += fmt::format("Bag-Software-Agent: sqma {}\n", k_version);
  return out;
}

void check_options(const BagOptions& options, const std::string& top)
{
  if (!bag_name_problem(top).empty() || top.find('/') != std::string::npos) {
    throw UsageError(fmt::format("\"{}\" cannot name a bag's folder", top));
  }
  for (const auto& [label, value] : options.info) {
    if (label.empty() || label.find_first_of(":\r\n") != std::string::npos ||
        label.front() == ' ' || value.find_first_of("\r\n") != std::string::npos) {
      throw UsageError(fmt::format("bag-info.txt cannot hold \"{}: {}\"", label, value));
    }
  }
  for (const auto& tag : options.tag_files) {
    if (!bag_name_problem(tag.name).empty() || tag.name.find('/') != std::string::npos ||
        detail::is_reserved_tag_name(tag.name)) {
      throw UsageError(fmt::format("\"{}\" cannot name a tag file", tag.name));
    }
  }
}

std::string hash_file(const fs::path& path)
{
  detail::FileSource source(path.string());
  io::Sha256 hash;
  std::string buffer(std::size_t{1} << 20U, '\0');
  while (const auto got = source.read(buffer.data(), buffer.size())) {
    hash.update(std::string_view(buffer.data(), got));
  }
  return hash.hex_digest();
}

Failure failure_of(const Error& e)
{
  return Failure(e.code(), e.what());
}

} // namespace

namespace detail {

BagSummary write_bag(std::vector<PayloadItem> items, const fs::path& out_zip,
                     const BagOptions& options)
{
  const auto top = top_folder(out_zip, options);
  check_options(options, top);
  std::error_code ec;
  if (!options.force && fs::exists(fs::symlink_status(out_zip, ec))) {
    throw UsageError(fmt::format("{}: exists; give --force to replace it", out_zip.string()));
  }
  std::sort(items.begin(), items.end(),
            [](const PayloadItem& a, const PayloadItem& b) { return a.path < b.path; });

  // Every entry, in the sorted order of its name; the manifests sort after data/, so every
  // digest they list is known when they are written.
  enum class Kind { tag, payload, manifest, tag_manifest };
  std::map<std::string, std::pair<Kind, std::size_t>> order;
  std::map<std::string, std::string> tag_content;
  tag_content["bagit.txt"] = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  tag_content["bag-info.txt"] = bag_info(items, options);
  for (const auto& tag : options.tag_files) {
    if (!tag_content.emplace(tag.name, tag.content).second) {
      throw UsageError(fmt::format("tag file \"{}\" given twice", tag.name));
    }
  }
  for (const auto& [name, content] : tag_content) {
    order[top + "/" + name] = {Kind::tag, 0};
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    order[top + "/data/" + items[i].path] = {Kind::payload, i};
  }
  order[top + "/manifest-sha256.txt"] = {Kind::manifest, 0};
  order[top + "/tagmanifest-sha256.txt"] = {Kind::tag_manifest, 0};

  std::map<std::string, std::string> tag_digests; // by name below the top folder
  for (const auto& [name, content] : tag_content) {
    tag_digests[name] = io::sha256_hex(content);
  }
  BagSummary summary;
  summary.files.resize(items.size());
  io::AtomicFile file(out_zip);
  {
    detail::ZipWriter zip(file, options.progress);
    for (const auto& [entry, what] : order) {
      const auto name = entry.substr(top.size() + 1);
      switch (what.first) {
      case Kind::tag:
        static_cast<void>(zip.add(entry, tag_content.at(name), Method::deflate));
        break;
      case Kind::payload: {
        auto& item = items[what.second];
        auto source = item.open();
        const auto method = is_compressed_type(item.path) ? Method::store : Method::deflate;
        auto digest = zip.add(entry, *source, item.size, method);
        if (!item.expected_sha256.empty() && digest != item.expected_sha256) {
          throw DataError(fmt::format("{}: read twice with different bytes", item.path));
        }
        summary.files[what.second] = BagFile{item.path, item.size, std::move(digest)};
        summary.payload_bytes += item.size;
        break;
      }
      case Kind::manifest: {
        std::string manifest;
        for (const auto& f : summary.files) {
          manifest += fmt::format("{}  data/{}\n", f.sha256, percent_encode(f.path));
        }
        tag_digests[name] = zip.add(entry, manifest, Method::deflate);
        break;
      }
      case Kind::tag_manifest: {
        std::string manifest;
        for (const auto& [tag, digest] : tag_digests) {
          manifest += fmt::format("{}  {}\n", digest, percent_encode(tag));
        }
        static_cast<void>(zip.add(entry, manifest, Method::deflate));
        break;
      }
      }
    }
    zip.finish();
  }
  file.close();
  if (options.zip_digest) {
    summary.zip_sha256 = hash_file(file.temp_path());
  }
  if (options.staged != nullptr) {
    options.staged->push_back(std::move(file));
  } else {
    file.commit();
  }
  return summary;
}

} // namespace detail

Result<BagSummary> create_bag(const fs::path& dir, const fs::path& out_zip,
                              const BagOptions& options)
{
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Failure(ExitCode::data, fmt::format("{}: not a folder", dir.string()));
  }
  const auto root = fs::weakly_canonical(dir, ec);
  const auto target = fs::weakly_canonical(fs::absolute(out_zip, ec), ec);
  const auto inside = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  if (inside.first == root.end()) {
    return Failure(ExitCode::usage,
                   fmt::format("{}: the bag would be written inside the folder it bags ({})",
                               out_zip.string(), dir.string()));
  }
  std::vector<detail::PayloadItem> items;
  fs::recursive_directory_iterator it(root, ec);
  if (ec) {
    return Failure(ExitCode::data, fmt::format("{}: cannot read: {}", dir.string(), ec.message()));
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      return Failure(ExitCode::data,
                     fmt::format("{}: cannot read: {}", dir.string(), ec.message()));
    }
    const auto status = it->symlink_status(ec);
    if (fs::is_directory(status)) {
      continue;
    }
    const auto rel = it->path().lexically_relative(root).generic_string();
    const auto shown = (dir / rel).string();
    if (fs::is_symlink(status)) {
      return Failure(ExitCode::data,
                     fmt::format("{}: a symbolic link; bags hold regular files only", shown));
    }
    if (!fs::is_regular_file(status)) {
      return Failure(ExitCode::data, fmt::format("{}: not a regular file", shown));
    }
    if (auto problem = bag_name_problem(rel); !problem.empty()) {
      return Failure(ExitCode::data, fmt::format("{}: {}", shown, problem));
    }
    const auto size = fs::file_size(it->path(), ec);
    if (ec) {
      return Failure(ExitCode::data, fmt::format("{}: cannot read: {}", shown, ec.message()));
    }
    items.push_back(
        {rel,
         size,
         [path = it->path().string()] { return std::make_unique<detail::FileSource>(path); },
         {}});
  }
  try {
    return detail::write_bag(std::move(items), out_zip, options);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    return failure_of(e);
  }
}

} // namespace sqma::bundle
