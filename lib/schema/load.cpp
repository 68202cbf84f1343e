// SPDX-License-Identifier: Apache-2.0
#include "schema/load.hpp"

#include "schema/validator.hpp"

namespace sqma::schema {

Result<TomlDocument> load_toml(std::string_view text, const std::string& file,
                               std::string_view schema_name)
{
  auto doc = parse_toml(text, file);
  if (!doc) {
    return doc.failure();
  }
  auto violations = builtin(schema_name).validate(doc->json, file, &doc->lines);
  if (!violations.empty()) {
    return join(std::move(violations));
  }
  return doc;
}

} // namespace sqma::schema
