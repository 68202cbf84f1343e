// SPDX-License-Identifier: Apache-2.0
#include "bundle/bag.hpp"
#include "bundle/inspect.hpp"
#include "io/sha256.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace sqma;
using bundle::ProblemKind;
using sqma::test::TempDir;

namespace {

constexpr const char* k_abc_sha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* k_empty_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// "申报表.pdf" in GB18030.
constexpr const char* k_gb18030_name = "\xC9\xEA\xB1\xA8\xB1\xED.pdf";
constexpr std::uint16_t k_unix_made_by = 0x031E; // Unix, version 3.0
constexpr std::uint32_t k_regular_file = 0100644U << 16U;
constexpr std::uint32_t k_symlink = 0120777U << 16U;

std::uint32_t crc32_of(std::string_view bytes)
{
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1U) ^ (0xEDB88320U & (0U - (crc & 1U)));
    }
  }
  return ~crc;
}

void put16(std::string& out, std::uint32_t value)
{
  out += static_cast<char>(value & 0xFFU);
  out += static_cast<char>((value >> 8U) & 0xFFU);
}

void put32(std::string& out, std::uint32_t value)
{
  put16(out, value & 0xFFFFU);
  put16(out, value >> 16U);
}

void put64(std::string& out, std::uint64_t value)
{
  put32(out, static_cast<std::uint32_t>(value & 0xFFFFFFFFU));
  put32(out, static_cast<std::uint32_t>(value >> 32U));
}

// One entry of a hand-made zip, stored (method 0) unless said otherwise; every field that an
// unsafe zip needs to get wrong can be overridden.
struct RawEntry {
  RawEntry(std::string name_, std::string data_ = {}) // NOLINT(google-explicit-constructor)
      : name(std::move(name_)), data(std::move(data_))
  {
  }

  std::string name;
  std::string data; // the bytes after the local header
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint16_t made_by = k_unix_made_by;
  std::uint32_t external = k_regular_file;
  std::optional<std::uint32_t> crc;      // default: CRC-32 of data
  std::optional<std::uint32_t> size;     // default: data.size()
  std::optional<std::uint32_t> offset;   // default: where this writer put the local header
  std::optional<std::string> local_name; // default: name
  bool write_local = true;               // false: only a central record (points at `offset`)
};

std::string local_header(const RawEntry& e)
{
  const auto& name = e.local_name ? *e.local_name : e.name;
  std::string out;
  put32(out, 0x04034b50);
  put16(out, 20);
  put16(out, e.flags);
  put16(out, e.method);
  put16(out, 0);    // time
  put16(out, 0x21); // 1980-01-01
  put32(out, e.crc.value_or(crc32_of(e.data)));
  put32(out, static_cast<std::uint32_t>(e.data.size()));
  put32(out, e.size.value_or(static_cast<std::uint32_t>(e.data.size())));
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, 0);
  return out + name + e.data;
}

// Overrides for the end of central directory record.
struct EndRecord {
  std::optional<std::uint32_t> count;
  std::optional<std::uint32_t> directory_offset;
  bool zip64 = false; // Zip64 extras in every central record, Zip64 end record and locator
};

