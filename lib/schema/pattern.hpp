// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sqma::schema {

// A "pattern" of a JSON Schema compiled with PCRE2 (JIT where the machine allows).
// valijson matches patterns with std::regex, which made them most of the cost of validating
// a dossier, so sqma matches them itself.
class Pattern {
public:
  // Throws std::invalid_argument if `source` does not compile.
  explicit Pattern(const std::string& source);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  // True when the pattern matches somewhere in `text` (JSON Schema does not anchor patterns).
  [[nodiscard]] bool search(std::string_view text) const;

private:
  struct Code;
  std::unique_ptr<Code> m_code;
};

} // namespace sqma::schema
