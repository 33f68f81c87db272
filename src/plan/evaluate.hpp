// Measures of a plan (docs/model.md §7), computed by the planner's side into gw::Evaluation
// (model/evaluation.hpp). The validator recomputes the same measures with its own code.
#pragma once

#include "model/evaluation.hpp"
#include "model/parameters.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan {

// The value of objective `o` for the measures in `ev`: people-days without access (access), the
// weighted mix of the components (weighted) or the makespan in days (makespan).
double objective_value(const Objective& o, const Evaluation& ev);

// Computes every measure of `plan`. The scenario must be linked and `tasks` generated from it.
Evaluation evaluate(const Scenario& scenario, const TaskSet& tasks, const Plan& plan);

}  // namespace gw::plan
