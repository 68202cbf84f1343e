// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>

namespace sqma::cmd {

// A running count on standard error, shown only when standard error is a terminal (or
// when asked for), redrawn at most a few times a second, and cleared at the end.
class Progress {
public:
  explicit Progress(bool force = false);
  // Counts one item.
  void tick();
  // Clears the line.
  void done();

private:
  bool m_show;
  std::size_t m_count = 0;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last;
};

} // namespace sqma::cmd
