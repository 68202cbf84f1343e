// SPDX-License-Identifier: Apache-2.0
#include "certify/decisions.hpp"

#include "core/version.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"
#include "schema/load.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace sqma::certify {
namespace {

// The procedure clause of the class: result approval follows the rounds.
const char* procedure_clause(model::AwardClass award_class)
{
  switch (award_class) {
  case model::AwardClass::organisation: return "A1-10";
  case model::AwardClass::project: return "A2-8";
  case model::AwardClass::individual: return "A3-12";
  }
  return "A1-10";
}

const char* cap_clause(const std::string& cap)
{
  if (cap == "benchmark") {
    return "M-7";
  }
  return cap == "project" ? "M-8" : "M-9";
}

const nlohmann::json& null_json()
{
  static const nlohmann::json k_null;
  return k_null;
}

} // namespace

Result<Decisions> parse_decisions(std::string_view text, const std::string& file)
{
  auto doc = schema::load_toml(text, file, "decisions.v1");
  if (!doc) {
    return doc.failure();
  }
  const auto& j = doc->json;
  Decisions out;
  out.file = file;
  out.sha256 = io::sha256_hex(text);
  const auto date = model::Date::parse(j.at("meeting").at("date").get<std::string>());
  if (!date) {
    return Failure{ExitCode::data, "meeting.date is not a real date",
                   Location{file, schema::line_for(doc->lines, "/meeting/date"), {}}};
  }
  out.date = *date;
  out.reference = j.at("meeting").at("reference").get<std::string>();
  std::set<std::string> seen;
  const auto& list = j.at("decision");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& d = list[i];
    Decision decision;
    decision.dossier = d.at("dossier").get<std::string>();
    decision.approve = d.at("outcome").get<std::string>() == "approve";
    if (d.contains("level")) {
      decision.level = d.at("level").get<std::string>();
    }
    if (d.contains("kind")) {
      decision.kind = d.at("kind").get<std::string>();
    }
    if (d.contains("note")) {
      decision.note = d.at("note").get<std::string>();
    }
    decision.line = schema::line_for(doc->lines, fmt::format("/decision/{}", i));
    if (!seen.insert(decision.dossier).second) {
      return Failure{ExitCode::data,
                     fmt::format("dossier {} is decided twice in one meeting", decision.dossier),
                     Location{file, decision.line, {}}};
    }
    out.decisions.push_back(std::move(decision));
  }
  if (j.contains("notice")) {
    const auto& n = j.at("notice");
    const auto start = model::Date::parse(n.at("start").get<std::string>());
    const auto end = model::Date::parse(n.at("end").get<std::string>());
    const auto line = schema::line_for(doc->lines, "/notice");
    if (!start || !end || *end < *start) {
      return Failure{ExitCode::data,
                     "notice.start and notice.end must be real dates, the end not before the start",
                     Location{file, line, {}}};
    }
    out.notice = NoticeRecord{*start, *end, line};
  }
  if (j.contains("objection")) {
    const auto& objections = j.at("objection");
    for (std::size_t i = 0; i < objections.size(); ++i) {
      const auto& o = objections[i];
      Objection objection{o.at("dossier").get<std::string>(), o.at("outcome").get<std::string>(),
                          std::nullopt,
                          schema::line_for(doc->lines, fmt::format("/objection/{}", i))};
      if (o.contains("note")) {
        objection.note = o.at("note").get<std::string>();
      }
      out.objections.push_back(std::move(objection));
    }
  }
  if (j.contains("cap_exception")) {
    out.line_of_caps = schema::line_for(doc->lines, "/cap_exception");
    for (const auto& c : j.at("cap_exception")) {
      out.cap_exceptions.push_back(
          {c.at("cap").get<std::string>(), c.at("justification").get<std::string>()});
    }
  }
  return out;
}

Result<Decisions> load_decisions(const std::string& path)
{
  auto text = io::read_file(path);
  if (!text) {
    return text.failure();
  }
  return parse_decisions(text.value(), path);
}

