// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/date.hpp"
#include "model/dossier.hpp"

#include <map>
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

// The task note (评审任务单): the dossiers, the role on each panel, the files of the packet,
// the deadline and whom to ask, Markdown. `sheets` names the sheet files of each task.
[[nodiscard]] std::string task_markdown(const std::string& reviewer, const std::string& name,
                                        const std::vector<Task>& tasks,
                                        const std::vector<std::vector<std::string>>& sheets,
                                        const PacketSettings& settings);

} // namespace sqma::score
