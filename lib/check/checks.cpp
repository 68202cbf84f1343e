// SPDX-License-Identifier: Apache-2.0
#include "check/checks.hpp"

#include "check/names.hpp"
#include "model/ids.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::check {
namespace {

using model::Date;

Text same(std::string value)
{
  return Text{value, value};
}

int int_param(const Rule& rule, const char* key)
{
  return rule.params.at(key).get<int>();
}

std::vector<std::string> list_param(const Rule& rule, const char* key)
{
  return rule.params.value(key, std::vector<std::string>{});
}

bool contains(const std::vector<std::string>& list, std::string_view value)
{
  return std::find(list.begin(), list.end(), value) != list.end();
}

// True when `date` lies in the `years` before the reference date (both ends included).
bool within(const Context& ctx, const Date& date, int years)
{
  return date <= ctx.reference_date && ctx.reference_date.plus_years(-years) <= date;
}

std::vector<Hit> none()
{
  return {};
}

Hit hit(std::string field, std::map<std::string, Text> values = {}, std::string file = {})
{
  return Hit{std::move(values), std::move(field), std::move(file)};
}

std::vector<Hit> registered_in_shanghai(const Context& ctx, const Rule& rule)
{
  const auto& code = ctx.dossier.applicant.organisation.credit_code;
  const auto division = std::string(model::credit_code_division(code));
  if (division.rfind(rule.params.at("division_prefix").get<std::string>(), 0) == 0) {
    return none();
  }
  return {hit("/applicant/organisation/credit_code",
              {{"code", same(code)}, {"division", same(division)}})};
}

std::vector<Hit> credit_code_valid(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  const auto units = ctx.dossier.units();
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& unit = *units[i];
    if (model::valid_credit_code(unit.credit_code)) {
      continue;
    }
    const auto expected = model::credit_code_check_char(unit.credit_code.substr(0, 17));
    const auto field = i == 0 ? std::string("/applicant/organisation/credit_code")
                              : fmt::format("/applicant/partners/{}/credit_code", i - 1);
    hits.push_back(hit(field, {{"unit", same(unit.name)},
                               {"code", same(unit.credit_code)},
                               {"expected", same(expected ? std::string(1, *expected) : "?")}}));
  }
  return hits;
}

std::vector<Hit> id_number_valid(const Context& ctx, const Rule& /*rule*/)
{
  const auto& person = ctx.dossier.applicant.person;
  if (!person || model::valid_id_number(person->id_number)) {
    return none();
  }
  return {hit("/applicant/person/id_number")};
}

std::vector<Hit> certificate_present(const Context& ctx, const Rule& rule)
{
  const auto type = rule.params.at("type").get<std::string>();
  for (const auto& cert : ctx.dossier.certificates) {
    if (model::enum_name(cert.type) == type) {
      return none();
    }
  }
  return {hit("/certificates")};
}

std::vector<Hit> certificate_current(const Context& ctx, const Rule& rule)
{
  std::vector<Hit> hits;
  const auto types = list_param(rule, "types");
  const auto& certs = ctx.dossier.certificates;
  for (const auto& type : types) {
    // A type counts as current when any of its certificates is; otherwise the one that
    // ran out last is named.
    std::optional<std::size_t> latest;
    bool current = false;
    for (std::size_t i = 0; i < certs.size(); ++i) {
      if (model::enum_name(certs[i].type) != type) {
        continue;
      }
      if (certs[i].valid_from <= ctx.reference_date && ctx.reference_date <= certs[i].valid_until) {
        current = true;
      }
      if (!latest || certs[*latest].valid_until < certs[i].valid_until) {
        latest = i;
      }
    }
    if (current || !latest) {
      continue;
    }
    const auto& cert = certs[*latest];
    hits.push_back(hit(fmt::format("/certificates/{}", *latest),
                       {{"number", same(cert.number)},
                        {"type", name_of(cert.type)},
                        {"valid_from", same(cert.valid_from.iso())},
                        {"valid_until", same(cert.valid_until.iso())},
                        {"reference_date", same(ctx.reference_date.iso())}}));
  }
  return hits;
}

std::vector<Hit> product_certificate(const Context& ctx, const Rule& /*rule*/)
{
  const auto& compliance = ctx.dossier.compliance;
  if (!compliance || !compliance->mandatory_certification_required) {
    return none();
  }
  for (const auto& cert : ctx.dossier.certificates) {
    if (cert.type == model::CertificateType::product) {
      return none();
    }
  }
  return {hit("/compliance/mandatory_certification_required")};
}

