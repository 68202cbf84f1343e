// SPDX-License-Identifier: Apache-2.0
#include "panel/mixture.hpp"

#include "core/error.hpp"

#include <Clp_C_Interface.h>
#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <memory>

namespace sqma::panel {
namespace {

// CLP is loaded when the first LP is solved, not when sqma starts: linked, it and the
// libraries it needs (CoinUtils, LAPACK, BLAS, gfortran) cost every run of every verb about
// 2 ms of start-up, for the one mode that uses it. Its C interface is looked up by name, with
// the types of its header.
class Clp {
public:
  static const Clp& get()
  {
    static const Clp k_clp;
    return k_clp;
  }

  decltype(&Clp_newModel) new_model = nullptr;
  decltype(&Clp_deleteModel) delete_model = nullptr;
  decltype(&Clp_setLogLevel) set_log_level = nullptr;
  decltype(&Clp_loadProblem) load_problem = nullptr;
  decltype(&Clp_initialSolve) initial_solve = nullptr;
  decltype(&Clp_isProvenOptimal) is_proven_optimal = nullptr;
  decltype(&Clp_objectiveValue) objective_value = nullptr;
  decltype(&Clp_primalColumnSolution) primal_column_solution = nullptr;
  decltype(&Clp_dualRowSolution) dual_row_solution = nullptr;

private:
  Clp()
  {
    // never closed: the library stays loaded until the process ends
    void* library = ::dlopen(SQMA_CLP_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      fail(::dlerror());
    }
    look_up(library, new_model, "Clp_newModel");
    look_up(library, delete_model, "Clp_deleteModel");
    look_up(library, set_log_level, "Clp_setLogLevel");
    look_up(library, load_problem, "Clp_loadProblem");
    look_up(library, initial_solve, "Clp_initialSolve");
    look_up(library, is_proven_optimal, "Clp_isProvenOptimal");
    look_up(library, objective_value, "Clp_objectiveValue");
    look_up(library, primal_column_solution, "Clp_primalColumnSolution");
    look_up(library, dual_row_solution, "Clp_dualRowSolution");
  }

  template <typename Function> static void look_up(void* library, Function& out, const char* name)
  {
    void* symbol = ::dlsym(library, name);
    if (symbol == nullptr) {
      fail(::dlerror());
    }
    out = reinterpret_cast<Function>(symbol);
  }

  [[noreturn]] static void fail(const char* why)
  {
    // Not a bug but the machine: an environment error (4), as for an output that cannot be
    // written.
    throw Error(ExitCode::io,
                fmt::format("the randomized mode needs the COIN-OR CLP library {} (Debian package "
                            "coinor-libclp1): {}",
                            SQMA_CLP_SONAME, why != nullptr ? why : "not found"));
  }
};

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
  std::vector<double> lower_row(pairs + 1, -std::numeric_limits<double>::max());
  std::vector<double> upper_row(pairs + 1, upper);
  lower_row[0] = 1.0;
  upper_row[0] = 1.0;
  const auto& clp = Clp::get();
  const auto free_model = [&clp](Clp_Simplex* m) { clp.delete_model(m); };
  const std::unique_ptr<Clp_Simplex, decltype(free_model)> model(clp.new_model(), free_model);
  clp.set_log_level(model.get(), 0);
  clp.load_problem(model.get(), static_cast<int>(objective.size()), static_cast<int>(pairs + 1),
                   start.data(), index.data(), element.data(), lower_col.data(), upper_col.data(),
                   objective.data(), lower_row.data(), upper_row.data());
  clp.initial_solve(model.get());
  MixtureLp out;
  if (clp.is_proven_optimal(model.get()) == 0) {
    return out;
  }
  out.solved = true;
  out.value = clp.objective_value(model.get());
  const double* x = clp.primal_column_solution(model.get());
  const double* y = clp.dual_row_solution(model.get());
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
