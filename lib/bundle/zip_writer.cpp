// SPDX-License-Identifier: Apache-2.0
#include "bundle/zip_writer.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"

#include <fmt/format.h>
#include <libdeflate.h>
#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <system_error>
#include <utility>

namespace sqma::bundle::detail {

namespace {

constexpr std::size_t k_block = std::size_t{1} << 20U;
static_assert(k_block == k_whole_max, "an entry of one block is deflated whole");
constexpr std::size_t k_inline_hash = std::size_t{128} << 10U; // smaller blocks hash inline
constexpr std::uint64_t k_writeback_every = std::uint64_t{16} << 20U;
constexpr std::uint32_t k_escape32 = 0xFFFFFFFFU;
// Entries from this size on get Zip64 sizes in their local header (deflate may grow data a
// little, so the limit stays below 4 GiB).
constexpr std::uint64_t k_zip64_size = 0xFF000000U;
constexpr std::uint16_t k_version_plain = 20;
constexpr std::uint16_t k_version_zip64 = 45;
constexpr std::uint16_t k_made_by_unix = 3U << 8U;
constexpr std::uint16_t k_flag_utf8 = 0x0800;
constexpr std::uint16_t k_dos_time = 0;
constexpr std::uint16_t k_dos_date = (0U << 9U) | (1U << 5U) | 1U; // 1980-01-01
constexpr std::uint32_t k_mode_file = 0100644U << 16U;

void put16(std::string& out, std::uint64_t value)
{
  out += static_cast<char>(value & 0xFFU);
  out += static_cast<char>((value >> 8U) & 0xFFU);
}

void put32(std::string& out, std::uint64_t value)
{
  put16(out, value & 0xFFFFU);
  put16(out, (value >> 16U) & 0xFFFFU);
}

void put64(std::string& out, std::uint64_t value)
{
  put32(out, value & 0xFFFFFFFFU);
  put32(out, value >> 32U);
}

std::uint16_t method_code(Method method)
{
  return method == Method::store ? 0 : 8;
}

// Reads from bytes in memory.
class BufferSource : public ByteSource {
public:
  explicit BufferSource(std::string_view bytes) : m_bytes(bytes) {}
  std::size_t read(char* out, std::size_t size) override
  {
    const auto count = std::min(size, m_bytes.size());
    std::memcpy(out, m_bytes.data(), count);
    m_bytes.remove_prefix(count);
    return count;
  }

private:
  std::string_view m_bytes;
};

} // namespace

FileSource::FileSource(const std::string& path) : m_path(path)
{
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (m_fd < 0) {
    throw DataError(fmt::format("{}: cannot open: {}", path,
                                std::error_code(errno, std::generic_category()).message()));
  }
  static_cast<void>(::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL));
}

FileSource::~FileSource()
{
  ::close(m_fd);
}

std::size_t FileSource::read(char* out, std::size_t size)
{
  for (;;) {
    const auto got = ::read(m_fd, out, size);
    if (got >= 0) {
      return static_cast<std::size_t>(got);
    }
    if (errno != EINTR) {
      throw DataError(fmt::format("{}: cannot read: {}", m_path,
                                  std::error_code(errno, std::generic_category()).message()));
    }
  }
}

BackgroundHash::BackgroundHash() : m_thread(start_signal_free_thread([this] { work(); })) {}

BackgroundHash::~BackgroundHash()
{
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void BackgroundHash::start(const char* data, std::size_t size)
{
  if (size < k_inline_hash) {
    wait();
    m_hash.update(std::string_view(data, size));
    return;
  }
  {
    const std::lock_guard lock(m_mutex);
    m_data = data;
    m_size = size;
    m_busy = true;
  }
  m_wake.notify_all();
}

void BackgroundHash::wait()
{
  std::unique_lock lock(m_mutex);
  m_wake.wait(lock, [this] { return !m_busy; });
  if (m_error) {
    std::rethrow_exception(std::exchange(m_error, nullptr));
  }
}

std::string BackgroundHash::digest()
{
  wait();
  return m_hash.hex_digest();
}

void BackgroundHash::work()
{
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_busy || m_stop; });
    if (m_stop) {
      return;
    }
    lock.unlock();
    std::exception_ptr error;
    try {
      m_hash.update(std::string_view(m_data, m_size));
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    m_error = error;
    m_busy = false;
    m_wake.notify_all();
  }
}

