// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundle/bag.hpp"
#include "bundle/inspect.hpp"
#include "check/checks.hpp"
#include "model/dossier.hpp"

namespace sqma::check {

// Chinese and English names of the model's values, as letters and reports print them.
[[nodiscard]] Text name_of(model::MaterialType type);
[[nodiscard]] Text name_of(model::CertificateType type);
[[nodiscard]] Text name_of(model::IncidentKind kind);
[[nodiscard]] Text name_of(model::CreditKind kind);
[[nodiscard]] Text name_of(model::AwardLevel level);
[[nodiscard]] Text name_of(bundle::ProblemKind kind);
[[nodiscard]] Text name_of(bundle::BagProblemKind kind);
// "组织奖", "项目奖", "卓越质量领导" ... for a dossier's class and kind.
[[nodiscard]] Text award_name(const model::Dossier& dossier);

} // namespace sqma::check
