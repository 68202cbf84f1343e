// SPDX-License-Identifier: Apache-2.0
// The only translation unit that includes valijson.
#include "schema/validator.hpp"

#include "io/text.hpp"

#include "io/json_reader.hpp"
#include "model/ids.hpp"
#include "schema/pattern.hpp"
#include "schema/quick.hpp"
#include "schema/suggest.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <unordered_map>

namespace sqma::schema {

namespace embedded {
std::string_view resource(std::string_view name);
std::vector<std::string_view> resource_names();
} // namespace embedded

namespace {

using nlohmann::json;

std::string type_name(const json& value)
{
  switch (value.type()) {
  case json::value_t::object: return "an object";
  case json::value_t::array: return "an array";
  case json::value_t::string:
    return fmt::format("\"{}\"", io::quote_prefix(value.get_ref<const std::string&>()));
  case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
  case json::value_t::null: return "null";
  default: return value.dump();
  }
}

// The value at `pointer` as a message shows it: an identity number (a string or number in a
// field named id_number) masked as every message masks one, never in full.
std::string found_text(const json& value, const std::string& pointer)
{
  const auto slash = pointer.rfind('/');
  if (slash != std::string::npos && (value.is_string() || value.is_number()) &&
      pointer.compare(slash, std::string::npos, "/id_number") == 0) {
    const auto text = value.is_string() ? value.get<std::string>() : value.dump();
    return fmt::format("\"{}\"", model::mask_id_number(text));
  }
  return type_name(value);
}

std::string expected_type(const json& schema)
{
  if (const auto it = schema.find("description"); it != schema.end()) {
    return it->get<std::string>();
  }
  const auto type = schema.value("type", std::string{});
  if (type == "object")
    return "an object";
  if (type == "array")
    return "an array";
  if (type == "string")
    return "a string";
  if (type == "integer")
    return "a whole number";
  if (type == "number")
    return "a number";
  if (type == "boolean")
    return "true or false";
  return "another kind of value";
}

// Turns valijson's context ("<root>", "[key]", "[0]") into a JSON Pointer.
std::string pointer_of(const std::vector<std::string>& context)
{
  std::string pointer;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      io::append_pointer(pointer, std::string_view(part).substr(1, part.size() - 2));
    }
  }
  return pointer;
}

std::vector<std::string> split_pointer(const std::string& pointer)
{
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < pointer.size()) {
    const std::size_t next = pointer.find('/', at + 1);
    std::string token = pointer.substr(at + 1, next == std::string::npos ? next : next - at - 1);
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
    }
    tokens.push_back(std::move(token));
    at = next == std::string::npos ? pointer.size() : next;
  }
  return tokens;
}

// A copy of `schema` without its "pattern" keywords, for valijson.
json without_patterns(const json& schema)
{
  if (schema.is_array()) {
    json out = json::array();
    for (const auto& item : schema) {
      out.push_back(without_patterns(item));
    }
    return out;
  }
  if (!schema.is_object()) {
    return schema;
  }
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    if (key == "pattern" && value.is_string()) {
      continue;
    }
    out[key] = without_patterns(value);
  }
  return out;
}

} // namespace

struct Validator::Impl {
  json document;
  // What the full validation needs, prepared on its first use: most runs never need it,
  // since the quick check accepts every valid document, and preparing it cost a third of
  // the start of every verb. Not std::call_once: libstdc++'s can hang a later call after
  // the first threw.
  std::mutex preparing;
  bool prepared = false;
  std::string unprepared; // why preparing failed, for every later call
  valijson::Schema compiled;
  std::unique_ptr<QuickCheck> quick; // nullptr when the schema has a keyword it does not know
  std::unordered_map<const json*, const json*> targets;     // node holding a "$ref" -> its target
  std::map<const json*, std::unique_ptr<Pattern>> patterns; // schema node -> its pattern

