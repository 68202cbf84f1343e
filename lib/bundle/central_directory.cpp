// SPDX-License-Identifier: Apache-2.0
#include "bundle/central_directory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <variant>

namespace sqma::bundle::detail {

namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint32_t k_zip64_locator_signature = 0x07064b50;
constexpr std::uint32_t k_zip64_end_signature = 0x06064b50;
constexpr std::size_t k_local_size = 30;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_zip64_locator_size = 20;
constexpr std::size_t k_zip64_end_size = 56;
constexpr std::size_t k_max_comment = 0xFFFF;
constexpr std::uint16_t k_zip64_extra_id = 0x0001;
constexpr std::uint16_t k_flag_data_descriptor = 0x0008;
constexpr std::uint32_t k_escape32 = 0xFFFFFFFF;

// Little-endian unsigned field at `at`; the caller has checked that it lies inside `bytes`.
template <typename T> T load(std::string_view bytes, std::size_t at)
{
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    const auto byte = static_cast<T>(static_cast<unsigned char>(bytes[at + i]));
    value = static_cast<T>(value | static_cast<T>(byte << (8U * i)));
  }
  return value;
}

bool fits(std::string_view bytes, std::size_t at, std::size_t count)
{
  return at <= bytes.size() && bytes.size() - at >= count;
}

Problem whole(ProblemKind kind, std::string detail)
{
  return Problem{kind, {}, std::move(detail)};
}

// Fills the Zip64 fields that the 32-bit (or 16-bit disk) fields escaped, in APPNOTE order.
bool apply_zip64_extra(std::string_view extra, std::uint64_t* size, std::uint64_t* compressed,
                       std::uint64_t* offset)
{
  for (std::size_t at = 0; fits(extra, at, 4);) {
    const auto id = load<std::uint16_t>(extra, at);
    const auto length = load<std::uint16_t>(extra, at + 2);
    if (!fits(extra, at + 4, length)) {
      return false;
    }
    if (id == k_zip64_extra_id) {
      const auto field = extra.substr(at + 4, length);
      std::size_t used = 0;
      for (auto* value : {size, compressed, offset}) {
        if (value != nullptr && *value == k_escape32) {
          if (!fits(field, used, 8)) {
            return false;
          }
          *value = load<std::uint64_t>(field, used);
          used += 8;
        }
      }
      return true;
    }
    at += 4U + length;
  }
  return false;
}

struct EndRecord {
  std::uint64_t entries = 0;
  std::uint64_t directory_size = 0;
  std::uint64_t directory_offset = 0;
  std::uint64_t directory_end = 0; // where the (Zip64) end record starts
};

// Finds the end of central directory record: the last signature whose comment length reaches
// exactly to the end of the file.
std::variant<EndRecord, Problem> find_end_record(const InputFile& file)
{
  const auto size = file.size();
  std::string head_bytes;
  const auto head = file.bytes_at(0, 4, head_bytes);
  const bool looks_like_zip = head && load<std::uint32_t>(*head, 0) == k_local_signature;
  const auto tail_size =
      static_cast<std::size_t>(std::min<std::uint64_t>(size, k_end_size + k_max_comment));
  std::string tail_bytes;
  const auto tail_read =
      tail_size < 4 ? std::nullopt : file.bytes_at(size - tail_size, tail_size, tail_bytes);
  if (!tail_read) {
    return whole(ProblemKind::unreadable, "not a zip archive");
  }
  const std::string_view tail = *tail_read;
  std::optional<std::size_t> found;
  std::optional<std::size_t> cut;
  for (std::size_t at = tail_size - 4 + 1; at-- > 0;) {
    if (load<std::uint32_t>(tail, at) != k_end_signature) {
      continue;
    }
    if (!fits(tail, at, k_end_size)) {
      cut = cut.value_or(at);
      continue;
    }
    if (at + k_end_size + load<std::uint16_t>(tail, at + 20) == tail_size) {
      found = at;
      break;
    }
    cut = cut.value_or(at);
  }
  if (!found) {
    if (cut && fits(tail, *cut, k_end_size) &&
        *cut + k_end_size + load<std::uint16_t>(tail, *cut + 20) < tail_size) {
      return whole(ProblemKind::inconsistent_directory,
                   "data after the end of central directory record");
    }
    if (cut || looks_like_zip) {
      return whole(ProblemKind::truncated, "the end of central directory record is cut off");
    }
    return whole(ProblemKind::unreadable, "not a zip archive");
  }
  const std::string_view end = tail.substr(*found, k_end_size);
  EndRecord record;
  record.entries = load<std::uint16_t>(end, 10);
  record.directory_size = load<std::uint32_t>(end, 12);
  record.directory_offset = load<std::uint32_t>(end, 16);
  record.directory_end = size - tail_size + *found;
  if (load<std::uint16_t>(end, 4) != 0 || load<std::uint16_t>(end, 6) != 0) {
    return whole(ProblemKind::unreadable, "multi-volume archives are not supported");
  }
  if (load<std::uint16_t>(end, 8) != record.entries) {
    return whole(ProblemKind::inconsistent_directory, "the end record's two entry counts differ");
  }
  std::string locator_bytes;
  const auto locator = record.directory_end < k_zip64_locator_size
                           ? std::nullopt
                           : file.bytes_at(record.directory_end - k_zip64_locator_size,
                                           k_zip64_locator_size, locator_bytes);
  if (!locator || load<std::uint32_t>(*locator, 0) != k_zip64_locator_signature) {
    return record;
  }
  const auto zip64_at = load<std::uint64_t>(*locator, 8);
  std::string zip64_bytes;
  const auto zip64_read = zip64_at >= record.directory_end
                              ? std::nullopt
                              : file.bytes_at(zip64_at, k_zip64_end_size, zip64_bytes);
  if (!zip64_read || load<std::uint32_t>(*zip64_read, 0) != k_zip64_end_signature) {
    return whole(ProblemKind::inconsistent_directory, "the Zip64 end record is missing");
  }
  const std::string_view zip64 = *zip64_read;
  if (load<std::uint32_t>(zip64, 16) != 0 || load<std::uint32_t>(zip64, 20) != 0) {
    return whole(ProblemKind::unreadable, "multi-volume archives are not supported");
  }
  record.entries = load<std::uint64_t>(zip64, 32);
  record.directory_size = load<std::uint64_t>(zip64, 40);
  record.directory_offset = load<std::uint64_t>(zip64, 48);
  record.directory_end = zip64_at;
  if (load<std::uint64_t>(zip64, 24) != record.entries) {
    return whole(ProblemKind::inconsistent_directory,
                 "the Zip64 end record's two entry counts differ");
  }
  return record;
}