std::vector<Hit> compliance_true(const Context& ctx, const Rule& rule)
{
  const auto& compliance = ctx.dossier.compliance;
  if (!compliance) {
    return none();
  }
  const auto field = rule.params.at("field").get<std::string>();
  const bool value = field == "products_meet_standards" ? compliance->products_meet_standards
                                                        : compliance->waste_treatment_compliant;
  return value ? none() : std::vector<Hit>{hit("/compliance/" + field)};
}

std::vector<Hit> energy_targets(const Context& ctx, const Rule& rule)
{
  const auto& compliance = ctx.dossier.compliance;
  if (!compliance || !compliance->key_energy_user) {
    return none();
  }
  const bool want_absent = rule.params.at("when").get<std::string>() == "absent";
  const auto& met = compliance->energy_targets_met;
  if (want_absent ? !met.has_value() : (met.has_value() && !*met)) {
    return {hit("/compliance/energy_targets_met")};
  }
  return none();
}

std::vector<Hit> social_report_present(const Context& ctx, const Rule& /*rule*/)
{
  return ctx.dossier.social_report ? none() : std::vector<Hit>{hit("/social_report")};
}

std::vector<Hit> social_report_recent(const Context& ctx, const Rule& rule)
{
  const auto& report = ctx.dossier.social_report;
  const int years = int_param(rule, "years");
  if (!report || report->year >= ctx.reference_date.year() - years) {
    return none();
  }
  return {hit("/social_report/year", {{"year", same(std::to_string(report->year))},
                                      {"years", same(std::to_string(years))}})};
}

std::vector<Hit> activity_within(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  const auto organisers = list_param(rule, "organisers");
  for (const auto& activity : ctx.dossier.activities) {
    if ((organisers.empty() || contains(organisers, model::enum_name(activity.organiser))) &&
        within(ctx, activity.date, years)) {
      return none();
    }
  }
  return {hit("/activities", {{"years", same(std::to_string(years))},
                              {"since", same(ctx.reference_date.plus_years(-years).iso())}})};
}

std::vector<Hit> no_incident(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  const auto kinds = list_param(rule, "kinds");
  const auto severities = list_param(rule, "severities");
  std::vector<Hit> hits;
  const auto& incidents = ctx.dossier.incidents;
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    const auto& incident = incidents[i];
    if (incident.responsible && contains(kinds, model::enum_name(incident.kind)) &&
        contains(severities, model::enum_name(incident.severity)) &&
        within(ctx, incident.date, years)) {
      hits.push_back(hit(fmt::format("/incidents/{}", i), {{"years", same(std::to_string(years))},
                                                           {"kind", name_of(incident.kind)},
                                                           {"date", same(incident.date.iso())}}));
    }
  }
  return hits;
}

std::vector<Hit> no_credit_record(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  const auto kinds = list_param(rule, "kinds");
  std::vector<Hit> hits;
  const auto& records = ctx.dossier.credit_records;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    const bool in_window =
        years == 0 ? record.date <= ctx.reference_date : within(ctx, record.date, years);
    // Only a listing is ever removed (移出严重违法失信名单): a violation or a complaint
    // inside the window counts whatever removed_on says.
    const bool removed = record.kind == model::CreditKind::serious_dishonesty &&
                         record.removed_on && *record.removed_on <= ctx.reference_date;
    if (contains(kinds, model::enum_name(record.kind)) && in_window && !removed) {
      hits.push_back(
          hit(fmt::format("/credit_records/{}", i), {{"years", same(std::to_string(years))},
                                                     {"kind", name_of(record.kind)},
                                                     {"date", same(record.date.iso())}}));
    }
  }
  return hits;
}

std::vector<Hit> recommendation(const Context& ctx, const Rule& rule)
{
  std::set<std::string> given;
  for (const auto& r : ctx.dossier.recommendations) {
    given.emplace(model::enum_name(r.kind));
  }
  const auto all_of = list_param(rule, "all_of");
  const auto any_of = list_param(rule, "any_of");
  const bool all =
      std::all_of(all_of.begin(), all_of.end(), [&](const auto& k) { return given.count(k) > 0; });
  const bool any = any_of.empty() || std::any_of(any_of.begin(), any_of.end(),
                                                 [&](const auto& k) { return given.count(k) > 0; });
  return all && any ? none() : std::vector<Hit>{hit("/recommendations")};
}