  // Compiles the pattern of every schema node that has one.
  void compile_patterns(const json& node)
  {
    if (node.is_object()) {
      if (const auto it = node.find("pattern"); it != node.end() && it->is_string()) {
        patterns.emplace(&node, std::make_unique<Pattern>(it->get<std::string>()));
      }
    }
    if (node.is_structured()) {
      for (const auto& child : node) {
        compile_patterns(child);
      }
    }
  }

  // What walk() needs of one schema node (after "$ref" and the anyOf/oneOf branch for the
  // value's type): prepared once per node, because looking the keywords up in the schema
  // for every value of every document cost as much as the rest of the walk.
  struct Entry;
  struct Shape {
    const json* schema = nullptr;
    const Pattern* pattern = nullptr;
    const json* properties = nullptr;                        // the "properties" object, if any
    std::map<std::string, const Entry*, std::less<>> fields; // its members, prepared
    const Entry* extra = nullptr;                            // an "additionalProperties" schema
    bool closed = false;                                     // "additionalProperties": false
    const Entry* items = nullptr;                            // an "items" schema
  };
  // A schema node as a value meets it: the shape for each JSON type that has one.
  struct Entry {
    const Shape* string = nullptr;
    const Shape* object = nullptr;
    const Shape* array = nullptr;
  };
  std::map<const json*, Entry> entries; // by the node as written, before "$ref"
  std::map<const json*, Shape> shapes;  // by the node after "$ref" and branch
  const Entry* root = nullptr;          // the whole document's entry

  // The branch of an anyOf/oneOf that fits a value of type `type`, or the node itself.
  const json& branch_for(json::value_t type, const json& node) const
  {
    for (const char* key : {"anyOf", "oneOf"}) {
      const auto it = node.find(key);
      if (it == node.end()) {
        continue;
      }
      for (const auto& option : *it) {
        const json& resolved = resolve(option);
        const auto name = resolved.value("type", std::string{});
        if ((type == json::value_t::string && (name == "string" || resolved.contains("pattern"))) ||
            (type == json::value_t::object && name == "object") ||
            (type == json::value_t::array && name == "array")) {
          return resolved;
        }
      }
    }
    return node;
  }

  const Entry& entry_for(const json& node)
  {
    if (const auto it = entries.find(&node); it != entries.end()) {
      return it->second;
    }
    Entry& entry = entries[&node]; // inserted first: a "$ref" may lead back here
    const json& resolved = resolve(node);
    entry.string = &shape_for(branch_for(json::value_t::string, resolved));
    entry.object = &shape_for(branch_for(json::value_t::object, resolved));
    entry.array = &shape_for(branch_for(json::value_t::array, resolved));
    return entry;
  }

  const Shape& shape_for(const json& schema)
  {
    if (const auto it = shapes.find(&schema); it != shapes.end()) {
      return it->second;
    }
    Shape& shape = shapes[&schema];
    shape.schema = &schema;
    if (const auto it = patterns.find(&schema); it != patterns.end()) {
      shape.pattern = it->second.get();
    }
    if (const auto props = schema.find("properties"); props != schema.end()) {
      shape.properties = &*props;
      for (const auto& [name, child] : props->items()) {
        shape.fields.emplace(name, &entry_for(child));
      }
    }
    if (const auto extra = schema.find("additionalProperties"); extra != schema.end()) {
      shape.closed = extra->is_boolean() && !extra->get<bool>();
      if (extra->is_object()) {
        shape.extra = &entry_for(*extra);
      }
    }
    if (const auto items = schema.find("items"); items != schema.end() && items->is_object()) {
      shape.items = &entry_for(*items);
    }
    return shape;
  }

