// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/date.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sqma::model {

// The three award classes (M-6) and the three individual kinds (M-9).
enum class AwardClass { organisation, project, individual };
enum class IndividualKind { leader, manager, craftsman };

// Where a dossier stands in the cycle: the stages of the rounds (A1-6 ... A1-10).
enum class Stage {
  submitted,  // received, not yet checked
  supplement, // condition check asked for supplements (A1-6, A2-5, A3-9)
  returned,   // condition check returned it: not eligible
  eligible,   // condition check passed
  written,    // in written review (书面评审)
  panel,      // in panel review (专家会审) or defence (会审答辩)
  onsite,     // in on-site verification (现场验证)
  approved,   // approved by the committee (结果审定)
  rejected,   // rejected by the committee
  awarded,    // certificate issued
  revoked,    // award revoked (M-22)
};

enum class CertificateType { quality, environment, ohs, product };
enum class IncidentKind {
  quality,
  equipment,
  casualty,
  fire,
  explosion,
  environment,
  public_health,
  food_safety,
  safety,
  other
};
enum class Severity { major, serious, general };
enum class CreditKind { serious_dishonesty, violation, major_complaint };
enum class Organiser { caq, saq, other };
enum class RecommenderKind {
  industry_association,
  group_company,
  district_quality_association,
  superior_body,
  own_organisation
};
enum class AwardLevel { international, national, municipal, district };
enum class MaterialType {
  registration_form,
  application_form,
  self_assessment,
  best_practice_cases,
  evidence,
  recommendation_letter,
  project_report,
  deeds,
  social_report,
  certificate_copy,
  other
};
enum class Education { secondary, vocational, college, bachelor, master, doctorate };

// How each enumeration is spelled in JSON and TOML.
NLOHMANN_JSON_SERIALIZE_ENUM(AwardClass, {{AwardClass::organisation, "organisation"},
                                          {AwardClass::project, "project"},
                                          {AwardClass::individual, "individual"}})
