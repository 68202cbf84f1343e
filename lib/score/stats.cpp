// SPDX-License-Identifier: Apache-2.0
#include "score/stats.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sqma::score {

double mean(std::vector<double> values)
{
  if (values.empty()) {
    return 0;
  }
  // Sorted first, so that the sum (and its rounding) does not depend on the input order.
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (const double v : values) {
    sum += v;
  }
  return sum / static_cast<double>(values.size());
}

double median(std::vector<double> values)
{
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double trimmed_mean(std::vector<double> values)
{
  if (values.size() < 3) {
    return mean(std::move(values));
  }
  std::sort(values.begin(), values.end());
  return mean(std::vector<double>(values.begin() + 1, values.end() - 1));
}

double combine(std::vector<double> values, Method method)
{
  switch (method) {
  case Method::mean: return mean(std::move(values));
  case Method::median: return median(std::move(values));
  case Method::trimmed_mean: return trimmed_mean(std::move(values));
  }
  return mean(std::move(values));
}

double stddev(std::vector<double> values)
{
  if (values.size() < 2) {
    return 0;
  }
  const double m = mean(values);
  std::vector<double> squares;
  for (const double v : values) {
    squares.push_back((v - m) * (v - m));
  }
  const double n = static_cast<double>(values.size());
  return std::sqrt(mean(std::move(squares)) * n / (n - 1));
}

double spread(const std::vector<double>& values)
{
  if (values.size() < 2) {
    return 0;
  }
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return *hi - *lo;
}

Calibration calibrate(const std::vector<Observation>& observations)
{
  // Sorted so that every sum runs in one order whatever order the sheets came in.
  auto obs = observations;
  std::sort(obs.begin(), obs.end(), [](const Observation& a, const Observation& b) {
    return std::tie(a.dossier, a.reviewer, a.score) < std::tie(b.dossier, b.reviewer, b.score);
  });
  Calibration c;
  if (obs.empty()) {
    return c;
  }
  // Dense indices (in sorted order of the ids) keep the sweeps free of string lookups.
  std::map<std::string, std::size_t> dossier_index;
  std::map<std::string, std::size_t> reviewer_index;
  for (const auto& o : obs) {
    dossier_index.emplace(o.dossier, 0);
    reviewer_index.emplace(o.reviewer, 0);
  }
  std::size_t next = 0;
  for (auto& [id, i] : dossier_index) {
    i = next++;
  }
  next = 0;
  for (auto& [id, i] : reviewer_index) {
    i = next++;
  }
  struct Cell {
    std::size_t dossier;
    std::size_t reviewer;
    double score;
  };
  std::vector<Cell> cells;
  std::vector<std::vector<std::size_t>> by_dossier(dossier_index.size());
  std::vector<std::vector<std::size_t>> by_reviewer(reviewer_index.size());
  for (const auto& o : obs) {
    by_dossier[dossier_index.at(o.dossier)].push_back(cells.size());
    by_reviewer[reviewer_index.at(o.reviewer)].push_back(cells.size());
    cells.push_back({dossier_index.at(o.dossier), reviewer_index.at(o.reviewer), o.score});
  }

  // Reviewers linked through shared dossiers form one component, named by its least index.
  std::vector<std::size_t> component(by_reviewer.size());
  for (std::size_t r = 0; r < component.size(); ++r) {
    component[r] = r;
  }
  const auto find = [&component](std::size_t r) {
    while (component[r] != r) {
      r = component[r];
    }
    return r;
  };
  for (const auto& list : by_dossier) {
    for (const auto cell : list) {
      const auto a = find(cells[list.front()].reviewer);
      const auto b = find(cells[cell].reviewer);
      if (a != b) {
        component[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  for (std::size_t r = 0; r < component.size(); ++r) {
    component[r] = find(r);
  }

  std::vector<double> quality(by_dossier.size(), 0.0);
  std::vector<double> leniency(by_reviewer.size(), 0.0);
  std::vector<double> centre_sum(by_reviewer.size());
  std::vector<std::size_t> centre_count(by_reviewer.size());
  for (c.sweeps = 1; c.sweeps <= 10000; ++c.sweeps) {
    double moved = 0;
    for (std::size_t d = 0; d < by_dossier.size(); ++d) {
      double sum = 0;
      for (const auto cell : by_dossier[d]) {
        sum += cells[cell].score - leniency[cells[cell].reviewer];
      }
      const double q = sum / static_cast<double>(by_dossier[d].size());
      moved = std::max(moved, std::fabs(q - quality[d]));
      quality[d] = q;
    }
    std::fill(centre_sum.begin(), centre_sum.end(), 0.0);
    std::fill(centre_count.begin(), centre_count.end(), 0);
    for (std::size_t r = 0; r < by_reviewer.size(); ++r) {
      double sum = 0;
      for (const auto cell : by_reviewer[r]) {
        sum += cells[cell].score - quality[cells[cell].dossier];
      }
      const double l = sum / static_cast<double>(by_reviewer[r].size());
      moved = std::max(moved, std::fabs(l - leniency[r]));
      leniency[r] = l;
      centre_sum[component[r]] += l;
      ++centre_count[component[r]];
    }
    // Only differences within a connected group of reviewers are identified, so each group
    // is centred on its own.
    for (std::size_t r = 0; r < by_reviewer.size(); ++r) {
      leniency[r] -= centre_sum[component[r]] / static_cast<double>(centre_count[component[r]]);
    }
    for (std::size_t d = 0; d < by_dossier.size(); ++d) {
      const auto k = component[cells[by_dossier[d].front()].reviewer];
      quality[d] += centre_sum[k] / static_cast<double>(centre_count[k]);
    }
    if (moved < 1e-10) {
      break;
    }
  }
  for (const auto& [id, i] : dossier_index) {
    c.quality[id] = quality[i];
  }
  for (const auto& [id, i] : reviewer_index) {
    c.leniency[id] = leniency[i];
  }
  return c;
}

double rounded(double value, int decimals)
{
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(value * scale) / scale;
  return r == 0 ? 0.0 : r; // no "-0"
}

} // namespace sqma::score
