// SPDX-License-Identifier: Apache-2.0
#include "model/ids.hpp"

#include <catch2/catch.hpp>

using namespace sqma::model;

TEST_CASE("ids: credit code check character follows GB 32100-2015", "[ids]")
{
  // Published example codes with their check characters.
  CHECK(valid_credit_code("91350100M000100Y43"));
  CHECK(valid_credit_code("91310000607231869E"));
  CHECK(credit_code_check_char("91350100M000100Y4") == '3');
  // One changed character breaks the check.
  CHECK_FALSE(valid_credit_code("91350100M000100Y44"));
  CHECK_FALSE(valid_credit_code("91350100M000100Y4"));
  // I, O, S, V and Z are not in the alphabet.
  CHECK_FALSE(credit_code_check_char("9135010OM000100Y4").has_value());
  CHECK_FALSE(valid_credit_code("91350100M000100YZ3"));
}

TEST_CASE("ids: the division code tells where an organisation is registered", "[ids]")
{
  CHECK(credit_code_division("91310115MA1H7XXXXX") == "310115");
  CHECK(registered_in_shanghai("91310000607231869E"));
  CHECK_FALSE(registered_in_shanghai("91350100M000100Y43"));
}

TEST_CASE("ids: identity number check character follows GB 11643-1999", "[ids]")
{
  // The standard's own example.
  CHECK(id_number_check_char("11010519491231002") == 'X');
  CHECK(valid_id_number("11010519491231002X"));
  CHECK_FALSE(valid_id_number("110105194912310021"));
  CHECK_FALSE(valid_id_number("11010519491231002x"));
  // A correct check character on an impossible birth date is still invalid.
  const std::string body = "11010519490231002";
  const auto check = id_number_check_char(body);
  REQUIRE(check.has_value());
  CHECK_FALSE(valid_id_number(body + *check));
  CHECK(mask_id_number("11010519491231002X") == "11***************X");
}
