// Exact search over mode assignments for multi-mode projects of at most 64 jobs: a depth-first
// tree that fixes one job's mode per level (the jobs whose modes differ most in duration first),
// pruned by the non-renewable budgets (exact suffix dynamic programming for up to two budgets, the
// cheapest modes beyond), the critical path with the unassigned jobs at their shortest mode, and
// the per-resource energy with the unassigned jobs at their least energy. Every complete assignment
// that survives becomes a single-mode project handed to the exact branch and bound (bnb.hpp), which
// looks for a makespan strictly below the incumbent. The tree is walked as a limited discrepancy
// search around the incumbent's modes (assignments that differ from it in 0, 1, 2, ... jobs), so
// that a time limit cuts the least promising assignments; each assignment is still visited once,
// and when the whole tree is exhausted (no assignment's branch and bound was cut short) the
// incumbent is proven optimal.
#pragma once

#include <cstdint>
#include <vector>

#include "sched/clock.hpp"
#include "sched/problem.hpp"

namespace gw::sched {

struct ModeExactResult {
  bool applicable = false;       // multi-mode, n <= 64, at most 8 renewable resources
  bool complete = false;         // exhausted (or `lower_bound` reached): the makespan is optimal
  bool improved = false;         // a schedule with makespan < ub was found (modes and starts below)
  int makespan = 0;              // best found (== ub when not improved)
  std::vector<int> modes;        // compiled mode of every job, when improved
  std::vector<int> starts;       // when improved
  std::uint64_t tree_nodes = 0;  // partial assignments visited
  std::uint64_t assignments = 0;  // complete assignments handed to the single-mode search
  std::uint64_t bnb_nodes = 0;    // nodes of those searches
};

// `ub`: makespan of the incumbent, whose compiled modes are `incumbent_modes` (budget-feasible);
// only makespans strictly below `ub` are looked for. `lower_bound`: a proven bound; the search
// stops once it is reached. `max_seconds` is measured on `basis`.
ModeExactResult mode_branch_and_bound(const Problem& p, int ub, int lower_bound,
                                      const std::vector<int>& incumbent_modes, double max_seconds,
                                      TimeBasis basis = TimeBasis::kWall);

}  // namespace gw::sched
