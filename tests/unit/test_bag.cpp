// SPDX-License-Identifier: Apache-2.0
#include "bundle/bag.hpp"
#include "bundle/zip_writer.hpp"
#include "io/atomic_file.hpp"
#include "io/sha256.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace sqma;
using bundle::BagProblemKind;
using sqma::test::slurp;
using sqma::test::TempDir;

namespace {

bundle::BagOptions options_on(const char* date = "2025-06-30")
{
  bundle::BagOptions options;
  options.bagging_date = *model::Date::parse(date);
  return options;
}

// The entry names of a zip in the order of its central directory, through libzip.
std::vector<std::string> entry_names(const std::filesystem::path& zip)
{
  int error = 0;
  const std::unique_ptr<zip_t, void (*)(zip_t*)> archive(zip_open(zip.c_str(), ZIP_RDONLY, &error),
                                                         [](zip_t* a) { zip_discard(a); });
  REQUIRE(archive);
  std::vector<std::string> names;
  const auto count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    names.emplace_back(zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0));
  }
  return names;
}

// Writes a zip of (name, bytes) entries in the order given, with sqma's writer.
void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& entries)
{
  io::AtomicFile file(path);
  bundle::detail::ZipWriter zip(file);
  for (const auto& [name, bytes] : entries) {
    static_cast<void>(zip.add(name, bytes, bundle::detail::Method::deflate));
  }
  zip.finish();
  file.commit();
}

std::vector<BagProblemKind> kinds_of(const bundle::BagReport& report)
{
  std::vector<BagProblemKind> kinds;
  for (const auto& p : report.problems) {
    kinds.push_back(p.kind);
  }
  return kinds;
}

// A source that ends before the size it was announced with.
class ShortSource : public bundle::detail::ByteSource {
public:
  std::size_t read(char* out, std::size_t size) override
  {
    if (m_done || size == 0) {
      return 0;
    }
    m_done = true;
    out[0] = 'x';
    return 1;
  }

private:
  bool m_done = false;
};

} // namespace

TEST_CASE("bag: percent-encoding of manifest paths (RFC 8493 2.1.3)", "[bag]")
{
  CHECK(bundle::percent_encode("a%b c.pdf") == "a%25b c.pdf");
  CHECK(bundle::percent_encode("a\rb\nc") == "a%0Db%0Ac");
  CHECK(bundle::percent_encode("申报表.pdf") == "申报表.pdf");
  CHECK(bundle::percent_decode("a%25b%0d%0A") == std::optional<std::string>("a%b\r\n"));
  CHECK_FALSE(bundle::percent_decode("a%2"));
  CHECK_FALSE(bundle::percent_decode("a%zz"));
}

TEST_CASE("bag: names a bag cannot carry are named", "[bag]")
{
  CHECK(bundle::bag_name_problem("04-证实性材料/营业执照 副本.pdf").empty());
  CHECK(bundle::bag_name_problem("100%.txt").empty());
  CHECK_THAT(bundle::bag_name_problem("a\nb"), Catch::Contains("line break"));
  CHECK_THAT(bundle::bag_name_problem("a\rb"), Catch::Contains("line break"));
  CHECK_THAT(bundle::bag_name_problem("/etc/passwd"), Catch::Contains("starts with"));
  CHECK_THAT(bundle::bag_name_problem("a/../b"), Catch::Contains(".."));
  CHECK_THAT(bundle::bag_name_problem("a/./b"), Catch::Contains("\".\""));
  CHECK_THAT(bundle::bag_name_problem("a//b"), Catch::Contains("empty"));
  CHECK_THAT(bundle::bag_name_problem("a\\b"), Catch::Contains("backslash"));
  CHECK_THAT(bundle::bag_name_problem("\xC9\xEA.pdf"), Catch::Contains("UTF-8"));
}