// Raw DEFLATE (no zlib header) through zlib's streaming interface, so that a text file of
// any size is compressed in constant memory.
struct ZipWriter::Deflater {
  z_stream stream{};
  Deflater()
  {
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      throw Error(ExitCode::internal, "zlib: cannot initialise deflate");
    }
  }
  ~Deflater() { deflateEnd(&stream); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
};

// Raw DEFLATE of a whole entry of at most k_whole_max bytes in one call through libdeflate;
// most entries of a bag or an archive (dossiers, reports, sheets) are this small. At its
// level 1 the sample cycle's 14 MB of text deflate in a quarter of the time of its level 6
// (50 against 185 ms) to 9% more bytes (3.74 against 3.44 MB), and smaller than zlib's level 1.
struct WholeCompressor {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  static constexpr int k_level = 1;
  std::unique_ptr<libdeflate_compressor, Free> compressor{libdeflate_alloc_compressor(k_level)};
  std::size_t bound = 0;
  std::unique_ptr<char[]> output;

  WholeCompressor()
  {
    if (!compressor) {
      throw Error(ExitCode::internal, "libdeflate: cannot allocate a compressor");
    }
    bound = libdeflate_deflate_compress_bound(compressor.get(), k_whole_max);
    output = std::make_unique_for_overwrite<char[]>(bound);
  }

  [[nodiscard]] std::string_view compress(std::string_view bytes)
  {
    if (bytes.size() > k_whole_max) {
      throw Error(ExitCode::internal, "WholeCompressor: more than one block");
    }
    const auto size = libdeflate_deflate_compress(compressor.get(), bytes.data(), bytes.size(),
                                                  output.get(), bound);
    if (size == 0) {
      throw Error(ExitCode::internal, "libdeflate: deflate failed");
    }
    return {output.get(), size};
  }
};

ZipWriter::ZipWriter(io::AtomicFile& file, std::function<void()> progress)
    : m_file(file), m_progress(std::move(progress)),
      m_blocks(std::make_unique_for_overwrite<char[]>(3 * k_block))
{
}

ZipWriter::~ZipWriter() = default;

std::string ZipWriter::add(std::string_view name, std::string_view bytes, Method method)
{
  BufferSource source(bytes);
  return add(name, source, bytes.size(), method);
}

WholeDeflater::WholeDeflater() : m_compressor(std::make_unique<WholeCompressor>()) {}

WholeDeflater::~WholeDeflater() = default;

Deflated WholeDeflater::deflate(std::string_view bytes)
{
  Deflated out;
  out.data = m_compressor->compress(bytes);
  out.size = bytes.size();
  out.crc = libdeflate_crc32(0, bytes.data(), bytes.size());
  out.sha256 = io::sha256_hex(bytes);
  return out;
}

std::string ZipWriter::add_deflated(std::string_view name, const Deflated& entry)
{
  Record record;
  record.name = name;
  record.method = Method::deflate;
  record.size = entry.size;
  record.compressed = entry.data.size();
  record.offset = m_file.size();
  record.zip64 = entry.size >= k_zip64_size;
  record.crc = entry.crc;
  write_local_header(record);
  m_file.write(entry.data);
  patch_local_header(record);
  m_records.push_back(std::move(record));
  m_since_writeback += entry.size;
  if (m_since_writeback >= k_writeback_every) {
    m_file.start_writeback();
    m_since_writeback = 0;
  }
  if (m_progress) {
    m_progress();
  }
  return entry.sha256;
}