std::string build_zip(const std::vector<RawEntry>& entries, const EndRecord& end = {})
{
  std::string out;
  std::vector<std::uint32_t> offsets;
  for (const auto& e : entries) {
    offsets.push_back(static_cast<std::uint32_t>(out.size()));
    if (e.write_local) {
      out += local_header(e);
    }
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  constexpr std::uint32_t k_escape = 0xFFFFFFFFU;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const auto compressed = static_cast<std::uint32_t>(e.data.size());
    const auto size = e.size.value_or(compressed);
    const auto offset = e.offset.value_or(offsets[i]);
    put32(out, 0x02014b50);
    put16(out, e.made_by);
    put16(out, end.zip64 ? 45 : 20);
    put16(out, e.flags);
    put16(out, e.method);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, e.crc.value_or(crc32_of(e.data)));
    put32(out, end.zip64 ? k_escape : compressed);
    put32(out, end.zip64 ? k_escape : size);
    put16(out, static_cast<std::uint32_t>(e.name.size()));
    put16(out, end.zip64 ? 28 : 0); // extra
    put16(out, 0);                  // comment
    put16(out, 0);                  // disk
    put16(out, 0);                  // internal attributes
    put32(out, e.external);
    put32(out, end.zip64 ? k_escape : offset);
    out += e.name;
    if (end.zip64) {
      put16(out, 0x0001);
      put16(out, 24);
      put64(out, size);
      put64(out, compressed);
      put64(out, offset);
    }
  }
  const auto directory_size = static_cast<std::uint32_t>(out.size()) - directory_offset;
  const auto count = end.count.value_or(static_cast<std::uint32_t>(entries.size()));
  const auto listed_offset = end.directory_offset.value_or(directory_offset);
  if (end.zip64) {
    const auto zip64_end = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, count);
    put64(out, count);
    put64(out, directory_size);
    put64(out, listed_offset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, zip64_end);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, end.zip64 ? 0xFFFFU : count);
  put16(out, end.zip64 ? 0xFFFFU : count);
  put32(out, end.zip64 ? k_escape : directory_size);
  put32(out, end.zip64 ? k_escape : listed_offset);
  put16(out, 0);
  return out;
}

// Writes a zip through libzip's own writer, deflating unless `store`.
std::filesystem::path
write_with_libzip(const TempDir& dir, const std::string& file,
                  const std::vector<std::pair<std::string, std::string>>& entries,
                  bool store = false)
{
  const auto path = dir.path() / file;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    REQUIRE(source != nullptr);
    const auto index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    REQUIRE(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                     store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) == 0);
  }
  REQUIRE(zip_close(archive) == 0);
  return path;
}

bundle::Inspection inspect_bytes(const TempDir& dir, const std::string& bytes,
                                 const bundle::Limits& limits = {})
{
  auto result = bundle::inspect(dir.write("bundle.zip", bytes), limits);
  REQUIRE(result.ok());
  return std::move(result).value();
}

bool has_problem(const bundle::Inspection& inspection, ProblemKind kind, const std::string& entry)
{
  return std::any_of(inspection.problems.begin(), inspection.problems.end(),
                     [&](const bundle::Problem& p) { return p.kind == kind && p.entry == entry; });
}

bool has_entry(const bundle::Inspection& inspection, const std::string& name)
{
  return std::any_of(inspection.entries.begin(), inspection.entries.end(),
                     [&](const bundle::Entry& e) { return e.name == name; });
}

std::string kinds(const bundle::Inspection& inspection)
{
  std::string out;
  for (const auto& p : inspection.problems) {
    out += std::string(bundle::to_string(p.kind)) + " [" + p.entry + "] " + p.detail + "\n";
  }
  return out;
}

} // namespace

TEST_CASE("bundle: a good bundle lists every file entry with its SHA-256", "[bundle]")
{
  TempDir dir;
  const std::string big(300000, 'x'); // more than one 256 KiB read
  SECTION("stored entries written by hand, with a folder entry that is skipped")
  {
    const auto inspection = inspect_bytes(
        dir, build_zip({{"docs/"}, {"docs/b.pdf", "abc"}, {"a.txt", ""}, {"c.bin", big}}));
    INFO(kinds(inspection));
    CHECK(inspection.problems.empty());
    REQUIRE(inspection.entries.size() == 3);
    CHECK(inspection.entries[0].name == "a.txt");
    CHECK(inspection.entries[0].sha256 == k_empty_sha256);
    CHECK(inspection.entries[1].name == "c.bin");
    CHECK(inspection.entries[1].size == big.size());
    CHECK(inspection.entries[1].sha256 == io::sha256_hex(big));
    CHECK(inspection.entries[2].name == "docs/b.pdf");
    CHECK(inspection.entries[2].size == 3);
    CHECK(inspection.entries[2].sha256 == k_abc_sha256);
    CHECK_FALSE(inspection.entries[2].name_was_gb18030);
  }
  SECTION("Zip64 sizes, offsets and end record")
  {
    EndRecord end;
    end.zip64 = true;
    const auto inspection = inspect_bytes(dir, build_zip({{"a.pdf", "abc"}, {"c.bin", big}}, end));
    INFO(kinds(inspection));
    CHECK(inspection.problems.empty());
    REQUIRE(inspection.entries.size() == 2);
    CHECK(inspection.entries[0].sha256 == k_abc_sha256);
    CHECK(inspection.entries[1].sha256 == io::sha256_hex(big));
  }
  SECTION("deflated entries written by libzip, with a UTF-8 Chinese name")
  {
    const auto path = write_with_libzip(dir, "good.zip", {{"申报表.pdf", "abc"}, {"c.bin", big}});
    const auto result = bundle::inspect(path);
    REQUIRE(result.ok());
    INFO(kinds(result.value()));
    CHECK(result->problems.empty());
    REQUIRE(result->entries.size() == 2);
    CHECK(result->entries[0].name == "c.bin");
    CHECK(result->entries[0].sha256 == io::sha256_hex(big));
    CHECK(result->entries[1].name == "申报表.pdf");
    CHECK(result->entries[1].sha256 == k_abc_sha256);
  }
}

