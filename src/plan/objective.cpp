#include "plan/objective.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "plan/calendar.hpp"
#include "plan/evaluate.hpp"
#include "plan/restoration.hpp"
#include "plan/tasks.hpp"

namespace gw::plan {

DispatchOptions dispatch_for_objective(DispatchOptions base, const Objective& o) {
  if (o.kind == ObjectiveKind::kReturn) {
    // What brings the displaced home leads: their access, the work their return waits for
    // (return_weight); the rest of the people's access, services and land only break ties
    // (assumed shares, measured on the generated districts of seeds 1-3 and scale 4:
    // docs/algorithms.md; the optimiser varies them per scenario).
    base.access_weight = 0.1;
    base.access_displaced_weight = 1.0;
    base.return_weight = 1.0;
    base.service_weight = 0.01;
    base.land_weight_people_per_ha = 2.0;
    return base;
  }
  if (o.kind != ObjectiveKind::kWeighted) return base;
  const ObjectiveWeights& w = o.weights;
  base.access_weight = w.access_people_day;
  base.land_weight_people_per_ha = 1.0;
  base.land_use_weight = w.land_hectare_day;
  base.service_weight = 1.0;
  base.service_factor = w.service_people_day;
  base.road_weight_per_km = w.road_km_day;
  base.return_weight = w.return_people_day;
  base.access_displaced_weight = w.return_people_day;
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
    c.work += t.work * t.effort;
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

// Per settlement, (time, dwellings) events no earlier than any plan's: at each moment at most
// the smaller of two counts of dwellings is habitable again, each a valid bound alone:
//  - the chain bound: the packages whose earliest end (`task_end`, the lower bound's) has come;
//  - the work bound: every crew able to do housing on this settlement alone, at its full rate,
//    without travel, from the earliest moment any package could start. By time t they have done at
//    most capacity × (t − start) person-days of work, which repairs at most the dwellings of the
//    packages most dwellings per person-day first, each counted whole from the moment the work
//    before it is done (the fractional knapsack, rounded up).
std::vector<std::vector<std::pair<Minutes, std::int64_t>>> housing_bound(
    const Scenario& s, const TaskSet& ts, const std::vector<Minutes>& task_end) {
  const Parameters& p = s.params;
  std::vector<std::vector<std::pair<Minutes, std::int64_t>>> out(s.settlements.size());
  double capacity = 0;  // person-days per working day of the crews able to do housing
  auto best_rate = [&](ActivityKind a) {
    double r = 0;
    for (std::size_t tr = 0; tr < kTradeCount; ++tr)
      r = std::max(r, per_person_rate(p, static_cast<Trade>(tr),
                                      kDeminingClassCount + static_cast<std::size_t>(a)));
    return r;
  };
  for (const Crew& c : s.crews) {
    for (const ActivityKind a :
         {ActivityKind::kHouseLight, ActivityKind::kHouseHeavy, ActivityKind::kHouseRebuild}) {
      if (per_person_rate(p, c.trade, kDeminingClassCount + static_cast<std::size_t>(a)) > 0) {
        capacity += static_cast<double>(c.people) * c.productivity_factor;
        break;
      }
    }
  }
  const double week = 7.0 / p.working_days_per_week;
  struct Package {
    double person_days;
    std::int64_t dwellings;
    Minutes chain_end;
  };
  std::vector<Package> packages;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    packages.clear();
    Minutes first = kNever;
    for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) {
      const Task& k = ts.tasks[t->index()];
      const Minutes end = task_end[t->index()];
      if (end == kNever) continue;
      const double r = best_rate(k.activity);
      const double pd = r > 0 ? k.work * k.effort / r : 0;
      packages.push_back({pd, static_cast<std::int64_t>(k.dwellings), end});
      // The package cannot start before its earliest end less its work at the full capacity.
      const double own = capacity > 0 ? pd / capacity * kMinutesPerDay * week : 0;
      first = std::min(first, end - static_cast<Minutes>(std::ceil(own)));
    }
    auto& events = out[i];
    if (packages.empty()) continue;
    // The chain bound's steps.
    std::vector<std::pair<Minutes, std::int64_t>> chain;
    chain.reserve(packages.size());
    for (const Package& k : packages) chain.emplace_back(k.chain_end, k.dwellings);
    std::sort(chain.begin(), chain.end());
    if (!(capacity > 0)) {
      events = std::move(chain);
      continue;
    }
    // The work bound's steps: most dwellings per person-day first.
    std::sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
      return static_cast<double>(a.dwellings) * b.person_days >
             static_cast<double>(b.dwellings) * a.person_days;
    });
    std::vector<std::pair<Minutes, std::int64_t>> work;
    double before = 0;
    for (const Package& k : packages) {
      const double minutes = before / capacity * kMinutesPerDay * week;
      work.emplace_back(first + static_cast<Minutes>(std::floor(minutes)), k.dwellings);
      before += k.person_days;
    }
    std::sort(work.begin(), work.end());
    // The smaller of the two counts at every moment, as increments.
    std::int64_t hc = 0, hw = 0, shown = 0;
    std::size_t a = 0, b = 0;
    while (a < chain.size() || b < work.size()) {
      const Minutes t = std::min(a < chain.size() ? chain[a].first : kNever,
                                 b < work.size() ? work[b].first : kNever);
      while (a < chain.size() && chain[a].first == t) hc += chain[a++].second;
      while (b < work.size() && work[b].first == t) hw += work[b++].second;
      const std::int64_t now = std::min(hc, hw);
      if (now > shown) {
        events.emplace_back(t, now - shown);
        shown = now;
      }
    }
  }
  return out;
}

