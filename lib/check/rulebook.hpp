// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::check {

struct CheckSpec;

// What a failed rule means for the dossier.
enum class RuleOutcome {
  reject,     // "return": not eligible, the dossier is returned with reasons
  supplement, // fixable by the deadline
  confirm,    // to be confirmed by reviewers; never counts as passed
  notice,     // information only
};

// One machine rule of the condition check, as the rulebook states it.
struct Rule {
  std::string id;
  std::map<std::string, std::string, std::less<>> clauses; // by organisation, project, individual
  std::set<std::string, std::less<>> applies; // organisation, project, leader, manager, craftsman
  std::string check;                          // name of a built-in check
  const CheckSpec* spec = nullptr;            // the check itself, found by parse_rulebook()
  RuleOutcome outcome = RuleOutcome::reject;
  nlohmann::json params = nlohmann::json::object();
  std::string message_zh;
  std::string message_en;
  std::size_t line = 0; // in the rulebook file

  // The clause id that applies to this dossier's class.
  [[nodiscard]] const std::string& clause_for(const model::Dossier& dossier) const;
  // The same for a class group as class_group() names it.
  [[nodiscard]] const std::string& clause_for_group(std::string_view group) const;
  // True when the rule applies to the dossier's class or individual kind.
  [[nodiscard]] bool applies_to(const model::Dossier& dossier) const;
  // The same for a kind as applicant_kind() names it.
  [[nodiscard]] bool applies_to_kind(std::string_view kind) const;
};

// The rules of a cycle's condition check (schemas/rulebook.v1.json).
struct Rulebook {
  std::string file;
  std::string sha256; // of the rulebook's text
  std::string title;
  std::vector<Rule> rules;
  std::map<std::string, std::string, std::less<>> clause_titles; // "A1-3(1)" → "依法注册经营"
};

// The short Chinese title of `clause` ("A1-3(2)" → "管理体系认证"): from `book`, else from
// the built-in rulebook, else empty.
[[nodiscard]] std::string clause_title(const Rulebook& book, std::string_view clause);

// Parses and validates a rulebook: the schema, then every rule's check name, its
// parameters, its outcome and the placeholders of its messages. The first problem found
// is returned with the file and line, further ones in Failure::more. Nothing about
// dossiers is read.
[[nodiscard]] Result<Rulebook> parse_rulebook(std::string_view text, const std::string& file);

// The rulebook compiled into sqma (data/rules.toml). Throws Error if it is broken.
[[nodiscard]] const Rulebook& builtin_rulebook();

// "return", "supplement", "confirm" or "notice".
[[nodiscard]] std::string_view to_string(RuleOutcome outcome);

// The "organisation", "project" or "individual" key of a dossier, and its
// "organisation"/"project"/"leader"/"manager"/"craftsman" applicant kind.
[[nodiscard]] std::string class_group(const model::Dossier& dossier);
[[nodiscard]] std::string applicant_kind(const model::Dossier& dossier);

} // namespace sqma::check