  // Records the node every local "$ref" points to, once, so that walking a document does
  // not parse JSON Pointers again and again.
  void index_refs(const json& node)
  {
    if (node.is_object()) {
      if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
        const auto& text = ref->get_ref<const std::string&>();
        if (text.rfind("#", 0) == 0) {
          targets.emplace(&node, &document.at(json::json_pointer(text.substr(1))));
        }
      }
    }
    if (node.is_structured()) {
      for (const auto& child : node) {
        index_refs(child);
      }
    }
  }

  const json& resolve(const json& node) const
  {
    const json* at = &node;
    for (int guard = 0; guard < 32; ++guard) {
      const auto target = targets.find(at);
      if (target == targets.end()) {
        break;
      }
      at = target->second;
    }
    return *at;
  }

  // The schema that describes the value at `pointer`, or nullptr if the path leaves it.
  const json* schema_at(const std::string& pointer) const
  {
    const json* at = &resolve(document);
    for (const auto& token : split_pointer(pointer)) {
      if (const auto props = at->find("properties"); props != at->end() && props->contains(token)) {
        at = &resolve((*props)[token]);
      } else if (const auto items = at->find("items"); items != at->end()) {
        at = &resolve(*items);
      } else {
        return nullptr;
      }
    }
    return at;
  }

  // Matches every string against its pattern and, when `unknown` is set, reports fields the
  // schema does not know, with a suggestion.
  void walk(const json& value, const Entry& entry, std::string& pointer, bool unknown,
            std::vector<std::pair<std::string, std::string>>& out) const
  {
    const std::size_t length = pointer.size(); // children extend the pointer, then cut it back
    if (value.is_string()) {
      const Shape& shape = *entry.string;
      if (shape.pattern != nullptr && !shape.pattern->search(value.get_ref<const std::string&>())) {
        out.emplace_back(pointer, fmt::format("expected {}, found {}", expected_type(*shape.schema),
                                              found_text(value, pointer)));
      }
    } else if (value.is_object()) {
      const Shape& shape = *entry.object;
      for (auto child = value.begin(); child != value.end(); ++child) {
        const auto& key = child.key();
        io::append_pointer(pointer, key);
        if (const auto known = shape.fields.find(key); known != shape.fields.end()) {
          walk(*child, *known->second, pointer, unknown, out);
        } else if (shape.closed && unknown) {
          out.emplace_back(pointer, unknown_field(key, value, shape.properties));
        } else if (shape.extra != nullptr) {
          walk(*child, *shape.extra, pointer, unknown, out);
        }
        pointer.resize(length);
      }
    } else if (value.is_array()) {
      if (const Shape& shape = *entry.array; shape.items != nullptr) {
        std::size_t index = 0;
        for (const auto& child : value) {
          pointer += '/';
          pointer += std::to_string(index++);
          walk(child, *shape.items, pointer, unknown, out);
          pointer.resize(length);
        }
      }
    }
  }

  // "unknown field" with the closest name the object does not use yet.
  static std::string unknown_field(const std::string& key, const json& object, const json* props)
  {
    std::vector<std::string> candidates;
    if (props != nullptr) {
      for (const auto& [name, unused] : props->items()) {
        if (!object.contains(name)) {
          candidates.push_back(name);
        }
      }
    }
    std::string message = fmt::format("unknown field \"{}\"", key);
    if (const auto near = did_you_mean(key, candidates); !near.empty()) {
      message += fmt::format(" (did you mean \"{}\"?)", near);
    }
    return message;
  }

  // A bound as valijson prints it ("100.000000") without its trailing zeros ("100").
  static std::string plain_number(std::string text)
  {
    if (text.find('.') != std::string::npos) {
      text.erase(text.find_last_not_of('0') + 1);
      if (text.back() == '.') {
        text.pop_back();
      }
    }
    return text;
  }

  // Rephrases one valijson message as what was expected; empty to drop a summary message.
  std::string phrase(const std::string& description, const std::string& pointer,
                     const json& document_root) const
  {
    static const std::regex k_required("Missing required property '(.*)'\\.");
    static const std::regex k_greater("Expected number greater than (or equal to )?([-0-9.]+)");
    static const std::regex k_less("Expected number less than (or equal to )?([-0-9.]+)");
    // Summaries of nested failures, and unknown fields (reported by walk()).
    if (description.rfind("Failed to validate", 0) == 0 ||
        description.rfind("Object contains a property that could not", 0) == 0) {
      return {};
    }
    const json* node = schema_at(pointer);
    const json* value = nullptr;
    if (const json::json_pointer ptr(pointer); document_root.contains(ptr)) {
      value = &document_root.at(ptr);
    }
    const std::string found = value ? ", found " + found_text(*value, pointer) : std::string{};
    std::smatch m;
    if (std::regex_match(description, m, k_required)) {
      return fmt::format("missing required field \"{}\"", m[1].str());
    }
    if (node && description.rfind("Value type not permitted", 0) == 0) {
      return fmt::format("expected {}{}", expected_type(*node), found);
    }
    if (node && description.rfind("Failed to match regex", 0) == 0) {
      return fmt::format("expected {}{}", expected_type(*node), found);
    }
    if (node && description.rfind("Failed to match against any enum", 0) == 0) {
      std::vector<std::string> names;
      for (const auto& option : node->value("enum", json::array())) {
        names.push_back(option.is_string() ? option.get<std::string>() : option.dump());
      }
      std::string joined;
      for (const auto& name : names) {
        joined += (joined.empty() ? "" : ", ") + name;
      }
      std::string message = fmt::format("expected one of {}{}", joined, found);
      if (value && value->is_string()) {
        if (const auto near = did_you_mean(value->get<std::string>(), names); !near.empty()) {
          message += fmt::format(" (did you mean \"{}\"?)", near);
        }
      }
      return message;
    }
    if (description.rfind("Failed to match expected value set by 'const'", 0) == 0) {
      // The schema at the path may not hold the const (it can sit in an if/then branch).
      return fmt::format("value not allowed here{}", found);
    }
    if (std::regex_search(description, m, k_greater)) {
      return fmt::format("expected a number {} {}{}", m[1].matched ? ">=" : ">",
                         plain_number(m[2].str()), found);
    }
    if (std::regex_search(description, m, k_less)) {
      return fmt::format("expected a number {} {}{}", m[1].matched ? "<=" : "<",
                         plain_number(m[2].str()), found);
    }
    if (description.rfind("String should be no fewer than", 0) == 0) {
      return "expected a non-empty string";
    }
    if (description.rfind("Array should contain no fewer than", 0) == 0) {
      return "expected at least one entry";
    }
    if (description.rfind("Elements of array", 0) == 0 ||
        description.find("unique") != std::string::npos) {
      return "expected no repeated entries";
    }
    return description;
  }
};

