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

TEST_CASE("ids: identity numbers are masked, codes taken in upper case", "[ids]")
{
  CHECK(mask_id_number("31011519850505432x") == "31***************x");
  CHECK(mask_id_number("310115") == "******");
  CHECK(mask_id_number("3.10115E+17") == "3.********7");
  CHECK(upper_code("91310101ma1k000046") == "91310101MA1K000046");
  CHECK(upper_code("31011519850505432x") == "31011519850505432X");
  CHECK(valid_id_number(upper_code("31011519850505432x")));
}

TEST_CASE("ids: what is wrong with a credit code is said as it is", "[ids]")
{
  CHECK_FALSE(credit_code_problem("91310101MA1K000046").has_value());
  CHECK(credit_code_problem("91310101MA1K00004") == "has 17 characters, not 18");
  CHECK(credit_code_problem("91310101MA1K0000４6") ==
        std::string("character 17 (\"４\") is outside the "
                    "code's alphabet: digits and capital "
                    "letters without I, O, S, V and Z"));
  CHECK(credit_code_problem("91310101MO1K000046")->rfind("character 10 (\"O\") is outside", 0) ==
        0);
  CHECK(credit_code_problem("91310101ma1k000046")->rfind("character 9 (\"m\")", 0) == 0);
  CHECK(credit_code_problem("9131A101MA1K000046")->find("characters 3-8") != std::string::npos);
  CHECK(credit_code_problem("91310101MA1K000047") ==
        "fails its GB 32100-2015 check character (expected 6)");
}

TEST_CASE("ids: Excel's scientific notation is recognised", "[ids]")
{
  CHECK(excel_scientific("3.10104E+17"));
  CHECK(excel_scientific("9E+17"));
  CHECK(excel_scientific("3.10104e+17"));
  CHECK_FALSE(excel_scientific("310104198001011239"));
  CHECK_FALSE(excel_scientific("3.10104E17"));
  CHECK_FALSE(excel_scientific("3.E+17"));
  CHECK_FALSE(excel_scientific("91310101MA1K000046"));
  CHECK_FALSE(excel_scientific("3.1E+"));
}
