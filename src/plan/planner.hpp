// The library entry point for district planning: link, generate tasks, dispatch, evaluate.
#pragma once

#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/evaluate.hpp"

namespace gw::plan {

// Wall-clock seconds of each phase, for benchmarks and progress messages.
struct PhaseTimes {
  double tasks_s = 0;
  double dispatch_s = 0;
  double evaluate_s = 0;
};

struct PlanResult {
  TaskSet tasks;
  Plan plan;
  Evaluation evaluation;
  std::vector<TaskId> unassigned;
  std::vector<std::string> warnings;
  DispatchStats stats;
  PhaseTimes times;
};

// Plans a scenario that has been linked (link_scenario) with the given rule.
PlanResult plan_linked(const Scenario& s, const DispatchOptions& opt);

}  // namespace gw::plan
