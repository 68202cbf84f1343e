// SPDX-License-Identifier: Apache-2.0
#include "check/rulebook.hpp"

#include "check/checks.hpp"
#include "io/sha256.hpp"
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"
#include "schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::check {

namespace embedded {
std::string_view resource(std::string_view name);
} // namespace embedded

namespace {

// Placeholders written {name} in a message, in order.
std::vector<std::string> placeholders(const std::string& message)
{
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = message.find('{', at)) != std::string::npos) {
    const auto end = message.find('}', at);
    if (end == std::string::npos) {
      break;
    }
    out.push_back(message.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return out;
}

std::vector<std::string> names_of(const std::map<std::string, CheckSpec>& specs)
{
  std::vector<std::string> names;
  for (const auto& [name, unused] : specs) {
    names.push_back(name);
  }
  return names;
}

// Checks one parameter against its spec; returns what is wrong, or an empty string.
std::string param_problem(const std::string& name, const nlohmann::json& value,
                          const ParamSpec& spec)
{
  const auto allowed_text = [&] {
    std::string text;
    for (const auto& a : spec.allowed) {
      text += (text.empty() ? "" : ", ") + a;
    }
    return text;
  };
  switch (spec.type) {
  case ParamType::integer:
    if (!value.is_number_integer() || value.get<long long>() < 0) {
      return fmt::format("parameter {} must be a whole number of 0 or more", name);
    }
    return {};
  case ParamType::string:
    if (!value.is_string()) {
      return fmt::format("parameter {} must be a string", name);
    }
    if (!spec.allowed.empty() && spec.allowed.count(value.get<std::string>()) == 0) {
      return fmt::format("parameter {} is \"{}\"; expected one of {}", name,
                         value.get<std::string>(), allowed_text());
    }
    return {};
  case ParamType::string_list:
    if (!value.is_array()) {
      return fmt::format("parameter {} must be a list of strings", name);
    }
    for (const auto& item : value) {
      if (!item.is_string() ||
          (!spec.allowed.empty() && spec.allowed.count(item.get<std::string>()) == 0)) {
        return fmt::format("parameter {} holds {}; expected one of {}", name, item.dump(),
                           allowed_text());
      }
    }
    return {};
  }
  return {};
}

RuleOutcome outcome_of(const std::string& text)
{
  if (text == "supplement")
    return RuleOutcome::supplement;
  if (text == "confirm")
    return RuleOutcome::confirm;
  if (text == "notice")
    return RuleOutcome::notice;
  return RuleOutcome::reject;
}

// Validates one rule's check, parameters, outcome and messages; appends problems. Finds the
// rule's check for the engine.
void check_rule(Rule& rule, const std::string& pointer,
                std::vector<std::pair<std::string, std::string>>& problems)
{
  const auto& specs = checks();
  const auto spec = specs.find(rule.check);
  if (spec != specs.end()) {
    rule.spec = &spec->second;
  } else {
    std::string message = fmt::format("rule {}: unknown check \"{}\"", rule.id, rule.check);
    if (const auto near = schema::did_you_mean(rule.check, names_of(specs)); !near.empty()) {
      message += fmt::format(" (did you mean \"{}\"?)", near);
    }
    problems.emplace_back(pointer + "/check", message);
    return;
  }
  for (const auto& [name, value] : rule.params.items()) {
    const auto param = spec->second.params.find(name);
    if (param == spec->second.params.end()) {
      std::vector<std::string> known;
      for (const auto& [k, unused] : spec->second.params) {
        known.push_back(k);
      }
      std::string message =
          fmt::format("rule {}: check {} takes no parameter {}", rule.id, rule.check, name);
      if (const auto near = schema::did_you_mean(name, known); !near.empty()) {
        message += fmt::format(" (did you mean \"{}\"?)", near);
      }
      problems.emplace_back(pointer + "/params/" + name, message);
    } else if (auto problem = param_problem(name, value, param->second); !problem.empty()) {
      problems.emplace_back(pointer + "/params/" + name,
                            fmt::format("rule {}: {}", rule.id, problem));
    }
  }
  for (const auto& [name, param] : spec->second.params) {
    if (param.required && !rule.params.contains(name)) {
      problems.emplace_back(pointer + "/params", fmt::format("rule {}: check {} needs parameter {}",
                                                             rule.id, rule.check, name));
    }
  }
  if (spec->second.outcomes.count(rule.outcome) == 0) {
    std::string allowed;
    for (const auto o : spec->second.outcomes) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(o));
    }
    problems.emplace_back(
        pointer + "/outcome",
        fmt::format("rule {}: check {} can only have outcome {}", rule.id, rule.check, allowed));
  }
  for (const auto* lang : {"zh", "en"}) {
    const auto& message = std::string_view(lang) == "zh" ? rule.message_zh : rule.message_en;
    for (const auto& name : placeholders(message)) {
      if (spec->second.placeholders.count(name) == 0) {
        problems.emplace_back(
            pointer + "/message/" + lang,
            fmt::format("rule {}: message uses {{{}}}, which check {} does not fill", rule.id, name,
                        rule.check));
      }
    }
  }
}

} // namespace