TEST_CASE("bundle: two threads inspecting at once get the same answer", "[bundle]")
{
  TempDir dir;
  const auto path =
      write_with_libzip(dir, "good.zip", {{"a.pdf", std::string(100000, 'a')}, {"b.pdf", "abc"}});
  std::array<std::optional<bundle::Inspection>, 2> seen;
  std::vector<std::thread> threads;
  for (auto& slot : seen) {
    threads.emplace_back([&slot, &path] {
      for (int round = 0; round < 20; ++round) {
        auto result = bundle::inspect(path);
        if (result.ok()) {
          slot = std::move(result).value();
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& slot : seen) {
    REQUIRE(slot.has_value());
    REQUIRE(slot->entries.size() == 2);
    CHECK(slot->entries[1].sha256 == k_abc_sha256);
  }
}

TEST_CASE("bundle: a missing file or a folder is a Failure, not a problem", "[bundle]")
{
  TempDir dir;
  CHECK_FALSE(bundle::inspect(dir.path() / "missing.zip").ok());
  const auto result = bundle::inspect(dir.path());
  REQUIRE_FALSE(result.ok());
  CHECK(result.failure().code == ExitCode::data);
}

TEST_CASE("bundle: a file that is not a zip is unreadable", "[bundle]")
{
  TempDir dir;
  const auto inspection = inspect_bytes(dir, "%PDF-1.7 this is not a zip archive at all\n");
  CHECK(inspection.entries.empty());
  REQUIRE(inspection.problems.size() == 1);
  CHECK(has_problem(inspection, ProblemKind::unreadable, ""));
  CHECK(inspect_bytes(dir, "").problems.at(0).kind == ProblemKind::unreadable);
}

TEST_CASE("bundle: path traversal names the entry", "[bundle]")
{
  TempDir dir;
  const auto inspection = inspect_bytes(
      dir, build_zip({{"../etc/passwd", "x"}, {"a/../../b", "y"}, {"ok/..pdf", "z"}}));
  INFO(kinds(inspection));
  CHECK(has_problem(inspection, ProblemKind::path_traversal, "../etc/passwd"));
  CHECK(has_problem(inspection, ProblemKind::path_traversal, "a/../../b"));
  CHECK_FALSE(has_problem(inspection, ProblemKind::path_traversal, "ok/..pdf"));
  CHECK_FALSE(has_entry(inspection, "../etc/passwd"));
  CHECK_FALSE(has_entry(inspection, "a/../../b"));
  CHECK(has_entry(inspection, "ok/..pdf"));
}

TEST_CASE("bundle: an absolute path names the entry", "[bundle]")
{
  TempDir dir;
  const auto inspection =
      inspect_bytes(dir, build_zip({{"/etc/cron.d/evil", "x"}, {"a.pdf", "abc"}}));
  CHECK(has_problem(inspection, ProblemKind::absolute_path, "/etc/cron.d/evil"));
  CHECK_FALSE(has_entry(inspection, "/etc/cron.d/evil"));
  CHECK(has_entry(inspection, "a.pdf"));
}

TEST_CASE("bundle: a drive letter names the entry", "[bundle]")
{
  TempDir dir;
  const auto inspection =
      inspect_bytes(dir, build_zip({{"C:/Windows/evil.dll", "x"}, {"d:x.pdf", "y"}}));
  CHECK(has_problem(inspection, ProblemKind::drive_letter, "C:/Windows/evil.dll"));
  CHECK(has_problem(inspection, ProblemKind::drive_letter, "d:x.pdf"));
  CHECK(inspection.entries.empty());
}

TEST_CASE("bundle: a backslash names the entry", "[bundle]")
{
  TempDir dir;
  const auto inspection =
      inspect_bytes(dir, build_zip({{"docs\\a.pdf", "x"}, {"..\\up.pdf", "y"}}));
  CHECK(has_problem(inspection, ProblemKind::backslash, "docs\\a.pdf"));
  CHECK(has_problem(inspection, ProblemKind::backslash, "..\\up.pdf"));
  CHECK(has_problem(inspection, ProblemKind::path_traversal, "..\\up.pdf"));
  CHECK(inspection.entries.empty());
}

TEST_CASE("bundle: a symlink entry names the entry", "[bundle]")
{
  TempDir dir;
  RawEntry link{"evidence.pdf", "/etc/passwd"};
  link.external = k_symlink;
  const auto inspection = inspect_bytes(dir, build_zip({link, {"a.pdf", "abc"}}));
  REQUIRE(inspection.problems.size() == 1);
  CHECK(has_problem(inspection, ProblemKind::symlink, "evidence.pdf"));
  CHECK_FALSE(has_entry(inspection, "evidence.pdf"));
  CHECK(has_entry(inspection, "a.pdf"));
}

TEST_CASE("bundle: duplicate names are reported once and neither copy is used", "[bundle]")
{
  TempDir dir;
  SECTION("byte-identical names")
  {
    const auto inspection =
        inspect_bytes(dir, build_zip({{"a.pdf", "one"}, {"b.pdf", "abc"}, {"a.pdf", "two"}}));
    INFO(kinds(inspection));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::duplicate_name, "a.pdf"));
    REQUIRE(inspection.entries.size() == 1);
    CHECK(inspection.entries[0].name == "b.pdf");
  }
  SECTION("the same name once in UTF-8 and once in GB18030")
  {
    RawEntry utf8{"申报表.pdf", "one"};
    utf8.flags = 0x0800;
    const auto inspection = inspect_bytes(dir, build_zip({utf8, {k_gb18030_name, "two"}}));
    CHECK(has_problem(inspection, ProblemKind::duplicate_name, "申报表.pdf"));
    CHECK(inspection.entries.empty());
  }
  SECTION("names that differ only in case extract to one file on Windows and macOS")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{"A.pdf", "one"}, {"a.pdf", "two"}}));
    CHECK(has_problem(inspection, ProblemKind::duplicate_name, "A.pdf"));
    CHECK(inspection.entries.empty());
  }
  SECTION("names equal after Unicode normalisation: precomposed and decomposed é")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{"r\xc3\xa9sum\xc3\xa9.pdf", "one"},
                                                          {"re\xcc\x81sume\xcc\x81.pdf", "two"}}));
    CHECK(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::duplicate_name, "r\xc3\xa9sum\xc3\xa9.pdf"));
    CHECK(inspection.entries.empty());
  }
  SECTION("a name that is a file and also the folder of another entry")
  {
    const auto inspection = inspect_bytes(
        dir, build_zip({{"x.md", "1"}, {"X.md/y.md", "2"}, {"d/", ""}, {"d/z.md", "3"}}));
    INFO(kinds(inspection));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::duplicate_name, "X.md/y.md"));
    REQUIRE(inspection.entries.size() == 1);
    CHECK(inspection.entries[0].name == "d/z.md");
  }
  SECTION("a part of a name longer than file systems allow")
  {
    const auto long_name = "evidence/" + std::string(256, 'L') + ".md";
    const auto inspection =
        inspect_bytes(dir, build_zip({{long_name, "1"}, {std::string(251, 'S') + ".md", "2"}}));
    INFO(kinds(inspection));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::invalid_name, long_name));
    CHECK(inspection.entries.size() == 1);
  }
  SECTION("names that differ in more than case and form are different files")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{"a.pdf", "one"}, {"b.pdf", "two"}}));
    CHECK(inspection.problems.empty());
    CHECK(inspection.entries.size() == 2);
  }
}

