// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "score/settings.hpp"

#include <map>
#include <string>
#include <vector>

namespace sqma::score {

// The arithmetic mean; 0 for no values.
[[nodiscard]] double mean(std::vector<double> values);
// The median (mean of the middle two for an even count); 0 for no values.
[[nodiscard]] double median(std::vector<double> values);
// The mean after dropping the highest and the lowest value once each; with fewer than
// three values, the mean.
[[nodiscard]] double trimmed_mean(std::vector<double> values);
// One of the above, by method. The result does not depend on the order of `values`.
[[nodiscard]] double combine(std::vector<double> values, Method method);
// The sample standard deviation; 0 for fewer than two values. Order-independent like mean.
[[nodiscard]] double stddev(std::vector<double> values);
// Highest minus lowest; 0 for fewer than two values.
[[nodiscard]] double spread(const std::vector<double>& values);

// One reviewer's score of one dossier (percent of the dossier's criteria total).
struct Observation {
  std::string dossier;
  std::string reviewer;
  double score = 0;
};

// Estimates under the additive model score = quality(dossier) + leniency(reviewer) by
// alternating least squares, with the leniencies centred at zero (their mean over the
// reviewers is 0). Stops when no estimate moves by more than 1e-10 or after 10,000 sweeps.
struct Calibration {
  std::map<std::string, double> quality;  // by dossier
  std::map<std::string, double> leniency; // by reviewer
  int sweeps = 0;
};
[[nodiscard]] Calibration calibrate(const std::vector<Observation>& observations);

// Rounds to `decimals` decimals, so that stored results carry no floating-point noise.
[[nodiscard]] double rounded(double value, int decimals = 4);

} // namespace sqma::score