std::vector<Hit> leader_award(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  const auto levels = list_param(rule, "levels");
  const int since = ctx.reference_date.year() - years;
  if (ctx.dossier.leader) {
    for (const auto& award : ctx.dossier.leader->awards) {
      if (contains(levels, model::enum_name(award.level)) && award.year >= since &&
          award.year <= ctx.reference_date.year()) {
        return none();
      }
    }
  }
  return {hit("/leader/awards", {{"years", same(std::to_string(years))},
                                 {"since_year", same(std::to_string(since))}})};
}

std::vector<Hit> performance_years(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  std::string missing_zh;
  std::string missing_en;
  for (int year = ctx.reference_date.year() - years; year < ctx.reference_date.year(); ++year) {
    const bool have =
        ctx.dossier.leader &&
        std::any_of(ctx.dossier.leader->performance.begin(), ctx.dossier.leader->performance.end(),
                    [&](const auto& p) { return p.year == year; });
    if (!have) {
      missing_zh += (missing_zh.empty() ? "" : "、") + std::to_string(year);
      missing_en += (missing_en.empty() ? "" : ", ") + std::to_string(year);
    }
  }
  if (missing_zh.empty()) {
    return none();
  }
  return {hit("/leader/performance",
              {{"years", same(std::to_string(years))}, {"missing", Text{missing_zh, missing_en}}})};
}

std::vector<Hit> materials(const Context& ctx, const Rule& rule)
{
  std::vector<Hit> hits;
  for (const auto& type : list_param(rule, "types")) {
    const bool listed =
        std::any_of(ctx.dossier.materials.begin(), ctx.dossier.materials.end(),
                    [&](const auto& m) { return model::enum_name(m.type) == type; });
    if (!listed) {
      hits.push_back(
          hit("/materials", {{"type", name_of(nlohmann::json(type).get<model::MaterialType>())}}));
    }
  }
  return hits;
}

std::vector<Hit> simplified_procedure(const Context& ctx, const Rule& rule)
{
  const int years = int_param(rule, "years");
  const auto levels = list_param(rule, "levels");
  const int year = ctx.reference_date.year();
  const auto& awards = ctx.dossier.awards;
  for (std::size_t i = 0; i < awards.size(); ++i) {
    if (contains(levels, model::enum_name(awards[i].level)) && awards[i].year >= year - years &&
        awards[i].year < year && model::government_or_national_award(awards[i])) {
      return {hit(fmt::format("/awards/{}", i), {{"year", same(std::to_string(awards[i].year))},
                                                 {"award", same(awards[i].name)}})};
    }
  }
  return none();
}

std::vector<Hit> confirm(const Context& ctx, const Rule& rule)
{
  const auto& clause = rule.clause_for(ctx.dossier);
  const auto& declarations = ctx.dossier.declarations;
  for (std::size_t i = 0; i < declarations.size(); ++i) {
    if (declarations[i].clause != clause) {
      continue;
    }
    if (declarations[i].confirmed_by) {
      return none();
    }
    return {
        hit(fmt::format("/declarations/{}", i), {{"statement", same(declarations[i].statement)}})};
  }
  return {
      hit("/declarations", {{"statement", same(rule.params.at("statement").get<std::string>())}})};
}

std::vector<Hit> bundle_present(const Context& ctx, const Rule& /*rule*/)
{
  if (ctx.bundle.found) {
    return none();
  }
  const auto name = ctx.bundle.name.empty() ? Text{"未指定", "none given"} : same(ctx.bundle.name);
  return {hit("/bundle", {{"bundle", name}}, ctx.bundle.name)};
}

const model::Material* listed(const Context& ctx, const std::string& entry)
{
  for (const auto& material : ctx.dossier.materials) {
    if (material.path == entry) {
      return &material;
    }
  }
  return nullptr;
}

const bundle::Entry* entry_named(const bundle::Inspection& inspection, const std::string& path)
{
  for (const auto& entry : inspection.entries) {
    if (entry.name == path) {
      return &entry;
    }
  }
  return nullptr;
}

std::vector<Hit> material_in_bundle(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  if (!ctx.bundle.inspection) {
    return hits;
  }
  const auto& materials = ctx.dossier.materials;
  for (std::size_t i = 0; i < materials.size(); ++i) {
    if (!entry_named(*ctx.bundle.inspection, materials[i].path)) {
      hits.push_back(hit(fmt::format("/materials/{}/path", i), {{"path", same(materials[i].path)}},
                         materials[i].path));
    }
  }
  return hits;
}

