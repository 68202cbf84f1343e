// SPDX-License-Identifier: Apache-2.0
#include "model/dossier.hpp"

#include "model/dossier_fields.hpp"
#include "model/json_fields.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace sqma::model {

using fields::read;

namespace {

// Makes `j` the object of the fields dossier_fields.hpp lists for `v`.
template <class T> void fill(nlohmann::json& j, const T& v)
{
  j = nlohmann::json::object();
  fields::Tree out{j};
  fields::fields_of(out, v);
}

} // namespace

// Each pair below mirrors one definition of schemas/dossier.v1.json: to_json through its
// field list in dossier_fields.hpp, from_json field for field.

void to_json(nlohmann::json& j, const Unit& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Unit& v)
{
  read(j, "name", v.name);
  read(j, "credit_code", v.credit_code);
  read(j, "address", v.address);
}

void to_json(nlohmann::json& j, const Person& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Person& v)
{
  read(j, "name", v.name);
  read(j, "id_number", v.id_number);
  read(j, "gender", v.gender);
  read(j, "position", v.position);
  read(j, "education", v.education);
  read(j, "years_in_post", v.years_in_post);
  read(j, "phone", v.phone);
  read(j, "email", v.email);
}

void to_json(nlohmann::json& j, const Contact& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Contact& v)
{
  read(j, "name", v.name);
  read(j, "phone", v.phone);
  read(j, "email", v.email);
}

void to_json(nlohmann::json& j, const Applicant& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Applicant& v)
{
  read(j, "name", v.name);
  read(j, "organisation", v.organisation);
  read(j, "partners", v.partners);
  read(j, "person", v.person);
  read(j, "industries", v.industries);
  read(j, "contact", v.contact);
}

void to_json(nlohmann::json& j, const Certificate& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Certificate& v)
{
  read(j, "type", v.type);
  read(j, "standard", v.standard);
  read(j, "number", v.number);
  read(j, "issuer", v.issuer);
  read(j, "scope", v.scope);
  read(j, "valid_from", v.valid_from);
  read(j, "valid_until", v.valid_until);
}

void to_json(nlohmann::json& j, const Compliance& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Compliance& v)
{
  read(j, "products_meet_standards", v.products_meet_standards);
  read(j, "waste_treatment_compliant", v.waste_treatment_compliant);
  read(j, "key_energy_user", v.key_energy_user);
  read(j, "energy_targets_met", v.energy_targets_met);
  read(j, "mandatory_certification_required", v.mandatory_certification_required);
}

void to_json(nlohmann::json& j, const Incident& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Incident& v)
{
  read(j, "date", v.date);
  read(j, "kind", v.kind);
  read(j, "severity", v.severity);
  read(j, "responsible", v.responsible);
  read(j, "description", v.description);
}

void to_json(nlohmann::json& j, const CreditRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, CreditRecord& v)
{
  read(j, "date", v.date);
  read(j, "kind", v.kind);
  read(j, "authority", v.authority);
  read(j, "description", v.description);
  read(j, "removed_on", v.removed_on);
}

void to_json(nlohmann::json& j, const SocialReport& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, SocialReport& v)
{
  read(j, "year", v.year);
  read(j, "published_at", v.published_at);
}

void to_json(nlohmann::json& j, const Activity& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Activity& v)
{
  read(j, "organiser", v.organiser);
  read(j, "organiser_name", v.organiser_name);
  read(j, "name", v.name);
  read(j, "date", v.date);
}

void to_json(nlohmann::json& j, const Recommendation& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Recommendation& v)
{
  read(j, "body", v.body);
  read(j, "kind", v.kind);
  read(j, "date", v.date);
}

void to_json(nlohmann::json& j, const PriorAward& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, PriorAward& v)
{
  read(j, "name", v.name);
  read(j, "level", v.level);
  read(j, "year", v.year);
  read(j, "body", v.body);
}

void to_json(nlohmann::json& j, const Performance& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Performance& v)
{
  read(j, "year", v.year);
  read(j, "revenue", v.revenue);
  read(j, "profit", v.profit);
  read(j, "note", v.note);
}

void to_json(nlohmann::json& j, const LeaderRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, LeaderRecord& v)
{
  read(j, "since", v.since);
  read(j, "awards", v.awards);
  read(j, "performance", v.performance);
}

void to_json(nlohmann::json& j, const ProjectRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, ProjectRecord& v)
{
  read(j, "start", v.start);
  read(j, "end", v.end);
  read(j, "methods", v.methods);
  read(j, "summary", v.summary);
}

void to_json(nlohmann::json& j, const Material& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Material& v)
{
  read(j, "type", v.type);
  read(j, "title", v.title);
  read(j, "path", v.path);
  read(j, "sha256", v.sha256);
}

void to_json(nlohmann::json& j, const Bundle& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Bundle& v)
{
  read(j, "path", v.path);
  read(j, "sha256", v.sha256);
}

void to_json(nlohmann::json& j, const Declaration& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Declaration& v)
{
  read(j, "clause", v.clause);
  read(j, "statement", v.statement);
  read(j, "confirmed_by", v.confirmed_by);
  read(j, "confirmed_on", v.confirmed_on);
}

