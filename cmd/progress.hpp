// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>

namespace sqma::cmd {

// A progress bar on standard error (a running count when the total is not known), shown
// only when standard error is a terminal or when asked for, redrawn at most five times a
// second, and cleared at the end.
class Progress {
public:
  // `total` is the expected number of items, 0 when unknown.
  explicit Progress(std::size_t total, bool force = false);
  // Counts one item.
  void tick();
  // Clears the line.
  void done();

private:
  bool m_show;
  std::size_t m_total;
  std::size_t m_count = 0;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last;
};

} // namespace sqma::cmd
