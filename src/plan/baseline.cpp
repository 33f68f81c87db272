#include "plan/baseline.hpp"

#include "plan/evaluate.hpp"

namespace gw::plan {

Baseline best_dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt,
                       const PlanResult* done) {
  auto value = [&](Rule rule) {
    if (done != nullptr && done->plan.rule == rule_name(rule))
      return done->evaluation.people_days_without_access;
    DispatchOptions o = opt;
    o.rule = rule;
    const DispatchResult d = dispatch(s, tasks, o);
    return evaluate(s, tasks, d.plan).people_days_without_access;
  };
  Baseline b;
  b.nearest_people_days = value(Rule::kNearest);
  b.impact_people_days = value(Rule::kImpact);
  b.rule = b.nearest_people_days < b.impact_people_days ? Rule::kNearest : Rule::kImpact;
  b.people_days = std::min(b.nearest_people_days, b.impact_people_days);
  return b;
}

}  // namespace gw::plan