TEST_CASE("bundle: an encrypted entry names the entry", "[bundle]")
{
  TempDir dir;
  // Traditional PKWARE encryption: bit 0, then a 12-byte encryption header before the data.
  RawEntry secret{"secret.pdf", std::string(12, '\x5A') + "abc"};
  secret.flags = 0x0001;
  secret.crc = crc32_of("abc");
  secret.size = 3;
  const auto inspection = inspect_bytes(dir, build_zip({secret, {"a.pdf", "abc"}}));
  INFO(kinds(inspection));
  REQUIRE(inspection.problems.size() == 1);
  CHECK(has_problem(inspection, ProblemKind::encrypted, "secret.pdf"));
  CHECK_FALSE(has_entry(inspection, "secret.pdf"));
  CHECK(has_entry(inspection, "a.pdf"));
}

TEST_CASE("bundle: entries sharing bytes are overlapping", "[bundle]")
{
  TempDir dir;
  // The data of outer.pdf quotes the whole local header and data of inner.pdf, so both
  // headers agree with the central directory but the ranges overlap.
  const RawEntry inner_local{"inner.pdf", "abc"};
  RawEntry outer{"outer.pdf", local_header(inner_local)};
  RawEntry inner = inner_local;
  inner.write_local = false;
  inner.offset = static_cast<std::uint32_t>(30 + outer.name.size());
  const auto inspection = inspect_bytes(dir, build_zip({outer, inner, {"z.pdf", "abc"}}));
  INFO(kinds(inspection));
  CHECK(has_problem(inspection, ProblemKind::overlapping, "outer.pdf"));
  CHECK(has_problem(inspection, ProblemKind::overlapping, "inner.pdf"));
  REQUIRE(inspection.entries.size() == 1);
  CHECK(inspection.entries[0].name == "z.pdf");
}

