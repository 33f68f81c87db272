#include "plan/baseline.hpp"

#include "plan/evaluate.hpp"

namespace gw::plan {

Baseline better_rule(const Evaluation& nearest, const Evaluation& impact) {
  Baseline b;
  b.nearest_value = nearest.objective;
  b.impact_value = impact.objective;
  b.nearest_people_days = nearest.people_days_without_access;
  b.impact_people_days = impact.people_days_without_access;
  const bool near_better = b.nearest_value < b.impact_value;
  b.rule = near_better ? Rule::kNearest : Rule::kImpact;
  b.value = near_better ? b.nearest_value : b.impact_value;
  b.people_days = near_better ? b.nearest_people_days : b.impact_people_days;
  return b;
}

Baseline best_dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt,
                       const PlanResult* done) {
  auto run = [&](Rule rule) {
    if (done != nullptr && done->plan.rule == rule_name(rule)) return done->evaluation;
    DispatchOptions o = opt;
    o.rule = rule;
    const DispatchResult d = dispatch(s, tasks, o);
    return evaluate(s, tasks, d.plan);
  };
  return better_rule(run(Rule::kNearest), run(Rule::kImpact));
}

}  // namespace gw::plan
