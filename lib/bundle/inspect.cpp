// SPDX-License-Identifier: Apache-2.0
#include "bundle/inspect.hpp"

#include "bundle/bag_detail.hpp"
#include "bundle/central_directory.hpp"
#include "bundle/names.hpp"
#include "bundle/zip_reader.hpp"
#include "core/parallel.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>
#include <libdeflate.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <tuple>
#include <utility>

namespace sqma::bundle {

namespace {

constexpr std::uint16_t k_flag_encrypted = 0x0001;
constexpr std::uint16_t k_flag_strong_encryption = 0x0040;
constexpr std::uint16_t k_flag_utf8 = 0x0800;
constexpr std::uint16_t k_method_aes = 99;
constexpr std::uint16_t k_method_stored = 0;
constexpr std::uint16_t k_method_deflated = 8;
constexpr std::uint64_t k_inflate_whole = std::uint64_t{4} << 20U; // bytes, either side
constexpr std::size_t k_stored_chunk = std::size_t{1} << 20U;
// Below this many stored bytes, threads cost more than they save.
constexpr std::uint64_t k_parallel_bytes = std::uint64_t{64} << 20U;
// Inflating costs several times what hashing does: deflated entries share threads sooner.
constexpr std::uint64_t k_parallel_inflated = std::uint64_t{4} << 20U;
constexpr unsigned k_host_unix = 3;
constexpr std::uint32_t k_mode_type = 0170000;
constexpr std::uint32_t k_mode_symlink = 0120000;

// A name in NFKC with case folded (Unicode's NFKC_Casefold), so that "A.pdf" and "a.pdf", or
// a precomposed and a decomposed "é", compare equal. A name ICU cannot take stays as it is.
std::string folded_name(const std::string& name)
{
  if (std::all_of(name.begin(), name.end(), [](char c) { return (c & 0x80) == 0; })) {
    std::string out(name);
    for (auto& c : out) {
      c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return name;
  }
  const auto folded = normalizer->normalize(icu::UnicodeString::fromUTF8(name), status);
  if (U_FAILURE(status)) {
    return name;
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

// The state of one inspection: the central records, their decoded names and which of them
// are kept out of the result.
class Inspector {
public:
  Inspector(const detail::InputFile& file, const Limits& limits, const InspectOptions& options,
            std::vector<detail::CentralRecord> records, std::uint64_t directory_offset)
      : m_file(file), m_limits(limits), m_options(options), m_records(std::move(records)),
        m_directory_offset(directory_offset), m_blocked(m_records.size(), false),
        m_data_begin(m_records.size())
  {
  }

  Inspection run()
  {
    check_names();
    check_attributes();
    check_duplicates();
    check_layout();
    check_sizes();
    read_entries();
    std::sort(m_out.entries.begin(), m_out.entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    std::stable_sort(m_out.problems.begin(), m_out.problems.end(),
                     [](const Problem& a, const Problem& b) {
                       return std::tie(a.entry, a.kind) < std::tie(b.entry, b.kind);
                     });
    return std::move(m_out);
  }

private:
  void report(std::size_t index, ProblemKind kind, std::string detail)
  {
    m_out.problems.push_back(Problem{kind, m_names[index].name, std::move(detail)});
    if (!is_informational(kind)) {
      m_blocked[index] = true;
    }
  }

  [[nodiscard]] bool is_directory(std::size_t index) const
  {
    const auto& name = m_names[index].name;
    return !name.empty() && name.back() == '/';
  }

  void check_names()
  {
    detail::NameDecoder decoder;
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      const bool utf8_flag = (m_records[i].flags & k_flag_utf8) != 0;
      m_names.push_back(decoder.decode(m_records[i].raw_name, utf8_flag));
      if (!m_names[i].valid) {
        report(i, ProblemKind::invalid_name,
               utf8_flag ? "the name is flagged as UTF-8 but is not"
                         : "the name is neither UTF-8 nor GB18030");
        continue;
      }
      if (m_names[i].from_gb18030) {
        report(i, ProblemKind::gb18030_name, "the name was decoded from GB18030 (no UTF-8 flag)");
      }
      for (auto& problem : detail::name_problems(m_names[i].name)) {
        report(i, problem.kind, std::move(problem.detail));
      }
    }
  }

  void check_attributes()
  {
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      const auto& record = m_records[i];
      const auto mode = record.external_attributes >> 16U;
      if ((record.made_by >> 8U) == k_host_unix && (mode & k_mode_type) == k_mode_symlink) {
        report(i, ProblemKind::symlink, "the entry is a symbolic link");
      }
      if ((record.flags & (k_flag_encrypted | k_flag_strong_encryption)) != 0 ||
          record.method == k_method_aes) {
        report(i, ProblemKind::encrypted, "the entry is encrypted");
      }
    }
  }

  void check_duplicates()
  {
    // Names that differ only in case or Unicode form extract to one file on Windows and
    // macOS, and one would silently replace the other: they count as the same name.
    std::map<std::string, std::vector<std::size_t>> seen;
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      seen[folded_name(m_names[i].name)].push_back(i);
    }
    for (const auto& [key, indices] : seen) {
      if (indices.size() < 2) {
        continue;
      }
      const auto& first = m_names[indices[0]].name;
      const auto& second = m_names[indices[1]].name;
      report(indices.front(), ProblemKind::duplicate_name,
             first == second
                 ? fmt::format("the name occurs {} times", indices.size())
                 : fmt::format("\"{}\" and \"{}\" are the same name after case folding and "
                               "Unicode normalisation",
                               first, second));
      for (const auto index : indices) {
        m_blocked[index] = true;
      }
    }
    // A name that is a file and also the folder of another ("x.md" and "x.md/y.md") cannot
    // be extracted either: the second entry finds a file where its folder should be.
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      const auto folded = folded_name(m_names[i].name);
      for (auto slash = folded.find('/'); slash != std::string::npos && slash + 1 < folded.size();
           slash = folded.find('/', slash + 1)) {
        const auto file = seen.find(folded.substr(0, slash));
        if (file == seen.end()) {
          continue;
        }
        const auto other = file->second.front();
        report(i, ProblemKind::duplicate_name,
               fmt::format("\"{}\" is a file, and a folder of this entry", m_names[other].name));
        m_blocked[i] = true;
        m_blocked[other] = true;
        break;
      }
    }
  }

  // Local headers must agree with the central directory, and no two entries may share bytes:
  // overlapping entries are how non-recursive zip bombs reuse one compressed kernel.
  void check_layout()
  {
    std::vector<std::pair<detail::LocalSpan, std::size_t>> spans;
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      auto span = detail::read_local_span(m_file, m_records[i], m_directory_offset);
      if (span.problem) {
        m_layout_trusted = false;
        report(i, span.problem->kind, std::move(span.problem->detail));
        continue;
      }
      m_data_begin[i] = span.end - m_records[i].compressed_size;
      spans.emplace_back(span, i);
    }
    std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.begin, a.first.end) < std::tie(b.first.begin, b.first.end);
    });
    std::vector<bool> reported(m_records.size(), false);
    std::uint64_t reach = 0;
    std::size_t owner = 0;
    for (const auto& [span, index] : spans) {
      if (span.begin < reach) {
        for (const auto& [one, other] : {std::pair{index, owner}, std::pair{owner, index}}) {
          if (!reported[one]) {
            reported[one] = true;
            report(one, ProblemKind::overlapping,
                   fmt::format("its data overlaps entry \"{}\"", m_names[other].name));
          }
        }
      }
      if (span.end > reach) {
        reach = span.end;
        owner = index;
      }
    }
  }

  void check_sizes()
  {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      if (m_blocked[i] || is_directory(i)) {
        continue;
      }
      const auto& record = m_records[i];
      if (record.size > m_limits.max_entry_size) {
        report(i, ProblemKind::too_large,
               fmt::format("{} bytes uncompressed, the limit is {}", record.size,
                           m_limits.max_entry_size));
        continue;
      }
      if (record.size > m_limits.ratio_min_size &&
          static_cast<double>(record.size) >
              static_cast<double>(record.compressed_size) * m_limits.max_ratio) {
        report(i, ProblemKind::ratio,
               fmt::format("compressed {} to 1, the limit is {:.0f} to 1",
                           record.size / std::max<std::uint64_t>(record.compressed_size, 1),
                           m_limits.max_ratio));
        continue;
      }
      if (record.size > m_limits.max_total_size - std::min(total, m_limits.max_total_size)) {
        report(i, ProblemKind::too_large,
               fmt::format("the entries pass the total limit of {} bytes uncompressed",
                           m_limits.max_total_size));
        continue;
      }
      total += record.size;
    }
  }

  void read_entries()
  {
    std::vector<std::size_t> wanted;
    for (std::size_t i = 0; i < m_records.size(); ++i) {
      if (!m_blocked[i] && !is_directory(i)) {
        wanted.push_back(i);
      }
    }
    // Stored entries (scans and photos do not compress, so most evidence is stored) are
    // read straight from the file in large chunks, hashed and checked against their CRC-32
    // here; only compressed entries go through libzip.
    std::vector<std::size_t> compressed;
    std::vector<std::size_t> stored;
    std::vector<std::size_t> deflated;
    for (const auto index : wanted) {
      if (is_plain_stored(index)) {
        stored.push_back(index);
      } else if (is_small_deflated(index)) {
        deflated.push_back(index);
      } else {
        compressed.push_back(index);
      }
    }
    read_in_place(deflated, k_parallel_inflated, [this](std::size_t i) { return inflate(i); });
    read_in_place(stored, k_parallel_bytes, [this](std::size_t i) { return read_stored(i); });
    wanted.swap(compressed);
    if (wanted.empty()) {
      return;
    }
    // libzip 1.7 refuses the whole archive under ZIP_CHECKCONS for what was already reported
    // per entry above (duplicate names, bad local headers); the other entries still count.
    auto archive = detail::ZipReader::open(m_file, m_layout_trusted && !has_duplicates());
    if (!archive.ok()) {
      m_out.problems.push_back(archive.problem());
      return;
    }
    if (auto problem = archive.check_count(m_records.size())) {
      m_out.problems.push_back(std::move(*problem));
      return;
    }
    for (const auto index : wanted) {
      tick();
      std::string content;
      auto read = archive.read(index, m_records[index], keep(index) ? &content : nullptr,
                               m_options.progress);
      if (read.problem) {
        report(index, read.problem->kind, std::move(read.problem->detail));
        continue;
      }
      m_out.entries.push_back(Entry{m_names[index].name, m_records[index].size,
                                    std::move(read.sha256), m_names[index].from_gb18030,
                                    std::move(content)});
    }
  }

  // Gives the caller its say between pieces of work (see InspectOptions::progress).
  void tick() const
  {
    if (m_options.progress) {
      m_options.progress();
    }
  }

  // True when the entry's bytes are kept: a bag's tag file within the size limit.
  [[nodiscard]] bool keep(std::size_t index) const
  {
    return m_options.keep_tag_files && m_records[index].size <= m_limits.max_tag_file &&
           detail::is_tag_file_name(m_names[index].name);
  }

  // What reading one entry in place gave: its CRC-32, digest and kept bytes, or a problem.
  struct InPlaceRead {
    std::optional<std::pair<ProblemKind, std::string>> problem;
    std::uint32_t crc = 0;
    std::string sha256;
    std::string content;
  };

  // Reads entries in place with `read` (safe on several threads), on several threads when
  // the options allow and they hold at least `parallel_from` bytes (a cycle archive), and
  // lists them in the order given.
  template <typename Read>
  void read_in_place(const std::vector<std::size_t>& indices, std::uint64_t parallel_from,
                     const Read& read)
  {
    std::vector<InPlaceRead> reads(indices.size());
    std::uint64_t bytes = 0;
    for (const auto index : indices) {
      bytes += m_records[index].size;
    }
    const unsigned jobs = bytes < parallel_from ? 1U : std::max(1U, m_options.jobs);
    parallel_for(indices.size(), jobs, [&](std::size_t i) {
      tick();
      reads[i] = read(indices[i]);
    });
    for (std::size_t i = 0; i < indices.size(); ++i) {
      if (reads[i].problem) {
        report(indices[i], reads[i].problem->first, std::move(reads[i].problem->second));
      } else {
        accept(indices[i], reads[i].crc, std::move(reads[i].sha256), std::move(reads[i].content));
      }
    }
  }

  // The entry's data can be read straight from the file: the layout checked out and it is
  // not encrypted.
  [[nodiscard]] bool readable_in_place(std::size_t index) const
  {
    return m_layout_trusted && m_data_begin[index] &&
           (m_records[index].flags & (k_flag_encrypted | k_flag_strong_encryption)) == 0;
  }

  [[nodiscard]] bool is_plain_stored(std::size_t index) const
  {
    const auto& record = m_records[index];
    return readable_in_place(index) && record.method == k_method_stored &&
           record.compressed_size == record.size;
  }

  // Safe to call from several threads at once: it only reads the file and the records.
  [[nodiscard]] InPlaceRead read_stored(std::size_t index) const
  {
    InPlaceRead out;
    const bool kept = keep(index);
    const auto& record = m_records[index];
    io::Sha256 hash;
    std::uint32_t crc = 0;
    std::uint64_t offset = *m_data_begin[index];
    std::uint64_t left = record.size;
    // One buffer per thread, kept for the life of the thread: a fresh megabyte for every
    // bundle would cost more in page faults and zeroing than the hashing does.
    thread_local const auto buffer = std::make_unique_for_overwrite<char[]>(k_stored_chunk);
    if (const auto view = m_file.view_at(offset, static_cast<std::size_t>(left))) {
      if (kept) {
        out.content = *view;
      }
      for (std::size_t at = 0; at < view->size(); at += k_stored_chunk) {
        tick();
        const auto piece = view->substr(at, k_stored_chunk);
        hash.update(piece);
        crc = libdeflate_crc32(crc, piece.data(), piece.size());
      }
      left = 0;
    }
    while (left > 0) {
      tick();
      const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(left, k_stored_chunk));
      if (!m_file.read_at(offset, count, buffer.get())) {
        out.problem.emplace(ProblemKind::truncated, "the file ends inside the entry's data");
        return out;
      }
      hash.update(std::string_view(buffer.get(), count));
      if (kept) {
        out.content.append(buffer.get(), count);
      }
      crc = libdeflate_crc32(crc, buffer.get(), count);
      offset += count;
      left -= count;
    }
    out.crc = crc;
    out.sha256 = hash.hex_digest();
    return out;
  }

  // A deflated entry small enough to inflate in one call, whole, in memory.
  [[nodiscard]] bool is_small_deflated(std::size_t index) const
  {
    const auto& record = m_records[index];
    return readable_in_place(index) && record.method == k_method_deflated &&
           record.size <= k_inflate_whole && record.compressed_size <= k_inflate_whole;
  }

  // Inflates with libdeflate (faster than zlib, and it refuses output past the declared
  // size), then checks size and CRC-32 as libzip would. Safe to call from several threads at
  // once: it only reads the file and the records.
  [[nodiscard]] InPlaceRead inflate(std::size_t index) const
  {
    struct FreeDecompressor {
      void operator()(libdeflate_decompressor* d) const noexcept
      {
        libdeflate_free_decompressor(d);
      }
    };
    thread_local const std::unique_ptr<libdeflate_decompressor, FreeDecompressor> decompressor{
        libdeflate_alloc_decompressor()};
    thread_local std::string scratch;
    thread_local std::string output;
    InPlaceRead out;
    const auto& record = m_records[index];
    if (!decompressor) {
      throw std::bad_alloc();
    }
    const auto input = m_file.bytes_at(*m_data_begin[index],
                                       static_cast<std::size_t>(record.compressed_size), scratch);
    if (!input) {
      out.problem.emplace(ProblemKind::truncated, "the file ends inside the entry's data");
      return out;
    }
    output.resize(static_cast<std::size_t>(record.size));
    std::size_t produced = 0;
    const auto result = libdeflate_deflate_decompress(
        decompressor.get(), input->data(), input->size(), output.data(), output.size(), &produced);
    if (result != LIBDEFLATE_SUCCESS || produced != record.size) {
      out.problem.emplace(ProblemKind::inconsistent_directory,
                          result == LIBDEFLATE_INSUFFICIENT_SPACE
                              ? "the data inflates to more than the recorded size"
                              : "the data does not inflate to the recorded size");
      return out;
    }
    const std::string_view data(output.data(), produced);
    out.crc = libdeflate_crc32(0, data.data(), data.size());
    out.sha256 = io::sha256_hex(data);
    if (keep(index)) {
      out.content = data;
    }
    return out;
  }

  // Lists an entry read in place, once its data matched the CRC-32 the archive records.
  void accept(std::size_t index, std::uint32_t crc, std::string sha256, std::string content)
  {
    const auto& record = m_records[index];
    if (crc != record.crc) {
      report(index, ProblemKind::crc_mismatch,
             fmt::format("CRC-32 {:08x} of the data, {:08x} recorded", crc, record.crc));
      return;
    }
    m_out.entries.push_back(Entry{m_names[index].name, record.size, std::move(sha256),
                                  m_names[index].from_gb18030, std::move(content)});
  }

  [[nodiscard]] bool has_duplicates() const
  {
    return std::any_of(m_out.problems.begin(), m_out.problems.end(),
                       [](const Problem& p) { return p.kind == ProblemKind::duplicate_name; });
  }

  const detail::InputFile& m_file;
  const Limits& m_limits;
  const InspectOptions& m_options;
  std::vector<detail::CentralRecord> m_records;
  std::uint64_t m_directory_offset;
  std::vector<detail::DecodedName> m_names;
  std::vector<bool> m_blocked;
  bool m_layout_trusted = true;
  std::vector<std::optional<std::uint64_t>> m_data_begin; // where each entry's data starts
  Inspection m_out;
};

} // namespace