TEST_CASE("bundle: too many entries is a problem of the whole archive", "[bundle]")
{
  TempDir dir;
  bundle::Limits limits;
  limits.max_entries = 2;
  const auto inspection =
      inspect_bytes(dir, build_zip({{"a.pdf", "1"}, {"b.pdf", "2"}, {"c.pdf", "3"}}), limits);
  REQUIRE(inspection.problems.size() == 1);
  CHECK(has_problem(inspection, ProblemKind::too_many_entries, ""));
  CHECK(inspection.entries.empty());
}

TEST_CASE("bundle: entries past the size limits are not decompressed", "[bundle]")
{
  TempDir dir;
  bundle::Limits limits;
  SECTION("one entry too large")
  {
    limits.max_entry_size = 50;
    const auto inspection = inspect_bytes(
        dir, build_zip({{"big.pdf", std::string(100, 'b')}, {"a.pdf", "abc"}}), limits);
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::too_large, "big.pdf"));
    CHECK(has_entry(inspection, "a.pdf"));
  }
  SECTION("the total too large: the entry that passes the limit is named")
  {
    limits.max_total_size = 150;
    const auto inspection = inspect_bytes(
        dir, build_zip({{"1.pdf", std::string(100, '1')}, {"2.pdf", std::string(100, '2')}}),
        limits);
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::too_large, "2.pdf"));
    CHECK(has_entry(inspection, "1.pdf"));
  }
  SECTION("a declared size smaller than the data is caught while reading")
  {
    RawEntry liar{"liar.pdf", std::string(1000, 'l')};
    liar.size = 10;
    const auto inspection = inspect_bytes(dir, build_zip({liar}));
    CHECK(has_problem(inspection, ProblemKind::inconsistent_directory, "liar.pdf"));
    CHECK(inspection.entries.empty());
  }
}

TEST_CASE("bundle: a compression ratio past the limit names the entry", "[bundle]")
{
  TempDir dir;
  const std::string zeros(std::size_t{4} << 20U, '\0');
  const auto path = write_with_libzip(dir, "bomb.zip", {{"bomb.pdf", zeros}, {"a.pdf", "abc"}});
  const auto result = bundle::inspect(path);
  REQUIRE(result.ok());
  INFO(kinds(result.value()));
  REQUIRE(result->problems.size() == 1);
  CHECK(has_problem(result.value(), ProblemKind::ratio, "bomb.pdf"));
  CHECK(has_entry(result.value(), "a.pdf"));
  CHECK_FALSE(has_entry(result.value(), "bomb.pdf"));
}