std::vector<Hit> material_digest(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  if (!ctx.bundle.inspection) {
    return hits;
  }
  const auto& materials = ctx.dossier.materials;
  for (std::size_t i = 0; i < materials.size(); ++i) {
    const auto* entry = entry_named(*ctx.bundle.inspection, materials[i].path);
    if (entry && entry->sha256 != materials[i].sha256) {
      hits.push_back(hit(fmt::format("/materials/{}/sha256", i),
                         {{"path", same(materials[i].path)},
                          {"expected", same(materials[i].sha256)},
                          {"actual", same(entry->sha256)}},
                         materials[i].path));
    }
  }
  return hits;
}

std::vector<Hit> bundle_safe(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  if (!ctx.bundle.unreadable.empty()) {
    hits.push_back(hit("/bundle",
                       {{"problem", Text{"无法读取", "unreadable: " + ctx.bundle.unreadable}},
                        {"entry", same(ctx.bundle.name)}},
                       ctx.bundle.name));
  }
  if (!ctx.bundle.inspection) {
    return hits;
  }
  if (ctx.bundle.bag) {
    for (const auto& problem : ctx.bundle.bag->problems) {
      const auto kind = name_of(problem.kind);
      const auto entry = problem.path.empty() ? ctx.bundle.name : problem.path;
      hits.push_back(hit("/bundle",
                         {{"problem", Text{kind.zh, "bag " + kind.en + ": " + problem.detail}},
                          {"entry", same(entry)}},
                         entry));
    }
  }
  for (const auto& problem : ctx.bundle.inspection->problems) {
    if (bundle::is_informational(problem.kind)) {
      continue;
    }
    const auto kind = name_of(problem.kind);
    const auto entry = problem.entry.empty() ? ctx.bundle.name : problem.entry;
    hits.push_back(
        hit("/bundle",
            {{"problem", Text{kind.zh, kind.en + ": " + problem.detail}}, {"entry", same(entry)}},
            entry));
  }
  return hits;
}

std::vector<Hit> bundle_extra(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  if (!ctx.bundle.inspection) {
    return hits;
  }
  for (const auto& entry : ctx.bundle.inspection->entries) {
    if (entry.name != "manifest-sha256.txt" && !listed(ctx, entry.name)) {
      hits.push_back(hit("/materials", {{"entry", same(entry.name)}}, entry.name));
    }
  }
  return hits;
}

std::vector<Hit> bundle_encoding(const Context& ctx, const Rule& /*rule*/)
{
  std::vector<Hit> hits;
  if (!ctx.bundle.inspection) {
    return hits;
  }
  for (const auto& problem : ctx.bundle.inspection->problems) {
    if (problem.kind == bundle::ProblemKind::gb18030_name) {
      hits.push_back(hit("/bundle", {{"entry", same(problem.entry)}}, problem.entry));
    }
  }
  return hits;
}

using O = RuleOutcome;
const std::set<O> k_failing{O::reject, O::supplement};

ParamSpec years_param()
{
  return ParamSpec{ParamType::integer, true, {}};
}

ParamSpec list_of(std::set<std::string> allowed, bool required = true)
{
  return ParamSpec{ParamType::string_list, required, std::move(allowed)};
}

const std::set<std::string> k_certificate_types{"quality", "environment", "ohs", "product"};
const std::set<std::string> k_incident_kinds{
    "quality",     "equipment",     "casualty",    "fire",   "explosion",
    "environment", "public_health", "food_safety", "safety", "other"};
const std::set<std::string> k_recommenders{"industry_association", "group_company",
                                           "district_quality_association", "superior_body",
                                           "own_organisation"};
const std::set<std::string> k_levels{"international", "national", "municipal", "district"};
const std::set<std::string> k_materials{"registration_form",
                                        "application_form",
                                        "self_assessment",
                                        "best_practice_cases",
                                        "evidence",
                                        "recommendation_letter",
                                        "project_report",
                                        "deeds",
                                        "social_report",
                                        "certificate_copy",
                                        "other"};

} // namespace

