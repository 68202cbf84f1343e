// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

namespace sqma::model::fields {

// The one list of what each part of a dossier writes to JSON, for both outputs: to_json
// (dossier.cpp) fills a nlohmann::json through fields::Tree, and dump_dossier (dossier_io.cpp)
// writes the same text through JsonText without the tree; hence a header rather than an
// anonymous namespace. Each list holds one definition of schemas/dossier.v1.json in the byte
// order of its keys, as both outputs write them (dump_dossier has nothing to sort). An `Out` has
//   field(key, value):  writes the value, but not an empty optional nor an empty list;
//   always(key, value): writes the value, even an empty list.

template <class Out> void fields_of(Out& out, const Unit& v)
{
  out.field("address", v.address);
  out.field("credit_code", v.credit_code);
  out.field("name", v.name);
}

template <class Out> void fields_of(Out& out, const Person& v)
{
  out.field("education", v.education);
  out.field("email", v.email);
  out.field("gender", v.gender);
  out.field("id_number", v.id_number);
  out.field("name", v.name);
  out.field("phone", v.phone);
  out.field("position", v.position);
  out.field("years_in_post", v.years_in_post);
}

template <class Out> void fields_of(Out& out, const Contact& v)
{
  out.field("email", v.email);
  out.field("name", v.name);
  out.field("phone", v.phone);
}

template <class Out> void fields_of(Out& out, const Applicant& v)
{
  out.field("contact", v.contact);
  out.field("industries", v.industries);
  out.field("name", v.name);
  out.field("organisation", v.organisation);
  out.field("partners", v.partners);
  out.field("person", v.person);
}

template <class Out> void fields_of(Out& out, const Certificate& v)
{
  out.field("issuer", v.issuer);
  out.field("number", v.number);
  out.field("scope", v.scope);
  out.field("standard", v.standard);
  out.field("type", v.type);
  out.field("valid_from", v.valid_from);
  out.field("valid_until", v.valid_until);
}

template <class Out> void fields_of(Out& out, const Compliance& v)
{
  out.field("energy_targets_met", v.energy_targets_met);
  out.field("key_energy_user", v.key_energy_user);
  out.field("mandatory_certification_required", v.mandatory_certification_required);
  out.field("products_meet_standards", v.products_meet_standards);
  out.field("waste_treatment_compliant", v.waste_treatment_compliant);
}

template <class Out> void fields_of(Out& out, const Incident& v)
{
  out.field("date", v.date);
  out.field("description", v.description);
  out.field("kind", v.kind);
  out.field("responsible", v.responsible);
  out.field("severity", v.severity);
}

template <class Out> void fields_of(Out& out, const CreditRecord& v)
{
  out.field("authority", v.authority);
  out.field("date", v.date);
  out.field("description", v.description);
  out.field("kind", v.kind);
  out.field("removed_on", v.removed_on);
}

template <class Out> void fields_of(Out& out, const SocialReport& v)
{
  out.field("published_at", v.published_at);
  out.field("year", v.year);
}

template <class Out> void fields_of(Out& out, const Activity& v)
{
  out.field("date", v.date);
  out.field("name", v.name);
  out.field("organiser", v.organiser);
  out.field("organiser_name", v.organiser_name);
}

template <class Out> void fields_of(Out& out, const Recommendation& v)
{
  out.field("body", v.body);
  out.field("date", v.date);
  out.field("kind", v.kind);
}

template <class Out> void fields_of(Out& out, const PriorAward& v)
{
  out.field("body", v.body);
  out.field("level", v.level);
  out.field("name", v.name);
  out.field("year", v.year);
}

template <class Out> void fields_of(Out& out, const Performance& v)
{
  out.field("note", v.note);
  out.field("profit", v.profit);
  out.field("revenue", v.revenue);
  out.field("year", v.year);
}

template <class Out> void fields_of(Out& out, const LeaderRecord& v)
{
  out.always("awards", v.awards);
  out.always("performance", v.performance);
  out.field("since", v.since);
}

template <class Out> void fields_of(Out& out, const ProjectRecord& v)
{
  out.field("end", v.end);
  out.field("methods", v.methods);
  out.field("start", v.start);
  out.field("summary", v.summary);
}

template <class Out> void fields_of(Out& out, const Material& v)
{
  out.field("path", v.path);
  out.field("sha256", v.sha256);
  out.field("title", v.title);
  out.field("type", v.type);
}

template <class Out> void fields_of(Out& out, const Bundle& v)
{
  out.field("path", v.path);
  out.field("sha256", v.sha256);
}

template <class Out> void fields_of(Out& out, const Declaration& v)
{
  out.field("clause", v.clause);
  out.field("confirmed_by", v.confirmed_by);
  out.field("confirmed_on", v.confirmed_on);
  out.field("statement", v.statement);
}

template <class Out> void fields_of(Out& out, const InputDigest& v)
{
  out.field("name", v.name);
  out.field("sha256", v.sha256);
}

template <class Out> void fields_of(Out& out, const StageRecord& v)
{
  out.field("command", v.command);
  out.field("date", v.date);
  if (!v.details.is_null()) {
    out.field("details", v.details);
  }
  out.field("inputs", v.inputs);
  out.field("outcome", v.outcome);
  out.field("stage", v.stage);
  out.field("version", v.version);
}

template <class Out> void fields_of(Out& out, const PanelMember& v)
{
  out.field("reviewer", v.reviewer);
  out.field("role", v.lead ? "lead" : "member");
}

template <class Out> void fields_of(Out& out, const Round& v)
{
  out.field("panel", v.panel);
  if (!v.result.is_null()) {
    out.field("result", v.result);
  }
  out.field("seed", v.seed);
  out.field("sheets", v.sheets);
}

template <class Out> void fields_of(Out& out, const Rounds& v)
{
  out.field("onsite", v.onsite);
  out.field("panel", v.panel);
  out.field("written", v.written);
}

template <class Out> void fields_of(Out& out, const AwardRecord& v)
{
  out.field("certificate", v.certificate);
  out.field("decided_on", v.decided_on);
  out.field("level", v.level);
  out.field("revocation_reason", v.revocation_reason);
  out.field("revoked_on", v.revoked_on);
  out.field("year", v.year);
}

template <class Out> void fields_of(Out& out, const Extension& v)
{
  out.field("reason", v.reason);
  out.field("until", v.until);
}

template <class Out> void fields_of(Out& out, const SupplementRecord& v)
{
  out.field("extension", v.extension);
  out.field("received", v.received);
}

template <class Out> void fields_of(Out& out, const IntakeRecord& v)
{
  out.field("roster", v.roster);
  out.field("row", v.row);
  out.field("state", v.state);
}

template <class Out> void fields_of(Out& out, const Dossier& v)
{
  out.field("activities", v.activities);
  out.field("applicant", v.applicant);
  out.field("award", v.award);
  out.field("awards", v.awards);
  out.field("bundle", v.bundle);
  out.field("certificates", v.certificates);
  out.field("class", v.award_class);
  out.field("compliance", v.compliance);
  out.field("credit_records", v.credit_records);
  out.field("cycle", v.cycle);
  out.field("declarations", v.declarations);
  out.always("history", v.history);
  out.field("id", v.id);
  out.field("incidents", v.incidents);
  out.field("intake", v.intake);
  out.field("kind", v.kind);
  out.field("leader", v.leader);
  out.always("materials", v.materials);
  out.field("project", v.project);
  out.field("recommendations", v.recommendations);
  if (v.rounds.written || v.rounds.panel || v.rounds.onsite) {
    out.field("rounds", v.rounds);
  }
  out.field("schema", k_dossier_schema);
  out.field("social_report", v.social_report);
  out.field("stage", v.stage);
  out.field("supplement", v.supplement);
}

} // namespace sqma::model::fields
