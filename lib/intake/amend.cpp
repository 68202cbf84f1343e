// SPDX-License-Identifier: Apache-2.0
#include "intake/amend.hpp"
#include "intake/skeleton.hpp"

#include "check/checks.hpp"
#include "core/version.hpp"
#include "intake/form_spec.hpp"
#include "intake/import.hpp"
#include "io/json_reader.hpp"
#include "model/ids.hpp"
#include "schema/suggest.hpp"
#include "schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace sqma::intake {
namespace {

using nlohmann::json;

Failure usage(std::string message)
{
  return Failure{ExitCode::usage, std::move(message)};
}

const json& dossier_schema()
{
  static const json k_schema =
      io::parse_json_lenient(schema::builtin_text(model::k_dossier_schema), true);
  return k_schema;
}

const json& resolve(const json& node)
{
  if (const auto it = node.find("$ref"); it != node.end()) {
    const auto text = it->get<std::string>();
    return dossier_schema().at("definitions").at(text.substr(text.rfind('/') + 1));
  }
  return node;
}

bool is_index(std::string_view token)
{
  return !token.empty() && token.size() < 10 &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "a.b[2].c" or "/a/b/2/c" as tokens.
std::vector<std::string> tokens_of(std::string_view path)
{
  std::vector<std::string> tokens;
  if (!path.empty() && path[0] == '/') {
    std::size_t start = 1;
    while (start <= path.size()) {
      const auto end = std::min(path.find('/', start), path.size());
      std::string token(path.substr(start, end - start));
      for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
        token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
      }
      tokens.push_back(token);
      start = end + 1;
    }
    return tokens;
  }
  std::string current;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.' || c == '[' || c == ']') {
      if (!current.empty()) {
        tokens.push_back(current);
        current.clear();
      }
      continue;
    }
    current += c;
  }
  if (!current.empty()) {
    tokens.push_back(current);
  }
  return tokens;
}

Result<json> typed_value(const json& node, const std::string& path, const std::string& text)
{
  const auto type = node.value("type", "");
  if (type == "integer") {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0) {
      return usage(fmt::format("{}: expected a whole number, not \"{}\"", path, text));
    }
    return json(v);
  }
  if (type == "number") {
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno != 0) {
      return usage(fmt::format("{}: expected a number, not \"{}\"", path, text));
    }
    return std::trunc(v) == v && std::fabs(v) < 1e15 ? json(static_cast<long long>(v)) : json(v);
  }
  if (type == "boolean") {
    if (text == "true" || text == "false") {
      return json(text == "true");
    }
    return usage(fmt::format("{}: expected true or false, not \"{}\"", path, text));
  }
  if (type == "object" || type == "array") {
    auto parsed = io::parse_json_lenient(text);
    if (parsed.is_discarded()) {
      return usage(fmt::format("{}: expected a {} written in JSON", path,
                               type == "object" ? "table" : "list"));
    }
    return parsed;
  }
  return json(text);
}

// A value as a message shows it: the identity numbers in it (under the key id_number)
// masked as every message masks one (model::mask_id_number).
json masked(const json& value, const std::string& key)
{
  if (key == "id_number" && value.is_string()) {
    return model::mask_id_number(value.get<std::string>());
  }
  json out = value;
  if (out.is_object()) {
    for (auto it = out.begin(); it != out.end(); ++it) {
      *it = masked(*it, it.key());
    }
  } else if (out.is_array()) {
    for (auto& child : out) {
      child = masked(child, {});
    }
  }
  return out;
}

bool overlaps(const std::string& a, const std::string& b)
{
  const auto under = [](const std::string& inner, const std::string& outer) {
    return inner.rfind(outer, 0) == 0 &&
           (inner.size() == outer.size() || inner[outer.size()] == '/');
  };
  return under(a, b) || under(b, a);
}

// The rule of `dossier`'s class a change at `pointer` could alter, or nullptr.
const check::Rule* decisive_rule(const model::Dossier& dossier, const std::string& pointer,
                                 const check::Rulebook& rules)
{
  for (const auto& rule : rules.rules) {
    if (!rule.applies_to(dossier) || (rule.outcome != check::RuleOutcome::reject &&
                                      rule.outcome != check::RuleOutcome::supplement)) {
      continue;
    }
    for (const auto& read : check::fields_read(rule.check)) {
      if (overlaps(pointer, read)) {
        return &rule;
      }
    }
  }
  return nullptr;
}

bool decided(model::Stage stage)
{
  using model::Stage;
  return stage == Stage::approved || stage == Stage::rejected || stage == Stage::awarded ||
         stage == Stage::revoked;
}

} // namespace

