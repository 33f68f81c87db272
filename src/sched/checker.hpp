// An independent schedule checker. It shares no code with the search (only the plain Instance data
// structure): a naive, obviously-correct check of precedence, per-period renewable capacities and
// non-renewable budgets, used to verify every solution the engine produces in tests and benchmarks.
#pragma once

#include <string>
#include <vector>

#include "sched/instance.hpp"

namespace gw::sched {

struct CheckReport {
  bool ok = true;
  int makespan = 0;                 // latest finish over all jobs (when the shape is valid)
  std::vector<std::string> errors;  // human-readable, at most a few dozen
};

// `starts` and `modes` (0-based) must have one entry per job.
CheckReport check_schedule(const Instance& inst, const std::vector<int>& starts,
                           const std::vector<int>& modes);

}  // namespace gw::sched
