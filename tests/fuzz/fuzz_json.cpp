// SPDX-License-Identifier: Apache-2.0
// The strict JSON reader: the simdjson path must give what nlohmann's parser gives whenever
// it gives anything, and parse_json and json_lines must answer every input without crashing.
#include "fuzz_input.hpp"
#include "io/json_reader.hpp"
#include "io/json_simd.hpp"
#include "io/limits.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sqma;
  if (size > io::k_max_record_bytes) {
    return 0; // the readers refuse a longer record before parsing it
  }
  const auto text = fuzz::text_of(data, size);
  const auto fast = io::detail::parse_json_simd(text);
  if (fast) {
    nlohmann::json slow;
    try {
      slow = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
      std::abort(); // simdjson's path took what nlohmann refuses
    }
    if (slow != *fast || slow.dump() != fast->dump()) {
      std::abort(); // different values, or the same value of other types
    }
  }
  const auto strict = io::parse_json(text, "fuzz");
  if (fast && (!strict || strict.value() != *fast)) {
    std::abort();
  }
  if (strict) {
    (void)io::json_lines(text);
  } else {
    (void)strict.failure().describe();
  }
  return 0;
}
