// The baseline of a plan: the better of the two dispatch rules by the scenario's objective, the
// value an optimised plan must beat. summary.json reports its objective value and its people-days
// without access (baseline_people_days).
#pragma once

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/planner.hpp"

namespace gw::plan {

struct Baseline {
  Rule rule = Rule::kImpact;  // the better rule by the objective (impact on a tie)
  double value = 0;           // its objective value (Evaluation::objective)
  double people_days = 0;     // its people-days without access
  double nearest_value = 0, impact_value = 0;
  double nearest_people_days = 0, impact_people_days = 0;
};

// Dispatches the crews with `nearest` and with `impact` (other options as in `opt`) and keeps the
// better by the scenario's objective (s.params.objective). A plan already made by one of the rules
// (`done`, matched by its plan.rule name) is not made again. The scenario must be linked and
// `tasks` generated from it.
Baseline best_dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt,
                       const PlanResult* done = nullptr);

// The better of two evaluated rule plans, as best_dispatch() chooses it.
Baseline better_rule(const Evaluation& nearest, const Evaluation& impact);

}  // namespace gw::plan
