// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sqma::model {

// GB 32100-2015 unified social credit code: the check character expected for the first 17
// characters, or nullopt if one of them is outside the code's 31-character alphabet
// (0-9 and A-Z without I, O, S, V, Z).
[[nodiscard]] std::optional<char> credit_code_check_char(std::string_view first17);

// True when `code` has 18 characters from the alphabet and a correct check character.
[[nodiscard]] bool valid_credit_code(std::string_view code);

// The six-digit administrative division code of a credit code (positions 3-8).
[[nodiscard]] std::string_view credit_code_division(std::string_view code);

// True when a credit code is registered in Shanghai (division code 31xxxx).
[[nodiscard]] bool registered_in_shanghai(std::string_view code);

// GB 11643-1999 resident identity number: the check character expected for the first 17
// digits, or nullopt if they are not all digits.
[[nodiscard]] std::optional<char> id_number_check_char(std::string_view first17);

// True when `number` has 17 digits, a correct check character and a real birth date.
[[nodiscard]] bool valid_id_number(std::string_view number);

// The identity number with all but the first two and the check character masked, for the
// few places (the applicant's own letter) where it is shown at all.
[[nodiscard]] std::string mask_id_number(std::string_view number);

} // namespace sqma::model