NLOHMANN_JSON_SERIALIZE_ENUM(IndividualKind, {{IndividualKind::leader, "leader"},
                                              {IndividualKind::manager, "manager"},
                                              {IndividualKind::craftsman, "craftsman"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Stage, {{Stage::submitted, "submitted"},
                                     {Stage::supplement, "supplement"},
                                     {Stage::returned, "returned"},
                                     {Stage::eligible, "eligible"},
                                     {Stage::written, "written"},
                                     {Stage::panel, "panel"},
                                     {Stage::onsite, "onsite"},
                                     {Stage::approved, "approved"},
                                     {Stage::rejected, "rejected"},
                                     {Stage::awarded, "awarded"},
                                     {Stage::revoked, "revoked"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CertificateType, {{CertificateType::quality, "quality"},
                                               {CertificateType::environment, "environment"},
                                               {CertificateType::ohs, "ohs"},
                                               {CertificateType::product, "product"}})
NLOHMANN_JSON_SERIALIZE_ENUM(IncidentKind, {{IncidentKind::quality, "quality"},
                                            {IncidentKind::equipment, "equipment"},
                                            {IncidentKind::casualty, "casualty"},
                                            {IncidentKind::fire, "fire"},
                                            {IncidentKind::explosion, "explosion"},
                                            {IncidentKind::environment, "environment"},
                                            {IncidentKind::public_health, "public_health"},
                                            {IncidentKind::food_safety, "food_safety"},
                                            {IncidentKind::safety, "safety"},
                                            {IncidentKind::other, "other"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Severity, {{Severity::major, "major"},
                                        {Severity::serious, "serious"},
                                        {Severity::general, "general"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CreditKind, {{CreditKind::serious_dishonesty, "serious_dishonesty"},
                                          {CreditKind::violation, "violation"},
                                          {CreditKind::major_complaint, "major_complaint"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Organiser, {{Organiser::caq, "caq"},
                                         {Organiser::saq, "saq"},
                                         {Organiser::other, "other"}})
NLOHMANN_JSON_SERIALIZE_ENUM(RecommenderKind,
                             {{RecommenderKind::industry_association, "industry_association"},
                              {RecommenderKind::group_company, "group_company"},
                              {RecommenderKind::district_quality_association,
                               "district_quality_association"},
                              {RecommenderKind::superior_body, "superior_body"},
                              {RecommenderKind::own_organisation, "own_organisation"}})
NLOHMANN_JSON_SERIALIZE_ENUM(AwardLevel, {{AwardLevel::international, "international"},
                                          {AwardLevel::national, "national"},
                                          {AwardLevel::municipal, "municipal"},
                                          {AwardLevel::district, "district"}})
NLOHMANN_JSON_SERIALIZE_ENUM(MaterialType,
                             {{MaterialType::registration_form, "registration_form"},
                              {MaterialType::application_form, "application_form"},
                              {MaterialType::self_assessment, "self_assessment"},
                              {MaterialType::best_practice_cases, "best_practice_cases"},
                              {MaterialType::evidence, "evidence"},
                              {MaterialType::recommendation_letter, "recommendation_letter"},
                              {MaterialType::project_report, "project_report"},
                              {MaterialType::deeds, "deeds"},
                              {MaterialType::social_report, "social_report"},
                              {MaterialType::certificate_copy, "certificate_copy"},
                              {MaterialType::other, "other"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Education, {{Education::secondary, "secondary"},
                                         {Education::vocational, "vocational"},
                                         {Education::college, "college"},
                                         {Education::bachelor, "bachelor"},
                                         {Education::master, "master"},
                                         {Education::doctorate, "doctorate"}})

namespace detail {
// Keeps only the name that a table above assigns: those tables' to_json is a template over
// the JSON type, so this finds the very name nlohmann::json gets, without making a value.
struct EnumName {
  EnumName() = default;
  EnumName(const char* name) : text(name) {} // implicit: the tables are written as strings
  std::string_view text;
};
} // namespace detail

// An enumeration's name as the tables above spell it, such as "organisation".
template <typename Enum>
requires std::is_enum_v<Enum>
[[nodiscard]] std::string_view enum_name(Enum value)
{
  detail::EnumName name;
  to_json(name, value);
  return name.text;
}

// An organisation identified by its unified social credit code (GB 32100-2015).
struct Unit {
  std::string name;
  std::string credit_code;
  std::optional<std::string> address;
};

// An individual applicant. The identity number never appears in a published output.
struct Person {
  std::string name;
  std::string id_number;
  std::optional<std::string> gender;
  std::string position;
  std::optional<Education> education;
  std::optional<int> years_in_post;
  std::optional<std::string> phone;
  std::optional<std::string> email;
};

struct Contact {
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
};

// Who applies: for an organisation the organisation; for a project its lead unit and
// partners; for an individual the person and their employer.
struct Applicant {
  std::string name; // organisation, project or person name as published
  Unit organisation;
  std::vector<Unit> partners;
  std::optional<Person> person;
  std::vector<std::string> industries; // GB/T 4754-2017 codes
  std::optional<Contact> contact;
};

struct Certificate {
  CertificateType type{};
  std::optional<std::string> standard;
  std::string number;
  std::string issuer;
  std::optional<std::string> scope;
  Date valid_from;
  Date valid_until;
};

// The applicant's compliance declarations (A1-3(2), A2-2(2)).
struct Compliance {
  bool products_meet_standards = false;
  bool waste_treatment_compliant = false;
  bool key_energy_user = false;
  std::optional<bool> energy_targets_met;
  bool mandatory_certification_required = false;
};

struct Incident {
  Date date;
  IncidentKind kind{};
  Severity severity{};
  bool responsible = false;
  std::optional<std::string> description;
};

struct CreditRecord {
  Date date;
  CreditKind kind{};
  std::optional<std::string> authority;
  std::optional<std::string> description;
  std::optional<Date> removed_on;
};

struct SocialReport {
  int year = 0;
  std::string published_at;
};

struct Activity {
  Organiser organiser{};
  std::optional<std::string> organiser_name;
  std::string name;
  Date date;
};

struct Recommendation {
  std::string body;
  RecommenderKind kind{};
  Date date;
};

struct PriorAward {
  std::string name;
  AwardLevel level{};
  int year = 0;
  std::optional<std::string> body;
};

struct Performance {
  int year = 0;
  std::optional<double> revenue; // 10,000 CNY
  std::optional<double> profit;  // 10,000 CNY
  std::optional<std::string> note;
};

// The leader annex (A3-4(4)): awards won under them, and the last three years' figures.
struct LeaderRecord {
  std::optional<Date> since;
  std::vector<PriorAward> awards;
  std::vector<Performance> performance;
};

struct ProjectRecord {
  Date start;
  std::optional<Date> end;
  std::vector<std::string> methods;
  std::string summary;
};

// A required document inside the evidence bundle, with its SHA-256.
struct Material {
  MaterialType type{};
  std::optional<std::string> title;
  std::string path;
  std::string sha256;
};

struct Bundle {
  std::string path;
  std::optional<std::string> sha256;
};

// A statement the machine cannot judge; a reviewer confirms it.
struct Declaration {
  std::string clause;
  std::string statement;
  std::optional<std::string> confirmed_by;
  std::optional<Date> confirmed_on;
};

struct InputDigest {
  std::string name;
  std::string sha256;
};

// One step of the dossier's history: appended, never changed.
struct StageRecord {
  Stage stage{};
  Date date;
  std::string command;
  std::string version;
  std::vector<InputDigest> inputs;
  std::string outcome;
  nlohmann::json details; // set by the command; null when there are none
};

struct PanelMember {
  std::string reviewer;
  bool lead = false;
};

// A review round of one dossier: its panel, and what score and aggregate recorded.
struct Round {
  std::vector<PanelMember> panel;
  std::optional<std::uint64_t> seed;
  std::vector<nlohmann::json> sheets;
  nlohmann::json result; // null when not aggregated
};

struct Rounds {
  std::optional<Round> written;
  std::optional<Round> panel;
  std::optional<Round> onsite;

  // The round of that name ("written", "panel", "onsite"); nullptr for any other name.
  [[nodiscard]] std::optional<Round>* find(std::string_view name);
  [[nodiscard]] const std::optional<Round>* find(std::string_view name) const;
};

// The award as decided and certified, and its revocation (M-19, M-22).
struct AwardRecord {
  int year = 0;
  std::optional<std::string> level;
  std::optional<std::string> certificate;
  std::optional<Date> decided_on;
  std::optional<Date> revoked_on;
  std::optional<std::string> revocation_reason;
};

// A deadline extended by the office, with its reason (A1-6, A2-5, A3-9).
struct Extension {
  Date until;
  std::string reason;
};

// What the office records about a supplement the condition check asked for: the day it was
// received and any extension of the deadline.
struct SupplementRecord {
  std::optional<Date> received;
  std::optional<Extension> extension;
};

// How the dossier came in, while it is not complete: a skeleton made from a row of the
// office's registration roster (报名汇总表), waiting for the applicant's form.
struct IntakeRecord {
  std::string state; // "skeleton"
  std::optional<std::string> roster;
  std::optional<int> row;
};

// An application dossier: the single thing that flows through every stage.
struct Dossier {
  std::string id;
  int cycle = 0;
  AwardClass award_class{};
  std::optional<IndividualKind> kind;
  Applicant applicant;
  std::vector<Certificate> certificates;
  std::optional<Compliance> compliance;
  std::vector<Incident> incidents;
  std::vector<CreditRecord> credit_records;
  std::optional<SocialReport> social_report;
  std::vector<Activity> activities;
  std::vector<Recommendation> recommendations;
  std::vector<PriorAward> awards;
  std::optional<LeaderRecord> leader;
  std::optional<ProjectRecord> project;
  std::vector<Material> materials;
  std::optional<Bundle> bundle;
  std::vector<Declaration> declarations;
  std::optional<SupplementRecord> supplement;
  std::optional<IntakeRecord> intake; // only while a skeleton
  Stage stage = Stage::submitted;
  Rounds rounds;
  std::optional<AwardRecord> award;
  std::vector<StageRecord> history;

  // Every unit a conflict of interest can arise with: the applicant organisation (or lead
  // unit, or employer) and any partner units.
  [[nodiscard]] std::vector<const Unit*> units() const;
};

// The schema name dossiers carry and validate against.
inline constexpr const char* k_dossier_schema = "dossier.v1";

// Names used in files and messages, such as "organisation" or "eligible".
[[nodiscard]] std::string to_string(AwardClass value);
[[nodiscard]] std::string to_string(IndividualKind value);
[[nodiscard]] std::string to_string(Stage value);

// The stage of a review round's name ("written", "panel", "onsite"); nullopt otherwise.
[[nodiscard]] std::optional<Stage> round_stage(std::string_view name);

// Whether a round's result, as aggregate writes it, sets `key` ("advanced", "simplified").
[[nodiscard]] bool result_flag(const std::optional<Round>& round, const char* key);

// Whether a prior award is of the kind A1-11 names: a national quality award (全国性质量奖,
// whoever gives it), or a Shanghai municipal or district *government* quality award. A
// municipal or district award counts only when its body is named and is no association,
// society or federation (协会, 学会, 联合会, 研究会, 促进会, 商会, or the English words): a
// district quality association's prize is not a district government's award.
[[nodiscard]] bool government_or_national_award(const PriorAward& award);

// A dossier's last review round, whose result decides whether it goes to the committee:
// onsite for an organisation, panel for a project or an individual, and panel for an
// organisation that takes the simplified procedure (A1-11).
[[nodiscard]] Stage final_round(AwardClass award_class, bool simplified);

void to_json(nlohmann::json& j, const Dossier& dossier);
// Converts a document that already validated against dossier.v1; throws
// nlohmann::json::exception or std::invalid_argument otherwise.
void from_json(const nlohmann::json& j, Dossier& dossier);

} // namespace sqma::model