TEST_CASE("bundle: a CRC mismatch names the entry", "[bundle]")
{
  TempDir dir;
  RawEntry bad{"bad.pdf", "abc"};
  bad.crc = crc32_of("abd");
  const auto inspection = inspect_bytes(dir, build_zip({bad, {"a.pdf", "abc"}}));
  INFO(kinds(inspection));
  REQUIRE(inspection.problems.size() == 1);
  CHECK(has_problem(inspection, ProblemKind::crc_mismatch, "bad.pdf"));
  CHECK_FALSE(has_entry(inspection, "bad.pdf"));
  CHECK(has_entry(inspection, "a.pdf"));
}

// Overwrites the CRC-32 of every local and central header of a one-entry zip.
void set_crc(std::string& bytes, std::uint32_t crc)
{
  const auto put = [&](std::size_t at) {
    for (std::size_t i = 0; i < 4; ++i) {
      bytes[at + i] = static_cast<char>((crc >> (8 * i)) & 0xFFU);
    }
  };
  put(14); // local header at offset 0
  const auto central = bytes.find(std::string("PK\x01\x02", 4));
  REQUIRE(central != std::string::npos);
  put(central + 16);
}

TEST_CASE("bundle: a deflated entry is verified against its CRC-32 and its size", "[bundle]")
{
  TempDir dir;
  const std::string text(100000, 'x');
  const auto path = write_with_libzip(dir, "d.zip", {{"d.pdf", text}});
  auto bytes = sqma::test::slurp(path);
  SECTION("a good deflated entry hashes to the digest of its inflated bytes")
  {
    const auto inspection = inspect_bytes(dir, bytes);
    REQUIRE(inspection.entries.size() == 1);
    CHECK(inspection.entries[0].sha256 == sqma::io::sha256_hex(text));
    CHECK(inspection.problems.empty());
  }
  SECTION("a wrong CRC-32 names the entry")
  {
    set_crc(bytes, crc32_of("other"));
    const auto inspection = inspect_bytes(dir, bytes);
    CHECK(has_problem(inspection, ProblemKind::crc_mismatch, "d.pdf"));
    CHECK_FALSE(has_entry(inspection, "d.pdf"));
  }
  SECTION("damaged compressed data names the entry")
  {
    const auto data = bytes.find(std::string("d.pdf")) + 5;
    for (std::size_t i = data; i < data + 8; ++i) {
      bytes[i] = static_cast<char>(0xFF);
    }
    const auto inspection = inspect_bytes(dir, bytes);
    INFO(kinds(inspection));
    CHECK_FALSE(has_entry(inspection, "d.pdf"));
    CHECK_FALSE(inspection.problems.empty());
  }
}

TEST_CASE("bundle: a truncated file is truncated", "[bundle]")
{
  TempDir dir;
  const auto bytes = build_zip({{"a.pdf", "abc"}, {"b.pdf", "def"}});
  SECTION("the last 10 bytes cut")
  {
    const auto inspection = inspect_bytes(dir, bytes.substr(0, bytes.size() - 10));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::truncated, ""));
    CHECK(inspection.entries.empty());
  }
  SECTION("cut in the middle of the data")
  {
    const auto inspection = inspect_bytes(dir, bytes.substr(0, 40));
    CHECK(has_problem(inspection, ProblemKind::truncated, ""));
  }
}

