// SPDX-License-Identifier: Apache-2.0
#include "core/interrupt.hpp"

#include "core/error.hpp"

#include <atomic>
#include <csignal>

namespace sqma {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
std::atomic<bool> g_renaming{false};

} // namespace

void request_interrupt() noexcept
{
  g_interrupted = 1;
}

bool interrupt_requested() noexcept
{
  return g_interrupted != 0;
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
