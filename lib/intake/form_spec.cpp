// SPDX-License-Identifier: Apache-2.0
#include "intake/form_spec.hpp"

#include "core/error.hpp"
#include "io/json_reader.hpp"
#include "schema/toml_json.hpp"
#include "schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace sqma::intake {

namespace embedded {
std::string_view resource(std::string_view name);
} // namespace embedded

namespace {

using nlohmann::json;
// The schema keeps its order: the form lists fields in the order the schema defines them.
using ojson = nlohmann::ordered_json;

// A member of an object, or null (which iterates as empty) when absent.
template <class J> const J& member(const J& j, const char* key)
{
  static const J k_null;
  const auto it = j.find(key);
  return it == j.end() ? k_null : *it;
}

[[noreturn]] void broken(const std::string& what)
{
  throw Error(ExitCode::internal, fmt::format("data/form.toml: {}", what));
}

struct Sources {
  ojson schema;
  json texts;
};

const Sources& sources()
{
  static const Sources k_sources = [] {
    Sources s;
    s.schema = ojson::parse(schema::builtin_text("dossier.v1"));
    auto doc = schema::parse_toml(embedded::resource("form"), "data/form.toml");
    if (!doc) {
      broken(doc.failure().describe());
    }
    s.texts = std::move(doc.value().json);
    return s;
  }();
  return k_sources;
}

// The class, then "individual" for a kind, in the order a text table by group is read.
std::vector<std::string> lookup_order(const Group& group)
{
  std::vector<std::string> order;
  if (group.kind) {
    order.push_back(model::to_string(*group.kind));
  }
  order.push_back(model::to_string(group.award_class));
  return order;
}

// A text that may be given as a string or as a table by group; empty when none applies.
std::string by_group(const json& value, const Group& group)
{
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_object()) {
    for (const auto& name : lookup_order(group)) {
      if (const auto it = value.find(name); it != value.end() && it->is_string()) {
        return it->get<std::string>();
      }
    }
    // A field shown for another group only when a dossier has it: any text will do.
    if (!value.empty() && value.begin()->is_string()) {
      return value.begin()->get<std::string>();
    }
  }
  return {};
}

json example_by_group(const json& value, const Group& group)
{
  if (!value.is_object()) {
    return value;
  }
  for (const auto& name : lookup_order(group)) {
    if (const auto it = value.find(name); it != value.end()) {
      return *it;
    }
  }
  return nullptr;
}

// Resolves "$ref": "#/definitions/NAME"; `ref` gets NAME.
const ojson& resolve(const ojson& node, std::string& ref)
{
  if (const auto it = node.find("$ref"); it != node.end()) {
    const auto text = it->get<std::string>();
    ref = text.substr(text.rfind('/') + 1);
    return sources().schema.at("definitions").at(ref);
  }
  return node;
}

// Required fields the schema's if/then conditions add for the group, by dotted path ("" for
// the top level).
std::map<std::string, std::set<std::string>> conditional_required(const Group& group)
{
  ojson probe{{"class", model::to_string(group.award_class)}};
  if (group.kind) {
    probe["kind"] = model::to_string(*group.kind);
  }
  std::map<std::string, std::set<std::string>> extra;
  const auto add = [&](const auto& self, const ojson& then, const std::string& path) -> void {
    for (const auto& key : member(then, "required")) {
      extra[path].insert(key.get<std::string>());
    }
    for (const auto& [key, sub] : member(then, "properties").items()) {
      self(self, sub, path.empty() ? key : path + "." + key);
    }
  };
  for (const auto& condition : member(sources().schema, "allOf")) {
    const auto& test = condition.at("if");
    bool holds = true;
    for (const auto& key : member(test, "required")) {
      holds = holds && probe.contains(key.get<std::string>());
    }
    for (const auto& [key, sub] : member(test, "properties").items()) {
      if (sub.contains("const")) {
        holds = holds && probe.contains(key) && probe[key] == sub["const"];
      }
    }
    if (holds) {
      add(add, condition.at("then"), "");
    }
  }
  return extra;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? "" : std::string(separator)) + part;
  }
  return out;
}

