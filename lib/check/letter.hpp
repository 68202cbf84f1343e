// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/engine.hpp"
#include "io/atomic_file.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqma::cycle {
struct Config;
}

namespace sqma::check {

// Who writes the letters, from the cycle config ([office] over [notice.contact]).
struct LetterHead {
  std::string cycle_name; // "2025年上海市质量管理奖"
  std::string publisher;  // "上海市质量协会"
  std::string office;     // "上海市质量管理奖工作办公室"
  std::string address;
  std::string contact; // the contact person, may be empty
  std::string phone;
  std::string email;
};

// The letter head of the cycle `config`.
[[nodiscard]] LetterHead letter_head(const cycle::Config& config);

// One reason of a letter: the clause, its short title, what is wrong.
struct LetterReason {
  std::string clause;
  std::string title; // "依法注册经营"; empty if the rulebook has none
  std::string text;
};

// A letter to an applicant whose dossier must be supplemented (补正) or is returned (退回),
// in words, ready for each format. It holds no identity number, digest or rule id.
struct Letter {
  bool supplement = false;
  std::string title;     // "关于2025年上海市质量管理奖申报材料补充提交的通知"
  std::string number;    // the document number (文号), empty when the config sets no pattern
  std::string addressee; // the organisation, the project's lead unit, or "某某同志（单位）"
  std::string opening;   // what was checked, when
  std::vector<LetterReason> reasons;
  std::string closing;                 // the deadline or the return
  std::optional<model::Date> deadline; // for a supplement
  int working_days = 0;                // the deadline in working days after the check
  std::string contact;                 // "联系人：王敏，电话：…"
  LetterHead head;
  model::Date date;
};

// The letter for `dossier`, whose check ended in supplement or return, numbered `number`.
// Findings that reviewers confirm and notices are not part of it.
[[nodiscard]] Letter make_letter(const model::Dossier& dossier, const CheckResult& result,
                                 const Settings& settings, const LetterHead& head,
                                 std::string number);

// The letter as Markdown.
[[nodiscard]] std::string letter_markdown(const Letter& letter);

// The letter as a standalone, print-ready HTML page (A4, CJK serif fonts, a box for the seal,
// readable on a phone).
[[nodiscard]] std::string letter_html(const Letter& letter);

// The parts of the letter as an Office Open XML word-processing document (DOCX): each entry
// name with its bytes, in the order a zip holds them ([Content_Types].xml first).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> letter_docx(const Letter& letter);

// The file extensions (.md, .html, .docx, in that order) of the letter formats named in
// `formats` (markdown, html, docx; all three when it is empty). Throws UsageError naming a
// format it does not know.
[[nodiscard]] std::vector<std::string_view>
letter_extensions(const std::vector<std::string>& formats);

// Numbers the letters (dossier id, letter) in the order of their ids with the cycle's
// document numbers, and writes each as <id><extension> into `dir` in every format of
// `extensions`. The files are returned closed and not yet committed (see io::commit_all).
// Throws IoError.
[[nodiscard]] std::vector<io::AtomicFile>
write_letters(const std::filesystem::path& dir, std::vector<std::pair<std::string, Letter>> letters,
              const cycle::Config& config, const std::vector<std::string_view>& extensions);

} // namespace sqma::check
