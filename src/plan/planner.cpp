#include "plan/planner.hpp"

#include <chrono>

#include "plan/tasks.hpp"

namespace gw::plan {

PlanResult plan_linked(const Scenario& s, const DispatchOptions& opt) {
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  };
  PlanResult r;
  auto t0 = Clock::now();
  r.tasks = generate_tasks(s);
  r.times.tasks_s = seconds_since(t0);
  t0 = Clock::now();
  DispatchResult d = dispatch(s, r.tasks, opt);
  r.times.dispatch_s = seconds_since(t0);
  r.plan = std::move(d.plan);
  r.unassigned = std::move(d.unassigned);
  r.stats = d.stats;
  if (!r.unassigned.empty()) {
    r.warnings.push_back(std::to_string(r.unassigned.size()) +
                         " tasks could not be assigned: no crew of a fitting trade can reach them");
  }
  t0 = Clock::now();
  r.evaluation = evaluate(s, r.tasks, r.plan);
  r.times.evaluate_s = seconds_since(t0);
  return r;
}

}  // namespace gw::plan
