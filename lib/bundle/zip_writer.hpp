// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: a zip writer that makes the same bytes from the same entries and
// hashes each entry while it writes it.
#pragma once

#include "io/atomic_file.hpp"
#include "io/sha256.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sqma::bundle::detail {

// Where an entry's bytes come from.
class ByteSource {
public:
  ByteSource() = default;
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `out`; 0 only at the end. Throws Error naming the source
  // when it cannot be read.
  virtual std::size_t read(char* out, std::size_t size) = 0;
};

// A regular file read front to back.
class FileSource : public ByteSource {
public:
  // Opens `path` read-only. Throws DataError naming it.
  explicit FileSource(const std::string& path);
  ~FileSource() override;
  std::size_t read(char* out, std::size_t size) override;

private:
  std::string m_path;
  int m_fd = -1;
};

// SHA-256 on a thread of its own, so that hashing one block overlaps reading, checking and
// writing the next.
class BackgroundHash {
public:
  BackgroundHash();
  ~BackgroundHash();
  BackgroundHash(const BackgroundHash&) = delete;
  BackgroundHash& operator=(const BackgroundHash&) = delete;

  // Starts adding `size` bytes at `data` to the digest; they must stay untouched until wait().
  void start(const char* data, std::size_t size);
  // Waits for the last start() to finish. Rethrows what hashing threw.
  void wait();
  // Waits, then finishes the digest (64 hex digits) and resets it.
  [[nodiscard]] std::string digest();

private:
  void work();

  io::Sha256 m_hash;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
  bool m_busy = false;
  bool m_stop = false;
  std::exception_ptr m_error;
  std::thread m_thread; // last: starts once everything above is ready
};

enum class Method { store, deflate };

struct WholeCompressor; // libdeflate, for entries of one block

// The largest entry WholeDeflater takes: ZipWriter::add() deflates such an entry in one
// block, so that deflating it whole elsewhere gives the same stream.
constexpr std::uint64_t k_whole_max = std::uint64_t{1} << 20U;

// An entry deflated ahead of the writer (WholeDeflater), for ZipWriter::add_deflated().
struct Deflated {
  std::uint64_t size = 0;
  std::uint32_t crc = 0;
  std::string sha256;
  std::string data; // the raw DEFLATE stream
};

// Deflates entries of at most k_whole_max bytes whole, as ZipWriter::add() deflates them,
// byte for byte, with their CRC-32 and SHA-256. Needs no ZipWriter: one per thread.
class WholeDeflater {
public:
  WholeDeflater();
  ~WholeDeflater();
  WholeDeflater(const WholeDeflater&) = delete;
  WholeDeflater& operator=(const WholeDeflater&) = delete;

  [[nodiscard]] Deflated deflate(std::string_view bytes);

private:
  std::unique_ptr<WholeCompressor> m_compressor;
};

// Writes entries into `file` in the order given: no directory entries, timestamps
// 1980-01-01 00:00:00, mode 0644 made by Unix, UTF-8 names flagged, no extra fields but
// Zip64 ones where sizes, offsets or counts need them, no comments.
class ZipWriter {
public:
  // `progress` is called after each block written; it may throw to abandon the zip.
  explicit ZipWriter(io::AtomicFile& file, std::function<void()> progress = {});
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds an entry of `size` bytes read from `source`, and returns their SHA-256. Throws
  // DataError when the source gives another number of bytes than `size`, IoError when the
  // zip cannot be written.
  std::string add(std::string_view name, ByteSource& source, std::uint64_t size, Method method);
  // Adds an entry holding `bytes`; returns their SHA-256.
  std::string add(std::string_view name, std::string_view bytes, Method method);
  // Adds a deflated entry made by WholeDeflater: the same bytes add() would write for its
  // content. Returns its SHA-256.
  std::string add_deflated(std::string_view name, const Deflated& entry);
  // Writes the central directory and the end records. Throws IoError.
  void finish();

private:
  struct Record {
    std::string name;
    Method method = Method::store;
    std::uint32_t crc = 0;
    std::uint64_t size = 0;
    std::uint64_t compressed = 0;
    std::uint64_t offset = 0;
    bool zip64 = false; // the local header carries Zip64 sizes
  };
  struct Deflater;

  void write_local_header(const Record& record);
  void write_data(Record& record, ByteSource& source);
  void patch_local_header(const Record& record);

  io::AtomicFile& m_file;
  std::function<void()> m_progress;
  std::vector<Record> m_records;
  // Before m_hash, so that it outlives the hash thread, which may still be reading a block
  // when an exception abandons the zip: ~BackgroundHash waits for it.
  std::unique_ptr<char[]> m_blocks; // two input blocks and the deflate output
  BackgroundHash m_hash;
  std::unique_ptr<Deflater> m_deflater;
  std::unique_ptr<WholeCompressor> m_whole;
  std::uint64_t m_since_writeback = 0;
};

} // namespace sqma::bundle::detail