std::string final_round(const model::Dossier& dossier)
{
  return model::to_string(model::final_round(
      dossier.award_class, model::result_flag(dossier.rounds.panel, "simplified")));
}

const nlohmann::json& final_result(const model::Dossier& dossier)
{
  const auto& round =
      final_round(dossier) == "panel" ? dossier.rounds.panel : dossier.rounds.onsite;
  return round && round->result.is_object() ? round->result : null_json();
}

namespace {

// True when the dossier's history holds this meeting's decision already: the decisions
// file is given again when the certificates are issued, after the notice.
bool recorded(const model::Dossier& dossier, const Decisions& decisions)
{
  return std::any_of(dossier.history.begin(), dossier.history.end(), [&](const auto& rec) {
    return rec.command == "sqma certify" && rec.date == decisions.date && rec.details.is_object() &&
           rec.details.contains("meeting") &&
           rec.details.at("meeting").value("reference", std::string{}) == decisions.reference;
  });
}

} // namespace

bool proposed(const model::Dossier& dossier)
{
  const auto& result = final_result(dossier);
  return model::to_string(dossier.stage) == final_round(dossier) && result.is_object() &&
         result.value("advanced", false);
}

std::string cap_name(const model::Dossier& dossier, const std::string& level)
{
  switch (dossier.award_class) {
  case model::AwardClass::organisation: return level == "benchmark" ? "benchmark" : "";
  case model::AwardClass::project: return "project";
  case model::AwardClass::individual: return dossier.kind ? model::to_string(*dossier.kind) : "";
  }
  return {};
}