// The format of a scalar from its schema, unless the texts or a definition give one.
void set_format(FieldSpec& field, const ojson& node, const std::string& ref, const json& text)
{
  const auto& texts = sources().texts;
  if (const auto it = text.find("format"); it != text.end()) {
    field.format_zh = it->value("zh", "");
    field.format_en = it->value("en", "");
    return;
  }
  if (!ref.empty() && texts.at("format").contains(ref)) {
    field.format_zh = texts["format"][ref].value("zh", "");
    field.format_en = texts["format"][ref].value("en", "");
    return;
  }
  if (node.contains("enum")) {
    std::vector<std::string> zh;
    std::vector<std::string> en;
    for (const auto& [value, label] : field.values) {
      zh.push_back(fmt::format("{}（{}）", value, label));
      en.push_back(value);
    }
    field.format_zh = "取值 " + join(zh, "、");
    field.format_en = "one of " + join(en, ", ");
    return;
  }
  const auto type = node.value("type", "");
  std::string range;
  if (node.contains("minimum") && node.contains("maximum")) {
    range = fmt::format(" {}–{}", node["minimum"].dump(), node["maximum"].dump());
  } else if (node.contains("minimum")) {
    range = fmt::format(" ≥ {}", node["minimum"].dump());
  }
  if (type == "integer") {
    field.format_zh = "整数" + range;
    field.format_en = "a whole number" + range;
  } else if (type == "number") {
    field.format_zh = "数字" + range;
    field.format_en = "a number" + range;
  } else if (type == "boolean") {
    field.format_zh = "true（是）或 false（否）";
    field.format_en = "true or false";
  } else if (node.contains("pattern")) {
    broken(fmt::format("field \"{}\" has a pattern but no format text", field.path));
  } else {
    field.format_zh = texts.at("format").at("text").value("zh", "");
    field.format_en = texts.at("format").at("text").value("en", "");
  }
}

std::string scalar_type(const ojson& node, const std::string& ref)
{
  if (ref == "date") {
    return "date";
  }
  return node.value("type", "string");
}

FieldSpec make_field(const std::string& key, const std::string& path, const ojson& raw,
                     bool required, bool parent_applies, const Group& group,
                     const std::map<std::string, std::set<std::string>>& extra)
{
  const auto& texts = sources().texts;
  const auto text_it = texts.at("field").find(path);
  if (text_it == texts.at("field").end()) {
    broken(fmt::format("no texts for the schema's field \"{}\"", path));
  }
  const json& text = *text_it;
  FieldSpec field;
  field.key = key;
  field.path = path;
  field.required = required;
  field.filled = text.value("filled", false);
  field.prefill = text.value("prefill", "");
  field.zh = by_group(text.value("zh", json()), group);
  field.en = by_group(text.value("en", json()), group);
  field.clause = by_group(text.value("clause", json()), group);
  if (field.clause.empty()) {
    field.clause = by_group(texts.at("defaults").at("clause"), group);
  }
  if (field.zh.empty() || field.en.empty() || field.clause.empty()) {
    broken(fmt::format("field \"{}\" lacks zh, en or clause for {}", path, group.name()));
  }
  field.applies = parent_applies;
  if (const auto applies = text.find("applies"); applies != text.end() && parent_applies) {
    const auto order = lookup_order(group);
    field.applies = std::any_of(order.begin(), order.end(), [&](const std::string& name) {
      return std::find(applies->begin(), applies->end(), name) != applies->end();
    });
  }
  std::string ref;
  const ojson& node = resolve(raw, ref);
  const auto type = node.value("type", "");
  const auto children_of = [&](const ojson& object) {
    std::set<std::string> required_keys;
    for (const auto& name : member(object, "required")) {
      required_keys.insert(name.get<std::string>());
    }
    if (const auto more = extra.find(path); more != extra.end()) {
      required_keys.insert(more->second.begin(), more->second.end());
    }
    const auto& omit = omitted_fields();
    for (const auto& [name, sub] : object.at("properties").items()) {
      const auto child = path + "." + name;
      if (std::find(omit.begin(), omit.end(), child) != omit.end()) {
        continue;
      }
      field.children.push_back(
          make_field(name, child, sub, required_keys.count(name) > 0, field.applies, group, extra));
    }
  };
  if (type == "object") {
    field.shape = Shape::table;
    children_of(node);
    return field;
  }
  const ojson* item = &node;
  std::string item_ref = ref;
  if (type == "array") {
    item = &resolve(node.at("items"), item_ref);
    if (item->value("type", "") == "object") {
      field.shape = Shape::blocks;
      children_of(*item);
      return field;
    }
    field.shape = Shape::list;
  }
  field.type = scalar_type(*item, item_ref);
  if (item->contains("enum")) {
    const auto& labels = member(text, "values");
    for (const auto& value : item->at("enum")) {
      const auto name = value.get<std::string>();
      if (!labels.contains(name)) {
        broken(fmt::format("field \"{}\" gives no meaning for value \"{}\"", path, name));
      }
      field.values.emplace_back(name, labels[name].get<std::string>());
    }
  }
  set_format(field, *item, item_ref, text);
  field.example = example_by_group(text.value("example", json()), group);
  if (field.example.is_null() && field.applies) {
    broken(fmt::format("field \"{}\" has no example for {}", path, group.name()));
  }
  return field;
}