TEST_CASE("bag: a folder becomes a sorted, valid bag with every file's digest", "[bag]")
{
  TempDir dir;
  dir.write("in/b.txt", "text\n");
  dir.write("in/a 100%.pdf", std::string(300000, 'p'));
  dir.write("in/子目录/说明.md", "说明\n");
  dir.write("in/.hidden", "");
  const auto zip = dir.path() / "out" / "SQMA-2025-O01.zip";
  std::filesystem::create_directories(zip.parent_path());
  auto options = options_on();
  options.zip_digest = true;
  const auto summary = bundle::create_bag(dir.path() / "in", zip, options);
  REQUIRE(summary.ok());
  REQUIRE(summary->files.size() == 4);
  CHECK(summary->files[0].path == ".hidden");
  CHECK(summary->files[1].path == "a 100%.pdf");
  CHECK(summary->files[1].sha256 == io::sha256_hex(std::string(300000, 'p')));
  CHECK(summary->files[3].path == "子目录/说明.md");
  CHECK(summary->payload_bytes == 300000 + 5 + 7);
  CHECK(summary->zip_sha256 == io::sha256_hex(slurp(zip)));

  const auto names = entry_names(zip);
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(names.front() == "SQMA-2025-O01/bag-info.txt");
  CHECK(names.back() == "SQMA-2025-O01/tagmanifest-sha256.txt");

  const auto report = bundle::read_bag(zip);
  REQUIRE(report.ok());
  CHECK(report->is_bag);
  CHECK(report->top == "SQMA-2025-O01");
  CHECK(report->problems.empty());
  CHECK(report->files.size() == 4);
  CHECK(std::find(report->info.begin(), report->info.end(),
                  std::pair<std::string, std::string>("Payload-Oxum", "300012.4")) !=
        report->info.end());
  const auto manifest = bundle::read_entry(zip, "SQMA-2025-O01/manifest-sha256.txt", 1 << 20);
  REQUIRE(manifest.ok());
  CHECK_THAT(manifest.value(), Catch::Contains("  data/a 100%25.pdf\n"));
}

TEST_CASE("bag: the same folder gives the same bytes, whatever the files' times", "[bag]")
{
  TempDir dir;
  dir.write("in/a.txt", "a\n");
  dir.write("in/b/c.pdf", "c");
  std::filesystem::create_directories(dir.path() / "one");
  std::filesystem::create_directories(dir.path() / "two");
  REQUIRE(bundle::create_bag(dir.path() / "in", dir.path() / "one/x.zip", options_on()).ok());
  std::filesystem::last_write_time(dir.path() / "in/a.txt",
                                   std::filesystem::file_time_type::clock::now() -
                                       std::chrono::hours(1000));
  REQUIRE(bundle::create_bag(dir.path() / "in", dir.path() / "two/x.zip", options_on()).ok());
  CHECK(slurp(dir.path() / "one/x.zip") == slurp(dir.path() / "two/x.zip"));
  // A different Bagging-Date is a different bag-info.txt.
  std::filesystem::remove(dir.path() / "two/x.zip");
  REQUIRE(bundle::create_bag(dir.path() / "in", dir.path() / "two/x.zip", options_on("2025-07-01"))
              .ok());
  CHECK(slurp(dir.path() / "one/x.zip") != slurp(dir.path() / "two/x.zip"));
}

TEST_CASE("bag: refusals leave nothing at the target", "[bag]")
{
  TempDir dir;
  dir.write("in/a.txt", "a");
  const auto zip = dir.path() / "x.zip";
  SECTION("a symbolic link")
  {
    std::filesystem::create_symlink("a.txt", dir.path() / "in/link.txt");
    const auto r = bundle::create_bag(dir.path() / "in", zip, options_on());
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().code == ExitCode::data);
    CHECK_THAT(r.failure().message, Catch::Contains("link.txt"));
  }
  SECTION("a name with a line break")
  {
    dir.write("in/bad\nname.txt", "a");
    const auto r = bundle::create_bag(dir.path() / "in", zip, options_on());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.failure().message, Catch::Contains("line break"));
  }
  SECTION("an interruption while writing")
  {
    dir.write("in/big.pdf", std::string(std::size_t{3} << 20U, 'b'));
    auto options = options_on();
    int blocks = 0;
    options.progress = [&blocks] {
      if (++blocks == 2) {
        throw Interrupted();
      }
    };
    CHECK_THROWS_AS(bundle::create_bag(dir.path() / "in", zip, options), Interrupted);
  }
  SECTION("an existing target without force")
  {
    dir.write("x.zip", "old");
    const auto r = bundle::create_bag(dir.path() / "in", zip, options_on());
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().code == ExitCode::usage);
    CHECK(slurp(zip) == "old");
    return;
  }
  CHECK_FALSE(std::filesystem::exists(zip));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().rfind(".x.zip", 0) != 0);
  }
}

