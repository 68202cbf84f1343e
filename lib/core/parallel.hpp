// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
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

// The threads parallel_for() is given for CPU work: two (the machines sqma is sized for have
// two cores), or one on a machine with one.
[[nodiscard]] unsigned cpu_threads();

} // namespace sqma