Validator::Validator(std::string name, std::string_view schema_text)
    : m_name(std::move(name)), m_impl(std::make_unique<Impl>())
{
  try {
    m_impl->document = io::parse_json_lenient(schema_text, true);
    m_impl->quick = QuickCheck::compile(m_impl->document);
  } catch (const std::exception& error) {
    throw Error(ExitCode::internal, fmt::format("schema {}: {}", m_name, error.what()));
  }
}

void Validator::prepare_full() const
{
  const std::lock_guard lock(m_impl->preparing);
  if (m_impl->prepared) {
    return;
  }
  if (!m_impl->unprepared.empty()) {
    throw Error(ExitCode::internal, m_impl->unprepared);
  }
  try {
    const json stripped = without_patterns(m_impl->document);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::NlohmannJsonAdapter adapter(stripped);
    parser.populateSchema(adapter, m_impl->compiled);
    m_impl->index_refs(m_impl->document);
    m_impl->compile_patterns(m_impl->document);
    m_impl->root = &m_impl->entry_for(m_impl->document);
  } catch (const std::exception& error) {
    // A schema valijson refuses stays refused: every later validation fails the same way,
    // without looking at what the failed attempt left half built.
    m_impl->unprepared = fmt::format("schema {}: {}", m_name, error.what());
    throw Error(ExitCode::internal, m_impl->unprepared);
  }
  m_impl->prepared = true;
}

