// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/dossier.hpp"

#include <optional>
#include <string>
#include <string_view>

// Chinese names of classes, levels, kinds and revocation reasons as printed on certificates
// and notices.
namespace sqma::certify {

// "组织奖", "项目奖", "个人奖" (M-6).
[[nodiscard]] std::string class_zh(model::AwardClass award_class);
// "标杆示范级" ... (M-7) or "卓越质量领导" ... (M-9); empty for anything else.
[[nodiscard]] std::string level_zh(std::string_view level_or_kind);
// The award as printed: "上海市质量管理奖（组织奖·标杆示范级）", "上海市质量管理奖（项目奖）".
[[nodiscard]] std::string award_zh(model::AwardClass award_class, std::string_view level_or_kind);
// The level of an organisation winner or the kind of an individual; empty for a project.
[[nodiscard]] std::string level_or_kind(const model::Dossier& dossier);

// The revocation reasons of M-22, as the award_record schema spells them.
[[nodiscard]] bool is_revocation_reason(std::string_view reason);
// "重大质量事故" ... for a reason; empty for an unknown one.
[[nodiscard]] std::string reason_zh(std::string_view reason);
// The reasons, comma-separated, for messages.
[[nodiscard]] std::string revocation_reasons();

} // namespace sqma::certify
