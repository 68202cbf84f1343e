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

// An identity number as every message and document shows it, if at all: its first two
// characters (the province) and its last one kept, every other byte an asterisk, so that a
// message can point at the value without repeating it. A value shorter than 10 bytes, or
// one whose kept characters are not ASCII, is asterisks only.
[[nodiscard]] std::string mask_id_number(std::string_view number);

// A credit code or identity number as it is stored: ASCII letters in upper case, since
// people type "x" or "ma1k" as often as "X" or "MA1K". Other bytes stay as they are.
[[nodiscard]] std::string upper_code(std::string_view code);

// What is wrong with a unified social credit code (GB 32100-2015), said without repeating
// it: its length when it has not 18 characters, the first character outside the code's
// alphabet, a letter in the division code, or the check character expected; nullopt for a
// valid code. What the dossier schema's pattern refuses is one of the first three.
[[nodiscard]] std::optional<std::string> credit_code_problem(std::string_view code);

// Whether a value looks like a number that Excel or WPS showed in scientific notation, such
// as 3.10104E+17: digits, an optional decimal point and more digits, then E+ and the
// exponent. An 18-digit identity number or credit code typed into a column not formatted as
// text becomes such a value, its last digits lost.
[[nodiscard]] bool excel_scientific(std::string_view text);

} // namespace sqma::model