TEST_CASE("bag: what a reader finds wrong with a bag", "[bag]")
{
  TempDir dir;
  const auto zip = dir.path() / "bag.zip";
  const std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  const auto line = [](const std::string& bytes, const std::string& path) {
    return io::sha256_hex(bytes) + "  " + path + "\n";
  };
  const auto md5_line = [](const std::string& bytes, const std::string& path) {
    io::Digest hash("MD5");
    hash.update(bytes);
    return hash.hex_digest() + "  " + path + "\n";
  };
  std::vector<std::pair<std::string, std::string>> entries{
      {"b/bag-info.txt", "Bagging-Date: 2025-06-30\nPayload-Oxum: 2.1\n"},
      {"b/bagit.txt", bagit},
      {"b/data/a.txt", "a\n"},
      {"b/manifest-sha256.txt", line("a\n", "data/a.txt")},
  };
  SECTION("a valid bag")
  {
    write_zip(zip, entries);
    CHECK(bundle::read_bag(zip)->problems.empty());
  }
  SECTION("a changed file")
  {
    entries[2].second = "A\n";
    write_zip(zip, entries);
    CHECK(kinds_of(bundle::read_bag(zip).value()) == std::vector{BagProblemKind::changed});
  }
  SECTION("a missing and an extra file, and Payload-Oxum")
  {
    entries[2].first = "b/data/other.txt";
    entries[0].second = "Payload-Oxum: 3.1\n";
    write_zip(zip, entries);
    const auto report = bundle::read_bag(zip).value();
    CHECK(kinds_of(report) ==
          std::vector{BagProblemKind::bad_oxum, BagProblemKind::missing, BagProblemKind::extra});
    CHECK(report.problems[1].path == "data/a.txt");
    CHECK(report.problems[2].path == "data/other.txt");
  }
  SECTION("a payload manifest of another algorithm is checked too (RFC 8493 section 3)")
  {
    // MD5 and SHA-512 of "a\n", as bagit-python writes them beside SHA-256.
    const std::string md5 = "60b725f10c9c85c70d97880dfe8191b3  data/a.txt\n";
    const std::string sha512 =
        "162b0b32f02482d5aca0a7c93dd03ceac3acd7e410a5f18f3fb990fc958ae0df6f32233b91831eaf99ca58"
        "1a8c4ddf9c8ba315ac482db6d4ea01cc7884a635be  data/a.txt\n";
    entries.emplace_back("b/manifest-md5.txt", md5);
    entries.emplace_back("b/manifest-sha512.txt", sha512);
    write_zip(zip, entries);
    CHECK(bundle::read_bag(zip)->problems.empty());
    entries[4].second = std::string(32, '0') + "  data/a.txt\n";
    write_zip(zip, entries);
    auto report = bundle::read_bag(zip).value();
    REQUIRE(kinds_of(report) == std::vector{BagProblemKind::changed});
    CHECK(report.problems[0].detail.find(
              "MD5 60b725f10c9c85c70d97880dfe8191b3, manifest-md5.txt") != std::string::npos);
    // An algorithm sqma cannot compute leaves the bag unproven: reported.
    entries[4] = {"b/manifest-blake3.txt", std::string(64, '0') + "  data/a.txt\n"};
    write_zip(zip, entries);
    report = bundle::read_bag(zip).value();
    REQUIRE(kinds_of(report) == std::vector{BagProblemKind::bad_manifest});
    CHECK(report.problems[0].path == "manifest-blake3.txt");
  }
  SECTION("a Payload-Oxum past 64 bits is out of range, not read as 0")
  {
    for (const char* oxum : {"18446744073709555762.1", "2.99999999999999999999999"}) {
      entries[0].second = std::string("Payload-Oxum: ") + oxum + "\n";
      write_zip(zip, entries);
      const auto report = bundle::read_bag(zip).value();
      REQUIRE(kinds_of(report) == std::vector{BagProblemKind::bad_oxum});
      CHECK(report.problems[0].detail.find("is not <octets>.<count>") != std::string::npos);
    }
  }
  SECTION("a bad declaration and a bad manifest line")
  {
    entries[1].second = "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n";
    entries[3].second += "not a line\n";
    write_zip(zip, entries);
    CHECK(kinds_of(bundle::read_bag(zip).value()) ==
          std::vector{BagProblemKind::bad_declaration, BagProblemKind::bad_manifest});
  }
  SECTION("a tag manifest that lists a changed tag file, and a tag file it does not list")
  {
    entries.emplace_back("b/notes.txt", "added\n");
    entries.emplace_back("b/tagmanifest-sha256.txt",
                         line("other\n", "bagit.txt") + line(entries[0].second, "bag-info.txt") +
                             line(entries[3].second, "manifest-sha256.txt"));
    write_zip(zip, entries);
    const auto report = bundle::read_bag(zip).value();
    CHECK(kinds_of(report) == std::vector{BagProblemKind::changed, BagProblemKind::extra});
    CHECK(report.problems[0].path == "bagit.txt");
    CHECK(report.problems[1].path == "notes.txt");
  }
  SECTION("a tag manifest of another algorithm is checked over the tag files' bytes")
  {
    entries.emplace_back("b/tagmanifest-md5.txt",
                         md5_line(bagit, "bagit.txt") +
                             md5_line(entries[0].second, "bag-info.txt") +
                             md5_line(entries[3].second, "manifest-sha256.txt"));
    write_zip(zip, entries);
    CHECK(bundle::read_bag(zip)->problems.empty());
    entries[0].second += "Contact-Name: x\n";
    write_zip(zip, entries);
    auto report = bundle::read_bag(zip).value();
    REQUIRE(kinds_of(report) == std::vector{BagProblemKind::changed});
    CHECK(report.problems[0].path == "bag-info.txt");
    CHECK(report.problems[0].detail.find("MD5 ") == 0);
    entries[4].first = "b/tagmanifest-blake3.txt";
    write_zip(zip, entries);
    report = bundle::read_bag(zip).value();
    REQUIRE(kinds_of(report) == std::vector{BagProblemKind::bad_manifest});
    CHECK(report.problems[0].path == "tagmanifest-blake3.txt");
  }
  SECTION("another tag file a tag manifest of another algorithm lists is read and checked")
  {
    entries.emplace_back("b/notes.txt", "reviewed\n");
    entries.emplace_back("b/tagmanifest-md5.txt",
                         md5_line(bagit, "bagit.txt") +
                             md5_line(entries[0].second, "bag-info.txt") +
                             md5_line(entries[3].second, "manifest-sha256.txt") +
                             md5_line("reviewed\n", "notes.txt"));
    write_zip(zip, entries);
    CHECK(bundle::read_bag(zip)->problems.empty());
    entries[entries.size() - 2].second = "changed\n";
    write_zip(zip, entries);
    const auto report = bundle::read_bag(zip).value();
    REQUIRE(kinds_of(report) == std::vector{BagProblemKind::changed});
    CHECK(report.problems[0].path == "notes.txt");
    CHECK(report.problems[0].detail.find("MD5 ") == 0);
  }
  SECTION("a file outside the bag's folder, and no payload manifest")
  {
    entries[3].first = "b/manifest-md5.txt";
    entries[3].second = "60b725f10c9c85c70d97880dfe8191b3  data/a.txt\n";
    entries.emplace_back("stray.txt", "x");
    write_zip(zip, entries);
    const auto report = bundle::read_bag(zip).value();
    // An MD5 manifest's list counts; its digests are not checked.
    CHECK(kinds_of(report) == std::vector{BagProblemKind::extra});
    CHECK(report.problems[0].path == "stray.txt");
  }
  SECTION("not a bag")
  {
    write_zip(zip, {{"a.txt", "a"}});
    const auto report = bundle::read_bag(zip).value();
    CHECK_FALSE(report.is_bag);
    CHECK(kinds_of(report) == std::vector{BagProblemKind::not_a_bag});
  }
}

