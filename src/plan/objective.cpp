#include "plan/objective.hpp"

#include <algorithm>
#include <map>

#include "plan/calendar.hpp"
#include "plan/evaluate.hpp"
#include "plan/restoration.hpp"
#include "plan/tasks.hpp"

namespace gw::plan {

DispatchOptions dispatch_for_objective(DispatchOptions base, const Objective& o) {
  if (o.kind != ObjectiveKind::kWeighted) return base;
  const ObjectiveWeights& w = o.weights;
  base.access_weight = w.access_people_day;
  base.land_weight_people_per_ha = 1.0;
  base.land_use_weight = w.land_hectare_day;
  base.service_weight = 1.0;
  base.service_factor = w.service_people_day;
  base.road_weight_per_km = w.road_km_day;
  return base;
}

namespace {

// The work bound on the makespan: the tasks of one class (a kind on a terrain, or the repairs of an
// asset kind) take at least their total work divided by the daily rates of every crew able to do
// them, all working from day 0 without travel; each task's duration may be 2e-6 min below its
// formula (the 1e-9 of the formula and the validator's 1e-6 of slack).
double class_work_days(const Scenario& s, const TaskSet& ts) {
  const Parameters& p = s.params;
  struct Class {
    const Task* sample = nullptr;
    double work = 0;
    std::size_t tasks = 0;
  };
  std::map<std::size_t, Class> classes;
  for (const Task& t : ts.tasks) {
    Class& c = classes[task_class(t)];
    c.sample = &t;
    c.work += t.work;
    ++c.tasks;
  }
  double days = 0;
  for (const auto& [k, c] : classes) {
    double rate = 0;  // per working day, every capable crew together
    for (const Crew& crew : s.crews) rate += daily_rate(crew, per_person_rate(p, crew.trade, k));
    if (!(rate > 0)) continue;  // the chain bound has no end for these tasks then
    const double minutes = c.work / rate * kMinutesPerDay * 7.0 / p.working_days_per_week -
                           2e-6 * static_cast<double>(c.tasks);
    days = std::max(days, minutes / kMinutesPerDay);
  }
  return days;
}

}  // namespace

std::optional<double> objective_lower_bound(const Scenario& s, const TaskSet& ts,
                                            const LowerBound& lb) {
  const Objective& o = s.params.objective;
  if (o.kind == ObjectiveKind::kAccess) return lb.people_days;
  if (o.kind == ObjectiveKind::kMakespan) {
    Minutes last = 0;
    for (const Minutes t : lb.task_end) {
      if (t == kNever) return std::nullopt;
      last = std::max(last, t);
    }
    return std::max(minutes_to_days(last), class_work_days(s, ts));
  }
  // Weighted: an Evaluation filled with the bound's times, then the same mix as a plan's.
  const double horizon = s.params.horizon_days;
  auto days = [&](Minutes t) {
    return t == kNever ? horizon : std::min(minutes_to_days(t), horizon);
  };
  Evaluation ev;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    ev.weighted_people_days_without_access +=
        static_cast<double>(st.population) * st.weight * days(lb.settlement_access[i]);
  }
  // Services and returns from the bound's earliest ends: each only comes later in a real plan
  // (restoration.hpp).
  const Restoration rest = restoration_times(s, ts, lb.task_end);
  for (const Service sv : kRestorableServices) {
    const auto k = static_cast<std::size_t>(sv);
    for (std::size_t i = 0; i < s.settlements.size(); ++i) {
      ev.weighted_people_days_without_service[k] +=
          static_cast<double>(s.settlements[i].population) * s.settlements[i].weight *
          days(rest.service[k][i]);
    }
  }
  const Calendar cal(s.params);
  evaluate_returns(s, ts, cal, lb.settlement_access, rest, lb.task_end, 1, ev);
  evaluate_milestones(s, cal, rest, ev);
  if (o.kind == ObjectiveKind::kReturn) return ev.people_days_displaced;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    const Task& task = ts.tasks[t];
    double m2 = 0;
    if (task.kind == TaskKind::kSurvey) m2 = ts.hazard_outcome[task.hazard.index()].cancelled_m2;
    if (task.kind == TaskKind::kClearance || task.kind == TaskKind::kFollowUp) m2 = task.work;
    if (m2 <= 0) continue;
    ev.hectare_days_contaminated[static_cast<std::size_t>(
        s.hazards[task.hazard.index()].land_use)] += m2 / 10000.0 * days(lb.task_end[t]);
  }
  const RoadNetwork& net = s.roads;
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if (lb.edge_open[e] == 0) continue;
    ev.road_km_days_closed +=
        net.edge_length_m[e] / 1000.0 * net.edge_weight[e] * days(lb.edge_open[e]);
  }
  return objective_value(o, ev);
}

}  // namespace gw::plan
