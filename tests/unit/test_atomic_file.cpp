// SPDX-License-Identifier: Apache-2.0
// Temporary files of io::AtomicFile: their names, how readers skip them, and how the next
// writer into a folder removes those a killed run left behind, and only those.
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "io/atomic_file.hpp"
#include "io/files.hpp"
#include "score/sheet.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace sqma;
using sqma::test::TempDir;

namespace {

std::set<std::string> names_in(const std::filesystem::path& dir)
{
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    out.insert(entry.path().filename().string());
  }
  return out;
}

// The pid of a process that has ended and been reaped, so no process has it (until the
// system hands it out again, which takes a full turn of the pid space).
long dead_pid()
{
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

} // namespace

TEST_CASE("atomic file: the temporary name is hidden and says whose it is", "[io]")
{
  TempDir dir;
  io::AtomicFile file(dir.path() / "SQMA-2025-O01.json");
  const auto name = file.temp_path().filename().string();
  CHECK(name.rfind(fmt::format(".SQMA-2025-O01.json.sqma-tmp-{}-", ::getpid()), 0) == 0);
  CHECK(io::temp_file_pid(name) == ::getpid());
  CHECK(file.temp_path().parent_path() == dir.path());
}

TEST_CASE("atomic file: a long target name still gives a temporary name within NAME_MAX", "[io]")
{
  TempDir dir;
  std::string long_name;
  while (long_name.size() < 240) {
    long_name += "质量"; // three bytes each: the cut must fall between characters
  }
  io::AtomicFile file(dir.path() / (long_name + ".json"));
  const auto name = file.temp_path().filename().string();
  CHECK(name.size() <= 255);
  CHECK(io::temp_file_pid(name) == ::getpid());
  file.write("x");
  file.commit();
  CHECK(test::slurp(dir.path() / (long_name + ".json")) == "x");
}

TEST_CASE("atomic file: only names of the exact pattern are temporary files", "[io]")
{
  CHECK(io::temp_file_pid(".a.json.sqma-tmp-123-0") == 123);
  CHECK(io::temp_file_pid(".a.sqma-tmp-1-18446744073709551615") == 1);
  CHECK_FALSE(io::temp_file_pid("a.json.sqma-tmp-123-0")); // not hidden
  CHECK_FALSE(io::temp_file_pid(".sqma-tmp-123-0"));       // no target name
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-123"));  // no counter
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-0-1"));  // pid 0 is no process
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp--1-1")); // nor -1
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-+1-1"));
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-1-2x"));
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-1-2-3"));
  CHECK_FALSE(io::temp_file_pid(".a.json.sqma-tmp-99999999999-1")); // past any pid
  CHECK_FALSE(io::temp_file_pid(".a.json.XyZ123"));                 // mkstemp's old names
}

TEST_CASE("atomic file: readers skip a temporary file left by a killed run", "[io]")
{
  TempDir dir;
  dir.write("SQMA-2025-O01.json", "{}");
  dir.write(".SQMA-2025-O01.json.sqma-tmp-4242-7", "{\"id\": \"SQMA-20");
  dir.write("sheets/O01_R01.toml", "round = 'written'\n");
  dir.write("sheets/.O01_R01.toml.sqma-tmp-4242-8", "round = 'wri");
  const auto inputs = io::expand_inputs({dir.path().string()});
  REQUIRE(inputs);
  CHECK(inputs.value() == std::vector<std::string>{(dir.path() / "SQMA-2025-O01.json").string()});
  const auto sheets = score::read_sheets({(dir.path() / "sheets").string()});
  REQUIRE(sheets.size() == 1); // the sheet itself, however invalid; not the temporary file
  CHECK_FALSE(sheets.front()); // the complete but incomplete sheet fails its schema
  CHECK(sheets.front().failure().where.file == (dir.path() / "sheets" / "O01_R01.toml").string());
}

TEST_CASE("atomic file: the next writer removes stale temporary files, and only those", "[io]")
{
  TempDir dir;
  const long dead = dead_pid();
  const auto stale = fmt::format(".a.json.sqma-tmp-{}-0", dead);
  const auto stale_report = fmt::format(".report.xlsx.sqma-tmp-{}-3", dead);
  const auto running = fmt::format(".b.json.sqma-tmp-{}-0", ::getppid());
  const auto mine = fmt::format(".c.json.sqma-tmp-{}-999999", ::getpid());
  const auto near_miss = fmt::format(".d.json.sqma-tmp-{}", dead);
  const auto visible = fmt::format("e.json.sqma-tmp-{}-0", dead);
  const auto link = fmt::format(".f.json.sqma-tmp-{}-1", dead);
  for (const auto& name : {stale, stale_report, running, mine, near_miss, visible}) {
    dir.write(name, "partial");
  }
  dir.write("keep.json", "{}");
  std::filesystem::create_symlink(dir.path() / "keep.json", dir.path() / link);
  std::set<std::string> expected = {running, mine, near_miss, visible, link, "keep.json"};
  if (::geteuid() == 0) {
    // Another user's file of the same pattern is not ours to remove.
    const auto foreign = fmt::format(".g.json.sqma-tmp-{}-0", dead);
    dir.write(foreign, "partial");
    REQUIRE(::chown((dir.path() / foreign).c_str(), 12345, 12345) == 0);
    expected.insert(foreign);
  }
  dir.write("sub/" + stale, "partial"); // below the folder: another folder, not cleaned here
  expected.insert("sub");

  io::write_file_atomic(dir.path() / "new.json", "new");
  expected.insert("new.json");
  CHECK(names_in(dir.path()) == expected);
  CHECK(std::filesystem::exists(dir.path() / "sub" / stale));
  CHECK(test::slurp(dir.path() / "keep.json") == "{}"); // the symlink's target is untouched
  CHECK(io::remove_stale_temp_files(dir.path() / "sub") == 1);
  CHECK(io::remove_stale_temp_files(dir.path() / "no-such-folder") == 0);
}

TEST_CASE("atomic file: files committed together land together", "[io]")
{
  TempDir dir;
  dir.write("a.json", "old a");
  std::vector<io::AtomicFile> files;
  for (const char* name : {"a.json", "b.json", "sub-less.json"}) {
    files.emplace_back(dir.path() / name);
    files.back().write(std::string("new ") + name);
  }
  CHECK(test::slurp(dir.path() / "a.json") == "old a");
  io::commit_all(files);
  CHECK(names_in(dir.path()) == std::set<std::string>{"a.json", "b.json", "sub-less.json"});
  CHECK(test::slurp(dir.path() / "a.json") == "new a.json");
}
