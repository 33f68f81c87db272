// The scenario's objective on the planner's side (docs/scenario.md, "Objective"): the dispatch
// weights it implies and its lower bound. Its value is objective_value() (evaluate.hpp).
#pragma once

#include <optional>

#include "model/parameters.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/lower_bound.hpp"

namespace gw::plan {

// `base` with the impact rule's weights set from the objective. Under `weighted`, every gain is in
// the objective's unit per day of delay (Smith's rule): people × settlement weight × the access
// weight, hectares × the land use's weight, people × settlement weight × the service's weight and
// road kilometres × edge weight × the road weight. Under `access` and `makespan`, `base` unchanged.
DispatchOptions dispatch_for_objective(DispatchOptions base, const Objective& o);

// A lower bound on the objective over every plan the validator accepts on `tasks`, from the
// per-item bounds of `lb` (docs/algorithms.md, "Lower bound and gap"): each component summed as
// evaluate() does, with the earliest access, task ends and edge openings of `lb`. nullopt when no
// valid bound exists (makespan when some task can never be done).
std::optional<double> objective_lower_bound(const Scenario& s, const TaskSet& tasks,
                                            const LowerBound& lb);

}  // namespace gw::plan
