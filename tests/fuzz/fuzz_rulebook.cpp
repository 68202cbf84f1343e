// SPDX-License-Identifier: Apache-2.0
// The rulebook of the condition check (TOML, rulebook.v1).
#include "check/rulebook.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto rules = sqma::check::parse_rulebook(sqma::fuzz::text_of(data, size), "fuzz.toml");
  if (!rules) {
    (void)rules.failure().describe();
  }
  return 0;
}