TEST_CASE("bag: the writer's Zip64 end records past 65,535 entries", "[bag]")
{
  TempDir dir;
  const auto zip = dir.path() / "many.zip";
  {
    io::AtomicFile file(zip);
    bundle::detail::ZipWriter writer(file);
    for (int i = 0; i < 70000; ++i) {
      static_cast<void>(
          writer.add("f" + std::to_string(i), std::to_string(i), bundle::detail::Method::store));
    }
    writer.finish();
    file.commit();
  }
  bundle::Limits limits;
  limits.max_entries = 100000;
  const auto inspection = bundle::inspect(zip, limits);
  REQUIRE(inspection.ok());
  CHECK(inspection->problems.empty());
  CHECK(inspection->entries.size() == 70000);
  CHECK(entry_names(zip).size() == 70000);
}

TEST_CASE("bag: a source shorter than announced is refused", "[bag]")
{
  TempDir dir;
  io::AtomicFile file(dir.path() / "x.zip");
  bundle::detail::ZipWriter writer(file);
  ShortSource source;
  CHECK_THROWS_AS(writer.add("x", source, 10, bundle::detail::Method::store), DataError);
}

TEST_CASE("bag: inspecting with two threads gives the same entries", "[bag]")
{
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.write("in/f" + std::to_string(i) + ".pdf",
              std::string(std::size_t{2} << 20U, static_cast<char>('a' + i % 26)));
  }
  const auto zip = dir.path() / "x.zip";
  REQUIRE(bundle::create_bag(dir.path() / "in", zip, options_on()).ok());
  bundle::InspectOptions two;
  two.jobs = 2;
  const auto one = bundle::inspect(zip);
  const auto both = bundle::inspect(zip, {}, two);
  REQUIRE(one.ok());
  REQUIRE(both.ok());
  REQUIRE(one->entries.size() == both->entries.size());
  for (std::size_t i = 0; i < one->entries.size(); ++i) {
    CHECK(one->entries[i].name == both->entries[i].name);
    CHECK(one->entries[i].sha256 == both->entries[i].sha256);
  }
}

