// SPDX-License-Identifier: Apache-2.0
// Reading bags back: completeness and validity in BagIt's sense, from one inspection.
#include "bundle/bag.hpp"
#include "bundle/bag_detail.hpp"
#include "bundle/zip_reader.hpp"

#include <fmt/format.h>
#include <zip.h>

#include "io/sha256.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <set>

namespace sqma::bundle {

namespace {

// The top folder of "<top>/bagit.txt" when exactly one entry is named so.
std::optional<std::string> find_top(const Inspection& inspection)
{
  std::optional<std::string> top;
  for (const auto& entry : inspection.entries) {
    const auto slash = entry.name.find('/');
    if (slash != std::string::npos && slash > 0 &&
        std::string_view(entry.name).substr(slash + 1) == "bagit.txt") {
      if (top) {
        return std::nullopt;
      }
      top = entry.name.substr(0, slash);
    }
  }
  return top;
}

bool is_hex_digest(std::string_view text)
{
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The OpenSSL name of a BagIt manifest algorithm (RFC 8493 section 2.4), or empty.
std::string openssl_name(const std::string& algorithm)
{
  static const std::map<std::string, std::string, std::less<>> k_names{
      {"md5", "MD5"},       {"sha1", "SHA1"},     {"sha224", "SHA224"},
      {"sha384", "SHA384"}, {"sha512", "SHA512"},
  };
  const auto it = k_names.find(algorithm);
  return it == k_names.end() ? std::string{} : it->second;
}

std::string unknown_algorithm(const std::string& algorithm)
{
  return fmt::format(
      "sqma cannot check {} digests (it knows md5, sha1, sha224, sha256, sha384 and sha512)",
      algorithm);
}

// Checks the listed digests of a payload manifest of an algorithm other than SHA-256 (whose
// digests the inspection has): manifest name, algorithm, (path, digest) lines; the problems.
using OtherDigests = std::function<std::vector<BagProblem>(
    const std::string&, const std::string&, const std::map<std::string, std::string>&)>;

class BagChecker {
public:
  BagChecker(const Inspection& inspection, OtherDigests other)
      : m_inspection(inspection), m_other(std::move(other))
  {
  }

  BagReport run()
  {
    for (const auto& problem : m_inspection.problems) {
      if (!is_informational(problem.kind)) {
        add(BagProblemKind::unsafe_entry, problem.entry,
            fmt::format("{}: {}", to_string(problem.kind), problem.detail));
      }
    }
    const auto top = find_top(m_inspection);
    if (!top) {
      add(BagProblemKind::not_a_bag, {},
          "no single top folder holding bagit.txt (RFC 8493 section 2.1.1)");
      return std::move(m_out);
    }
    m_out.is_bag = true;
    m_out.top = *top;
    const auto prefix = *top + "/";
    for (const auto& entry : m_inspection.entries) {
      if (entry.name.rfind(prefix, 0) != 0) {
        add(BagProblemKind::extra, entry.name, "outside the bag's folder");
        continue;
      }
      const auto rel = entry.name.substr(prefix.size());
      m_files[rel] = &entry;
      if (rel.rfind("data/", 0) == 0) {
        m_out.files.push_back(BagFile{rel.substr(5), entry.size, entry.sha256});
        m_payload_bytes += entry.size;
      } else if (detail::is_tag_file_name(entry.name) && entry.size > 0 && entry.content.empty()) {
        add(BagProblemKind::bad_manifest, rel, "a tag file too large to read");
      }
    }
    check_declaration();
    check_info();
    check_manifests();
    std::stable_sort(m_out.problems.begin(), m_out.problems.end(),
                     [](const BagProblem& a, const BagProblem& b) { return a.path < b.path; });
    return std::move(m_out);
  }

private:
  static bool is_manifest(std::string_view name)
  {
    return name.rfind("manifest-", 0) == 0 || name.rfind("tagmanifest-", 0) == 0;
  }

  void add(BagProblemKind kind, std::string path, std::string detail)
  {
    m_out.problems.push_back(BagProblem{kind, std::move(path), std::move(detail)});
  }

  const Entry* file(const std::string& rel) const
  {
    const auto it = m_files.find(rel);
    return it == m_files.end() ? nullptr : it->second;
  }

  void check_declaration()
  {
    const auto* declaration = file("bagit.txt");
    std::string error;
    const auto lines = detail::parse_tag_lines(declaration->content, error);
    const bool ok = error.empty() && lines.size() == 2 && lines[0].first == "BagIt-Version" &&
                    (lines[0].second == "1.0" || lines[0].second == "0.97") &&
                    lines[1].first == "Tag-File-Character-Encoding" &&
                    lower(lines[1].second) == "utf-8";
    if (!ok) {
      add(BagProblemKind::bad_declaration, "bagit.txt",
          "expected \"BagIt-Version: 1.0\" and \"Tag-File-Character-Encoding: UTF-8\"");
    }
  }

  void check_info()
  {
    const auto* info = file("bag-info.txt");
    if (info == nullptr) {
      return; // optional in BagIt
    }
    std::string error;
    m_out.info = detail::parse_tag_lines(info->content, error);
    if (!error.empty()) {
      add(BagProblemKind::bad_bag_info, "bag-info.txt", error);
      return;
    }
    for (const auto& [label, value] : m_out.info) {
      if (lower(label) != "payload-oxum") {
        continue;
      }
      const auto dot = value.find('.');
      std::uint64_t bytes = 0;
      std::uint64_t count = 0;
      const auto* end = value.data() + value.size();
      // A number too large for 64 bits is read whole but out of range, and leaves 0 behind.
      const auto whole = [](std::from_chars_result r, const char* stop) {
        return r.ptr == stop && r.ec == std::errc{};
      };
      const bool parsed =
          dot != std::string::npos &&
          whole(std::from_chars(value.data(), value.data() + dot, bytes), value.data() + dot) &&
          whole(std::from_chars(value.data() + dot + 1, end, count), end);
      if (!parsed) {
        add(BagProblemKind::bad_oxum, "bag-info.txt",
            fmt::format("Payload-Oxum \"{}\" is not <octets>.<count>, whole numbers below 2^64",
                        value));
      } else if (bytes != m_payload_bytes || count != m_out.files.size()) {
        add(BagProblemKind::bad_oxum, "bag-info.txt",
            fmt::format("Payload-Oxum says {} bytes in {} files, the payload has {} in {}", bytes,
                        count, m_payload_bytes, m_out.files.size()));
      }
    }
  }

  // Every line of the manifest `name` as (path below the top folder, digest); a problem for
  // a line that is not "<digest> <path>" and for a path listed twice (the first line kept).
  std::map<std::string, std::string> read_manifest(const std::string& name, bool sha256)
  {
    std::map<std::string, std::string> out;
    const auto& text = file(name)->content;
    std::size_t at = 0;
    std::size_t line_number = 0;
    while (at < text.size()) {
      auto end = text.find('\n', at);
      end = end == std::string::npos ? text.size() : end;
      std::string_view line(text.data() + at, end - at);
      at = end + 1;
      ++line_number;
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      if (line.empty()) {
        continue;
      }
      const auto space = line.find_first_of(" \t");
      const auto path_at = space == std::string_view::npos ? std::string_view::npos
                                                           : line.find_first_not_of(" \t", space);
      const auto decoded =
          path_at == std::string_view::npos ? std::nullopt : percent_decode(line.substr(path_at));
      if (!decoded || (sha256 && !is_hex_digest(line.substr(0, space)))) {
        add(BagProblemKind::bad_manifest, name,
            fmt::format("line {}: expected \"<digest>  <path>\"", line_number));
        continue;
      }
      // BagIt lists a file once; a second line could hide a wrong digest behind a right
      // one (sha256sum -c would check both), so it is a fault of the manifest.
      if (!out.emplace(*decoded, lower(std::string(line.substr(0, space)))).second) {
        add(BagProblemKind::bad_manifest, name,
            fmt::format("line {}: {} is listed again", line_number, *decoded));
      }
    }
    return out;
  }

  void compare(const std::string& manifest, const std::map<std::string, std::string>& listed,
               bool sha256)
  {
    for (const auto& [path, digest] : listed) {
      const auto* entry = file(path);
      if (entry == nullptr) {
        add(BagProblemKind::missing, path, fmt::format("listed in {}, not in the bag", manifest));
      } else if (sha256 && entry->sha256 != digest) {
        add(BagProblemKind::changed, path,
            fmt::format("SHA-256 {}, {} lists {}", entry->sha256, manifest, digest));
      }
    }
  }

  // The digests of a tag manifest of another algorithm: over the bytes the inspection kept
  // (bagit.txt, bag-info.txt, the manifests), and for the other tag files it lists, by
  // reading them from the zip again when a reader was given (bundle verify).
  void compare_tags(const std::string& manifest, const std::string& algorithm,
                    const std::map<std::string, std::string>& listed)
  {
    const auto name = openssl_name(algorithm);
    if (name.empty()) {
      add(BagProblemKind::bad_manifest, manifest, unknown_algorithm(algorithm));
      return;
    }
    std::map<std::string, std::string> unkept;
    for (const auto& [path, digest] : listed) {
      const auto* entry = file(path);
      if (entry == nullptr) {
        continue;
      }
      if (entry->content.size() != entry->size) {
        unkept.emplace(path, digest);
        continue;
      }
      io::Digest hash(name);
      hash.update(entry->content);
      if (const auto actual = hash.hex_digest(); actual != digest) {
        add(BagProblemKind::changed, path,
            fmt::format("{} {}, {} lists {}", name, actual, manifest, digest));
      }
    }
    read_again(manifest, algorithm, unkept);
  }

  // Checks the files `listed` in a manifest of another algorithm by reading them from the
  // zip again (bundle verify only). In a zip with problems the files are not read: an unsafe
  // one makes the bag invalid already, and names decoded from GB18030 cannot be found again
  // by their bytes, which is said rather than passed over.
  void read_again(const std::string& manifest, const std::string& algorithm,
                  const std::map<std::string, std::string>& listed)
  {
    if (listed.empty() || !m_other) {
      return;
    }
    if (!m_inspection.problems.empty()) {
      if (std::all_of(m_inspection.problems.begin(), m_inspection.problems.end(),
                      [](const auto& problem) { return is_informational(problem.kind); })) {
        add(BagProblemKind::bad_manifest, manifest,
            fmt::format("its {} digests cannot be checked in a zip whose names are not "
                        "UTF-8: the bag must be written again with UTF-8 names",
                        algorithm));
      }
      return;
    }
    for (auto& problem : m_other(manifest, algorithm, listed)) {
      m_out.problems.push_back(std::move(problem));
    }
  }

  void check_manifests()
  {
    std::set<std::string> payload_manifests;
    std::set<std::string> listed_tags;
    bool any_tag_manifest = false;
    for (const auto& [rel, entry] : m_files) {
      if (rel.find('/') != std::string::npos || !is_manifest(rel) || rel.size() < 4 ||
          rel.substr(rel.size() - 4) != ".txt") {
        continue;
      }
      const bool tag = rel.rfind("tagmanifest-", 0) == 0;
      const auto algorithm = rel.substr(tag ? 12 : 9, rel.size() - (tag ? 16 : 13));
      const bool sha256 = algorithm == "sha256";
      const auto listed = read_manifest(rel, sha256);
      compare(rel, listed, sha256);
      if (tag) {
        any_tag_manifest = true;
        if (!sha256) {
          compare_tags(rel, algorithm, listed);
        }
        for (const auto& [path, digest] : listed) {
          listed_tags.insert(path);
        }
        continue;
      }
      payload_manifests.insert(rel);
      if (!sha256) {
        read_again(rel, algorithm, listed);
      }
      for (const auto& f : m_out.files) {
        if (listed.count("data/" + f.path) == 0) {
          add(BagProblemKind::extra, "data/" + f.path, fmt::format("not listed in {}", rel));
        }
      }
      for (const auto& [path, digest] : listed) {
        if (path.rfind("data/", 0) != 0) {
          add(BagProblemKind::bad_manifest, rel,
              fmt::format("\"{}\" is not in the payload folder data/", path));
        }
      }
    }
    if (payload_manifests.empty()) {
      add(BagProblemKind::bad_manifest, {}, "no payload manifest (manifest-<algorithm>.txt)");
    }
    // A tag file that no tag manifest lists could have been added by anyone: sqma's bags
    // list every one, so one more is reported.
    if (!any_tag_manifest) {
      return;
    }
    for (const auto& [rel, entry] : m_files) {
      if (rel.rfind("data/", 0) != 0 && rel.rfind("tagmanifest-", 0) != 0 &&
          listed_tags.count(rel) == 0) {
        add(BagProblemKind::extra, rel, "a tag file no tag manifest lists");
      }
    }
  }

  const Inspection& m_inspection;
  OtherDigests m_other;
  BagReport m_out;
  std::map<std::string, const Entry*> m_files; // by path below the top folder
  std::uint64_t m_payload_bytes = 0;
};

} // namespace

bool looks_like_bag(const Inspection& inspection)
{
  return find_top(inspection).has_value();
}

BagReport check_bag(const Inspection& inspection)
{
  return BagChecker(inspection, {}).run();
}

namespace {

// Reads the files a manifest of another algorithm lists from the zip at `path`
// once more, each streamed through that digest: RFC 8493 holds a bag valid only when every
// payload manifest is. Called only for an inspection without problems, so that the entries
// are known to be safe to read.
std::vector<BagProblem> check_other_digests(const std::filesystem::path& path,
                                            const std::string& top, const std::string& manifest,
                                            const std::string& algorithm,
                                            const std::map<std::string, std::string>& listed)
{
  std::vector<BagProblem> out;
  const auto name = openssl_name(algorithm);
  if (name.empty()) {
    out.push_back({BagProblemKind::bad_manifest, manifest, unknown_algorithm(algorithm)});
    return out;
  }
  int error = ZIP_ER_OK;
  const std::unique_ptr<zip_t, detail::ZipDiscard> archive(
      zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    out.push_back({BagProblemKind::bad_manifest, manifest, "the zip cannot be read again"});
    return out;
  }
  std::string buffer(std::size_t{1} << 16U, '\0');
  for (const auto& [file, digest] : listed) {
    const auto entry_name = top + "/" + file;
    // The inspection found no problem, so every name is the entry's raw bytes.
    const auto index = zip_name_locate(archive.get(), entry_name.c_str(), ZIP_FL_ENC_RAW);
    if (index < 0) {
      continue; // not in the bag: reported as missing already
    }
    const std::unique_ptr<zip_file_t, detail::ZipFileClose> entry(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
    io::Digest hash(name);
    zip_int64_t got = 0;
    while (entry && (got = zip_fread(entry.get(), buffer.data(), buffer.size())) > 0) {
      hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
    if (!entry || got < 0) {
      out.push_back({BagProblemKind::changed, file, "cannot be read"});
      continue;
    }
    if (const auto actual = hash.hex_digest(); actual != digest) {
      out.push_back({BagProblemKind::changed, file,
                     fmt::format("{} {}, {} lists {}", name, actual, manifest, digest)});
    }
  }
  return out;
}

} // namespace

Result<BagReport> read_bag(const std::filesystem::path& path, const ReadOptions& options)
{
  InspectOptions inspect_options;
  inspect_options.jobs = options.jobs;
  inspect_options.keep_tag_files = true;
  inspect_options.progress = options.progress;
  auto inspection = inspect(path, options.limits, inspect_options);
  if (!inspection) {
    return inspection.failure();
  }
  const auto top = find_top(inspection.value()).value_or(std::string{});
  return BagChecker(inspection.value(),
                    [&](const std::string& manifest, const std::string& algorithm,
                        const std::map<std::string, std::string>& listed) {
                      return check_other_digests(path, top, manifest, algorithm, listed);
                    })
      .run();
}

Result<std::vector<Result<std::string>>> read_entries(const std::filesystem::path& path,
                                                      const std::vector<std::string>& names,
                                                      std::uint64_t max_size)
{
  int error = ZIP_ER_OK;
  const std::unique_ptr<zip_t, detail::ZipDiscard> archive(
      zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    return Failure(ExitCode::data, fmt::format("{}: libzip cannot open it", path.string()));
  }
  std::vector<Result<std::string>> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    const auto fail = [&](std::string_view what) {
      return Failure(ExitCode::data, fmt::format("{}: {}: {}", path.string(), name, what));
    };
    const auto index = zip_name_locate(archive.get(), name.c_str(), ZIP_FL_ENC_RAW);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (index < 0 ||
        zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
      out.emplace_back(fail("no such entry"));
      continue;
    }
    if (stat.size > max_size) {
      out.emplace_back(fail(fmt::format("{} bytes, more than the {} read", stat.size, max_size)));
      continue;
    }
    const std::unique_ptr<zip_file_t, detail::ZipFileClose> entry(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
    if (!entry) {
      out.emplace_back(fail("cannot be read"));
      continue;
    }
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const auto got = zip_fread(entry.get(), bytes.data(), bytes.size());
    if (got < 0 || static_cast<std::uint64_t>(got) != stat.size) {
      out.emplace_back(fail("cannot be read"));
      continue;
    }
    out.emplace_back(std::move(bytes));
  }
  return out;
}

Result<std::string> read_entry(const std::filesystem::path& path, std::string_view name,
                               std::uint64_t max_size)
{
  auto read = read_entries(path, {std::string(name)}, max_size);
  if (!read) {
    return read.failure();
  }
  return std::move(read.value().front());
}

} // namespace sqma::bundle
