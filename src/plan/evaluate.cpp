#include "plan/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "network/union_find.hpp"
#include "plan/calendar.hpp"
#include "plan/restoration.hpp"

namespace gw::plan {

namespace {

// First day (fractional) by which `share` of the population has access; nullopt if never.
std::optional<double> days_to_share(const std::vector<std::pair<Minutes, std::int64_t>>& by_time,
                                    std::int64_t total, double share) {
  if (total == 0) return 0.0;
  const double need = share * static_cast<double>(total);
  std::int64_t acc = 0;
  for (const auto& [t, pop] : by_time) {
    if (t == kNever) break;
    acc += pop;
    if (static_cast<double>(acc) >= need - 1e-9) return minutes_to_days(t);
  }
  return std::nullopt;
}

double clipped_days(Minutes t, int horizon_days) {
  const double h = horizon_days;
  return t == kNever ? h : std::min(minutes_to_days(t), h);
}

}  // namespace

Evaluation evaluate(const Scenario& s, const TaskSet& ts, const Plan& plan) {
  Evaluation ev;
  const RoadNetwork& net = s.roads;
  const int horizon = s.params.horizon_days;

  ev.task_end.assign(ts.tasks.size(), kNever);
  Minutes makespan = 0;
  for (const Assignment& a : plan.assignments) {
    ev.task_end[a.task.index()] = a.end;
    makespan = std::max(makespan, a.end);
  }
  ev.makespan_days = minutes_to_days(makespan);

  // Edge opening times: the latest end of the edge's blockers.
  ev.edge_open.assign(net.num_edges(), 0);
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    for (const TaskId* t = ts.edge_blockers.begin(e); t != ts.edge_blockers.end(e); ++t) {
      ev.edge_open[e] = std::max(ev.edge_open[e], ev.task_end[t->index()]);
    }
  }

