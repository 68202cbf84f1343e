// SPDX-License-Identifier: Apache-2.0
#include "score/packet.hpp"

#include "core/error.hpp"
#include "io/files.hpp"
#include "model/dossier_io.hpp"
#include "report/markup.hpp"
#include "score/rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace sqma::score {

std::map<std::string, std::vector<Task>>
tasks_by_reviewer(const std::vector<model::Dossier>& dossiers, const std::string& round)
{
  std::map<std::string, std::vector<Task>> out;
  const auto stage = model::round_stage(round);
  for (const auto& d : dossiers) {
    const auto* r = round_of(d, round);
    if (!stage || d.stage != *stage || r == nullptr) {
      continue;
    }
    for (const auto& member : r->panel) {
      out[member.reviewer].push_back({&d, member.lead});
    }
  }
  return out;
}

model::Dossier reviewer_copy(const model::Dossier& dossier)
{
  model::Dossier copy = dossier;
  copy.rounds = {};
  copy.history.clear();
  copy.award.reset();
  // Personal data a reviewer does not need to score (PIPL's minimum necessary): the office
  // contact, and the individual applicant's identity number, phone and e-mail. The identity
  // number is required of a dossier, so the copy holds its length in asterisks.
  copy.applicant.contact.reset();
  if (auto& person = copy.applicant.person) {
    person->id_number = std::string(person->id_number.size(), '*');
    person->phone.reset();
    person->email.reset();
  }
  return copy;
}

std::string round_name_zh(const std::string& round)
{
  if (round == "written") {
    return "书面评审";
  }
  if (round == "panel") {
    return "专家会审（会审答辩）";
  }
  if (round == "onsite") {
    return "现场验证";
  }
  return round;
}

std::string pledge_markdown(const std::string& reviewer, const std::string& name,
                            const std::vector<Task>& tasks, const PacketSettings& s)
{
  const auto md = [](std::string_view text) { return report::markdown_escape(text); };
  std::string out = "# 公正廉洁保密承诺书\n\n";
  out += fmt::format("本人{}（评审员编号：{}）承担{}{}工作，评审申报材料{}份。本人郑重承诺"
                     "（《上海市质量管理奖管理办法》M-17）：\n\n",
                     md(name.empty() ? reviewer : name), md(reviewer), md(s.cycle_name),
                     round_name_zh(s.round), tasks.size());
  out += "1. 坚持公正、客观、科学的原则，独立评审，按评分准则如实评分，不受任何单位和个人的影响；\n"
         "2. 与所评审的申报单位（申报人）存在任职、咨询、培训、技术服务或经济利益等关联的，"
         "主动申明并回避（M-18）；\n"
         "3. 廉洁自律，不接受申报单位（申报人）的宴请、礼品、礼金、有价证券及其他利益，"
         "不以评审员身份从事有偿咨询活动；\n"
         "4. 严格保守申报材料中的商业秘密和个人信息，不复制、不外传、不另作他用，"
         "评审结束后按要求交回或销毁全部材料；\n"
         "5. 不对外透露评审意见、评分和评审结果。\n\n"
         "如有违反，本人愿接受警告直至取消评审员资格的处理。\n\n";
  out += "承诺人（签字）：________________\n\n";
  out += "日期：________年____月____日\n\n";
  out += fmt::format("请于{}前签字后随评分表一并交回{}。\n", s.due.chinese(), md(s.office));
  return out;
}

