// Exact depth-first branch and bound for single-mode RCPSP on small projects (at most 64 jobs):
// Demeulemeester & Herroelen's minimal-delaying-alternatives scheme (Management Science 38, 1992;
// 43, 1997). At each decision point (a finish time) every eligible job is started; a resource
// conflict is resolved by branching over the minimal sets of in-progress jobs to delay. Bounds:
// critical path (start + tail) and per-resource remaining energy. Dominance: left-shift (a job just
// started that could start earlier in the partial schedule) and the cutset rule (same set of
// started jobs, an explored node no later and with no later finishing work dominates).
// Run after the heuristic: it only looks for a makespan strictly below `ub`, and when it completes
// the search, the best makespan found (or `ub`) is proven optimal.
#pragma once

#include <cstdint>
#include <vector>

#include "sched/clock.hpp"
#include "sched/problem.hpp"

namespace gw::sched {

struct ExactResult {
  bool applicable = false;  // single mode, n <= 64
  bool complete = false;    // the search space was exhausted (or `lower_bound` reached)
  bool improved = false;    // a schedule with makespan < ub was found (in `starts`)
  int makespan = 0;         // best found (== ub when not improved)
  std::vector<int> starts;  // compiled job indices, when improved
  std::uint64_t nodes = 0;
};

// `lower_bound`: a proven bound; the search stops as soon as it is reached. `incumbent` (optional,
// start times of a schedule of makespan ub): children that agree with it are explored first
// (solution-guided search); it changes the order only, never what is pruned.
// `max_seconds` is measured on `basis` (CPU time of the calling thread, or wall time).
ExactResult branch_and_bound(const Problem& p, int ub, int lower_bound, double max_seconds,
                             const std::vector<int>& incumbent = {},
                             TimeBasis basis = TimeBasis::kWall);

}  // namespace gw::sched
