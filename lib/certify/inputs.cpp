// SPDX-License-Identifier: Apache-2.0
#include "certify/inputs.hpp"

#include "io/sha256.hpp"
#include "model/dossier_io.hpp"

#include <fmt/format.h>

#include <set>

namespace sqma::certify {

Result<Inputs> read_inputs(const std::vector<std::string>& args, std::istream& in)
{
  Inputs out;
  std::set<std::string> ids;
  auto count = model::read_dossiers(args, in, [&](Result<model::LoadedDossier> loaded) {
    if (!loaded) {
      out.unreadable.push_back(loaded.failure());
      return true;
    }
    auto& l = loaded.value();
    if (!ids.insert(l.dossier.id).second) {
      out.unreadable.emplace_back(ExitCode::data,
                                  fmt::format("dossier {} is given twice", l.dossier.id), l.where);
      return true;
    }
    out.digests.push_back(l.sha256);
    out.dossiers.push_back(std::move(l.dossier));
    return true;
  });
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