Result<Change> parse_change(std::string_view text, bool remove, const nlohmann::json& dossier)
{
  std::string path(text);
  std::string value_text;
  if (!remove) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
      return usage(fmt::format("--set {}: expected PATH=VALUE", text));
    }
    path = std::string(text.substr(0, eq));
    value_text = std::string(text.substr(eq + 1));
  }
  const auto tokens = tokens_of(path);
  if (tokens.empty()) {
    return usage(fmt::format("\"{}\": no field named", path));
  }
  const auto& omitted = omitted_fields();
  // The office records a supplement's receipt and an extension (A1-6): not in the
  // applicant's form, but amended by the office.
  const bool office = tokens[0] == "supplement";
  if (tokens[0] == "id" ||
      (!office && std::find(omitted.begin(), omitted.end(), tokens[0]) != omitted.end())) {
    return usage(fmt::format("{}: \"{}\" is written by sqma's verbs and cannot be amended", path,
                             tokens[0]));
  }
  const json* node = &dossier_schema();
  const json* value = &dossier;
  std::string pointer;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    node = &resolve(*node);
    const bool last = i + 1 == tokens.size();
    if (node->contains("properties")) {
      const auto& props = node->at("properties");
      if (!props.contains(token)) {
        std::vector<std::string> names;
        for (const auto& [name, unused] : props.items()) {
          names.push_back(name);
        }
        std::string message = fmt::format("{}: unknown field \"{}\"", path, token);
        if (const auto near = schema::did_you_mean(token, names); !near.empty()) {
          message += fmt::format(" (did you mean \"{}\"?)", near);
        }
        return usage(message);
      }
      node = &props.at(token);
      value = value != nullptr && value->is_object() && value->contains(token) ? &value->at(token)
                                                                               : nullptr;
      pointer += "/" + token;
    } else if (node->value("type", "") == "array") {
      if (!is_index(token)) {
        return usage(fmt::format("{}: \"{}\" is a list; name an entry by its number, such as "
                                 "[0]",
                                 path, pointer.empty() ? token : form_path(pointer)));
      }
      const auto index = std::stoul(token);
      const std::size_t size = value != nullptr && value->is_array() ? value->size() : 0;
      if (index > size || (index == size && (!last || remove))) {
        return usage(fmt::format("{}: {} has {} entries", path, form_path(pointer), size));
      }
      node = &node->at("items");
      value = index < size ? &value->at(index) : nullptr;
      pointer += "/" + token;
    } else {
      return usage(fmt::format("{}: {} has no fields", path, form_path(pointer)));
    }
  }
  Change change;
  change.path = form_path(pointer);
  change.pointer = pointer;
  if (remove) {
    if (value == nullptr) {
      return usage(fmt::format("--unset {}: the dossier has no value there", path));
    }
    return change;
  }
  auto typed = typed_value(resolve(*node), change.path, value_text);
  if (!typed) {
    return typed.failure();
  }
  change.value = std::move(typed.value());
  return change;
}

Result<Amended> amend(const model::LoadedDossier& loaded, const std::vector<Change>& changes,
                      const AmendSettings& settings)
{
  const auto& before = loaded.dossier;
  const bool checked = was_checked(before);
  if (checked && settings.reason.empty()) {
    return usage(fmt::format("dossier {} has been checked: a change needs --reason", before.id));
  }
  if (!before.history.empty() && settings.date < before.history.back().date) {
    return usage(fmt::format("the date {} is before the dossier's last record ({})",
                             settings.date.iso(), before.history.back().date.iso()));
  }
  json doc = before;
  auto records = json::array();
  for (const auto& change : changes) {
    const json::json_pointer ptr(change.pointer);
    const json old = doc.contains(ptr) ? doc.at(ptr) : json();
    if (change.value) {
      if (old == *change.value) {
        return usage(fmt::format("{} already holds {}", change.path,
                                 masked(*change.value, ptr.empty() ? "" : ptr.back()).dump()));
      }
      doc[ptr] = *change.value;
    } else {
      auto& parent = doc.at(ptr.parent_pointer());
      if (parent.is_array()) {
        parent.erase(std::stoul(ptr.back()));
      } else {
        parent.erase(ptr.back());
      }
    }
    records.push_back({{"path", change.path},
                       {"pointer", change.pointer},
                       {"old", old},
                       {"new", change.value ? *change.value : json()}});
  }
  auto dossier = model::dossier_from_json(doc, loaded.where);
  if (!dossier) {
    auto failure = dossier.failure();
    failure.message = "the amended dossier is not valid: " + failure.message;
    failure.where.line = 0;
    failure.where.json_path = form_path(failure.where.json_path);
    return failure;
  }
  Amended out{std::move(dossier.value()), false};
  auto& d = out.dossier;
  // A skeleton from the roster is complete once nothing is missing: it loses its mark, and
  // one that was checked as a skeleton goes back to be checked as a dossier.
  bool completed_now = false;
  if (is_skeleton(d)) {
    if (auto full = completed(d)) {
      d = std::move(*full);
      completed_now = true;
      out.recheck = checked && !decided(before.stage);
    }
  }
  if (checked) {
    for (const auto& change : changes) {
      const bool kind_change = change.pointer == "/class" || change.pointer == "/kind";
      const check::Rule* rule = nullptr;
      if (!kind_change && settings.rules != nullptr) {
        rule = decisive_rule(before, change.pointer, *settings.rules);
        if (rule == nullptr) {
          rule = decisive_rule(d, change.pointer, *settings.rules);
        }
      }
      if (!kind_change && rule == nullptr) {
        continue;
      }
      if (decided(before.stage)) {
        return Failure{
            ExitCode::data,
            fmt::format("dossier {} is at stage {}, decided by the committee: {} "
                        "could alter its condition check{}; a revocation goes "
                        "through sqma certify revoke (M-22)",
                        before.id, model::to_string(before.stage), change.path,
                        rule != nullptr ? " (" + rule->clause_for(before) + ")" : std::string{}),
            loaded.where};
      }
      out.recheck = true;
    }
  }
  model::StageRecord rec;
  rec.stage = out.recheck ? model::Stage::submitted : before.stage;
  rec.date = settings.date;
  rec.command = "sqma amend";
  rec.version = k_version;
  rec.inputs.push_back({"dossier", loaded.sha256});
  rec.outcome = out.recheck ? "amended, to be checked again" : "amended";
  json details{{"changes", records}};
  if (!settings.reason.empty()) {
    details["reason"] = settings.reason;
  }
  if (out.recheck) {
    details["previous_stage"] = model::to_string(before.stage);
  }
  if (completed_now) {
    details["skeleton"] = "completed";
  }
  rec.details = std::move(details);
  d.stage = rec.stage;
  d.history.push_back(std::move(rec));
  return out;
}

} // namespace sqma::intake