std::vector<Failure> apply_decisions(std::vector<model::Dossier>& dossiers,
                                     const std::vector<std::string>& digests,
                                     const Decisions& decisions, const DecisionInputs& inputs)
{
  std::vector<Failure> problems;
  const auto at = [&](std::size_t line) { return Location{decisions.file, line, {}}; };
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    index[dossiers[i].id] = i;
  }
  std::map<std::string, const Decision*> by_dossier;
  std::map<std::string, std::string> levels; // approved dossier -> level or kind
  std::map<std::string, std::vector<std::string>> cap_counts;
  std::set<std::string> already; // decided by this meeting in an earlier run
  for (const auto& decision : decisions.decisions) {
    by_dossier[decision.dossier] = &decision;
    const auto found = index.find(decision.dossier);
    if (found == index.end()) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: decided, but no such dossier is among the inputs", decision.dossier),
          at(decision.line));
      continue;
    }
    const auto& d = dossiers[found->second];
    const char* clause = procedure_clause(d.award_class);
    if (!proposed(d) && recorded(d, decisions)) {
      already.insert(d.id);
      continue;
    }
    if (!proposed(d)) {
      const auto& result = final_result(d);
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: has not completed its rounds ({}): it is at stage {}, and rounds.{}."
                      "result.advanced is {}; the committee decides only on dossiers proposed "
                      "by the final round",
                      d.id, clause, model::to_string(d.stage), final_round(d),
                      result.is_object() && result.contains("advanced")
                          ? result.at("advanced").dump()
                          : std::string("missing")),
          at(decision.line));
      continue;
    }
    if (!decision.approve) {
      continue;
    }
    std::string level;
    if (d.award_class == model::AwardClass::organisation) {
      level = decision.level.value_or(final_result(d).value("level", std::string{}));
      if (level.empty()) {
        problems.emplace_back(ExitCode::negative,
                              fmt::format("{}: approval of an organisation needs a level (M-7): "
                                          "benchmark, professional or implementation",
                                          d.id),
                              at(decision.line));
        continue;
      }
    } else if (decision.level) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: level is for organisation dossiers (M-7); this one is of class {}", d.id,
                      model::to_string(d.award_class)),
          at(decision.line));
      continue;
    }
    if (decision.kind && (d.award_class != model::AwardClass::individual || !d.kind ||
                          model::to_string(*d.kind) != *decision.kind)) {
      problems.emplace_back(ExitCode::negative,
                            fmt::format("{}: kind {} does not match the dossier's ({}) (M-9)", d.id,
                                        *decision.kind,
                                        d.kind ? model::to_string(*d.kind) : std::string("none")),
                            at(decision.line));
      continue;
    }
    if (d.award_class == model::AwardClass::individual) {
      level = d.kind ? model::to_string(*d.kind) : std::string{};
    }
    levels[d.id] = level;
    if (const auto cap = cap_name(d, level); !cap.empty()) {
      cap_counts[cap].push_back(d.id);
    }
  }
  for (const auto& d : dossiers) {
    if (proposed(d) && by_dossier.count(d.id) == 0) {
      problems.emplace_back(ExitCode::negative,
                            fmt::format("{}: proposed to the committee ({}) but missing from the "
                                        "decisions; add a [[decision]] for it",
                                        d.id, procedure_clause(d.award_class)),
                            at(0));
    }
  }
  // The caps are per cycle (M-7 to M-9), not per meeting: the awards earlier meetings
  // approved, among the inputs and not revoked, count as well.
  std::map<std::string, std::vector<std::string>> earlier;
  for (const auto& d : dossiers) {
    if (levels.count(d.id) > 0 || !d.award || d.award->revoked_on ||
        (d.stage != model::Stage::approved && d.stage != model::Stage::awarded)) {
      continue;
    }
    const auto level = d.award_class == model::AwardClass::individual
                           ? (d.kind ? model::to_string(*d.kind) : std::string{})
                           : d.award->level.value_or(std::string{});
    if (const auto cap = cap_name(d, level); !cap.empty()) {
      earlier[cap].push_back(d.id);
    }
  }
  std::map<std::string, std::string> justified;
  for (const auto& c : decisions.cap_exceptions) {
    justified[c.cap] = c.justification;
  }
  std::set<std::string> exceeded;
  for (const auto& [cap, ids] : cap_counts) {
    const auto limit = inputs.caps.find(cap);
    const auto& before = earlier[cap];
    const auto total = ids.size() + before.size();
    if (limit == inputs.caps.end() || static_cast<int>(total) <= limit->second) {
      continue;
    }
    exceeded.insert(cap);
    if (justified.count(cap) > 0) {
      continue;
    }
    problems.emplace_back(
        ExitCode::negative,
        fmt::format("{} approvals ({}{}) for the {} cap of {} ({}, \"原则上\"): exceeding it needs "
                    "a [[cap_exception]] with cap = \"{}\" and the written justification",
                    total, fmt::join(ids, ", "),
                    before.empty()
                        ? std::string{}
                        : fmt::format("; by earlier meetings: {}", fmt::join(before, ", ")),
                    cap, limit->second, cap_clause(cap), cap),
        at(0));
  }
  if (!problems.empty()) {
    return problems;
  }
  for (std::size_t i = 0; i < dossiers.size(); ++i) {
    auto& d = dossiers[i];
    const auto found = by_dossier.find(d.id);
    if (found == by_dossier.end() || already.count(d.id) > 0) {
      continue;
    }
    const Decision& decision = *found->second;
    nlohmann::json details{
        {"meeting", {{"date", decisions.date.iso()}, {"reference", decisions.reference}}},
        {"clause", procedure_clause(d.award_class)}};
    if (decision.note) {
      details["note"] = *decision.note;
    }
    model::StageRecord rec;
    rec.date = decisions.date;
    rec.command = "sqma certify";
    rec.version = k_version;
    rec.inputs = {{"dossier", digests.at(i)},
                  {inputs.cycle_name, inputs.cycle_sha256},
                  {std::filesystem::path(decisions.file).filename().string(), decisions.sha256}};
    if (decision.approve) {
      const auto& level = levels.at(d.id);
      model::AwardRecord award;
      award.year = inputs.year;
      if (d.award_class == model::AwardClass::organisation) {
        award.level = level;
        details["level"] = level;
      } else if (d.award_class == model::AwardClass::individual) {
        details["kind"] = level;
      }
      award.decided_on = decisions.date;
      const auto cap = cap_name(d, level);
      if (exceeded.count(cap) > 0) {
        details["cap_exception"] = {
            {"cap", cap}, {"clause", cap_clause(cap)}, {"justification", justified.at(cap)}};
      }
      d.award = award;
      rec.stage = model::Stage::approved;
      rec.outcome = "approved";
    } else {
      rec.stage = model::Stage::rejected;
      rec.outcome = "rejected by the committee";
    }
    rec.details = std::move(details);
    d.stage = rec.stage;
    d.history.push_back(std::move(rec));
  }
  return {};
}

