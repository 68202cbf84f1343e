// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "cycle/config.hpp"
#include "model/dossier.hpp"
#include "panel/eligibility.hpp"
#include "panel/registry.hpp"
#include "panel/solver.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sqma::panel {

// How a round concerns a dossier (by the stage it has reached): staffed, passed through
// unchanged, or refused because it is not ready.
enum class Concern { staff, pass, refuse };

// Whether `round` (written, panel, onsite) staffs the dossier; `why` says why a refused
// one is refused.
[[nodiscard]] Concern concern(const model::Dossier& dossier, const std::string& round,
                              std::string* why = nullptr);

// What the office decided for a round.
struct Settings {
  std::string round;
  std::optional<model::Date> round_date; // a pledge signed after it does not count
  ConflictWindows windows;
  AffinityWeights weights;
  cycle::PanelSizes sizes;
  std::string keep_lead;            // the lead of this earlier round leads again ("" none)
  std::string keep;                 // the whole panel of this earlier round stays ("" none)
  std::vector<std::string> exclude; // reviewers of these earlier rounds stand aside
  bool pass_unready = false;        // pass dossiers not ready for the round instead of refusing
  SolveOptions solve;
};

// A (reviewer, dossier) pair that may not be formed, and why.
struct Exclusion {
  std::string dossier;
  std::string reviewer;
  std::string name;
  std::string clause; // M-18, or "office" for unavailability and earlier rounds
  std::string reason;
};

// A reviewer who may not review at all, with every condition failed.
struct Unqualified {
  const Reviewer* reviewer = nullptr;
  std::vector<Shortfall> shortfalls;
};

// One seat of a panel.
struct Seat {
  std::string reviewer;
  bool lead = false;
  double affinity = 0.0;    // points from the cycle's [affinity] weights
  double probability = 1.0; // randomized mode: the chance of this pair
  bool kept = false;        // kept from an earlier round
};

// Randomized mode: the chance of a (dossier, reviewer) pair, whether or not it was drawn.
struct Marginal {
  std::string dossier;
  std::string reviewer;
  std::string name;
  double probability = 0.0;
  bool drawn = false;
};

// The panels of a round. `panels` follows `staffed` (indices into the dossiers given, in
// order of the dossiers' ids).
struct Assignment {
  std::vector<std::size_t> staffed;
  std::vector<std::vector<Seat>> panels;
  std::vector<Unqualified> unqualified;
  std::vector<Exclusion> exclusions; // sorted by dossier, then reviewer
  std::vector<Marginal> marginals;   // randomized mode, by dossier, then reviewer
  Solution solution;                 // the solver's figures
  double objective = 0.0;            // total affinity of every seat, kept ones included
};

// Forms the panels of the dossiers the round staffs. A refused dossier, an unknown reviewer
// in a kept panel, or a round that cannot be staffed is a Failure (exit 3) naming every
// dossier concerned and why ("SQMA-2025-O01: 2 qualified, conflict-free reviewers
// available, 5 needed").
[[nodiscard]] Result<Assignment> assign(const std::vector<model::Dossier>& dossiers,
                                        const Registry& registry, const Settings& settings);

} // namespace sqma::panel
