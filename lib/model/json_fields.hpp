// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace sqma::model::fields {

// Reads `key` into `out` if present (missing keys keep the default).
template <typename T> void read(const nlohmann::json& j, const char* key, T& out)
{
  if (const auto it = j.find(key); it != j.end()) {
    it->get_to(out);
  }
}

template <typename T> void read(const nlohmann::json& j, const char* key, std::optional<T>& out)
{
  if (const auto it = j.find(key); it != j.end() && !it->is_null()) {
    out = it->get<T>();
  } else {
    out.reset();
  }
}

// Writes `value` under `key`; optional values and empty lists are left out, so that a
// document keeps the shape it was written in.
template <typename T> void write(nlohmann::json& j, const char* key, const T& value)
{
  j[key] = value;
}

template <typename T> void write(nlohmann::json& j, const char* key, const std::optional<T>& value)
{
  if (value) {
    j[key] = *value;
  }
}

template <typename T> void write(nlohmann::json& j, const char* key, const std::vector<T>& value)
{
  if (!value.empty()) {
    j[key] = value;
  }
}

// The output of to_json for the field lists of dossier_fields.hpp: members of an object.
struct Tree {
  nlohmann::json& j;

  template <typename T> void field(const char* key, const T& value) { write(j, key, value); }
  template <typename T> void always(const char* key, const T& value) { j[key] = value; }
};

} // namespace sqma::model::fields
