// SPDX-License-Identifier: Apache-2.0
#include "certify/inputs.hpp"

#include "cycle/config.hpp"
#include "io/sha256.hpp"
#include "model/dossier_io.hpp"

namespace sqma::certify {

Result<Inputs> read_inputs(const std::vector<std::string>& args, std::istream& in,
                           const cycle::Config* config)
{
  Inputs out;
  auto count = model::read_dossiers(
      args, in, cycle::admitting(config, [&](Result<model::LoadedDossier> loaded) {
        if (!loaded) {
          out.unreadable.push_back(loaded.failure());
          return true;
        }
        out.digests.push_back(loaded->sha256);
        out.dossiers.push_back(std::move(loaded->dossier));
        return true;
      }));
  if (!count) {
    return count.failure();
  }
  return out;
}

std::vector<std::string> current_digests(const std::vector<model::Dossier>& dossiers)
{
  std::vector<std::string> out;
  out.reserve(dossiers.size());
  for (const auto& d : dossiers) {
    out.push_back(io::sha256_hex(model::dump_dossier(d, false)));
  }
  return out;
}

} // namespace sqma::certify