const std::string& Rule::clause_for(const model::Dossier& dossier) const
{
  return clause_for_group(class_group(dossier));
}

const std::string& Rule::clause_for_group(std::string_view group) const
{
  if (const auto it = clauses.find(group); it != clauses.end()) {
    return it->second;
  }
  return clauses.begin()->second;
}

bool Rule::applies_to(const model::Dossier& dossier) const
{
  return applies_to_kind(applicant_kind(dossier));
}

bool Rule::applies_to_kind(std::string_view kind) const
{
  // A handful of names, mostly of different lengths: comparing for equality beats ordering.
  return std::any_of(applies.begin(), applies.end(),
                     [&](const std::string& name) { return name == kind; });
}

std::string class_group(const model::Dossier& dossier)
{
  return model::to_string(dossier.award_class);
}

std::string applicant_kind(const model::Dossier& dossier)
{
  if (dossier.award_class == model::AwardClass::individual && dossier.kind) {
    return model::to_string(*dossier.kind);
  }
  return model::to_string(dossier.award_class);
}

std::string_view to_string(RuleOutcome outcome)
{
  switch (outcome) {
  case RuleOutcome::reject: return "return";
  case RuleOutcome::supplement: return "supplement";
  case RuleOutcome::confirm: return "confirm";
  case RuleOutcome::notice: return "notice";
  }
  return "return";
}

Result<Rulebook> parse_rulebook(std::string_view text, const std::string& file)
{
  auto doc = schema::parse_toml(text, file);
  if (!doc) {
    return doc.failure();
  }
  const auto to_failure = [&](std::vector<std::pair<std::string, std::string>> problems) {
    Failure first(ExitCode::data, problems.front().second,
                  Location{file, schema::line_for(doc->lines, problems.front().first),
                           problems.front().first});
    for (std::size_t i = 1; i < problems.size(); ++i) {
      first.more.push_back(Failure(ExitCode::data, problems[i].second,
                                   Location{file, schema::line_for(doc->lines, problems[i].first),
                                            problems[i].first})
                               .describe());
    }
    return first;
  };
  auto violations = schema::builtin("rulebook.v1").validate(doc->json, file, &doc->lines);
  if (!violations.empty()) {
    std::vector<std::pair<std::string, std::string>> problems;
    for (auto& v : violations) {
      problems.emplace_back(v.where.json_path, v.message);
    }
    return to_failure(std::move(problems));
  }
  Rulebook book;
  book.file = file;
  book.sha256 = io::sha256_hex(text);
  book.title = doc->json.at("title").get<std::string>();
  if (const auto titles = doc->json.find("clauses"); titles != doc->json.end()) {
    titles->get_to(book.clause_titles);
  }
  std::vector<std::pair<std::string, std::string>> problems;
  std::set<std::string> ids;
  const auto& rules = doc->json.at("rule");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& j = rules[i];
    const auto pointer = fmt::format("/rule/{}", i);
    Rule rule;
    rule.id = j.at("id").get<std::string>();
    if (j.at("clause").is_string()) {
      rule.clauses["*"] = j.at("clause").get<std::string>();
    } else {
      j.at("clause").get_to(rule.clauses);
    }
    for (const auto& a : j.at("applies")) {
      rule.applies.insert(a.get<std::string>());
    }
    rule.check = j.at("check").get<std::string>();
    rule.outcome = outcome_of(j.at("outcome").get<std::string>());
    rule.params = j.value("params", nlohmann::json::object());
    rule.message_zh = j.at("message").at("zh").get<std::string>();
    rule.message_en = j.at("message").at("en").get<std::string>();
    rule.line = schema::line_for(doc->lines, pointer);
    if (!ids.insert(rule.id).second) {
      problems.emplace_back(pointer + "/id", fmt::format("rule id {} is used twice", rule.id));
    }
    if (!rule.clauses.count("*")) {
      for (const auto& kind : rule.applies) {
        const auto group =
            kind == "organisation" || kind == "project" ? kind : std::string("individual");
        if (!rule.clauses.count(group)) {
          problems.emplace_back(pointer + "/clause",
                                fmt::format("rule {}: no clause for {}", rule.id, group));
        }
      }
    }
    check_rule(rule, pointer, problems);
    book.rules.push_back(std::move(rule));
  }
  if (!problems.empty()) {
    return to_failure(std::move(problems));
  }
  return book;
}

std::string clause_title(const Rulebook& book, std::string_view clause)
{
  if (const auto it = book.clause_titles.find(clause); it != book.clause_titles.end()) {
    return it->second;
  }
  const auto& builtin = builtin_rulebook();
  if (const auto it = builtin.clause_titles.find(clause); it != builtin.clause_titles.end()) {
    return it->second;
  }
  return {};
}

const Rulebook& builtin_rulebook()
{
  static const Rulebook k_book = [] {
    auto book = parse_rulebook(embedded::resource("rules"), "<built-in rulebook>");
    if (!book) {
      throw Error(ExitCode::internal, book.failure().describe());
    }
    return std::move(book).value();
  }();
  return k_book;
}

} // namespace sqma::check
