// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

namespace sqma::model::fields {

// The one list of what each part of a dossier writes to JSON, for both outputs: to_json
// (dossier.cpp) fills a nlohmann::json through fields::Tree, and dump_dossier (dossier_io.cpp)
// writes the same text through JsonText without the tree; hence a header rather than an
// anonymous namespace. Each list mirrors one definition of schemas/dossier.v1.json in its
// order; both outputs put the keys in byte order. An `Out` has
//   field(key, value):  writes the value, but not an empty optional nor an empty list;
//   always(key, value): writes the value, even an empty list.

template <class Out> void fields_of(Out& out, const Unit& v)
{
  out.field("name", v.name);
  out.field("credit_code", v.credit_code);
  out.field("address", v.address);
}

template <class Out> void fields_of(Out& out, const Person& v)
{
  out.field("name", v.name);
  out.field("id_number", v.id_number);
  out.field("gender", v.gender);
  out.field("position", v.position);
  out.field("education", v.education);
  out.field("years_in_post", v.years_in_post);
  out.field("phone", v.phone);
  out.field("email", v.email);
}

template <class Out> void fields_of(Out& out, const Contact& v)
{
  out.field("name", v.name);
  out.field("phone", v.phone);
  out.field("email", v.email);
}

template <class Out> void fields_of(Out& out, const Applicant& v)
{
  out.field("name", v.name);
  out.field("organisation", v.organisation);
  out.field("partners", v.partners);
  out.field("person", v.person);
  out.field("industries", v.industries);
  out.field("contact", v.contact);
}

template <class Out> void fields_of(Out& out, const Certificate& v)
{
  out.field("type", v.type);
  out.field("standard", v.standard);
  out.field("number", v.number);
  out.field("issuer", v.issuer);
  out.field("scope", v.scope);
  out.field("valid_from", v.valid_from);
  out.field("valid_until", v.valid_until);
}

template <class Out> void fields_of(Out& out, const Compliance& v)
{
  out.field("products_meet_standards", v.products_meet_standards);
  out.field("waste_treatment_compliant", v.waste_treatment_compliant);
  out.field("key_energy_user", v.key_energy_user);
  out.field("energy_targets_met", v.energy_targets_met);
  out.field("mandatory_certification_required", v.mandatory_certification_required);
}

template <class Out> void fields_of(Out& out, const Incident& v)
{
  out.field("date", v.date);
  out.field("kind", v.kind);
  out.field("severity", v.severity);
  out.field("responsible", v.responsible);
  out.field("description", v.description);
}

template <class Out> void fields_of(Out& out, const CreditRecord& v)
{
  out.field("date", v.date);
  out.field("kind", v.kind);
  out.field("authority", v.authority);
  out.field("description", v.description);
  out.field("removed_on", v.removed_on);
}

template <class Out> void fields_of(Out& out, const SocialReport& v)
{
  out.field("year", v.year);
  out.field("published_at", v.published_at);
}

template <class Out> void fields_of(Out& out, const Activity& v)
{
  out.field("organiser", v.organiser);
  out.field("organiser_name", v.organiser_name);
  out.field("name", v.name);
  out.field("date", v.date);
}

template <class Out> void fields_of(Out& out, const Recommendation& v)
{
  out.field("body", v.body);
  out.field("kind", v.kind);
  out.field("date", v.date);
}

template <class Out> void fields_of(Out& out, const PriorAward& v)
{
  out.field("name", v.name);
  out.field("level", v.level);
  out.field("year", v.year);
  out.field("body", v.body);
}

template <class Out> void fields_of(Out& out, const Performance& v)
{
  out.field("year", v.year);
  out.field("revenue", v.revenue);
  out.field("profit", v.profit);
  out.field("note", v.note);
}

template <class Out> void fields_of(Out& out, const LeaderRecord& v)
{
  out.field("since", v.since);
  out.always("awards", v.awards);
  out.always("performance", v.performance);
}

template <class Out> void fields_of(Out& out, const ProjectRecord& v)
{
  out.field("start", v.start);
  out.field("end", v.end);
  out.field("methods", v.methods);
  out.field("summary", v.summary);
}

template <class Out> void fields_of(Out& out, const Material& v)
{
  out.field("type", v.type);
  out.field("title", v.title);
  out.field("path", v.path);
  out.field("sha256", v.sha256);
}

template <class Out> void fields_of(Out& out, const Bundle& v)
{
  out.field("path", v.path);
  out.field("sha256", v.sha256);
}

template <class Out> void fields_of(Out& out, const Declaration& v)
{
  out.field("clause", v.clause);
  out.field("statement", v.statement);
  out.field("confirmed_by", v.confirmed_by);
  out.field("confirmed_on", v.confirmed_on);
}

template <class Out> void fields_of(Out& out, const InputDigest& v)
{
  out.field("name", v.name);
  out.field("sha256", v.sha256);
}

template <class Out> void fields_of(Out& out, const StageRecord& v)
{
  out.field("stage", v.stage);
  out.field("date", v.date);
  out.field("command", v.command);
  out.field("version", v.version);
  out.field("inputs", v.inputs);
  out.field("outcome", v.outcome);
  if (!v.details.is_null()) {
    out.field("details", v.details);
  }
}

template <class Out> void fields_of(Out& out, const PanelMember& v)
{
  out.field("reviewer", v.reviewer);
  out.field("role", v.lead ? "lead" : "member");
}

template <class Out> void fields_of(Out& out, const Round& v)
{
  out.field("panel", v.panel);
  out.field("seed", v.seed);
  out.field("sheets", v.sheets);
  if (!v.result.is_null()) {
    out.field("result", v.result);
  }
}

template <class Out> void fields_of(Out& out, const Rounds& v)
{
  out.field("written", v.written);
  out.field("panel", v.panel);
  out.field("onsite", v.onsite);
}

template <class Out> void fields_of(Out& out, const AwardRecord& v)
{
  out.field("year", v.year);
  out.field("level", v.level);
  out.field("certificate", v.certificate);
  out.field("decided_on", v.decided_on);
  out.field("revoked_on", v.revoked_on);
  out.field("revocation_reason", v.revocation_reason);
}

template <class Out> void fields_of(Out& out, const Extension& v)
{
  out.field("until", v.until);
  out.field("reason", v.reason);
}

template <class Out> void fields_of(Out& out, const SupplementRecord& v)
{
  out.field("received", v.received);
  out.field("extension", v.extension);
}

template <class Out> void fields_of(Out& out, const IntakeRecord& v)
{
  out.field("state", v.state);
  out.field("roster", v.roster);
  out.field("row", v.row);
}

template <class Out> void fields_of(Out& out, const Dossier& v)
{
  out.field("schema", k_dossier_schema);
  out.field("id", v.id);
  out.field("cycle", v.cycle);
  out.field("class", v.award_class);
  out.field("kind", v.kind);
  out.field("applicant", v.applicant);
  out.field("certificates", v.certificates);
  out.field("compliance", v.compliance);
  out.field("incidents", v.incidents);
  out.field("credit_records", v.credit_records);
  out.field("social_report", v.social_report);
  out.field("activities", v.activities);
  out.field("recommendations", v.recommendations);
  out.field("awards", v.awards);
  out.field("leader", v.leader);
  out.field("project", v.project);
  out.always("materials", v.materials);
  out.field("bundle", v.bundle);
  out.field("declarations", v.declarations);
  out.field("supplement", v.supplement);
  out.field("intake", v.intake);
  out.field("stage", v.stage);
  if (v.rounds.written || v.rounds.panel || v.rounds.onsite) {
    out.field("rounds", v.rounds);
  }
  out.field("award", v.award);
  out.always("history", v.history);
}

} // namespace sqma::model::fields