const std::map<std::string, CheckSpec>& checks()
{
  static const std::map<std::string, CheckSpec> k_checks{
      {"registered_in_shanghai",
       {{{"division_prefix", {ParamType::string, true, {}}}},
        {"code", "division"},
        k_failing,
        registered_in_shanghai}},
      {"credit_code_valid", {{}, {"unit", "code", "expected"}, k_failing, credit_code_valid}},
      {"id_number_valid", {{}, {}, k_failing, id_number_valid}},
      {"certificate_present",
       {{{"type", {ParamType::string, true, k_certificate_types}}},
        {},
        k_failing,
        certificate_present}},
      {"certificate_current",
       {{{"types", list_of(k_certificate_types)}},
        {"number", "type", "valid_from", "valid_until", "reference_date"},
        k_failing,
        certificate_current}},
      {"product_certificate", {{}, {}, k_failing, product_certificate}},
      {"compliance_true",
       {{{"field",
          {ParamType::string, true, {"products_meet_standards", "waste_treatment_compliant"}}}},
        {},
        k_failing,
        compliance_true}},
      {"energy_targets",
       {{{"when", {ParamType::string, true, {"false", "absent"}}}}, {}, k_failing, energy_targets}},
      {"social_report_present", {{}, {}, k_failing, social_report_present}},
      {"social_report_recent",
       {{{"years", years_param()}}, {"year", "years"}, k_failing, social_report_recent}},
      {"activity_within",
       {{{"years", years_param()}, {"organisers", list_of({"caq", "saq", "other"})}},
        {"years", "since"},
        k_failing,
        activity_within}},
      {"no_incident",
       {{{"years", years_param()},
         {"kinds", list_of(k_incident_kinds)},
         {"severities", list_of({"major", "serious", "general"})}},
        {"years", "kind", "date"},
        k_failing,
        no_incident}},
      {"no_credit_record",
       {{{"years", years_param()},
         {"kinds", list_of({"serious_dishonesty", "violation", "major_complaint"})}},
        {"years", "kind", "date"},
        k_failing,
        no_credit_record}},
      {"recommendation",
       {{{"any_of", list_of(k_recommenders, false)}, {"all_of", list_of(k_recommenders, false)}},
        {},
        k_failing,
        recommendation}},
      {"leader_award",
       {{{"years", years_param()}, {"levels", list_of(k_levels)}},
        {"years", "since_year"},
        k_failing,
        leader_award}},
      {"performance_years",
       {{{"years", years_param()}}, {"years", "missing"}, k_failing, performance_years}},
      {"materials", {{{"types", list_of(k_materials)}}, {"type"}, k_failing, materials}},
      {"simplified_procedure",
       {{{"years", years_param()}, {"levels", list_of(k_levels)}},
        {"year", "award"},
        {O::notice},
        simplified_procedure}},
      {"confirm",
       {{{"statement", {ParamType::string, true, {}}}}, {"statement"}, {O::confirm}, confirm}},
      {"bundle_present", {{}, {"bundle"}, k_failing, bundle_present}},
      {"material_in_bundle", {{}, {"path"}, k_failing, material_in_bundle}},
      {"material_digest", {{}, {"path", "expected", "actual"}, k_failing, material_digest}},
      {"bundle_safe", {{}, {"problem", "entry"}, k_failing, bundle_safe}},
      {"bundle_extra", {{}, {"entry"}, {O::notice, O::supplement}, bundle_extra}},
      {"bundle_encoding", {{}, {"entry"}, {O::notice}, bundle_encoding}},
  };
  return k_checks;
}

std::vector<std::string> fields_read(std::string_view check)
{
  static const std::map<std::string, std::vector<std::string>, std::less<>> k_reads{
      {"registered_in_shanghai", {"/applicant/organisation/credit_code"}},
      {"credit_code_valid", {"/applicant/organisation/credit_code", "/applicant/partners"}},
      {"id_number_valid", {"/applicant/person/id_number"}},
      {"certificate_present", {"/certificates"}},
      {"certificate_current", {"/certificates"}},
      {"product_certificate", {"/certificates", "/compliance"}},
      {"compliance_true", {"/compliance"}},
      {"energy_targets", {"/compliance"}},
      {"social_report_present", {"/social_report"}},
      {"social_report_recent", {"/social_report"}},
      {"activity_within", {"/activities"}},
      {"no_incident", {"/incidents"}},
      {"no_credit_record", {"/credit_records"}},
      {"recommendation", {"/recommendations"}},
      {"leader_award", {"/leader"}},
      {"performance_years", {"/leader"}},
      {"materials", {"/materials"}},
      {"simplified_procedure", {"/awards"}},
      {"confirm", {"/declarations"}},
      {"bundle_present", {"/bundle"}},
      {"material_in_bundle", {"/bundle", "/materials"}},
      {"material_digest", {"/bundle", "/materials"}},
      {"bundle_safe", {"/bundle"}},
      {"bundle_extra", {"/bundle", "/materials"}},
      {"bundle_encoding", {"/bundle"}},
  };
  const auto it = k_reads.find(check);
  return it == k_reads.end() ? std::vector<std::string>{} : it->second;
}

} // namespace sqma::check
