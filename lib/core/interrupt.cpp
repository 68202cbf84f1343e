// SPDX-License-Identifier: Apache-2.0
#include "core/interrupt.hpp"

#include "core/error.hpp"

#include <atomic>
#include <csignal>

namespace sqma {
namespace {

// Set by the signal handler, read by any thread: a lock-free atomic is safe for both.
std::atomic<int> g_interrupted{0};
static_assert(std::atomic<int>::is_always_lock_free);
std::atomic<bool> g_renaming{false};

} // namespace

void request_interrupt() noexcept
{
  g_interrupted.store(1);
}

bool interrupt_requested() noexcept
{
  return g_interrupted.load() != 0;
}

void check_interrupt_before_renames()
{
  if (interrupt_requested() && !g_renaming.load()) {
    throw Interrupted();
  }
}

void begin_renames() noexcept
{
  g_renaming.store(true);
}

} // namespace sqma
