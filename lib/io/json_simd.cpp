// SPDX-License-Identifier: Apache-2.0
#include "io/json_simd.hpp"

#include "io/limits.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <string>

namespace sqma::io::detail {
namespace {

using nlohmann::json;
using simdjson::dom::element_type;

// Records past this size get a parser of their own, freed after them, so that a thread's
// parser does not keep the buffers of the largest record it ever saw (simdjson allocates
// about 14 bytes for each byte of text); dossiers are a few kilobytes.
constexpr std::size_t k_kept_parser_bytes = std::size_t{64} << 10U;

// Whether `text` holds the number -0, which nlohmann keeps as a signed integer and simdjson
// reads as plain 0 (a "-0" inside a string only costs a parse by nlohmann).
bool has_minus_zero(std::string_view text)
{
  for (auto at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 1)) {
    const char next = at + 2 < text.size() ? text[at + 2] : ' ';
    if ((next < '0' || next > '9') && next != '.' && next != 'e' && next != 'E') {
      return true;
    }
  }
  return false;
}

// Builds the nlohmann value of a parsed simdjson element. False for what parse_json_simd
// leaves to nlohmann: a repeated key, a string or key past its limit, nesting past the
// depth limit (`depth` counts the arrays and objects around `from`). Sets `zero` when an
// integer is 0.
bool convert(simdjson::dom::element from, json& to, int depth, bool& zero)
{
  switch (from.type()) {
  case element_type::ARRAY: {
    if (depth >= k_max_json_depth) {
      return false;
    }
    to = json::array();
    auto& items = *to.get_ptr<json::array_t*>();
    const simdjson::dom::array array = from.get_array().value_unsafe();
    items.reserve(array.size());
    for (const auto item : array) {
      if (!convert(item, items.emplace_back(), depth + 1, zero)) {
        return false;
      }
    }
    return true;
  }
  case element_type::OBJECT: {
    if (depth >= k_max_json_depth) {
      return false;
    }
    to = json::object();
    auto& members = *to.get_ptr<json::object_t*>();
    const simdjson::dom::object object = from.get_object().value_unsafe();
    for (const auto field : object) {
      if (field.key.size() > k_max_string_bytes) {
        return false;
      }
      // Keys in order (as every writer of ours puts them) go to the end of the map without
      // a search; any other order costs one. A repeated key leaves the map as it was.
      const auto size = members.size();
      json* slot = &members.emplace_hint(members.end(), field.key, nullptr)->second;
      if (members.size() == size) {
        return false;
      }
      if (!convert(field.value, *slot, depth + 1, zero)) {
        return false;
      }
    }
    return true;
  }
  case element_type::INT64: {
    // nlohmann keeps every integer without a minus sign unsigned.
    const std::int64_t value = from.get_int64().value_unsafe();
    if (value >= 0) {
      zero = zero || value == 0;
      to = static_cast<json::number_unsigned_t>(value);
    } else {
      to = value;
    }
    return true;
  }
  case element_type::UINT64: to = from.get_uint64().value_unsafe(); return true;
  case element_type::DOUBLE: to = from.get_double().value_unsafe(); return true;
  case element_type::STRING: {
    const std::string_view text = from.get_string().value_unsafe();
    if (text.size() > k_max_string_bytes) {
      return false;
    }
    to = std::string(text);
    return true;
  }
  case element_type::BOOL: to = from.get_bool().value_unsafe(); return true;
  case element_type::NULL_VALUE: to = nullptr; return true;
  }
  return false;
}

} // namespace

std::optional<nlohmann::json> parse_json_simd(std::string_view text)
{
  // nlohmann skips a byte order mark at the very start, and only there; simdjson does not.
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (text.substr(0, k_bom.size()) == k_bom) {
    text.remove_prefix(k_bom.size());
  }
  const bool large = text.size() > k_kept_parser_bytes;
  // simdjson reads up to SIMDJSON_PADDING bytes past the end of the text: copy it into a
  // buffer that has them. The copy costs far less than the parse.
  thread_local std::string kept_text;
  std::string own_text;
  auto& padded = large ? own_text : kept_text;
  padded.assign(text);
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  thread_local simdjson::dom::parser kept_parser;
  simdjson::dom::parser own_parser;
  auto& parser = large ? own_parser : kept_parser;
  simdjson::dom::element root;
  if (parser.parse(padded.data(), text.size(), false).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  json value;
  bool zero = false;
  if (!convert(root, value, 0, zero) || (zero && has_minus_zero(text))) {
    return std::nullopt;
  }
  return value;
}

bool valid_utf8(std::string_view text) noexcept
{
  return simdjson::validate_utf8(text.data(), text.size());
}

} // namespace sqma::io::detail
