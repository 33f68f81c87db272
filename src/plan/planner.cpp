#include "plan/planner.hpp"

#include "plan/tasks.hpp"

namespace gw::plan {

PlanResult plan_linked(const Scenario& s, const DispatchOptions& opt) {
  PlanResult r;
  r.tasks = generate_tasks(s);
  DispatchResult d = dispatch(s, r.tasks, opt);
  r.plan = std::move(d.plan);
  r.unassigned = std::move(d.unassigned);
  r.stats = d.stats;
  if (!r.unassigned.empty()) {
    r.warnings.push_back(std::to_string(r.unassigned.size()) +
                         " tasks could not be assigned: no crew of a fitting trade can reach them");
  }
  r.evaluation = evaluate(s, r.tasks, r.plan);
  return r;
}

}  // namespace gw::plan
