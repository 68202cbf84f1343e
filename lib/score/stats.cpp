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
  for (const auto& o : obs) {
    c.quality[o.dossier] = 0;
    c.leniency[o.reviewer] = 0;
  }
  if (obs.empty()) {
    return c;
  }
  std::map<std::string, std::vector<const Observation*>> by_dossier;
  std::map<std::string, std::vector<const Observation*>> by_reviewer;
  for (const auto& o : obs) {
    by_dossier[o.dossier].push_back(&o);
    by_reviewer[o.reviewer].push_back(&o);
  }
  // Reviewers linked through shared dossiers form one component, named by its least id.
  std::map<std::string, std::string> component;
  for (const auto& [reviewer, list] : by_reviewer) {
    component[reviewer] = reviewer;
  }
  const auto find = [&component](std::string r) {
    while (component.at(r) != r) {
      r = component.at(r);
    }
    return r;
  };
  for (const auto& [dossier, list] : by_dossier) {
    for (const auto* o : list) {
      const auto a = find(list.front()->reviewer);
      const auto b = find(o->reviewer);
      if (a != b) {
        component[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  for (auto& [reviewer, root] : component) {
    root = find(reviewer);
  }
  for (c.sweeps = 1; c.sweeps <= 10000; ++c.sweeps) {
    double moved = 0;
    for (auto& [dossier, list] : by_dossier) {
      double sum = 0;
      for (const auto* o : list) {
        sum += o->score - c.leniency[o->reviewer];
      }
      const double q = sum / static_cast<double>(list.size());
      moved = std::max(moved, std::fabs(q - c.quality[dossier]));
      c.quality[dossier] = q;
    }
    std::map<std::string, std::pair<double, std::size_t>> centres; // by component
    for (auto& [reviewer, list] : by_reviewer) {
      double sum = 0;
      for (const auto* o : list) {
        sum += o->score - c.quality[o->dossier];
      }
      const double l = sum / static_cast<double>(list.size());
      moved = std::max(moved, std::fabs(l - c.leniency[reviewer]));
      c.leniency[reviewer] = l;
      auto& centre = centres[component.at(reviewer)];
      centre.first += l;
      ++centre.second;
    }
    // Only differences within a connected group of reviewers are identified, so each group
    // is centred on its own.
    for (auto& [reviewer, l] : c.leniency) {
      const auto& centre = centres.at(component.at(reviewer));
      l -= centre.first / static_cast<double>(centre.second);
    }
    for (auto& [dossier, q] : c.quality) {
      const auto& centre = centres.at(component.at(by_dossier.at(dossier).front()->reviewer));
      q += centre.first / static_cast<double>(centre.second);
    }
    if (moved < 1e-10) {
      break;
    }
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
