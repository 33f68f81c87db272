// Lower bounds on the makespan: critical path (shortest modes), per-resource energy, and a
// destructive bound that refutes candidate makespans by energetic reasoning on time windows.
#pragma once

#include <vector>

#include "sched/clock.hpp"
#include "sched/instance.hpp"
#include "sched/problem.hpp"

namespace gw::sched {

struct LowerBounds {
  int critical_path = 0;  // longest path with every job at its shortest usable mode
  int resource = 0;       // max over renewable resources of ceil(least total energy / capacity)
  int energetic = 0;      // destructive energetic-reasoning bound (>= the two above)
  [[nodiscard]] int best() const;
};

// Earliest starts (heads) with the shortest durations.
std::vector<int> heads(const Problem& p);
// Longest path from each job's start to the end of the project, job included (tails).
std::vector<int> tails(const Problem& p);

// `max_seconds` (on `basis`) caps the destructive part.
LowerBounds lower_bounds(const Problem& p, double max_seconds = 0.2,
                         TimeBasis basis = TimeBasis::kWall);
LowerBounds lower_bounds(const Instance& inst, double max_seconds = 0.2);

}  // namespace gw::sched
