// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/bag.hpp"
#include "bundle/inspect.hpp"
#include "check/rulebook.hpp"
#include "model/date.hpp"
#include "model/dossier.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sqma::check {

// What a check knows about the dossier's evidence bundle.
struct BundleState {
  std::string name; // the bundle's path as the dossier gives it
  bool found = false;
  std::optional<bundle::Inspection> inspection;
  std::string unreadable; // why the file could not be opened, when found but unreadable
  // For a BagIt bag: what its manifests say is wrong (the zip's own problems stay in the
  // inspection, whose entries are then the payload, named relative to data/).
  std::optional<bundle::BagReport> bag;
};

// Everything a check may look at.
struct Context {
  const model::Dossier& dossier;
  model::Date reference_date;
  const BundleState& bundle;
};

// A value for a message placeholder, in both languages.
struct Text {
  std::string zh;
  std::string en;
};

// One failure of a check: the placeholder values and the evidence it rests on.
struct Hit {
  std::map<std::string, Text> values;
  std::string field; // JSON Pointer into the dossier
  std::string file;  // a bundle or an entry inside it, when the evidence is a file
};

// The kind of a check parameter, for validating rulebooks.
enum class ParamType { integer, string, string_list };

struct ParamSpec {
  ParamType type = ParamType::string;
  bool required = false;
  std::set<std::string> allowed; // allowed string values, empty for any
};

// A built-in check: its parameters, placeholders, the outcomes it may carry, and the
// function that evaluates it (it returns one Hit per failure, none when it passes).
struct CheckSpec {
  std::map<std::string, ParamSpec> params;
  std::set<std::string> placeholders;
  std::set<RuleOutcome> outcomes;
  std::function<std::vector<Hit>(const Context&, const Rule&)> evaluate;
};

// All built-in checks by name.
[[nodiscard]] const std::map<std::string, CheckSpec>& checks();

} // namespace sqma::check
