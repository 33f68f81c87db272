// Feasibility up front: before planning, which tasks no crew can ever do, and why. A scenario with
// such tasks is infeasible (exit 6 at the edge) rather than planned into an "invalid plan" with one
// line per unassigned task.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan {

enum class Infeasibility {
  kNoCapableCrew,   // no crew of a trade that can do the task (no crews, zero rates, no trade fits)
  kUnreachable,     // capable crews exist, but none can reach the site over roads that can open
  kBlockedByOther,  // a task that must end first can never be done
  kTooLong,         // some able crew would take longer than kMaxTaskDays on it
};

// No task may take any able crew longer than this (1,000 years of calendar days): a guard that
// turns absurd rates, crew sizes or quantities into a clear error and keeps every time sum of a
// plan (at most a few million tasks) far inside 64-bit minutes.
inline constexpr double kMaxTaskDays = 365000;

struct InfeasibleTask {
  TaskId task;
  Infeasibility why = Infeasibility::kNoCapableCrew;
  TaskId blocker;        // kBlockedByOther: the predecessor that can never be done
  double days = 0;       // kTooLong: the slowest able crew's calendar days
  std::size_t crew = 0;  // kTooLong: that crew's index
};

struct FeasibilityReport {
  std::vector<InfeasibleTask> tasks;     // every task that can never be done, in task order
  std::size_t counts[4] = {0, 0, 0, 0};  // by Infeasibility
  [[nodiscard]] bool feasible() const { return tasks.empty(); }
};

// Every task is doable when a crew of a trade with a positive rate on it (people > 0, rate > 0,
// productivity > 0) can reach its site edge from its base over roads that are open at the start
// or opened by doable tasks, and every task it waits for is doable: a monotone closure computed
// with a union-find over the opening roads, linear in tasks + edges. A doable task that some able
// crew would take longer than kMaxTaskDays on is reported too (kTooLong). The scenario must be
// linked.
FeasibilityReport check_feasibility(const Scenario& s, const TaskSet& ts);

// A short text: the counts by reason and the first `max_listed` tasks, root causes first.
std::string describe(const Scenario& s, const TaskSet& ts, const FeasibilityReport& r,
                     std::size_t max_listed = 5);

// Throws gw::Error(kInfeasible, describe(...)) unless every task is doable.
void require_feasible(const Scenario& s, const TaskSet& ts);

}  // namespace gw::plan
