// SPDX-License-Identifier: Apache-2.0
// The reviewer registry (TOML, reviewers.v1).
#include "fuzz_input.hpp"
#include "panel/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto registry = sqma::panel::parse_registry(sqma::fuzz::text_of(data, size), "fuzz.toml");
  if (!registry) {
    (void)registry.failure().describe();
  }
  return 0;
}
