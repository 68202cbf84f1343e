// SPDX-License-Identifier: Apache-2.0
#include "model/ids.hpp"

#include "model/date.hpp"

#include <fmt/format.h>

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
  const auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  std::string masked(number.size(), '*');
  if (number.size() >= 10 && ascii(number[0]) && ascii(number[1]) && ascii(number.back())) {
    masked[0] = number[0];
    masked[1] = number[1];
    masked.back() = number.back();
  }
  return masked;
}

std::string upper_code(std::string_view code)
{
  std::string out(code);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

std::optional<std::string> credit_code_problem(std::string_view code)
{
  // Counted in characters, not bytes, so that a full-width digit counts as one.
  std::size_t characters = 0;
  for (const char c : code) {
    characters += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  }
  if (characters != 18) {
    return fmt::format("has {} characters, not 18", characters);
  }
  std::size_t position = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const auto byte = static_cast<unsigned char>(code[i]);
    if ((byte & 0xC0U) == 0x80U) {
      continue;
    }
    ++position;
    if (k_credit_alphabet.find(code[i]) == std::string_view::npos || byte >= 0x80) {
      std::size_t end = i + 1;
      while (end < code.size() && (static_cast<unsigned char>(code[end]) & 0xC0U) == 0x80U) {
        ++end;
      }
      return fmt::format("character {} (\"{}\") is outside the code's alphabet: digits and "
                         "capital letters without I, O, S, V and Z",
                         position, code.substr(i, end - i));
    }
  }
  if (!all_digits(credit_code_division(code))) {
    return std::string("holds a letter in characters 3-8, the administrative division code, "
                       "which are digits");
  }
  const auto expected = credit_code_check_char(code.substr(0, 17));
  if (expected && *expected != code[17]) {
    return fmt::format("fails its GB 32100-2015 check character (expected {})", *expected);
  }
  return std::nullopt;
}

bool excel_scientific(std::string_view text)
{
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    return i > start;
  };
  if (!digits()) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) {
      return false;
    }
  }
  if (i + 1 >= text.size() || (text[i] != 'E' && text[i] != 'e') || text[i + 1] != '+') {
    return false;
  }
  i += 2;
  return digits() && i == text.size();
}

} // namespace sqma::model
