// SPDX-License-Identifier: Apache-2.0
// Dossier input as every verb reads it (JSON Lines, arrays, pretty-printed sequences; split,
// parsed, validated against dossier.v1, converted), and each dossier read written out again:
// what is written must read back to the same bytes.
#include "fuzz_input.hpp"
#include "io/json_reader.hpp"
#include "model/dossier_io.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sqma;
  std::istringstream in{std::string(fuzz::text_of(data, size))};
  const auto read = model::read_dossiers({"-"}, in, [](Result<model::LoadedDossier> loaded) {
    if (!loaded) {
      (void)loaded.failure().describe();
      return true;
    }
    (void)model::identity_problems(loaded->dossier, loaded->where);
    std::string text;
    try {
      text = model::dump_dossier(loaded->dossier, false);
    } catch (const nlohmann::json::type_error&) {
      return true; // documented: a string that is not UTF-8 (JSON escapes can make one)
    }
    auto again = io::parse_json(text, "again");
    if (!again) {
      std::abort(); // sqma wrote a dossier it cannot read
    }
    auto dossier = model::dossier_from_json(again.value(), loaded->where, text);
    if (!dossier || model::dump_dossier(dossier.value(), false) != text) {
      std::abort(); // what was written does not read back the same
    }
    return true;
  });
  (void)read;
  return 0;
}