std::string ZipWriter::add(std::string_view name, ByteSource& source, std::uint64_t size,
                           Method method)
{
  Record record;
  record.name = name;
  record.method = method;
  record.size = size;
  record.compressed = method == Method::store ? size : 0;
  record.offset = m_file.size();
  record.zip64 = size >= k_zip64_size;
  write_local_header(record);
  write_data(record, source);
  patch_local_header(record);
  m_records.push_back(std::move(record));
  return m_hash.digest();
}

void ZipWriter::write_local_header(const Record& record)
{
  std::string out;
  put32(out, 0x04034b50U);
  put16(out, record.zip64 ? k_version_zip64 : k_version_plain);
  put16(out, k_flag_utf8);
  put16(out, method_code(record.method));
  put16(out, k_dos_time);
  put16(out, k_dos_date);
  put32(out, 0); // CRC-32, filled in after the data
  put32(out, record.zip64 ? k_escape32 : record.compressed);
  put32(out, record.zip64 ? k_escape32 : record.size);
  put16(out, record.name.size());
  put16(out, record.zip64 ? 20 : 0);
  out += record.name;
  if (record.zip64) {
    put16(out, 0x0001);
    put16(out, 16);
    put64(out, record.size);
    put64(out, record.compressed);
  }
  m_file.write(out);
}

void ZipWriter::patch_local_header(const Record& record)
{
  std::string crc;
  put32(crc, record.crc);
  m_file.write_at(record.offset + 14, crc);
  if (record.method == Method::store) {
    return;
  }
  std::string compressed;
  if (record.zip64) {
    put64(compressed, record.compressed);
    m_file.write_at(record.offset + 30 + record.name.size() + 12, compressed);
  } else {
    put32(compressed, record.compressed);
    m_file.write_at(record.offset + 18, compressed);
  }
}

void ZipWriter::write_data(Record& record, ByteSource& source)
{
  // Two input blocks take turns: while the hashing thread digests one, this thread computes
  // the CRC-32 of it, writes it (or deflates it) and reads the next into the other.
  std::array<char*, 2> input{m_blocks.get(), m_blocks.get() + k_block};
  char* output = m_blocks.get() + 2 * k_block;
  // An entry of one block is deflated whole (as WholeDeflater does), a larger one streamed.
  const bool whole = record.method == Method::deflate && record.size <= k_whole_max;
  if (whole) {
    if (!m_whole) {
      m_whole = std::make_unique<WholeCompressor>();
    }
  } else if (record.method == Method::deflate) {
    if (!m_deflater) {
      m_deflater = std::make_unique<Deflater>();
    } else if (deflateReset(&m_deflater->stream) != Z_OK) {
      throw Error(ExitCode::internal, "zlib: cannot reset deflate");
    }
  }
  const auto fill = [&](char* block) {
    std::size_t count = 0;
    while (count < k_block) {
      const auto got = source.read(block + count, k_block - count);
      if (got == 0) {
        break;
      }
      count += got;
    }
    return count;
  };
  const auto deflate_block = [&](const char* data, std::size_t size, bool last) {
    auto& stream = m_deflater->stream;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    stream.avail_in = static_cast<uInt>(size);
    int result = Z_OK;
    do {
      stream.next_out = reinterpret_cast<Bytef*>(output);
      stream.avail_out = static_cast<uInt>(k_block);
      result = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      if (result == Z_STREAM_ERROR) {
        throw Error(ExitCode::internal, "zlib: deflate failed");
      }
      const auto produced = k_block - stream.avail_out;
      m_file.write(std::string_view(output, produced));
      record.compressed += produced;
    } while (stream.avail_out == 0 || (last && result != Z_STREAM_END));
  };

  std::uint64_t total = 0;
  std::uint32_t crc = 0;
  std::size_t turn = 0;
  auto count = fill(input[turn]);
  for (;;) {
    total += count;
    if (total > record.size) {
      break;
    }
    m_hash.start(input[turn], count);
    crc = libdeflate_crc32(crc, input[turn], count);
    const bool last = total == record.size;
    if (record.method == Method::store) {
      m_file.write(std::string_view(input[turn], count));
    } else if (whole) {
      if (last) { // otherwise the file changed size, refused below
        const auto deflated = m_whole->compress(std::string_view(input[turn], count));
        m_file.write(deflated);
        record.compressed += deflated.size();
      }
    } else {
      deflate_block(input[turn], count, last);
    }
    // Also at the end, to see whether the file grew since its size was taken.
    const auto next = fill(input[turn ^ 1U]);
    m_hash.wait();
    m_since_writeback += count;
    if (m_since_writeback >= k_writeback_every) {
      m_file.start_writeback();
      m_since_writeback = 0;
    }
    if (m_progress) {
      m_progress();
    }
    if (last) {
      total += next;
      break;
    }
    if (next == 0) {
      break;
    }
    turn ^= 1U;
    count = next;
  }
  if (total != record.size) {
    static_cast<void>(m_hash.digest());
    throw DataError(fmt::format("{}: changed while it was read ({} bytes expected, {} found)",
                                record.name, record.size, total));
  }
  record.crc = crc;
}