TEST_CASE("bundle: an inconsistent central directory is reported", "[bundle]")
{
  TempDir dir;
  const std::vector<RawEntry> entries{{"a.pdf", "abc"}, {"b.pdf", "def"}};
  SECTION("the end record counts the wrong number of entries")
  {
    EndRecord end;
    end.count = 3;
    const auto inspection = inspect_bytes(dir, build_zip(entries, end));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::inconsistent_directory, ""));
    CHECK(inspection.entries.empty());
  }
  SECTION("the Zip64 end record counts the wrong number of entries")
  {
    EndRecord end;
    end.zip64 = true;
    end.count = 1;
    const auto inspection = inspect_bytes(dir, build_zip(entries, end));
    CHECK(has_problem(inspection, ProblemKind::inconsistent_directory, ""));
    CHECK(inspection.entries.empty());
  }
  SECTION("the end record has the wrong directory offset")
  {
    EndRecord end;
    end.directory_offset = 5;
    const auto inspection = inspect_bytes(dir, build_zip(entries, end));
    CHECK(has_problem(inspection, ProblemKind::inconsistent_directory, ""));
    CHECK(inspection.entries.empty());
  }
  SECTION("a local header names another file")
  {
    RawEntry other{"c.pdf", "ghi"};
    other.local_name = "x.pdf";
    const auto inspection = inspect_bytes(dir, build_zip({entries[0], other, entries[1]}));
    INFO(kinds(inspection));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::inconsistent_directory, "c.pdf"));
    CHECK(inspection.entries.size() == 2);
  }
}

TEST_CASE("bundle: a GB18030 name is decoded and reported", "[bundle]")
{
  TempDir dir;
  SECTION("without the UTF-8 flag it is decoded; the entry is still usable")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{k_gb18030_name, "abc"}}));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::gb18030_name, "申报表.pdf"));
    REQUIRE(inspection.entries.size() == 1);
    CHECK(inspection.entries[0].name == "申报表.pdf");
    CHECK(inspection.entries[0].name_was_gb18030);
    CHECK(inspection.entries[0].sha256 == k_abc_sha256);
  }
  SECTION("a 0x5C trail byte is part of a character, not a backslash")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{"\x81\x5C.pdf", "abc"}}));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::gb18030_name, "乗.pdf"));
    CHECK(has_entry(inspection, "乗.pdf"));
  }
  SECTION("a bag with such names says its other digests cannot be checked, not that they match")
  {
    const std::string pdf = std::string("b/data/") + k_gb18030_name;
    io::Digest md5("MD5");
    md5.update("abc");
    const auto zip = dir.write(
        "bag.zip",
        build_zip({{"b/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"},
                   {pdf, "abc"},
                   {"b/manifest-sha256.txt", std::string(k_abc_sha256) + "  data/申报表.pdf\n"},
                   {"b/manifest-md5.txt", md5.hex_digest() + "  data/申报表.pdf\n"}}));
    const auto report = bundle::read_bag(zip).value();
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].kind == bundle::BagProblemKind::bad_manifest);
    CHECK(report.problems[0].path == "manifest-md5.txt");
    CHECK(report.problems[0].detail.find("cannot be checked") != std::string::npos);
  }
  SECTION("the same bytes flagged as UTF-8 are an invalid name")
  {
    RawEntry flagged{k_gb18030_name, "abc"};
    flagged.flags = 0x0800;
    const auto inspection = inspect_bytes(dir, build_zip({flagged}));
    REQUIRE(inspection.problems.size() == 1);
    CHECK(has_problem(inspection, ProblemKind::invalid_name, "\\xC9\\xEA\\xB1\\xA8\\xB1\\xED.pdf"));
    CHECK(inspection.entries.empty());
  }
  SECTION("bytes that are not GB18030 either are an invalid name")
  {
    const auto inspection = inspect_bytes(dir, build_zip({{"\xFF\xFF.pdf", "abc"}}));
    CHECK(has_problem(inspection, ProblemKind::invalid_name, "\\xFF\\xFF.pdf"));
    CHECK(inspection.entries.empty());
  }
}

TEST_CASE("bundle: every problem kind has a distinct stable name", "[bundle]")
{
  std::set<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(ProblemKind::invalid_name); ++k) {
    names.insert(bundle::to_string(static_cast<ProblemKind>(k)));
  }
  CHECK(names.size() == static_cast<std::size_t>(ProblemKind::invalid_name) + 1);
  CHECK(bundle::to_string(ProblemKind::path_traversal) == "path_traversal");
  CHECK(bundle::is_informational(ProblemKind::gb18030_name));
  CHECK_FALSE(bundle::is_informational(ProblemKind::crc_mismatch));
}
