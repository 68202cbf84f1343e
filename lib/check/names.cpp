// SPDX-License-Identifier: Apache-2.0
#include "check/names.hpp"

namespace sqma::check {

using model::CertificateType;
using model::CreditKind;
using model::IncidentKind;
using model::MaterialType;

Text name_of(MaterialType type)
{
  switch (type) {
  case MaterialType::registration_form: return {"报名表", "registration form"};
  case MaterialType::application_form: return {"申报表", "application form"};
  case MaterialType::self_assessment: return {"自评报告", "self-assessment report"};
  case MaterialType::best_practice_cases: return {"最佳实践案例", "best-practice cases"};
  case MaterialType::evidence: return {"证实性材料", "supporting evidence"};
  case MaterialType::recommendation_letter: return {"推荐意见", "recommendation letter"};
  case MaterialType::project_report: return {"项目报告", "project report"};
  case MaterialType::deeds: return {"事迹材料", "statement of achievements"};
  case MaterialType::social_report: return {"社会责任报告", "social responsibility report"};
  case MaterialType::certificate_copy: return {"证书复印件", "certificate copy"};
  case MaterialType::other: return {"其他材料", "other material"};
  }
  return {};
}

Text name_of(CertificateType type)
{
  switch (type) {
  case CertificateType::quality: return {"质量管理体系认证", "quality management system"};
  case CertificateType::environment: return {"环境管理体系认证", "environmental management system"};
  case CertificateType::ohs:
    return {"职业健康安全管理体系认证", "occupational health and safety management system"};
  case CertificateType::product: return {"强制性产品认证", "mandatory product certification"};
  }
  return {};
}

Text name_of(IncidentKind kind)
{
  switch (kind) {
  case IncidentKind::quality: return {"质量", "quality"};
  case IncidentKind::equipment: return {"设备", "equipment"};
  case IncidentKind::casualty: return {"伤亡", "casualty"};
  case IncidentKind::fire: return {"火灾", "fire"};
  case IncidentKind::explosion: return {"爆炸", "explosion"};
  case IncidentKind::environment: return {"环境污染", "environmental"};
  case IncidentKind::public_health: return {"公共卫生", "public health"};
  case IncidentKind::food_safety: return {"食品安全", "food safety"};
  case IncidentKind::safety: return {"安全", "safety"};
  case IncidentKind::other: return {"其他", "other"};
  }
  return {};
}

Text name_of(CreditKind kind)
{
  switch (kind) {
  case CreditKind::serious_dishonesty: return {"严重违法失信", "serious dishonesty"};
  case CreditKind::violation: return {"违法违规", "violation"};
  case CreditKind::major_complaint: return {"重大顾客投诉", "major customer complaint"};
  }
  return {};
}

Text name_of(model::AwardLevel level)
{
  switch (level) {
  case model::AwardLevel::international: return {"国际级", "international"};
  case model::AwardLevel::national: return {"国家级", "national"};
  case model::AwardLevel::municipal: return {"市级", "municipal"};
  case model::AwardLevel::district: return {"区级", "district"};
  }
  return {};
}

Text name_of(bundle::ProblemKind kind)
{
  using K = bundle::ProblemKind;
  const std::string en(bundle::to_string(kind));
  switch (kind) {
  case K::unreadable: return {"无法读取", en};
  case K::truncated: return {"文件不完整", en};
  case K::inconsistent_directory: return {"目录结构不一致", en};
  case K::path_traversal: return {"路径越界", en};
  case K::absolute_path: return {"绝对路径", en};
  case K::drive_letter: return {"盘符路径", en};
  case K::backslash: return {"路径含反斜杠", en};
  case K::symlink: return {"符号链接", en};
  case K::duplicate_name: return {"文件名重复", en};
  case K::encrypted: return {"文件加密", en};
  case K::overlapping: return {"条目数据重叠", en};
  case K::too_many_entries: return {"文件数过多", en};
  case K::too_large: return {"文件过大", en};
  case K::ratio: return {"压缩比异常", en};
  case K::crc_mismatch: return {"CRC校验错误", en};
  case K::gb18030_name: return {"文件名为GB18030编码", en};
  case K::invalid_name: return {"文件名无效", en};
  }
  return {en, en};
}

Text name_of(bundle::BagProblemKind kind)
{
  using K = bundle::BagProblemKind;
  const std::string en(bundle::to_string(kind));
  switch (kind) {
  case K::not_a_bag: return {"不是BagIt包", en};
  case K::bad_declaration: return {"bagit.txt声明有误", en};
  case K::bad_bag_info: return {"bag-info.txt格式有误", en};
  case K::bad_oxum: return {"Payload-Oxum与内容不符", en};
  case K::bad_manifest: return {"清单格式有误", en};
  case K::missing: return {"清单所列文件缺失", en};
  case K::extra: return {"文件未列入清单", en};
  case K::changed: return {"文件与清单摘要不符", en};
  case K::unsafe_entry: return {"条目不安全", en};
  }
  return {en, en};
}

Text award_name(const model::Dossier& dossier)
{
  switch (dossier.award_class) {
  case model::AwardClass::organisation: return {"组织奖", "organisation award"};
  case model::AwardClass::project: return {"项目奖", "project award"};
  case model::AwardClass::individual: break;
  }
  switch (dossier.kind.value_or(model::IndividualKind::leader)) {
  case model::IndividualKind::leader:
    return {"个人奖（卓越质量领导）", "individual award (excellent quality leader)"};
  case model::IndividualKind::manager:
    return {"个人奖（杰出质量经理）", "individual award (outstanding quality manager)"};
  case model::IndividualKind::craftsman:
    return {"个人奖（质量工匠）", "individual award (quality craftsman)"};
  }
  return {};
}

} // namespace sqma::check