Validator::~Validator() = default;

bool Validator::has_quick_check() const
{
  return m_impl->quick != nullptr;
}

std::vector<Failure> Validator::validate(const json& document, const std::string& file,
                                         const LineMap* lines, std::size_t first_line) const
{
  if (m_impl->quick && m_impl->quick->accepts(document)) {
    return {};
  }
  return validate_in_full(document, file, lines, first_line);
}

namespace {

// The "id" of the innermost array element on the way to `pointer` that has one, such as the
// score sheet item "4.1.2" for /items/0/percent: a person knows the entry by its id, not by
// its place counted from 0. Empty when there is none.
std::string id_along(const json& document, const std::string& pointer)
{
  std::string id;
  const json* node = &document;
  std::size_t at = 0;
  while (at < pointer.size() && node != nullptr) {
    const auto next = pointer.find('/', at + 1);
    const auto token =
        pointer.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
    at = next == std::string::npos ? pointer.size() : next;
    if (node->is_array()) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (error != std::errc{} || end != token.data() + token.size() || index >= node->size()) {
        break;
      }
      node = &(*node)[index];
      if (node->is_object()) {
        if (const auto it = node->find("id"); it != node->end() && it->is_string()) {
          id = it->get<std::string>();
        }
      }
    } else if (node->is_object()) {
      const auto it = node->find(token);
      node = it == node->end() ? nullptr : &*it;
    } else {
      break;
    }
  }
  return id;
}

} // namespace

std::vector<Failure> Validator::validate_in_full(const json& document, const std::string& file,
                                                 const LineMap* lines, std::size_t first_line) const
{
  // valijson compiles each pattern once per Validator object and keeps it; one object per
  // thread keeps that cache across documents (a batch would otherwise spend most of its time
  // compiling the same regular expressions).
  prepare_full();
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  const valijson::adapters::NlohmannJsonAdapter target(document);
  // Most documents are valid: a first pass without results stops at the first problem and
  // builds no error paths. Only an invalid document is walked again for the messages.
  std::vector<std::pair<std::string, std::string>> found;
  if (validator.validate(m_impl->compiled, target, nullptr)) {
    std::string root;
    m_impl->walk(document, *m_impl->root, root, false, found);
    if (found.empty()) {
      return {};
    }
    found.clear();
  }
  std::string root;
  m_impl->walk(document, *m_impl->root, root, true, found);
  valijson::ValidationResults results;
  validator.validate(m_impl->compiled, target, &results);
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    const auto pointer = pointer_of(error.context);
    auto message = m_impl->phrase(error.description, pointer, document);
    if (!message.empty()) {
      found.emplace_back(pointer, std::move(message));
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());

  std::vector<Failure> failures;
  failures.reserve(found.size());
  for (auto& [pointer, message] : found) {
    if (const auto id = id_along(document, pointer); !id.empty()) {
      message += fmt::format(" (entry \"{}\")", io::quote_prefix(id, 40));
    }
    std::size_t line = lines ? line_for(*lines, pointer) : 0;
    if (line == 0 && first_line > 0) {
      line = first_line;
    }
    failures.push_back(Failure{ExitCode::data, std::move(message),
                               Location{file, line, pointer.empty() ? "/" : pointer}});
  }
  return failures;
}

const Validator& builtin(std::string_view name)
{
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Validator>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto it = cache.find(name); it != cache.end()) {
    return *it->second;
  }
  const auto text = builtin_text(name);
  if (text.empty()) {
    throw UsageError(fmt::format("unknown schema \"{}\"", name));
  }
  auto [it, inserted] =
      cache.emplace(std::string(name), std::make_unique<Validator>(std::string(name), text));
  return *it->second;
}

std::vector<std::string> builtin_names()
{
  std::vector<std::string> names;
  for (const auto name : embedded::resource_names()) {
    names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string_view builtin_text(std::string_view name)
{
  return embedded::resource(name);
}

} // namespace sqma::schema
