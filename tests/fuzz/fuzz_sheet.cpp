// SPDX-License-Identifier: Apache-2.0
// A score sheet or mutual-evaluation sheet (TOML, scoresheet.v1).
#include "fuzz_input.hpp"
#include "score/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto sheet = sqma::score::parse_sheet(sqma::fuzz::text_of(data, size), "fuzz.toml");
  if (!sheet) {
    (void)sheet.failure().describe();
  }
  return 0;
}
