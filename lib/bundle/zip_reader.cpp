// SPDX-License-Identifier: Apache-2.0
#include "bundle/zip_reader.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string_view>
#include <system_error>

namespace sqma::bundle::detail {

namespace {

constexpr std::size_t k_chunk = std::size_t{256} << 10U;

// libzip's own wording for an error code.
std::string describe(int code)
{
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  // Codes that usually carry a system or zlib error end in ": " when there is none.
  while (!text.empty() && (text.back() == ' ' || text.back() == ':')) {
    text.pop_back();
  }
  return text;
}

Problem from_open_error(int code)
{
  const auto text = "libzip: " + describe(code);
  switch (code) {
  case ZIP_ER_INCONS: return Problem{ProblemKind::inconsistent_directory, {}, text};
  case ZIP_ER_READ:
  case ZIP_ER_EOF:
  case ZIP_ER_SEEK: return Problem{ProblemKind::truncated, {}, text};
  case ZIP_ER_EXISTS: return Problem{ProblemKind::duplicate_name, {}, text};
  default: return Problem{ProblemKind::unreadable, {}, text};
  }
}

Problem from_read_error(int code)
{
  switch (code) {
  case ZIP_ER_CRC:
    return Problem{ProblemKind::crc_mismatch, {}, "the data does not match its CRC-32"};
  case ZIP_ER_INCONS:
    return Problem{ProblemKind::inconsistent_directory,
                   {},
                   "the data has another size than the directory says"};
  case ZIP_ER_NOPASSWD:
  case ZIP_ER_WRONGPASSWD:
  case ZIP_ER_ENCRNOTSUPP: return Problem{ProblemKind::encrypted, {}, "the entry is encrypted"};
  case ZIP_ER_ZLIB:
  case ZIP_ER_COMPRESSED_DATA:
    return Problem{ProblemKind::unreadable, {}, "the compressed data is corrupt"};
  case ZIP_ER_READ:
  case ZIP_ER_EOF: return Problem{ProblemKind::truncated, {}, "libzip: " + describe(code)};
  default: return Problem{ProblemKind::unreadable, {}, "libzip: " + describe(code)};
  }
}

} // namespace

ZipReader ZipReader::open(const InputFile& file, bool check_consistency)
{
  ZipReader reader;
  // zip_fdopen closes the descriptor it is given on success, so it gets a duplicate.
  const int copy = ::dup(file.descriptor());
  if (copy < 0) {
    reader.m_problem = Problem{
        ProblemKind::unreadable, {}, std::error_code(errno, std::generic_category()).message()};
    return reader;
  }
  int error = ZIP_ER_OK;
  const int flags = ZIP_RDONLY | (check_consistency ? ZIP_CHECKCONS : 0);
  reader.m_archive.reset(zip_fdopen(copy, flags, &error));
  if (!reader.m_archive) {
    ::close(copy);
    reader.m_problem = from_open_error(error);
    return reader;
  }
  return reader;
}

std::optional<Problem> ZipReader::check_count(std::uint64_t expected) const
{
  const auto count = zip_get_num_entries(m_archive.get(), 0);
  if (count < 0 || static_cast<std::uint64_t>(count) != expected) {
    return Problem{
        ProblemKind::inconsistent_directory,
        {},
        fmt::format("libzip sees {} entries, the central directory {}", count, expected)};
  }
  return std::nullopt;
}

ZipReader::Read ZipReader::read(std::uint64_t index, const CentralRecord& record,
                                std::string* content, const std::function<void()>& progress)
{
  Read out;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(m_archive.get(), index, ZIP_FL_ENC_RAW, &stat) != 0 || stat.name == nullptr ||
      std::string_view(stat.name) != record.raw_name || stat.size != record.size ||
      stat.comp_size != record.compressed_size) {
    out.problem =
        Problem{ProblemKind::inconsistent_directory, {}, "libzip reads this entry differently"};
    return out;
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    out.problem = Problem{ProblemKind::encrypted, {}, "the entry is encrypted"};
    return out;
  }
  const std::unique_ptr<zip_file_t, ZipFileClose> entry(zip_fopen_index(m_archive.get(), index, 0));
  if (!entry) {
    const int code = zip_error_code_zip(zip_get_error(m_archive.get()));
    out.problem =
        code == ZIP_ER_COMPNOTSUPP
            ? Problem{ProblemKind::unreadable,
                      {},
                      fmt::format("compression method {} is not supported", record.method)}
            : from_read_error(code);
    return out;
  }
  if (auto problem = stream(entry.get(), record.size, content, progress)) {
    static_cast<void>(m_hash.hex_digest()); // resets the digest for the next entry
    out.problem = std::move(problem);
    return out;
  }
  out.sha256 = m_hash.hex_digest();
  return out;
}

std::optional<Problem> ZipReader::stream(zip_file_t* entry, std::uint64_t size,
                                         std::string* content,
                                         const std::function<void()>& progress)
{
  // Kept per thread: allocating and zeroing it for every bundle costs page faults.
  thread_local const auto buffer = std::make_unique_for_overwrite<char[]>(k_chunk);
  std::uint64_t total = 0;
  for (;;) {
    if (progress) {
      progress();
    }
    // Asking for at most one byte past the declared size caps what a lying header can inflate.
    const auto want = std::min<std::uint64_t>(k_chunk, size - total + 1);
    const auto got = zip_fread(entry, buffer.get(), want);
    if (got < 0) {
      return from_read_error(zip_error_code_zip(zip_file_get_error(entry)));
    }
    if (got == 0) {
      break;
    }
    total += static_cast<std::uint64_t>(got);
    if (total > size) {
      return Problem{
          ProblemKind::inconsistent_directory, {}, "the data is longer than the directory says"};
    }
    m_hash.update(std::string_view(buffer.get(), static_cast<std::size_t>(got)));
    if (content != nullptr) {
      content->append(buffer.get(), static_cast<std::size_t>(got));
    }
  }
  if (total != size) {
    return Problem{
        ProblemKind::inconsistent_directory, {}, "the data is shorter than the directory says"};
  }
  return std::nullopt;
}

} // namespace sqma::bundle::detail