// Parses the record at `at`, advancing it; a Problem when the record is malformed.
std::optional<Problem> parse_record(std::string_view directory, std::size_t& at, CentralRecord& out)
{
  const auto malformed = [at](const char* what) {
    return whole(ProblemKind::inconsistent_directory,
                 fmt::format("the central directory record at byte {} {}", at, what));
  };
  if (!fits(directory, at, k_central_size) ||
      load<std::uint32_t>(directory, at) != k_central_signature) {
    return malformed("is not one");
  }
  const auto fixed = directory.substr(at, k_central_size);
  const std::size_t name_length = load<std::uint16_t>(fixed, 28);
  const std::size_t extra_length = load<std::uint16_t>(fixed, 30);
  const std::size_t comment_length = load<std::uint16_t>(fixed, 32);
  const auto variable = name_length + extra_length + comment_length;
  if (!fits(directory, at + k_central_size, variable)) {
    return malformed("runs past the directory");
  }
  out.made_by = load<std::uint16_t>(fixed, 4);
  out.version_needed = load<std::uint16_t>(fixed, 6);
  out.modified = load<std::uint32_t>(fixed, 12);
  out.flags = load<std::uint16_t>(fixed, 8);
  out.method = load<std::uint16_t>(fixed, 10);
  out.crc = load<std::uint32_t>(fixed, 16);
  out.compressed_size = load<std::uint32_t>(fixed, 20);
  out.size = load<std::uint32_t>(fixed, 24);
  out.external_attributes = load<std::uint32_t>(fixed, 38);
  out.local_offset = load<std::uint32_t>(fixed, 42);
  out.raw_name = std::string(directory.substr(at + k_central_size, name_length));
  const bool escaped =
      out.size == k_escape32 || out.compressed_size == k_escape32 || out.local_offset == k_escape32;
  if (escaped &&
      !apply_zip64_extra(directory.substr(at + k_central_size + name_length, extra_length),
                         &out.size, &out.compressed_size, &out.local_offset)) {
    return malformed("lacks its Zip64 sizes");
  }
  if (load<std::uint16_t>(fixed, 34) != 0) {
    return whole(ProblemKind::unreadable, "multi-volume archives are not supported");
  }
  at += k_central_size + variable;
  return std::nullopt;
}

} // namespace

