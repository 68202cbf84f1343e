// SPDX-License-Identifier: Apache-2.0
// An evidence bundle (zip) inspected as check does: structure, names, sizes, every entry
// streamed through SHA-256, nothing extracted.
#include "bundle/inspect.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sqma;
  const fuzz::MemoryFile file(data, size);
  bundle::Limits limits;
  // Sizes a fuzzer can reach, so that the limits themselves are exercised.
  limits.max_entries = 64;
  limits.max_entry_size = 1U << 20U;
  limits.max_total_size = 4U << 20U;
  limits.ratio_min_size = 4096;
  auto inspection = bundle::inspect(file.path(), limits);
  if (!inspection) {
    (void)inspection.failure().describe();
    return 0;
  }
  for (const auto& problem : inspection->problems) {
    (void)bundle::to_string(problem.kind);
  }
  return 0;
}
