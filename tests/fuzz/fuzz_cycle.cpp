// SPDX-License-Identifier: Apache-2.0
// The cycle config (TOML, cycle.v1), and the parts of it that later verbs read: the scoring
// settings and criteria.
#include "cycle/config.hpp"
#include "fuzz_input.hpp"
#include "score/criteria.hpp"
#include "score/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sqma;
  const fuzz::MemoryFile file(data, size);
  auto config = cycle::load(file.path());
  if (!config) {
    (void)config.failure().describe();
    return 0;
  }
  if (auto settings = score::settings_from(config.value())) {
    for (const char* round : {"written", "panel", "onsite"}) {
      (void)score::round_date(settings.value(), round, "", file.path());
    }
  }
  (void)score::load_criteria(config->raw.value("scoring", nlohmann::json()), file.path());
  return 0;
}
