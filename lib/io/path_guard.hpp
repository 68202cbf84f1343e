// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::io {

// Throws UsageError "<path>: exists; give --force to replace it" when `path` names anything,
// a dangling symbolic link included, and `force` is false: checked before any work starts.
void refuse_existing(const std::filesystem::path& path, bool force);

// Keeps a verb from writing over what it reads. A verb names every file and folder it reads
// and every file and folder it writes, each with the flag that gave it, then calls check()
// before it writes anything: an output that is an input (the same file by device and inode,
// or the same path once symbolic links are resolved, for a file that does not exist yet), or
// that would land among the files an input folder is read from, is refused. "-" as an input
// is standard input, which guards the file it is redirected from; "-" as an output and empty
// paths are ignored.
class PathGuard {
public:
  // A file the verb reads.
  void input_file(std::string_view flag, const std::filesystem::path& path);
  // A folder the verb reads files from, at any depth, with the extensions it reads (".json";
  // empty: every file).
  void input_dir(std::string_view flag, const std::filesystem::path& dir,
                 std::vector<std::string> extensions = {});
  // A command-line argument that names a file or a folder: a folder is read for
  // `extensions`, anything else is a file.
  void input(std::string_view flag, const std::string& arg,
             const std::vector<std::string>& extensions);
  // A file the verb writes.
  void output_file(std::string_view flag, const std::filesystem::path& path);
  // A folder the verb writes files into, with the extensions of those files (empty: any).
  void output_dir(std::string_view flag, const std::filesystem::path& dir,
                  std::vector<std::string> extensions = {});
  // A file the verb reads and writes again (a register): an output that may exist already.
  void updated_file(std::string_view flag, const std::filesystem::path& path);

  // Throws UsageError naming both paths and their flags when an output would replace an
  // input or another output, or naming an output file that exists already unless `force`.
  // May be called again after more paths are added.
  void check(bool force) const;

  // The output files that lie straight in the folder `dir`, by file name, each with its flag
  // and path as messages give them: names a verb that writes files of its own choosing into
  // `dir` (a dossier's <id>.json) must not take.
  [[nodiscard]] std::map<std::string, std::string>
  output_files_in(const std::filesystem::path& dir) const;

  // The extensions of dossier files read from a folder (".json", ".jsonl").
  [[nodiscard]] static const std::vector<std::string>& dossier_extensions();

  // One path as the guard holds it.
  struct Entry {
    std::string flag;
    std::string given;                   // as the user wrote it
    std::filesystem::path resolved;      // absolute, symbolic links of existing parts resolved
    std::vector<std::string> extensions; // lower case, with the dot; folders only
    bool folder = false;
    bool exists = false;
    bool updated = false; // read and written again: that it exists is no clash
    unsigned long long device = 0;
    unsigned long long inode = 0;
    unsigned long long links = 0; // hard links to the file
  };

private:
  std::vector<Entry> m_inputs;
  std::vector<Entry> m_outputs;
};

} // namespace sqma::io
