// SPDX-License-Identifier: Apache-2.0
#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <pthread.h>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace sqma {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work)
{
  for (const auto& error : parallel_for_caught(count, threads, work)) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
}

std::vector<std::exception_ptr> parallel_for_caught(std::size_t count, unsigned threads,
                                                    const std::function<void(std::size_t)>& work)
{
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  const auto drain = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    const std::size_t wanted = std::min<std::size_t>(std::max(1U, threads), count);
    if (wanted > 1) {
      helpers.reserve(wanted - 1);
      const SignalsBlocked blocked;
      for (std::size_t t = 1; t < wanted; ++t) {
        try {
          helpers.emplace_back(drain);
        } catch (const std::system_error&) {
          break; // fewer helpers; this thread does the rest
        }
      }
    }
    drain();
  }
  return errors;
}

SignalsBlocked::SignalsBlocked() noexcept
{
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &m_before);
}

SignalsBlocked::~SignalsBlocked()
{
  pthread_sigmask(SIG_SETMASK, &m_before, nullptr);
}

std::thread start_signal_free_thread(std::function<void()> body)
{
  const SignalsBlocked blocked;
  return std::thread(std::move(body));
}

unsigned cpu_threads()
{
  return std::clamp(std::thread::hardware_concurrency(), 1U, 2U);
}

} // namespace sqma
