// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "io/atomic_file.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"
#include "score/criteria.hpp"
#include "score/sheet.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

// A reviewer's packet for a round (评审任务包): the dossiers on their panels, with the
// history and every round's panel and scores left out, the pledge of M-17 to sign, and a
// note of the task and its deadline. Blank sheets are made by sheet_template.
namespace sqma::score {

// One dossier on a reviewer's panel in the round.
struct Task {
  const model::Dossier* dossier = nullptr;
  bool lead = false;
};

// What a packet says besides the reviewer's tasks.
struct PacketSettings {
  std::string cycle_name; // "2025年上海市质量管理奖"
  std::string round;      // written, panel, onsite
  model::Date due;        // the sheets are due on this day
  std::string office;     // who collects them
  std::string contact;    // contact person, may be empty
  std::string phone;
  std::string email;
};

// The tasks of each reviewer in `round`: for every dossier at that round's stage, each
// member of its panel, in dossier order; reviewers in id order.
[[nodiscard]] std::map<std::string, std::vector<Task>>
tasks_by_reviewer(const std::vector<model::Dossier>& dossiers, const std::string& round);

// The dossier as a reviewer receives it: the application without its history, its rounds
// (panels, other reviewers' sheets and results) or its award record, and without the
// personal data scoring does not need (contact person, identity number, phone, e-mail).
[[nodiscard]] model::Dossier reviewer_copy(const model::Dossier& dossier);

// The Chinese name of a round: 书面评审, 专家会审 (会审答辩), 现场验证.
[[nodiscard]] std::string round_name_zh(const std::string& round);

// The pledge of M-17 (《公正廉洁保密承诺书》) for `name` (or the reviewer id when no name is
// known) to sign, Markdown.
[[nodiscard]] std::string pledge_markdown(const std::string& reviewer, const std::string& name,
                                          const std::vector<Task>& tasks,
                                          const PacketSettings& settings);

// The files of one task in a packet, by their paths inside it.
struct TaskFiles {
  std::string dossier;             // dossiers/<id>.json
  std::string bundle;              // bundles/<bundle file>, or empty when none is sent
  std::vector<std::string> sheets; // sheets/<id>_<reviewer>[_<kind>].toml
};

// The task note (评审任务单): the dossiers, the role on each panel, the files of the packet,
// the deadline and whom to ask, Markdown. `files` holds the files of each task.
[[nodiscard]] std::string task_markdown(const std::string& reviewer, const std::string& name,
                                        const std::vector<Task>& tasks,
                                        const std::vector<TaskFiles>& files,
                                        const PacketSettings& settings);

// One file of a reviewer's packet.
struct PacketFile {
  std::string path;                  // inside the packet, such as sheets/<id>_<reviewer>.toml
  std::string bytes;                 // the content, unless the file is a copy of
  std::filesystem::path copy_of;     // a file (a dossier's bundle), which must have
  std::optional<std::string> sha256; // this SHA-256 when the dossier records one
  std::string dossier;               // the id of the dossier the copy belongs to
};

// Everything a reviewer's packet holds, in the order a reader meets it: the task note, the
// pledge, the dossiers (reviewer_copy), their bundles when `bundle_dir` is given (the file
// each dossier's bundle.path names in it) and the blank sheets of `kinds`. Throws DataError
// naming the dossier when a bundle is missing from `bundle_dir` or its path leaves it.
[[nodiscard]] std::vector<PacketFile>
packet_files(const std::string& reviewer, const std::string& name, const std::vector<Task>& tasks,
             const std::vector<SheetKind>& kinds, const Criteria& criteria,
             const PacketSettings& settings,
             const std::optional<std::filesystem::path>& bundle_dir);

// Where and how packets are written.
struct PacketOutput {
  std::filesystem::path dir;                       // one packet per reviewer in it
  bool zip = false;                                // <reviewer>.zip, else the folder <reviewer>/
  bool force = false;                              // existing files are replaced, else refused
  std::optional<std::filesystem::path> bundle_dir; // the dossiers' bundles are sent from it
};

// Stages one packet per reviewer with a task in settings.round (see packet_files; `names`
// gives reviewers' names by id) as a zip or a folder in output.dir, two at a time, and
// appends its files to `files` in the reviewers' order, closed and not yet committed.
// Returns the number of reviewers. Throws DataError for a missing or changed bundle,
// IoError, and UsageError for an existing file without output.force.
[[nodiscard]] std::size_t stage_packets(const std::vector<model::Dossier>& dossiers,
                                        const std::map<std::string, std::string>& names,
                                        const std::vector<SheetKind>& kinds,
                                        const Criteria& criteria, const PacketSettings& settings,
                                        const PacketOutput& output,
                                        std::vector<io::AtomicFile>& files);

// Stages the blank sheets of `kinds` for every panel member of every dossier at `round`'s
// stage, as <id>_<reviewer>[_<kind>].toml in `dir`, closed and not yet committed. Throws
// UsageError for an existing file unless `force`, IoError.
[[nodiscard]] std::vector<io::AtomicFile>
stage_sheets(const std::vector<model::Dossier>& dossiers, const std::string& round,
             const std::vector<SheetKind>& kinds, const Criteria& criteria,
             const std::filesystem::path& dir, bool force);

} // namespace sqma::score
