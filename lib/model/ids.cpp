// SPDX-License-Identifier: Apache-2.0
#include "model/ids.hpp"

#include "model/date.hpp"

#include <array>

namespace sqma::model {
namespace {

constexpr std::string_view k_credit_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> k_credit_weights{1,  3,  9,  27, 19, 26, 16, 17, 20,
                                               29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 17> k_id_weights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view k_id_check = "10X98765432";

bool all_digits(std::string_view text)
{
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<char> credit_code_check_char(std::string_view first17)
{
  if (first17.size() != 17) {
    return std::nullopt;
  }
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto value = k_credit_alphabet.find(first17[i]);
    if (value == std::string_view::npos) {
      return std::nullopt;
    }
    // Weights are 3^(i-1) mod 31, listed above.
    sum += static_cast<int>(value) * k_credit_weights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return k_credit_alphabet[static_cast<std::size_t>(check)];
}

bool valid_credit_code(std::string_view code)
{
  if (code.size() != 18) {
    return false;
  }
  const auto expected = credit_code_check_char(code.substr(0, 17));
  return expected && *expected == code[17];
}

std::string_view credit_code_division(std::string_view code)
{
  return code.size() >= 8 ? code.substr(2, 6) : std::string_view{};
}

bool registered_in_shanghai(std::string_view code)
{
  const auto division = credit_code_division(code);
  return division.size() == 6 && division.substr(0, 2) == "31";
}

std::optional<char> id_number_check_char(std::string_view first17)
{
  if (first17.size() != 17 || !all_digits(first17)) {
    return std::nullopt;
  }
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += (first17[i] - '0') * k_id_weights[i];
  }
  return k_id_check[static_cast<std::size_t>(sum % 11)];
}

bool valid_id_number(std::string_view number)
{
  if (number.size() != 18) {
    return false;
  }
  const auto expected = id_number_check_char(number.substr(0, 17));
  if (!expected || *expected != number[17]) {
    return false;
  }
  const std::string birth = std::string(number.substr(6, 4)) + "-" +
                            std::string(number.substr(10, 2)) + "-" +
                            std::string(number.substr(12, 2));
  return Date::parse(birth).has_value();
}

std::string mask_id_number(std::string_view number)
{
  std::string masked(number);
  for (std::size_t i = 2; i + 1 < masked.size(); ++i) {
    masked[i] = '*';
  }
  return masked;
}

} // namespace sqma::model
