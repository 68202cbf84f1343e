// SPDX-License-Identifier: Apache-2.0
#include "schema/quick.hpp"

#include "schema/pattern.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sqma::schema {
namespace {

using nlohmann::json;

// The JSON types as "type" names them; a whole number counts as both integer and number.
enum TypeBit : unsigned {
  k_null = 1U << 0U,
  k_boolean = 1U << 1U,
  k_object = 1U << 2U,
  k_array = 1U << 3U,
  k_string = 1U << 4U,
  k_integer = 1U << 5U,
  k_fraction = 1U << 6U, // a number that is not integer-typed
  k_any = (1U << 7U) - 1U,
};

unsigned type_bits(const std::string& name)
{
  static const std::map<std::string, unsigned, std::less<>> k_names{
      {"null", k_null},
      {"boolean", k_boolean},
      {"object", k_object},
      {"array", k_array},
      {"string", k_string},
      {"integer", k_integer},
      {"number", k_integer | k_fraction},
  };
  const auto it = k_names.find(name);
  if (it == k_names.end()) {
    throw std::invalid_argument("unknown type \"" + name + "\"");
  }
  return it->second;
}

// valijson with strong types takes only integer-typed values as integers (2.0 is not one).
unsigned type_of(const json& value)
{
  switch (value.type()) {
  case json::value_t::null: return k_null;
  case json::value_t::boolean: return k_boolean;
  case json::value_t::object: return k_object;
  case json::value_t::array: return k_array;
  case json::value_t::string: return k_string;
  case json::value_t::number_integer:
  case json::value_t::number_unsigned: return k_integer;
  case json::value_t::number_float: return k_fraction;
  default: return 0;
  }
}

// Equality for "enum" and "const" that never takes a whole number for a fraction
// (nlohmann's == says 1 == 1.0): where valijson might tell them apart, the quick check must
// not be the more lenient of the two. ("uniqueItems" keeps nlohmann's ==, which finds more
// repeats and so refuses more.)
bool same_value(const json& a, const json& b)
{
  if (type_of(a) != type_of(b)) {
    return false;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      const auto other = b.find(it.key());
      if (other == b.end() || !same_value(it.value(), *other)) {
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_value);
  }
  return a == b;
}

// Characters, not bytes, as minLength counts them: every byte that does not continue a
// UTF-8 sequence starts one. valijson counts up to the first NUL (the string's c_str()),
// and so does this.
std::size_t code_points(const std::string& text)
{
  const auto end = std::find(text.begin(), text.end(), '\0');
  return static_cast<std::size_t>(std::count_if(
      text.begin(), end, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// valijson reads an unsigned number through int64_t, so that one past INT64_MAX turns
// negative before it meets "minimum" or "maximum".
bool past_int64(const json& value)
{
  return value.is_number_unsigned() &&
         value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
}

// A keyword the quick check does not know: the schema is then always validated in full.
struct Unsupported {};

} // namespace

struct QuickCheck::Node {
  bool never = false; // the schema `false`
  unsigned types = k_any;
  const Node* ref = nullptr;
  const json* constant = nullptr;
  const json* enumeration = nullptr;
  // strings
  std::size_t min_length = 0;
  std::unique_ptr<Pattern> pattern;
  // numbers
  std::optional<double> minimum;
  std::optional<double> maximum;
  // objects
  std::vector<std::pair<std::string, const Node*>> properties; // sorted as json objects are
  std::vector<std::string> required;
  bool closed = false;              // "additionalProperties": false
  const Node* additional = nullptr; // an "additionalProperties" schema
  std::size_t min_properties = 0;
  // arrays
  const Node* items = nullptr;
  std::size_t min_items = 0;
  bool unique = false;
  // combinations
  std::vector<const Node*> all_of;
  std::vector<const Node*> any_of;
  const Node* if_schema = nullptr;
  const Node* then_schema = nullptr;
  const Node* else_schema = nullptr;

  [[nodiscard]] bool accepts(const json& value) const;
  [[nodiscard]] bool accepts_object(const json::object_t& object) const;
};

struct QuickCheck::Tree {
  json document;                            // the nodes point into it
  int in_condition = 0;                     // building the schema of an "if"
  std::deque<Node> nodes;                   // addresses stay put as nodes are added
  std::map<const json*, const Node*> built; // schema node -> its node, for "$ref" cycles
  const Node* root = nullptr;

  const Node& build(const json& schema);
  static void require_exact(const std::string& key, const json& value);
  const Node& resolve(const std::string& ref);
  std::vector<const Node*> build_all(const json& list);
};

namespace {

std::size_t count_of(const json& value)
{
  if (!value.is_number_unsigned() &&
      !(value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
    throw std::invalid_argument("expected a count, found " + value.dump());
  }
  return value.get<std::size_t>();
}

} // namespace

const QuickCheck::Node& QuickCheck::Tree::resolve(const std::string& ref)
{
  if (ref.empty() || ref.front() != '#') {
    throw Unsupported{}; // only references inside the schema are followed
  }
  return build(document.at(json::json_pointer(ref.substr(1))));
}

std::vector<const QuickCheck::Node*> QuickCheck::Tree::build_all(const json& list)
{
  if (!list.is_array()) {
    throw std::invalid_argument("expected an array of schemas");
  }
  std::vector<const Node*> out;
  for (const auto& schema : list) {
    out.push_back(&build(schema));
  }
  return out;
}

// Refusing more than valijson is safe everywhere but in the schema of an "if": there, a
// stricter answer skips the "then" that valijson would apply. Such a schema may only use
// keywords on which the two agree exactly: no patterns (valijson never sees them), no
// bounds (big unsigned numbers), no repeats, no references (valijson may ignore their
// siblings), and "const" and "enum" only of strings.
void QuickCheck::Tree::require_exact(const std::string& key, const json& value)
{
  const auto all_strings = [](const json& list) {
    return std::all_of(list.begin(), list.end(), [](const json& v) { return v.is_string(); });
  };
  if (key == "pattern" || key == "minimum" || key == "maximum" || key == "uniqueItems" ||
      key == "$ref" || (key == "const" && !value.is_string()) ||
      (key == "enum" && !(value.is_array() && all_strings(value)))) {
    throw Unsupported{};
  }
}

const QuickCheck::Node& QuickCheck::Tree::build(const json& schema)
{
  if (const auto it = built.find(&schema); it != built.end()) {
    return *it->second;
  }
  Node& node = nodes.emplace_back();
  built.emplace(&schema, &node); // first: a "$ref" below may lead back here
  if (schema.is_boolean()) {
    node.never = !schema.get<bool>();
    return node;
  }
  if (!schema.is_object()) {
    throw std::invalid_argument("a schema must be an object or a boolean");
  }
  for (const auto& [key, value] : schema.items()) {
    if (in_condition > 0) {
      require_exact(key, value);
    }
    if (key == "$schema" || key == "$id" || key == "$comment" || key == "title" ||
        key == "description" || key == "definitions" || key == "default" || key == "examples") {
      continue; // annotations
    }
    if (key == "type") {
      node.types = 0;
      if (value.is_string()) {
        node.types = type_bits(value.get<std::string>());
      } else {
        for (const auto& name : value) {
          node.types |= type_bits(name.get<std::string>());
        }
      }
    } else if (key == "$ref") {
      node.ref = &resolve(value.get<std::string>());
    } else if (key == "const") {
      node.constant = &value;
    } else if (key == "enum") {
      node.enumeration = &value;
    } else if (key == "minLength") {
      node.min_length = count_of(value);
    } else if (key == "pattern") {
      node.pattern = std::make_unique<Pattern>(value.get<std::string>());
    } else if (key == "minimum") {
      node.minimum = value.get<double>();
    } else if (key == "maximum") {
      node.maximum = value.get<double>();
    } else if (key == "properties") {
      for (const auto& [name, child] : value.items()) {
        node.properties.emplace_back(name, &build(child));
      }
      std::sort(node.properties.begin(), node.properties.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    } else if (key == "required") {
      node.required = value.get<std::vector<std::string>>();
    } else if (key == "additionalProperties") {
      if (value.is_boolean()) {
        node.closed = !value.get<bool>();
      } else {
        node.additional = &build(value);
      }
    } else if (key == "minProperties") {
      node.min_properties = count_of(value);
    } else if (key == "items") {
      if (value.is_array()) {
        throw Unsupported{}; // tuple validation
      }
      node.items = &build(value);
    } else if (key == "minItems") {
      node.min_items = count_of(value);
    } else if (key == "uniqueItems") {
      node.unique = value.get<bool>();
    } else if (key == "allOf") {
      node.all_of = build_all(value);
    } else if (key == "anyOf") {
      node.any_of = build_all(value);
    } else if (key == "if") {
      ++in_condition;
      node.if_schema = &build(value);
      --in_condition;
    } else if (key == "then") {
      node.then_schema = &build(value);
    } else if (key == "else") {
      node.else_schema = &build(value);
    } else {
      throw Unsupported{};
    }
  }
  return node;
}

bool QuickCheck::Node::accepts(const json& value) const
{
  if (never || (type_of(value) & types) == 0) {
    return false;
  }
  // Draft 7 ignores the siblings of "$ref"; checking them as well can only refuse more,
  // and a refused document is validated in full.
  if (ref != nullptr && !ref->accepts(value)) {
    return false;
  }
  if (constant != nullptr && !same_value(value, *constant)) {
    return false;
  }
  if (enumeration != nullptr &&
      std::none_of(enumeration->begin(), enumeration->end(),
                   [&](const json& option) { return same_value(value, option); })) {
    return false;
  }
  switch (value.type()) {
  case json::value_t::string: {
    const auto& text = value.get_ref<const std::string&>();
    if ((min_length > 0 && code_points(text) < min_length) || (pattern && !pattern->search(text))) {
      return false;
    }
    break;
  }
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float: {
    const auto number = value.get<double>();
    if ((minimum && number < *minimum) || (maximum && number > *maximum) ||
        ((minimum || maximum) && past_int64(value))) {
      return false;
    }
    break;
  }
  case json::value_t::object:
    if (!accepts_object(value.get_ref<const json::object_t&>())) {
      return false;
    }
    break;
  case json::value_t::array:
    if (value.size() < min_items) {
      return false;
    }
    if (items != nullptr) {
      for (const auto& item : value) {
        if (!items->accepts(item)) {
          return false;
        }
      }
    }
    if (unique) {
      for (auto a = value.begin(); a != value.end(); ++a) {
        if (std::find(std::next(a), value.end(), *a) != value.end()) {
          return false;
        }
      }
    }
    break;
  default: break;
  }
  for (const Node* part : all_of) {
    if (!part->accepts(value)) {
      return false;
    }
  }
  if (!any_of.empty() && std::none_of(any_of.begin(), any_of.end(),
                                      [&](const Node* n) { return n->accepts(value); })) {
    return false;
  }
  if (if_schema != nullptr) {
    const Node* branch = if_schema->accepts(value) ? then_schema : else_schema;
    if (branch != nullptr && !branch->accepts(value)) {
      return false;
    }
  }
  return true;
}

bool QuickCheck::Node::accepts_object(const json::object_t& object) const
{
  if (object.size() < min_properties) {
    return false;
  }
  for (const auto& name : required) {
    if (object.find(name) == object.end()) {
      return false;
    }
  }
  // The object's members and the schema's properties are both sorted by name: one pass
  // pairs each member with its schema.
  auto known = properties.begin();
  for (const auto& [name, member] : object) {
    while (known != properties.end() && known->first < name) {
      ++known;
    }
    if (known != properties.end() && known->first == name) {
      if (!known->second->accepts(member)) {
        return false;
      }
    } else if (closed || (additional != nullptr && !additional->accepts(member))) {
      return false;
    }
  }
  return true;
}

std::unique_ptr<QuickCheck> QuickCheck::compile(json schema)
{
  auto tree = std::make_unique<Tree>(Tree{std::move(schema), 0, {}, {}, nullptr});
  try {
    tree->root = &tree->build(tree->document);
  } catch (const Unsupported&) {
    return nullptr;
  } catch (const json::exception& error) {
    throw std::invalid_argument(error.what());
  }
  return std::make_unique<QuickCheck>(Key{}, std::move(tree));
}

QuickCheck::QuickCheck(Key /*key*/, std::unique_ptr<Tree> tree) : m_tree(std::move(tree)) {}

QuickCheck::~QuickCheck() = default;

bool QuickCheck::accepts(const json& document) const
{
  return m_tree->root->accepts(document);
}

} // namespace sqma::schema