TEST_CASE("bag: files deflated whole ahead of the writer give the bytes it streams", "[bag]")
{
  // Text of every size class the bag writer deflates ahead: empty, small, and up to one block
  // (k_whole_max), some repetitive, some not.
  std::vector<std::pair<std::string, std::string>> entries;
  std::string text;
  std::uint32_t x = 1;
  for (std::size_t i = 0; i < bundle::detail::k_whole_max; ++i) {
    x = x * 1103515245U + 12345U;
    text += static_cast<char>('a' + (x >> 16U) % 7U);
  }
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{1}, std::size_t{100}, std::size_t{70000},
        static_cast<std::size_t>(bundle::detail::k_whole_max) - 1,
        static_cast<std::size_t>(bundle::detail::k_whole_max)}) {
    entries.emplace_back("t" + std::to_string(size), text.substr(0, size));
    entries.emplace_back("r" + std::to_string(size), std::string(size, 'q'));
  }
  TempDir dir;
  write_zip(dir.path() / "streamed.zip", entries);
  {
    io::AtomicFile file(dir.path() / "whole.zip");
    bundle::detail::ZipWriter zip(file);
    bundle::detail::WholeDeflater deflater;
    for (const auto& [name, bytes] : entries) {
      CHECK(zip.add_deflated(name, deflater.deflate(bytes)) == io::sha256_hex(bytes));
    }
    zip.finish();
    file.commit();
  }
  CHECK(slurp(dir.path() / "whole.zip") == slurp(dir.path() / "streamed.zip"));

  // And a bag of many such files, deflated on two threads, is the same bytes every time.
  for (int i = 0; i < 60; ++i) {
    dir.write("in/f" + std::to_string(i) + ".txt",
              text.substr(static_cast<std::size_t>(i) * 997U, static_cast<std::size_t>(i) * 4001U));
  }
  auto options = options_on();
  options.top = "bag";
  REQUIRE(bundle::create_bag(dir.path() / "in", dir.path() / "a.zip", options).ok());
  REQUIRE(bundle::create_bag(dir.path() / "in", dir.path() / "b.zip", options).ok());
  CHECK(slurp(dir.path() / "a.zip") == slurp(dir.path() / "b.zip"));
  const auto report = bundle::read_bag(dir.path() / "a.zip");
  REQUIRE(report.ok());
  CHECK(report->problems.empty());
}
