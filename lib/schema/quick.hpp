// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <memory>

namespace sqma::schema {

// A JSON Schema (draft 7) compiled for the one question a batch asks of nearly every record:
// is it valid? It answers by walking the document once against a tree made from the schema,
// where valijson, which also says why a document fails, costs as much as parsing the record.
// A document it accepts is valid; one it refuses goes to the full validation for the
// reasons. It knows the keywords sqma's schemas use and nothing more: compile() declines a
// schema with any other keyword, which is then always validated in full.
class QuickCheck {
public:
  // The check for `schema`, or nullptr if the schema has a keyword the check does not know.
  // Throws std::invalid_argument for a broken schema.
  [[nodiscard]] static std::unique_ptr<QuickCheck> compile(nlohmann::json schema);

  struct Tree;
  // Only compile() can make the key, and so a check.
  class Key {
    friend class QuickCheck;
    Key() = default;
  };
  QuickCheck(Key key, std::unique_ptr<Tree> tree);
  ~QuickCheck();
  QuickCheck(const QuickCheck&) = delete;
  QuickCheck& operator=(const QuickCheck&) = delete;

  // True when `document` is valid against the schema. Also checks "pattern", which the
  // full validation matches outside valijson, so that the two agree.
  [[nodiscard]] bool accepts(const nlohmann::json& document) const;

private:
  struct Node;
  std::unique_ptr<Tree> m_tree;
};

} // namespace sqma::schema
