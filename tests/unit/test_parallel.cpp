// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"
#include "core/parallel.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace sqma;

TEST_CASE("parallel_for: every index once, on up to the threads asked", "[parallel]")
{
  for (const unsigned threads : {1U, 2U, 8U}) {
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> calls(count);
      std::mutex mutex;
      std::set<std::thread::id> ids;
      parallel_for(count, threads, [&](std::size_t i) {
        ++calls[i];
        const std::lock_guard lock(mutex);
        ids.insert(std::this_thread::get_id());
      });
      for (const auto& c : calls) {
        CHECK(c.load() == 1);
      }
      CHECK(ids.size() <= std::max<std::size_t>(1, std::min<std::size_t>(threads, count)));
    }
  }
}

TEST_CASE("parallel_for: the lowest index's exception, after every call", "[parallel]")
{
  std::atomic<int> done{0};
  try {
    parallel_for(200, 2, [&](std::size_t i) {
      ++done;
      if (i == 150 || i == 37 || i == 199) {
        throw DataError("failed at " + std::to_string(i));
      }
    });
    FAIL("no exception");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()) == "failed at 37");
  }
  CHECK(done.load() == 200);
}

TEST_CASE("cpu_threads: one or two", "[parallel]")
{
  CHECK(cpu_threads() >= 1);
  CHECK(cpu_threads() <= 2);
}
