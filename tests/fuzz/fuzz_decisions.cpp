// SPDX-License-Identifier: Apache-2.0
// The committee's decisions (TOML, decisions.v1).
#include "certify/decisions.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto decisions = sqma::certify::parse_decisions(sqma::fuzz::text_of(data, size), "fuzz.toml");
  if (!decisions) {
    (void)decisions.failure().describe();
  }
  return 0;
}
