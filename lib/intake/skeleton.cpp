// SPDX-License-Identifier: Apache-2.0
#include "intake/skeleton.hpp"

#include "model/dossier_io.hpp"

#include <nlohmann/json.hpp>

namespace sqma::intake {
namespace {

struct Part {
  const char* field;
  const char* clause;
  const char* zh;
  const char* en;
};

// What each class or kind needs from the applicant's form, by the clause that asks for it.
const std::vector<Part>& parts_of(const model::Dossier& d)
{
  static const std::vector<Part> k_organisation{
      {"certificates", "A1-3(2)", "质量、环境、职业健康安全管理体系认证证书",
       "the certificates of the quality, environmental and OHS management systems"},
      {"compliance", "A1-3(2)", "产品标准、三废处理和节能目标的合规声明",
       "the compliance declarations (standards, waste, energy)"},
      {"social_report", "A1-3(3)", "社会责任报告", "the social responsibility report"},
      {"activities", "A1-3(4)", "近2年参加的群众性质量活动",
       "the quality activities of the last 2 years"},
      {"recommendations", "A1-3(6)", "行业、集团或区质量协会的推荐意见",
       "the recommendation of an industry, group or district quality association"},
      {"declarations", "A1-3(2)", "待评审确认的声明", "the declarations reviewers confirm"},
      {"materials", "A1-5", "申报材料（报名表、申报表、自评报告、最佳实践案例、证实性材料）",
       "the application materials (forms, self-assessment, cases, evidence)"},
  };
  static const std::vector<Part> k_project{
      {"project", "A2-2(3)", "项目概况（起始日期、采用的方法和成效）",
       "the project's record (start, methods, results)"},
      {"certificates", "A2-2(2)", "牵头单位的管理体系认证证书",
       "the lead unit's management system certificates"},
      {"recommendations", "A2-2(4)", "行业、集团或区质量协会的推荐意见",
       "the recommendation of an industry, group or district quality association"},
      {"declarations", "A2-2(3)", "待评审确认的声明", "the declarations reviewers confirm"},
      {"materials", "A2-4", "申报材料", "the application materials"},
  };
  static const std::vector<Part> k_leader{
      {"leader", "A3-4(4)", "任职以来组织获奖情况和近3年经营业绩",
       "the awards won under the leader and the last 3 years' results"},
      {"activities", "A3-4(5)", "近3年参加的重大质量活动",
       "the major quality activities of the last 3 years"},
      {"recommendations", "A3-4(6)", "所在单位及其上级主管部门、行业协会或集团公司的联合推荐",
       "the joint recommendation of the employer and its superior body"},
      {"declarations", "A3-4(1)", "待评审确认的声明", "the declarations reviewers confirm"},
      {"materials", "A3-8", "申报材料", "the application materials"},
  };
  static const std::vector<Part> k_manager{
      {"recommendations", "A3-5(4)", "所在单位（或行业协会）的推荐意见",
       "the recommendation of the employer or an industry association"},
      {"declarations", "A3-5(1)", "待评审确认的声明", "the declarations reviewers confirm"},
      {"materials", "A3-8", "申报材料", "the application materials"},
  };
  static const std::vector<Part> k_craftsman{
      {"recommendations", "A3-6(5)", "所在单位（或行业协会）的推荐意见",
       "the recommendation of the employer or an industry association"},
      {"declarations", "A3-6(1)", "待评审确认的声明", "the declarations reviewers confirm"},
      {"materials", "A3-8", "申报材料", "the application materials"},
  };
  switch (d.award_class) {
  case model::AwardClass::organisation: return k_organisation;
  case model::AwardClass::project: return k_project;
  case model::AwardClass::individual: break;
  }
  if (d.kind == model::IndividualKind::leader) {
    return k_leader;
  }
  return d.kind == model::IndividualKind::manager ? k_manager : k_craftsman;
}

} // namespace

bool is_skeleton(const model::Dossier& dossier)
{
  return dossier.intake && dossier.intake->state == "skeleton";
}

std::vector<MissingPart> missing_parts(const model::Dossier& dossier)
{
  const nlohmann::json doc = dossier;
  std::vector<MissingPart> out;
  for (const auto& part : parts_of(dossier)) {
    const auto found = doc.find(part.field);
    if (found == doc.end() || found->empty()) {
      out.push_back({part.field, part.clause, part.zh, part.en});
    }
  }
  return out;
}

std::optional<model::Dossier> completed(const model::Dossier& dossier)
{
  if (!missing_parts(dossier).empty()) {
    return std::nullopt;
  }
  nlohmann::json doc = dossier;
  doc.erase("intake");
  auto full = model::dossier_from_json(doc, Location{});
  if (!full) {
    return std::nullopt;
  }
  return std::move(full).value();
}

} // namespace sqma::intake