  // Access: sweep edges by opening time with union-find; a component that joins a hub's gains
  // access at that time.
  std::vector<std::uint32_t> order(net.num_edges());
  for (std::size_t e = 0; e < order.size(); ++e) order[e] = static_cast<std::uint32_t>(e);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    return ev.edge_open[a] != ev.edge_open[b] ? ev.edge_open[a] < ev.edge_open[b] : a < b;
  });
  network::UnionFind uf(net.num_nodes());
  std::vector<Minutes> node_access(net.num_nodes(), kNever);
  // Settlements per node, to stamp access times when components join.
  std::vector<std::vector<std::uint32_t>> members(net.num_nodes());
  for (std::size_t n = 0; n < net.num_nodes(); ++n)
    members[n].push_back(static_cast<std::uint32_t>(n));
  std::vector<char> has_hub(net.num_nodes(), 0);
  for (const Hub& h : s.hubs) {
    has_hub[h.node.index()] = 1;
    node_access[h.node.index()] = 0;
  }
  for (std::uint32_t e : order) {
    if (ev.edge_open[e] == kNever) break;
    const auto [keep, gone] = uf.unite(net.edge_from[e].index(), net.edge_to[e].index());
    if (keep == gone) continue;
    const Minutes t = ev.edge_open[e];
    if (has_hub[keep] != has_hub[gone]) {
      // Stamp the side that had no hub.
      const std::uint32_t dark = has_hub[keep] ? gone : keep;
      for (std::uint32_t n : members[dark]) node_access[n] = t;
    }
    has_hub[keep] = static_cast<char>(has_hub[keep] | has_hub[gone]);
    auto& a = members[keep];
    auto& b = members[gone];
    a.insert(a.end(), b.begin(), b.end());
    std::vector<std::uint32_t>().swap(b);
  }

  ev.settlement_access.resize(s.settlements.size());
  std::vector<std::pair<Minutes, std::int64_t>> by_time;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    const Minutes t = node_access[st.node.index()];
    ev.settlement_access[i] = t;
    ev.population_total += st.population;
    ev.people_days_without_access += static_cast<double>(st.population) * clipped_days(t, horizon);
    ev.weighted_people_days_without_access +=
        static_cast<double>(st.population) * st.weight * clipped_days(t, horizon);
    by_time.emplace_back(t, st.population);
  }
  std::sort(by_time.begin(), by_time.end());
  ev.days_to_access_50 = days_to_share(by_time, ev.population_total, 0.5);
  ev.days_to_access_90 = days_to_share(by_time, ev.population_total, 0.9);
  ev.days_to_access_100 = days_to_share(by_time, ev.population_total, 1.0);

  // Services (docs/model.md §7): an asset works once its project is done and so, recursively, is
  // every asset it depends on.
  const Restoration rest = restoration_times(s, ts, ev.task_end);
  ev.asset_done = rest.asset_done;
  ev.asset_works = rest.asset_works;
  for (std::size_t k = 0; k < kServiceCount; ++k) ev.service_restored[k] = rest.service[k];
  for (Service sv : kRestorableServices) {
    const auto k = static_cast<std::size_t>(sv);
    for (std::size_t i = 0; i < s.settlements.size(); ++i) {
      const double days = clipped_days(ev.service_restored[k][i], horizon);
      const auto pop = static_cast<double>(s.settlements[i].population);
      ev.people_days_without_service[k] += pop * days;
      ev.weighted_people_days_without_service[k] += pop * s.settlements[i].weight * days;
    }
  }
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if (ev.edge_open[e] == 0) continue;
    ev.road_km_days_closed +=
        net.edge_length_m[e] / 1000.0 * net.edge_weight[e] * clipped_days(ev.edge_open[e], horizon);
  }

  // Land: cancelled when the survey ends; each package released when its final task ends.
  ev.hazard_cancelled.assign(s.hazards.size(), kNever);
  ev.hazard_cleared.assign(s.hazards.size(), kNever);
  std::vector<std::pair<Minutes, double>> cancelled_at, released_at;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    Minutes last = 0;
    bool all_done = true;
    bool any_clear = false;
    for (const TaskId* t = ts.hazard_tasks.begin(h); t != ts.hazard_tasks.end(h); ++t) {
      const Task& task = ts.tasks[t->index()];
      const Minutes end = ev.task_end[t->index()];
      if (end == kNever)
        all_done = false;
      else
        last = std::max(last, end);
      const bool releases = task.kind == TaskKind::kClearance || task.kind == TaskKind::kFollowUp;
      const double piece_m2 = task.kind == TaskKind::kSurvey ? ts.hazard_outcome[h].cancelled_m2
                              : releases                     ? task.work
                                                             : 0.0;
      ev.hectare_days_contaminated[static_cast<std::size_t>(s.hazards[h].land_use)] +=
          piece_m2 / 10000.0 * clipped_days(end, horizon);
      if (task.kind == TaskKind::kSurvey && ts.hazard_outcome[h].cancelled_m2 > 0 &&
          end != kNever) {
        ev.hazard_cancelled[h] = end;
        cancelled_at.emplace_back(end, ts.hazard_outcome[h].cancelled_m2);
      }
      if ((task.kind == TaskKind::kClearance || task.kind == TaskKind::kFollowUp) &&
          end != kNever) {
        released_at.emplace_back(end, task.work);
        any_clear = true;
      }
    }
    if (all_done && (any_clear || ev.hazard_cancelled[h] != kNever)) ev.hazard_cleared[h] = last;
  }
  for (const auto& [t, m2] : cancelled_at) {
    ev.hectares_cancelled += m2 / 10000.0;
    released_at.emplace_back(t, m2);
  }
  for (const auto& [t, m2] : released_at) ev.hectares_released += m2 / 10000.0;

  // Daily curves up to the horizon (or the makespan, if later).
  const auto days =
      static_cast<std::size_t>(std::max<double>(horizon, std::ceil(ev.makespan_days))) + 1;
  ev.access_by_day.assign(days, 0);
  ev.cancelled_ha_by_day.assign(days, 0);
  ev.released_ha_by_day.assign(days, 0);
  auto day_index = [&](Minutes t) {
    return static_cast<std::size_t>((t + kMinutesPerDay - 1) /
                                    kMinutesPerDay);  // counted from the day it is done
  };
  for (const auto& [t, pop] : by_time) {
    if (t == kNever) continue;
    const std::size_t d = day_index(t);
    if (d < days) ev.access_by_day[d] += pop;
  }
  for (const auto& [t, m2] : cancelled_at) {
    const std::size_t d = day_index(t);
    if (d < days) ev.cancelled_ha_by_day[d] += m2 / 10000.0;
  }
  for (const auto& [t, m2] : released_at) {
    const std::size_t d = day_index(t);
    if (d < days) ev.released_ha_by_day[d] += m2 / 10000.0;
  }
  for (std::size_t d = 1; d < days; ++d) {
    ev.access_by_day[d] += ev.access_by_day[d - 1];
    ev.cancelled_ha_by_day[d] += ev.cancelled_ha_by_day[d - 1];
    ev.released_ha_by_day[d] += ev.released_ha_by_day[d - 1];
  }
  for (std::size_t d = 30; d < days; d += 30) {
    ev.cancelled_ha_by_month.push_back(ev.cancelled_ha_by_day[d]);
    ev.released_ha_by_month.push_back(ev.released_ha_by_day[d]);
  }
  if (days > 1 && (days - 1) % 30 != 0) {
    ev.cancelled_ha_by_month.push_back(ev.cancelled_ha_by_day[days - 1]);
    ev.released_ha_by_month.push_back(ev.released_ha_by_day[days - 1]);
  }

  // Return of the displaced and milestones (docs/model.md §7).
  const Calendar cal(s.params);
  evaluate_returns(s, ts, cal, ev.settlement_access, rest, ev.task_end, days, ev);
  evaluate_milestones(s, cal, rest, ev);

  // Crew utilisation over the makespan.
  ev.crew_use.assign(s.crews.size(), CrewUse{});
  for (const Assignment& a : plan.assignments) {
    CrewUse& u = ev.crew_use[a.crew.index()];
    u.working += a.end - a.start;
    u.travelling += a.travel_min;
    ++u.tasks;
  }
  for (CrewUse& u : ev.crew_use) {
    u.idle = std::max<Minutes>(0, makespan - u.working - u.travelling);
    ev.crew_use_total.working += u.working;
    ev.crew_use_total.travelling += u.travelling;
    ev.crew_use_total.idle += u.idle;
    ev.crew_use_total.tasks += u.tasks;
  }
  ev.objective = objective_value(s.params.objective, ev);
  return ev;
}

double objective_value(const Objective& o, const Evaluation& ev) {
  switch (o.kind) {
    case ObjectiveKind::kAccess:
      return ev.people_days_without_access;
    case ObjectiveKind::kMakespan:
      return ev.makespan_days;
    case ObjectiveKind::kReturn:
      return ev.people_days_displaced;
    case ObjectiveKind::kWeighted:
      break;
  }
  const ObjectiveWeights& w = o.weights;
  double v = w.access_people_day * ev.weighted_people_days_without_access;
  for (std::size_t k = 0; k < ev.hectare_days_contaminated.size(); ++k)
    v += w.land_hectare_day[k] * ev.hectare_days_contaminated[k];
  for (const Service sv : kRestorableServices) {
    const auto k = static_cast<std::size_t>(sv);
    v += w.service_people_day[k] * ev.weighted_people_days_without_service[k];
  }
  v += w.return_people_day * ev.weighted_people_days_displaced;
  v += w.milestone_day * ev.milestone_days_late;
  return v + w.road_km_day * ev.road_km_days_closed;
}

}  // namespace gw::plan
