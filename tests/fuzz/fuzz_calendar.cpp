// SPDX-License-Identifier: Apache-2.0
// A working-day calendar (TOML, the format of data/cn_workdays.toml), and counting with it.
#include "calendar/calendar.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sqma;
  auto calendar = calendar::Calendar::parse(fuzz::text_of(data, size), "fuzz.toml");
  if (!calendar) {
    (void)calendar.failure().describe();
    return 0;
  }
  for (const int year : calendar->years()) {
    if (const auto day = model::Date::parse(std::to_string(year) + "-09-30")) {
      (void)calendar->add_workdays(*day, 7);
      (void)calendar->add_workdays(*day, -7);
      (void)calendar->notice_period(*day, 5);
      (void)calendar->holiday_name(*day);
    }
  }
  return 0;
}
