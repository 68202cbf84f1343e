// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <signal.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace sqma {

// Calls work(0) ... work(count - 1), each once, on up to `threads` threads (this one among
// them), for independent pieces of CPU work whose results the caller takes in index order.
// The helper threads block signals, so that SIGINT reaches the calling thread. After all
// calls are done, rethrows the exception of the lowest index that threw: the one a run in
// order would have met first.
void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& work);

// As parallel_for(), but what each call threw is returned, per index (null where nothing
// was thrown), instead of rethrown: for callers that hand results on in order and throw an
// item's error only when its turn comes, after the items before it.
[[nodiscard]] std::vector<std::exception_ptr>
parallel_for_caught(std::size_t count, unsigned threads,
                    const std::function<void(std::size_t)>& work);

// Blocks every signal on this thread while it lives, and restores the mask after. A thread
// started meanwhile inherits the blocked mask, so that SIGINT, SIGTERM and SIGHUP reach only
// the thread that handles them, even before the new thread runs its first instruction.
class SignalsBlocked {
public:
  SignalsBlocked() noexcept;
  ~SignalsBlocked();
  SignalsBlocked(const SignalsBlocked&) = delete;
  SignalsBlocked& operator=(const SignalsBlocked&) = delete;

private:
  sigset_t m_before{};
};

// Starts `body` on a thread of its own with every signal blocked. Throws std::system_error
// when no thread can be started.
[[nodiscard]] std::thread start_signal_free_thread(std::function<void()> body);

// The threads parallel_for() is given for CPU work: two (the machines sqma is sized for have
// two cores), or one on a machine with one.
[[nodiscard]] unsigned cpu_threads();

} // namespace sqma