void ZipWriter::finish()
{
  const auto directory_offset = m_file.size();
  std::string out;
  for (const auto& r : m_records) {
    const bool big_size = r.size >= k_escape32;
    const bool big_compressed = r.compressed >= k_escape32;
    const bool big_offset = r.offset >= k_escape32;
    std::string extra;
    if (big_size || big_compressed || big_offset) {
      std::string fields;
      if (big_size) {
        put64(fields, r.size);
      }
      if (big_compressed) {
        put64(fields, r.compressed);
      }
      if (big_offset) {
        put64(fields, r.offset);
      }
      put16(extra, 0x0001);
      put16(extra, fields.size());
      extra += fields;
    }
    const bool zip64 = r.zip64 || !extra.empty();
    const auto version = zip64 ? k_version_zip64 : k_version_plain;
    put32(out, 0x02014b50U);
    put16(out, k_made_by_unix | version);
    put16(out, version);
    put16(out, k_flag_utf8);
    put16(out, method_code(r.method));
    put16(out, k_dos_time);
    put16(out, k_dos_date);
    put32(out, r.crc);
    put32(out, big_compressed ? k_escape32 : r.compressed);
    put32(out, big_size ? k_escape32 : r.size);
    put16(out, r.name.size());
    put16(out, extra.size());
    put16(out, 0); // comment
    put16(out, 0); // disk
    put16(out, 0); // internal attributes
    put32(out, k_mode_file);
    put32(out, big_offset ? k_escape32 : r.offset);
    out += r.name;
    out += extra;
    if (out.size() >= k_block) {
      m_file.write(out);
      out.clear();
    }
  }
  m_file.write(out);
  out.clear();
  const auto directory_end = m_file.size();
  const auto directory_size = directory_end - directory_offset;
  const std::uint64_t count = m_records.size();
  const bool zip64 =
      count >= 0xFFFFU || directory_offset >= k_escape32 || directory_size >= k_escape32;
  if (zip64) {
    put32(out, 0x06064b50U);
    put64(out, 44);
    put16(out, k_made_by_unix | k_version_zip64);
    put16(out, k_version_zip64);
    put32(out, 0);
    put32(out, 0);
    put64(out, count);
    put64(out, count);
    put64(out, directory_size);
    put64(out, directory_offset);
    put32(out, 0x07064b50U);
    put32(out, 0);
    put64(out, directory_end);
    put32(out, 1);
  }
  put32(out, 0x06054b50U);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFFU : count);
  put16(out, zip64 ? 0xFFFFU : count);
  put32(out, zip64 ? k_escape32 : directory_size);
  put32(out, zip64 ? k_escape32 : directory_offset);
  put16(out, 0); // comment
  m_file.write(out);
}

} // namespace sqma::bundle::detail
