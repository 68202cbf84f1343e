// SPDX-License-Identifier: Apache-2.0
#include "progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace sqma::cmd {

Progress::Progress(std::size_t total, bool force)
    : m_show(force || ::isatty(STDERR_FILENO) == 1), m_total(total),
      m_start(std::chrono::steady_clock::now()), m_last(m_start)
{
}

void Progress::tick()
{
  ++m_count;
  if (!m_show) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - m_last < std::chrono::milliseconds(200)) {
    return;
  }
  m_last = now;
  const double seconds = std::chrono::duration<double>(now - m_start).count();
  const double rate = seconds > 0 ? double(m_count) / seconds : 0.0;
  if (m_total == 0) {
    fmt::print(stderr, "\r{} dossiers, {:.0f}/s   ", m_count, rate);
  } else {
    constexpr std::size_t k_width = 30;
    const std::size_t done = std::min(m_count, m_total);
    const std::size_t filled = done * k_width / m_total;
    fmt::print(stderr, "\r[{}{}] {}/{} dossiers, {:.0f}/s   ", std::string(filled, '#'),
               std::string(k_width - filled, ' '), done, m_total, rate);
  }
  std::fflush(stderr);
}

void Progress::done()
{
  if (m_show && m_count > 0) {
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

} // namespace sqma::cmd
