#include "plan/restoration.hpp"

#include <algorithm>
#include <optional>

#include "plan/returns.hpp"

namespace gw::plan {

namespace {

// First day (fractional) by which `need` people are back, from (time, change) steps; nullopt if
// never.
std::optional<double> day_when(std::vector<std::pair<Minutes, double>> changes, double need) {
  if (!(need > 0)) return 0.0;
  std::sort(changes.begin(), changes.end());
  // In extended precision with a relative tolerance: a country's 1.8 million people summed in
  // doubles came to 1,841,255.999999999 of 1,841,256, and nobody was ever "all back".
  long double back = 0;
  const long double target = need - 1e-12 * std::max(1.0, need);
  for (const auto& [t, d] : changes) {
    back += d;
    if (back >= target) return minutes_to_days(t);
  }
  return std::nullopt;
}

}  // namespace

Restoration restoration_times(const Scenario& s, const TaskSet& ts,
                              const std::vector<Minutes>& task_end) {
  Restoration r;
  const std::size_t na = s.assets.size();
  r.asset_done.assign(na, 0);
  for (std::size_t a = 0; a < na; ++a) {
    for (const TaskId* t = ts.asset_tasks.begin(a); t != ts.asset_tasks.end(a); ++t)
      r.asset_done[a] = std::max(r.asset_done[a], task_end[t->index()]);
  }
  // works(a) = max(done(a), works of its dependencies): the dependencies form no cycle (linking
  // rejects one), so a depth-first pass in post-order settles each asset once.
  r.asset_works.assign(na, -1);
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  for (std::size_t root = 0; root < na; ++root) {
    if (r.asset_works[root] >= 0) continue;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto& [a, k] = stack.back();
      const auto& deps = s.assets[a].depends;
      if (k < deps.size()) {
        const std::size_t b = deps[k++].index();
        if (r.asset_works[b] < 0) stack.emplace_back(b, 0);
        continue;
      }
      Minutes w = r.asset_done[a];
      for (const AssetId d : deps) w = std::max(w, r.asset_works[d.index()]);
      r.asset_works[a] = w;
      stack.pop_back();
    }
  }
  for (auto& v : r.service) v.assign(s.settlements.size(), 0);
  for (std::size_t a = 0; a < na; ++a) {
    auto& restored = r.service[static_cast<std::size_t>(s.assets[a].service)];
    for (const SettlementId st : s.assets[a].served) {
      if (s.assets[a].service == Service::kHeat &&
          s.settlements[st.index()].heating == Heating::kElectric) {
        continue;  // electric heating: heat is the power service (below)
      }
      restored[st.index()] = std::max(restored[st.index()], r.asset_works[a]);
    }
  }
  auto& heat = r.service[static_cast<std::size_t>(Service::kHeat)];
  const auto& power = r.service[static_cast<std::size_t>(Service::kPower)];
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    if (s.settlements[i].heating == Heating::kElectric) heat[i] = power[i];
  }
  r.residential.assign(s.settlements.size(), 0);
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const SettlementId st = s.hazards[h].built_up;
    if (!st.valid()) continue;
    Minutes& rel = r.residential[st.index()];
    for (const TaskId* t = ts.hazard_tasks.begin(h); t != ts.hazard_tasks.end(h); ++t)
      rel = std::max(rel, task_end[t->index()]);
  }
  return r;
}

void evaluate_returns(const Scenario& s, const TaskSet& ts, const Calendar& cal,
                      const std::vector<Minutes>& access, const Restoration& r,
                      const std::vector<Minutes>& task_end, std::size_t days, Evaluation& ev,
                      const std::vector<std::vector<std::pair<Minutes, std::int64_t>>>* housing) {
  const std::size_t n = s.settlements.size();
  ev.residential_released = r.residential;
  ev.settlement_ready.assign(n, kNever);
  ev.return_first.assign(n, kNever);
  ev.return_all.assign(n, kNever);
  ev.population_displaced = 0;
  ev.people_days_displaced = 0;
  ev.weighted_people_days_displaced = 0;
  ev.dwellings_damaged = 0;
  ev.dwellings_repaired = 0;
  ev.returned_by_day.assign(days, 0.0);
  std::vector<std::pair<Minutes, double>> changes;  // (time, people coming back then)
  for (std::size_t i = 0; i < n; ++i) {
    const Settlement& st = s.settlements[i];
    ReturnConditions c;
    c.access = access[i];
    c.residential = r.residential[i];
    c.power = r.service[static_cast<std::size_t>(Service::kPower)][i];
    c.water = r.service[static_cast<std::size_t>(Service::kWater)][i];
    c.heat = r.service[static_cast<std::size_t>(Service::kHeat)][i];
    if (housing != nullptr) {
      c.housing = (*housing)[i];
    } else {
      for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) {
        const Minutes end = task_end[t->index()];
        const std::int64_t d = ts.tasks[t->index()].dwellings;
        if (end != kNever) {
          c.housing.emplace_back(end, d);
          ev.dwellings_repaired += d;
        }
      }
    }
    for (const std::int64_t d : st.damaged_dwellings) ev.dwellings_damaged += d;
    const SettlementReturn ret = settlement_return(st, s.params, cal, std::move(c));
    ev.settlement_ready[i] = ret.ready;
    ev.return_first[i] = ret.first;
    ev.return_all[i] = ret.all;
    ev.population_displaced += st.displaced;
    ev.people_days_displaced += ret.people_days_displaced;
    ev.weighted_people_days_displaced += ret.people_days_displaced * st.weight;
    double before = 0;
    for (const auto& [t, back] : ret.steps) {
      changes.emplace_back(t, back - before);
      // Counted from the day it happens, as the access curve.
      const auto d = static_cast<std::size_t>((t + kMinutesPerDay - 1) / kMinutesPerDay);
      if (d < days) ev.returned_by_day[d] += back - before;
      before = back;
    }
  }
  for (std::size_t d = 1; d < days; ++d) ev.returned_by_day[d] += ev.returned_by_day[d - 1];
  const auto total = static_cast<double>(ev.population_displaced);
  ev.days_to_return_50 = day_when(changes, 0.5 * total);
  ev.days_to_return_90 = day_when(changes, 0.9 * total);
  ev.days_to_return_100 = day_when(std::move(changes), total);
}

void evaluate_milestones(const Scenario& s, const Calendar& cal, const Restoration& r,
                         Evaluation& ev) {
  ev.milestones.clear();
  ev.milestone_days_late = 0;
  const Minutes horizon = static_cast<Minutes>(s.params.horizon_days) * kMinutesPerDay;
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    if (!s.assets[a].due_date) continue;
    Evaluation::Milestone m;
    m.asset = AssetId::from_index(a);
    m.due = cal.minute_of_date(*s.assets[a].due_date);
    m.done = r.asset_done[a];
    if (m.done != kNever) {
      m.lateness_days = minutes_to_days(std::max<Minutes>(0, m.done - m.due));
      ev.milestone_days_late += *m.lateness_days;
    } else {
      ev.milestone_days_late += minutes_to_days(std::max<Minutes>(0, horizon - m.due));
    }
    ev.milestones.push_back(m);
  }
}

}  // namespace gw::plan
