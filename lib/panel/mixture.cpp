// SPDX-License-Identifier: Apache-2.0
#include "panel/mixture.hpp"

#include <ClpSimplex.hpp>
#include <CoinFinite.hpp>

#include <algorithm>

namespace sqma::panel {
namespace {

// One LP over the columns (and, in phase 1, the variable z): row 0 is Σ λ = 1, row 1 + p the
// marginal of pair p (minus z in phase 1) with upper bound `upper`. CLP reports duals y with
// reduced costs c − Aᵀy, so the pairs' duals, nonpositive for ≤ rows of a minimisation, are
// returned negated.
MixtureLp solve_master(std::size_t pairs, const std::vector<std::vector<std::size_t>>& columns,
                       const std::vector<double>& cost, bool with_z, double upper)
{
  std::vector<CoinBigIndex> start;
  std::vector<int> index;
  std::vector<double> element;
  std::vector<double> lower_col;
  std::vector<double> upper_col;
  std::vector<double> objective;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    index.push_back(0);
    element.push_back(1.0);
    for (const auto p : columns[a]) {
      index.push_back(static_cast<int>(p + 1));
      element.push_back(1.0);
    }
    lower_col.push_back(0.0);
    upper_col.push_back(1.0);
    objective.push_back(cost[a]);
  }
  if (with_z) {
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    for (std::size_t p = 0; p < pairs; ++p) {
      index.push_back(static_cast<int>(p + 1));
      element.push_back(-1.0);
    }
    lower_col.push_back(0.0);
    upper_col.push_back(1.0);
    objective.push_back(1.0);
  }
  start.push_back(static_cast<CoinBigIndex>(index.size()));
  std::vector<double> lower_row(pairs + 1, -COIN_DBL_MAX);
  std::vector<double> upper_row(pairs + 1, upper);
  lower_row[0] = 1.0;
  upper_row[0] = 1.0;
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(static_cast<int>(objective.size()), static_cast<int>(pairs + 1), start.data(),
                    index.data(), element.data(), lower_col.data(), upper_col.data(),
                    objective.data(), lower_row.data(), upper_row.data());
  model.initialSolve();
  MixtureLp out;
  if (!model.isProvenOptimal()) {
    return out;
  }
  out.solved = true;
  out.value = model.objectiveValue();
  const double* x = model.primalColumnSolution();
  const double* y = model.dualRowSolution();
  double sum = 0.0;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    out.lambda.push_back(std::max(0.0, x[a]));
    sum += out.lambda.back();
  }
  for (auto& l : out.lambda) {
    l /= sum;
  }
  for (std::size_t p = 0; p < pairs; ++p) {
    out.dual.push_back(std::max(0.0, -y[p + 1]));
  }
  out.convexity_dual = y[0];
  return out;
}

} // namespace

MixtureLp min_largest_marginal(std::size_t pairs,
                               const std::vector<std::vector<std::size_t>>& columns)
{
  return solve_master(pairs, columns, std::vector<double>(columns.size(), 0.0), true, 0.0);
}

MixtureLp best_value_under_cap(std::size_t pairs,
                               const std::vector<std::vector<std::size_t>>& columns,
                               const std::vector<double>& values, double cap)
{
  std::vector<double> cost;
  for (const double v : values) {
    cost.push_back(-v);
  }
  auto out = solve_master(pairs, columns, cost, false, cap);
  out.value = -out.value;
  out.convexity_dual = -out.convexity_dual;
  return out;
}

} // namespace sqma::panel