void to_json(nlohmann::json& j, const InputDigest& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, InputDigest& v)
{
  read(j, "name", v.name);
  read(j, "sha256", v.sha256);
}

void to_json(nlohmann::json& j, const StageRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, StageRecord& v)
{
  read(j, "stage", v.stage);
  read(j, "date", v.date);
  read(j, "command", v.command);
  read(j, "version", v.version);
  read(j, "inputs", v.inputs);
  read(j, "outcome", v.outcome);
  v.details = j.value("details", nlohmann::json());
}

void to_json(nlohmann::json& j, const PanelMember& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, PanelMember& v)
{
  read(j, "reviewer", v.reviewer);
  v.lead = j.value("role", std::string{}) == "lead";
}

void to_json(nlohmann::json& j, const Round& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Round& v)
{
  read(j, "panel", v.panel);
  read(j, "seed", v.seed);
  read(j, "sheets", v.sheets);
  v.result = j.value("result", nlohmann::json());
}

void to_json(nlohmann::json& j, const Rounds& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Rounds& v)
{
  read(j, "written", v.written);
  read(j, "panel", v.panel);
  read(j, "onsite", v.onsite);
}

void to_json(nlohmann::json& j, const Extension& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, Extension& v)
{
  read(j, "until", v.until);
  read(j, "reason", v.reason);
}

void to_json(nlohmann::json& j, const SupplementRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, SupplementRecord& v)
{
  read(j, "received", v.received);
  read(j, "extension", v.extension);
}

void to_json(nlohmann::json& j, const IntakeRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, IntakeRecord& v)
{
  read(j, "state", v.state);
  read(j, "roster", v.roster);
  read(j, "row", v.row);
}

void to_json(nlohmann::json& j, const AwardRecord& v)
{
  fill(j, v);
}
void from_json(const nlohmann::json& j, AwardRecord& v)
{
  read(j, "year", v.year);
  read(j, "level", v.level);
  read(j, "certificate", v.certificate);
  read(j, "decided_on", v.decided_on);
  read(j, "revoked_on", v.revoked_on);
  read(j, "revocation_reason", v.revocation_reason);
}

void to_json(nlohmann::json& j, const Dossier& v)
{
  fill(j, v);
}

void from_json(const nlohmann::json& j, Dossier& v)
{
  read(j, "id", v.id);
  read(j, "cycle", v.cycle);
  read(j, "class", v.award_class);
  read(j, "kind", v.kind);
  read(j, "applicant", v.applicant);
  read(j, "certificates", v.certificates);
  read(j, "compliance", v.compliance);
  read(j, "incidents", v.incidents);
  read(j, "credit_records", v.credit_records);
  read(j, "social_report", v.social_report);
  read(j, "activities", v.activities);
  read(j, "recommendations", v.recommendations);
  read(j, "awards", v.awards);
  read(j, "leader", v.leader);
  read(j, "project", v.project);
  read(j, "materials", v.materials);
  read(j, "bundle", v.bundle);
  read(j, "declarations", v.declarations);
  read(j, "supplement", v.supplement);
  read(j, "intake", v.intake);
  read(j, "stage", v.stage);
  read(j, "rounds", v.rounds);
  read(j, "award", v.award);
  read(j, "history", v.history);
}

std::vector<const Unit*> Dossier::units() const
{
  std::vector<const Unit*> out{&applicant.organisation};
  for (const auto& partner : applicant.partners) {
    out.push_back(&partner);
  }
  return out;
}

std::string to_string(AwardClass value)
{
  return std::string(enum_name(value));
}
std::string to_string(IndividualKind value)
{
  return std::string(enum_name(value));
}
const std::optional<Round>* Rounds::find(std::string_view name) const
{
  return name == "written"  ? &written
         : name == "panel"  ? &panel
         : name == "onsite" ? &onsite
                            : nullptr;
}

std::optional<Round>* Rounds::find(std::string_view name)
{
  return const_cast<std::optional<Round>*>(std::as_const(*this).find(name));
}

std::optional<Stage> round_stage(std::string_view name)
{
  if (name == "written") {
    return Stage::written;
  }
  if (name == "panel") {
    return Stage::panel;
  }
  if (name == "onsite") {
    return Stage::onsite;
  }
  return std::nullopt;
}

bool result_flag(const std::optional<Round>& round, const char* key)
{
  return round && round->result.is_object() && round->result.value(key, false);
}

bool government_or_national_award(const PriorAward& award)
{
  switch (award.level) {
  case AwardLevel::national: return true;
  case AwardLevel::international: return false;
  case AwardLevel::municipal:
  case AwardLevel::district: break;
  }
  if (!award.body || award.body->empty()) {
    return false;
  }
  static constexpr std::array<std::string_view, 11> k_associations{
      "协会",        "学会",    "联合会",     "研究会",  "促进会",   "商会",
      "association", "society", "federation", "chamber", "institute"};
  std::string body = *award.body;
  std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return std::none_of(k_associations.begin(), k_associations.end(),
                      [&](std::string_view word) { return body.find(word) != std::string::npos; });
}

Stage final_round(AwardClass award_class, bool simplified)
{
  return award_class == AwardClass::organisation && !simplified ? Stage::onsite : Stage::panel;
}

std::string to_string(Stage value)
{
  return std::string(enum_name(value));
}

} // namespace sqma::model
