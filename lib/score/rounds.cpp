// SPDX-License-Identifier: Apache-2.0
#include "score/rounds.hpp"

#include <utility>

namespace sqma::score {

bool is_round(const std::string& name)
{
  return name == "written" || name == "panel" || name == "onsite";
}

const model::Round* round_of(const model::Dossier& dossier, const std::string& name)
{
  const std::optional<model::Round>* r = name == "written"  ? &dossier.rounds.written
                                         : name == "panel"  ? &dossier.rounds.panel
                                         : name == "onsite" ? &dossier.rounds.onsite
                                                            : nullptr;
  return r != nullptr && r->has_value() ? &**r : nullptr;
}

model::Round* round_of(model::Dossier& dossier, const std::string& name)
{
  return const_cast<model::Round*>(round_of(std::as_const(dossier), name));
}

std::optional<model::Stage> round_stage(const std::string& name)
{
  if (name == "written") {
    return model::Stage::written;
  }
  if (name == "panel") {
    return model::Stage::panel;
  }
  if (name == "onsite") {
    return model::Stage::onsite;
  }
  return std::nullopt;
}

bool is_final_round(const model::Dossier& dossier, const std::string& round, bool simplified)
{
  if (dossier.award_class == model::AwardClass::organisation) {
    return round == "onsite" || (round == "panel" && simplified);
  }
  return round == "panel";
}

} // namespace sqma::score
