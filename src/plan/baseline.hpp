// The baseline of a plan: the better of the two dispatch rules, the value an optimised plan must
// beat and the one summary.json reports as baseline_people_days.
#pragma once

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/planner.hpp"

namespace gw::plan {

struct Baseline {
  Rule rule = Rule::kImpact;  // the better rule (impact on a tie)
  double people_days = 0;     // its people-days without access
  double nearest_people_days = 0;
  double impact_people_days = 0;
};

// Dispatches the crews with `nearest` and with `impact` (other options as in `opt`) and keeps the
// better. A plan already made by one of the rules (`done`, matched by its plan.rule name) is not
// made again. The scenario must be linked and `tasks` generated from it.
Baseline best_dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt,
                       const PlanResult* done = nullptr);

}  // namespace gw::plan