std::string task_markdown(const std::string& reviewer, const std::string& name,
                          const std::vector<Task>& tasks, const std::vector<TaskFiles>& files,
                          const PacketSettings& s)
{
  const auto md = [](std::string_view text) { return report::markdown_escape(text); };
  std::string out = fmt::format("# {}{}评审任务单\n\n", md(s.cycle_name), round_name_zh(s.round));
  out += fmt::format("评审员：{}（{}）\n\n", md(name.empty() ? reviewer : name), md(reviewer));
  out += fmt::format("**评分表交回截止日期：{}**\n\n", s.due.chinese());
  out += "| 序号 | 申报编号 | 申报主体 | 角色 | 申报材料 | 评分表 |\n|---:|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const auto& d = *tasks[i].dossier;
    std::string sheets;
    for (const auto& f : files[i].sheets) {
      sheets += (sheets.empty() ? "" : "<br>") + md(f);
    }
    auto material = md(files[i].dossier);
    if (!files[i].bundle.empty()) {
      material += "<br>" + md(files[i].bundle);
    }
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", i + 1, md(d.id), md(d.applicant.name),
                       tasks[i].lead ? "组长" : "成员", material, sheets);
  }
  const bool bundles =
      std::any_of(files.begin(), files.end(), [](const TaskFiles& f) { return !f.bundle.empty(); });
  out += fmt::format("\n本任务包内含：本任务单；所评审的申报材料（dossiers/{}）；空白评分表"
                     "（sheets/，每份申报材料一份，按其中的说明填写）；《公正廉洁保密承诺书》"
                     "（pledge.md，签字后交回）。\n\n",
                     bundles ? "，及 bundles/ 中申报单位提交的材料包" : "");
  out += fmt::format("请于{}前将填好的评分表和签字的承诺书交回{}", s.due.chinese(), md(s.office));
  std::vector<std::string> parts;
  for (const auto& [label, value] :
       {std::pair<const char*, const std::string&>{"联系人", s.contact},
        {"电话", s.phone},
        {"电子邮箱", s.email}}) {
    if (!value.empty()) {
      parts.push_back(fmt::format("{}：{}", label, md(value)));
    }
  }
  out += parts.empty() ? "。" : "（";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : "；") + parts[i];
  }
  out += parts.empty() ? "\n" : "）。\n";
  out += "\n申报材料仅供本轮评审使用，请勿复制或外传（M-17）。\n";
  return out;
}

std::vector<PacketFile> packet_files(const std::string& reviewer, const std::string& name,
                                     const std::vector<Task>& tasks,
                                     const std::vector<SheetKind>& kinds, const Criteria& criteria,
                                     const PacketSettings& settings,
                                     const std::optional<std::filesystem::path>& bundle_dir)
{
  std::vector<PacketFile> dossiers;
  std::vector<PacketFile> bundles;
  std::vector<PacketFile> sheets;
  std::vector<TaskFiles> files;
  for (const auto& task : tasks) {
    const auto& d = *task.dossier;
    auto& listed = files.emplace_back();
    listed.dossier = "dossiers/" + d.id + ".json";
    dossiers.push_back({listed.dossier, model::dump_dossier(reviewer_copy(d), true), {}, {}, {}});
    if (bundle_dir && d.bundle) {
      if (auto outside = io::outside_folder(*bundle_dir, d.bundle->path, "bundle")) {
        throw DataError(fmt::format("{}: {}: {}", d.id, d.bundle->path, *outside));
      }
      const auto source = *bundle_dir / d.bundle->path;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(source, ec)) {
        throw DataError(fmt::format("{}: the bundle {} is not in {}", d.id, d.bundle->path,
                                    bundle_dir->string()));
      }
      // Named for the dossier, as two dossiers' bundles may share a file name in sub-folders.
      listed.bundle = "bundles/" + d.id + source.extension().string();
      bundles.push_back({listed.bundle, {}, source, d.bundle->sha256, d.id});
    }
    for (const auto kind : kinds) {
      const auto suffix = kind == SheetKind::score ? std::string{} : "_" + to_string(kind);
      listed.sheets.push_back(fmt::format("sheets/{}_{}{}.toml", d.id, reviewer, suffix));
      sheets.push_back({listed.sheets.back(),
                        sheet_template(kind, d, reviewer, settings.round, criteria.for_dossier(d)),
                        {},
                        {},
                        {}});
    }
  }
  std::vector<PacketFile> out;
  out.push_back({"README.md", task_markdown(reviewer, name, tasks, files, settings), {}, {}, {}});
  out.push_back({"pledge.md", pledge_markdown(reviewer, name, tasks, settings), {}, {}, {}});
  for (auto* part : {&dossiers, &bundles, &sheets}) {
    std::move(part->begin(), part->end(), std::back_inserter(out));
  }
  return out;
}

} // namespace sqma::score