std::vector<Failure> issue_guards(const std::vector<model::Dossier>& dossiers,
                                  const Decisions& decisions, model::Date issued_on,
                                  const calendar::Calendar& cal, int notice_workdays)
{
  std::vector<Failure> problems;
  const auto at = [&](std::size_t line) { return Location{decisions.file, line, {}}; };
  std::optional<calendar::Period> period;
  if (decisions.notice) {
    auto shortest = cal.notice_period(decisions.notice->start, notice_workdays);
    if (!shortest) {
      problems.push_back(shortest.failure());
      return problems;
    }
    period = calendar::Period{decisions.notice->start, decisions.notice->end};
    if (decisions.notice->end < shortest->last) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("certify.notice-period (A1-10, A2-8, A3-12): the notice from {} to {} is "
                      "shorter than {} working days, which end on {}",
                      decisions.notice->start.iso(), decisions.notice->end.iso(), notice_workdays,
                      shortest->last.iso()),
          at(decisions.notice->line));
    }
    if (decisions.notice->start <= decisions.date) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("certify.notice-period (A1-10, A2-8, A3-12): the notice starts on {}, "
                      "not after the committee's meeting of {}: it publishes the meeting's "
                      "results",
                      decisions.notice->start.iso(), decisions.date.iso()),
          at(decisions.notice->line));
    }
  }
  std::map<std::string, const Objection*> open; // the objection that bars each dossier
  for (const auto& o : decisions.objections) {
    if (o.outcome != "dismissed" && (open.count(o.dossier) == 0 || o.outcome == "upheld")) {
      open[o.dossier] = &o;
    }
  }
  for (const auto& d : dossiers) {
    if (d.stage != model::Stage::approved) {
      continue;
    }
    const char* clause = procedure_clause(d.award_class);
    const auto decided = d.award && d.award->decided_on ? *d.award->decided_on : decisions.date;
    if (issued_on < decided) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: certify.before-decision ({}): a certificate dated {} would come "
                      "before the committee's decision of {}",
                      d.id, clause, issued_on.iso(), decided.iso()),
          at(0));
    }
    if (!period) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: certify.notice-period ({}): the decisions file records no public "
                      "notice; a certificate follows the notice of the results: add [notice] "
                      "with its start and end",
                      d.id, clause),
          at(0));
    } else if (issued_on <= period->last) {
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: certify.notice-period ({}): a certificate dated {} would come before "
                      "the notice from {} to {} has ended",
                      d.id, clause, issued_on.iso(), period->first.iso(), period->last.iso()),
          at(decisions.notice->line));
    }
    if (const auto found = open.find(d.id); found != open.end()) {
      const auto& o = *found->second;
      const bool upheld = o.outcome == "upheld";
      problems.emplace_back(
          ExitCode::negative,
          fmt::format("{}: certify.objection-{} ({}): {}{}", d.id, o.outcome, clause,
                      upheld ? "an objection raised during the notice was upheld; the committee "
                               "must decide on the dossier again"
                             : "an objection raised during the notice is still pending",
                      o.note ? fmt::format(" ({})", *o.note) : std::string{}),
          at(o.line));
    }
  }
  return problems;
}

} // namespace sqma::certify