CentralDirectory read_central_directory(const InputFile& file, const Limits& limits)
{
  CentralDirectory out;
  auto found = find_end_record(file);
  if (auto* problem = std::get_if<Problem>(&found)) {
    out.problem = std::move(*problem);
    return out;
  }
  const auto& end = std::get<EndRecord>(found);
  out.offset = end.directory_offset;
  if (end.entries > limits.max_entries) {
    out.problem =
        whole(ProblemKind::too_many_entries,
              fmt::format("{} entries, the limit is {}", end.entries, limits.max_entries));
    return out;
  }
  if (end.directory_offset > end.directory_end ||
      end.directory_end - end.directory_offset != end.directory_size) {
    out.problem = whole(ProblemKind::inconsistent_directory,
                        fmt::format("the central directory (offset {}, {} bytes) does not end at "
                                    "the end record (offset {})",
                                    end.directory_offset, end.directory_size, end.directory_end));
    return out;
  }
  if (end.directory_size > limits.max_directory_size) {
    out.problem = whole(ProblemKind::too_large,
                        fmt::format("a central directory of {} bytes, the limit is {}",
                                    end.directory_size, limits.max_directory_size));
    return out;
  }
  std::string directory_bytes;
  const auto directory_read = file.bytes_at(
      end.directory_offset, static_cast<std::size_t>(end.directory_size), directory_bytes);
  if (!directory_read) {
    out.problem = whole(ProblemKind::unreadable, "read error in the central directory");
    return out;
  }
  const std::string_view directory = *directory_read;
  std::size_t at = 0;
  while (at < directory.size() && out.records.size() <= limits.max_entries) {
    CentralRecord record;
    if (auto problem = parse_record(directory, at, record)) {
      out.problem = std::move(problem);
      return out;
    }
    out.records.push_back(std::move(record));
  }
  if (out.records.size() != end.entries || at != directory.size()) {
    out.problem = whole(
        ProblemKind::inconsistent_directory,
        fmt::format("the end record counts {} entries, the central directory holds {}{}",
                    end.entries, out.records.size(), at != directory.size() ? " or more" : ""));
  }
  return out;
}

LocalSpan read_local_span(const InputFile& file, const CentralRecord& record,
                          std::uint64_t directory_offset)
{
  LocalSpan span;
  span.begin = record.local_offset;
  std::string fixed_bytes;
  const auto fixed_read = file.bytes_at(record.local_offset, k_local_size, fixed_bytes);
  if (!fixed_read) {
    span.problem =
        Problem{ProblemKind::truncated, {}, "the local header is past the end of the file"};
    return span;
  }
  const std::string_view fixed = *fixed_read;
  if (load<std::uint32_t>(fixed, 0) != k_local_signature) {
    span.problem = Problem{ProblemKind::inconsistent_directory,
                           {},
                           fmt::format("no local header at offset {}", record.local_offset)};
    return span;
  }
  const std::size_t name_length = load<std::uint16_t>(fixed, 26);
  const std::size_t extra_length = load<std::uint16_t>(fixed, 28);
  std::string variable_bytes;
  const auto variable_read =
      file.bytes_at(record.local_offset + k_local_size, name_length + extra_length, variable_bytes);
  if (!variable_read) {
    span.problem = Problem{ProblemKind::truncated, {}, "the local header is cut off"};
    return span;
  }
  const std::string_view variable = *variable_read;
  std::uint64_t size = load<std::uint32_t>(fixed, 22);
  std::uint64_t compressed = load<std::uint32_t>(fixed, 18);
  const auto crc = load<std::uint32_t>(fixed, 14);
  if (size == k_escape32 || compressed == k_escape32) {
    static_cast<void>(apply_zip64_extra(variable.substr(name_length), &size, &compressed, nullptr));
  }
  const auto flags = load<std::uint16_t>(fixed, 6);
  const bool deferred =
      (flags & k_flag_data_descriptor) != 0 && crc == 0 && size == 0 && compressed == 0;
  if (variable.compare(0, name_length, record.raw_name) != 0) {
    span.problem =
        Problem{ProblemKind::inconsistent_directory, {}, "the local header has another name"};
  } else if (load<std::uint16_t>(fixed, 4) > record.version_needed) {
    span.problem = Problem{
        ProblemKind::inconsistent_directory, {}, "the local header needs a later zip version"};
  } else if (load<std::uint32_t>(fixed, 10) != record.modified) {
    span.problem = Problem{
        ProblemKind::inconsistent_directory, {}, "the local header has another modification time"};
  } else if (load<std::uint16_t>(fixed, 8) != record.method) {
    span.problem = Problem{
        ProblemKind::inconsistent_directory, {}, "the local header has another compression method"};
  } else if (!deferred &&
             (crc != record.crc || size != record.size || compressed != record.compressed_size)) {
    span.problem =
        Problem{ProblemKind::inconsistent_directory, {}, "the local header has other sizes or CRC"};
  }
  const auto data = record.local_offset + k_local_size + name_length + extra_length;
  span.end = data + record.compressed_size;
  if (!span.problem && (span.end < data || span.end > directory_offset)) {
    span.problem =
        span.end > file.size() || span.end < data
            ? Problem{ProblemKind::truncated, {}, "the data runs past the end of the file"}
            : Problem{ProblemKind::inconsistent_directory,
                      {},
                      "the data runs into the central directory"};
  }
  return span;
}

} // namespace sqma::bundle::detail