FormSpec build(const Group& group)
{
  const auto& schema = sources().schema;
  const auto& texts = sources().texts;
  FormSpec spec;
  spec.group = group;
  const auto& title = texts.at("title").at(group.name());
  spec.title_zh = title.at("zh").get<std::string>();
  spec.title_en = title.at("en").get<std::string>();
  const auto extra = conditional_required(group);
  std::set<std::string> required;
  for (const auto& name : schema.at("required")) {
    required.insert(name.get<std::string>());
  }
  if (const auto more = extra.find(""); more != extra.end()) {
    required.insert(more->second.begin(), more->second.end());
  }
  const auto& omit = omitted_fields();
  for (const auto& [name, sub] : schema.at("properties").items()) {
    if (std::find(omit.begin(), omit.end(), name) == omit.end()) {
      spec.fields.push_back(
          make_field(name, name, sub, required.count(name) > 0, true, group, extra));
    }
  }
  return spec;
}

void collect_paths(const std::vector<FieldSpec>& fields, std::vector<std::string>& out)
{
  for (const auto& field : fields) {
    out.push_back(field.path);
    collect_paths(field.children, out);
  }
}

} // namespace

std::string Group::name() const
{
  return kind ? model::to_string(*kind) : model::to_string(award_class);
}

std::optional<Group> Group::of(const nlohmann::json& dossier)
{
  if (!dossier.is_object()) {
    return std::nullopt;
  }
  const auto cls = dossier.find("class");
  if (cls == dossier.end() || !cls->is_string()) {
    return std::nullopt;
  }
  Group group;
  const auto name = cls->get<std::string>();
  if (name == "organisation") {
    group.award_class = model::AwardClass::organisation;
  } else if (name == "project") {
    group.award_class = model::AwardClass::project;
  } else if (name == "individual") {
    group.award_class = model::AwardClass::individual;
    const auto kind = dossier.find("kind");
    if (kind == dossier.end() || !kind->is_string()) {
      return std::nullopt;
    }
    const auto kind_name = kind->get<std::string>();
    if (kind_name == "leader") {
      group.kind = model::IndividualKind::leader;
    } else if (kind_name == "manager") {
      group.kind = model::IndividualKind::manager;
    } else if (kind_name == "craftsman") {
      group.kind = model::IndividualKind::craftsman;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  return group;
}

const FormSpec& form_spec(const Group& group)
{
  static const std::map<std::string, FormSpec> k_specs = [] {
    std::map<std::string, FormSpec> specs;
    const Group groups[] = {
        {model::AwardClass::organisation, std::nullopt},
        {model::AwardClass::project, std::nullopt},
        {model::AwardClass::individual, model::IndividualKind::leader},
        {model::AwardClass::individual, model::IndividualKind::manager},
        {model::AwardClass::individual, model::IndividualKind::craftsman},
    };
    for (const auto& g : groups) {
      specs.emplace(g.name(), build(g));
    }
    return specs;
  }();
  const auto it = k_specs.find(group.name());
  if (it == k_specs.end()) {
    throw UsageError("the individual award needs a kind: leader, manager or craftsman");
  }
  return it->second;
}

const std::vector<std::string>& omitted_fields()
{
  static const std::vector<std::string> k_omitted =
      sources().texts.at("omit").get<std::vector<std::string>>();
  return k_omitted;
}

std::vector<std::string> described_paths()
{
  std::vector<std::string> paths;
  for (const auto& [path, unused] : sources().texts.at("field").items()) {
    paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> schema_paths()
{
  // Every group's form walks the whole schema; which fields apply only marks them.
  std::vector<std::string> out;
  collect_paths(form_spec(Group{model::AwardClass::organisation, std::nullopt}).fields, out);
  std::sort(out.begin(), out.end());
  return out;
}

const FieldSpec* find_field(const FormSpec& spec, std::string_view path)
{
  const std::vector<FieldSpec>* level = &spec.fields;
  const FieldSpec* found = nullptr;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('.', start), path.size());
    const auto key = path.substr(start, end - start);
    const auto it = std::find_if(level->begin(), level->end(),
                                 [&](const FieldSpec& f) { return f.key == key; });
    if (it == level->end()) {
      return nullptr;
    }
    found = &*it;
    level = &it->children;
    start = end + 1;
  }
  return found;
}

std::string form_path(std::string_view pointer)
{
  std::string out;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const auto end = std::min(pointer.find('/', start), pointer.size());
    std::string token(pointer.substr(start, end - start));
    // JSON Pointer escapes.
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
    }
    const bool index = !token.empty() && std::all_of(token.begin(), token.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
    if (index) {
      out += "[" + token + "]";
    } else {
      out += (out.empty() ? "" : ".") + token;
    }
    start = end + 1;
  }
  return out;
}

} // namespace sqma::intake
