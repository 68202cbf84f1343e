// SPDX-License-Identifier: Apache-2.0
#include "check/rulebook.hpp"
#include "intake/form_writer.hpp"

namespace sqma::intake {

nlohmann::json blank_document(const Group& group, std::optional<int> year,
                              const check::Rulebook& rules)
{
  using nlohmann::json;
  json doc{{"class", model::to_string(group.award_class)}};
  if (group.kind) {
    doc["kind"] = model::to_string(*group.kind);
  }
  if (year) {
    doc["cycle"] = *year;
  }
  const auto& spec = form_spec(group);
  const auto label = [&](const char* path, const std::string& value) {
    if (const auto* field = find_field(spec, path)) {
      for (const auto& [name, meaning] : field->values) {
        if (name == value) {
          return meaning;
        }
      }
    }
    return value;
  };
  const auto prefilled = [&](const char* path) {
    const auto* field = find_field(spec, path);
    return field != nullptr && field->prefill == "rulebook" && field->applies;
  };
  const auto kind = group.name();
  const auto class_group = model::to_string(group.award_class);
  json certificates = json::array();
  json materials = json::array();
  json declarations = json::array();
  for (const auto& rule : rules.rules) {
    if (!rule.applies_to_kind(kind)) {
      continue;
    }
    if (rule.check == "certificate_present" && prefilled("certificates")) {
      certificates.push_back({{"type", rule.params.at("type")}});
    } else if (rule.check == "materials" && prefilled("materials")) {
      for (const auto& type : rule.params.at("types")) {
        materials.push_back(
            {{"type", type}, {"title", label("materials.type", type.get<std::string>())}});
      }
    } else if (rule.check == "confirm" && prefilled("declarations")) {
      declarations.push_back({{"clause", rule.clause_for_group(class_group)},
                              {"statement", rule.params.at("statement")}});
    }
  }
  for (auto [key, list] :
       {std::pair{"certificates", &certificates}, std::pair{"materials", &materials},
        std::pair{"declarations", &declarations}}) {
    if (!list->empty()) {
      doc[key] = *list;
    }
  }
  return doc;
}

} // namespace sqma::intake