Result<Inspection> inspect(const std::filesystem::path& path, const Limits& limits)
{
  return inspect(path, limits, InspectOptions{});
}

Result<Inspection> inspect(const std::filesystem::path& path, const Limits& limits,
                           const InspectOptions& options)
{
  auto file = detail::InputFile::open(path, options.refuse_link);
  if (!file.ok()) {
    return file.failure();
  }
  auto directory = detail::read_central_directory(file.value(), limits);
  if (directory.problem) {
    Inspection out;
    out.problems.push_back(std::move(*directory.problem));
    return out;
  }
  return Inspector(file.value(), limits, options, std::move(directory.records), directory.offset)
      .run();
}

std::string_view to_string(ProblemKind kind) noexcept
{
  switch (kind) {
  case ProblemKind::unreadable: return "unreadable";
  case ProblemKind::truncated: return "truncated";
  case ProblemKind::inconsistent_directory: return "inconsistent_directory";
  case ProblemKind::path_traversal: return "path_traversal";
  case ProblemKind::absolute_path: return "absolute_path";
  case ProblemKind::drive_letter: return "drive_letter";
  case ProblemKind::backslash: return "backslash";
  case ProblemKind::symlink: return "symlink";
  case ProblemKind::duplicate_name: return "duplicate_name";
  case ProblemKind::encrypted: return "encrypted";
  case ProblemKind::overlapping: return "overlapping";
  case ProblemKind::too_many_entries: return "too_many_entries";
  case ProblemKind::too_large: return "too_large";
  case ProblemKind::ratio: return "ratio";
  case ProblemKind::crc_mismatch: return "crc_mismatch";
  case ProblemKind::gb18030_name: return "gb18030_name";
  case ProblemKind::invalid_name: return "invalid_name";
  }
  return "unknown";
}

bool is_informational(ProblemKind kind) noexcept
{
  return kind == ProblemKind::gb18030_name;
}

} // namespace sqma::bundle