// The pooled housing bound on people-days displaced (the `return` objective): every settlement's
// housing competes for the same crews. By the end of day d the crews able to do housing have done
// at most Σ_{d' ≤ d} C(d') person-days of it at the best rate of each activity (C(d'): their people
// × productivity × their trade's share in the month of day d', per calendar day). Settlement i's
// people back by t are then at most g_i(w_i), w_i the work done on its packages: min(D, max(0, hh ×
// (intact dwellings + the dwellings of the packages repaired most dwellings per person-day first,
// fractionally) − residents who stayed)); g_i's concave envelope is larger still, and is 0 before
// i's earliest ready time (`ready`, the lower bound's). So the people back at t are at most the
// fractional knapsack of C × t over the envelopes' segments of the settlements ready by t, and, by
// the per-settlement bound, at most `returned_by_day`; the people displaced over each day are at
// least the total less the smaller of the two at its end (the number back only grows).
double pooled_housing_bound(const Scenario& s, const TaskSet& ts, const Calendar& cal,
                            const std::vector<Minutes>& task_end, const std::vector<Minutes>& ready,
                            const std::vector<double>& returned_by_day) {
  const Parameters& p = s.params;
  std::array<double, kTradeCount> capacity{};  // person-days per working day, by trade
  for (const Crew& c : s.crews) {
    for (const ActivityKind a :
         {ActivityKind::kHouseLight, ActivityKind::kHouseHeavy, ActivityKind::kHouseRebuild}) {
      if (per_person_rate(p, c.trade, kDeminingClassCount + static_cast<std::size_t>(a)) > 0) {
        capacity[static_cast<std::size_t>(c.trade)] +=
            static_cast<double>(c.people) * c.productivity_factor;
        break;
      }
    }
  }
  const double week = p.working_days_per_week / 7.0;
  auto best_rate = [&](ActivityKind a) {
    double r = 0;
    for (std::size_t tr = 0; tr < kTradeCount; ++tr)
      r = std::max(r, per_person_rate(p, static_cast<Trade>(tr),
                                      kDeminingClassCount + static_cast<std::size_t>(a)));
    return r;
  };
  struct Segment {
    double work;    // person-days
    double people;  // people back over it
    Minutes ready;  // the settlement's earliest ready time
  };
  std::vector<Segment> segments;
  std::vector<std::pair<Minutes, double>> base;  // (ready, people back with no housing work)
  double displaced = 0;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    if (st.displaced <= 0) continue;
    displaced += static_cast<double>(st.displaced);
    if (ready[i] == kNever) continue;
    std::vector<std::pair<double, double>> packages;  // (person-days, dwellings)
    for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) {
      const Task& k = ts.tasks[t->index()];
      const double r = best_rate(k.activity);
      if (task_end[t->index()] == kNever || !(r > 0)) continue;
      packages.emplace_back(k.work * k.effort / r, static_cast<double>(k.dwellings));
    }
    std::sort(packages.begin(), packages.end(),
              [](const auto& a, const auto& b) { return a.second * b.first > b.second * a.first; });
    std::int64_t damaged = 0;
    for (const std::int64_t d : st.damaged_dwellings) damaged += d;
    const double hh = p.household_size;
    const double stayed = static_cast<double>(st.population - st.displaced);
    const double d_max = static_cast<double>(st.displaced);
    const auto g = [&](double dwellings) {
      return std::min(
          d_max,
          std::max(0.0, hh * (static_cast<double>(st.dwellings - damaged) + dwellings) - stayed));
    };
    // g's breakpoints over the work: the package ends and where the people back leave 0 or
    // reach D (g is linear between them).
    std::vector<std::pair<double, double>> pts{{0.0, g(0)}};
    double w = 0, dw = 0;
    for (const auto& [pd, n] : packages) {
      for (const double target :
           {stayed / hh - static_cast<double>(st.dwellings - damaged),
            (d_max + stayed) / hh - static_cast<double>(st.dwellings - damaged)}) {
        if (target > dw && target < dw + n && pd > 0)
          pts.emplace_back(w + pd * (target - dw) / n, g(target));
      }
      w += pd;
      dw += n;
      pts.emplace_back(w, g(dw));
    }
    std::sort(pts.begin(), pts.end());
    // The upper concave hull from (0, g(0)).
    std::vector<std::pair<double, double>> hull;
    for (const auto& q : pts) {
      while (hull.size() >= 2) {
        const auto& a = hull[hull.size() - 2];
        const auto& b = hull.back();
        if ((b.first - a.first) * (q.second - a.second) >=
            (q.first - a.first) * (b.second - a.second))
          hull.pop_back();  // b lies on or below the chord from a to q
        else
          break;
      }
      hull.push_back(q);
    }
    base.emplace_back(ready[i], g(0));
    for (std::size_t k = 1; k < hull.size(); ++k) {
      const double dwk = hull[k].first - hull[k - 1].first;
      const double dp = hull[k].second - hull[k - 1].second;
      if (dp > 0 && dwk > 0) segments.push_back({dwk, dp, ready[i]});
      if (dp > 0 && !(dwk > 0)) base.back().second += dp;  // free people (zero work)
    }
  }
  std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
    return a.people * b.work > b.people * a.work;
  });
  const auto horizon = static_cast<std::size_t>(std::max(0, p.horizon_days));
  double total = 0;
  double done = 0;  // the most person-days of housing work by the end of day d
  for (std::size_t d = 0; d < horizon; ++d) {
    const Minutes end = static_cast<Minutes>(d + 1) * kMinutesPerDay;
    const int month = cal.month_of_day(static_cast<std::int64_t>(d));
    for (std::size_t tr = 0; tr < kTradeCount; ++tr)
      done += capacity[tr] * week * cal.percent(static_cast<Trade>(tr), month) / 100.0;
    double back = 0;
    for (const auto& [r, n] : base) {
      if (r <= end) back += n;
    }
    double budget = done;
    for (const Segment& sg : segments) {
      if (budget <= 0) break;
      if (sg.ready > end) continue;
      const double take = std::min(budget, sg.work);
      back += sg.people * take / sg.work;
      budget -= take;
    }
    const double r1 = d + 1 < returned_by_day.size()
                          ? returned_by_day[d + 1]
                          : (returned_by_day.empty() ? displaced : returned_by_day.back());
    total += std::max(0.0, displaced - std::min(back, r1));
  }
  return total;
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
  const auto housing = housing_bound(s, ts, lb.task_end);
  // The curve of people back by day (to the horizon) for the pooled housing bound below.
  const auto curve_days = static_cast<std::size_t>(std::max(0, s.params.horizon_days)) + 2;
  evaluate_returns(s, ts, cal, lb.settlement_access, rest, lb.task_end, curve_days, ev, &housing);
  evaluate_milestones(s, cal, rest, ev);
  if (o.kind == ObjectiveKind::kReturn) {
    const double pooled =
        pooled_housing_bound(s, ts, cal, lb.task_end, ev.settlement_ready, ev.returned_by_day);
    return std::max(ev.people_days_displaced, pooled);
  }
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
