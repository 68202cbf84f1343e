// SPDX-License-Identifier: Apache-2.0
#include "score/rounds.hpp"

#include <utility>

namespace sqma::score {

bool is_round(const std::string& name)
{
  return name == "written" || name == "panel" || name == "onsite";
}

std::string round_clause(model::AwardClass award_class, const std::string& round)
{
  const int offset = round == "written" ? 0 : round == "panel" ? 1 : 2;
  switch (award_class) {
  case model::AwardClass::organisation: return "A1-" + std::to_string(7 + offset);
  case model::AwardClass::project: return "A2-" + std::to_string(6 + offset);
  case model::AwardClass::individual: return "A3-" + std::to_string(10 + offset);
  }
  return {};
}

const model::Round* round_of(const model::Dossier& dossier, const std::string& name)
{
  const auto* r = dossier.rounds.find(name);
  return r != nullptr && r->has_value() ? &**r : nullptr;
}

model::Round* round_of(model::Dossier& dossier, const std::string& name)
{
  return const_cast<model::Round*>(round_of(std::as_const(dossier), name));
}

bool is_final_round(const model::Dossier& dossier, const std::string& round, bool simplified)
{
  return model::round_stage(round) == model::final_round(dossier.award_class, simplified);
}

std::vector<const model::PriorAward*> simplified_awards(const model::Dossier& dossier, int year)
{
  std::vector<const model::PriorAward*> out;
  for (const auto& a : dossier.awards) {
    if (model::government_or_national_award(a) && a.year >= year - 2 && a.year < year) {
      out.push_back(&a);
    }
  }
  return out;
}

} // namespace sqma::score
