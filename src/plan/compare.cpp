#include "plan/compare.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace gw::plan {

namespace {

double released_by_day(const Evaluation& ev, std::size_t day) {
  if (ev.released_ha_by_day.empty()) return 0;
  return ev.released_ha_by_day[std::min(day, ev.released_ha_by_day.size() - 1)];
}

std::optional<double> access_day(Minutes t) {
  if (t == kNever) return std::nullopt;
  return minutes_to_days(t);
}

double capped_days(Minutes t, int horizon) {
  return t == kNever ? horizon : std::min(minutes_to_days(t), static_cast<double>(horizon));
}

}  // namespace

PlanFigures plan_figures(const std::string& label, const Scenario& s, std::size_t tasks,
                         const Evaluation& ev) {
  PlanFigures f;
  f.label = label;
  f.population = ev.population_total;
  f.people_days_without_access = ev.people_days_without_access;
  f.objective = std::string(name(s.params.objective.kind));
  f.objective_value = ev.objective;
  f.people_days_without_service = ev.people_days_without_service;
  f.days_to_access_50 = ev.days_to_access_50;
  f.days_to_access_90 = ev.days_to_access_90;
  f.days_to_access_100 = ev.days_to_access_100;
  f.hectares_released_month_6 = released_by_day(ev, 180);
  f.hectares_released_month_12 = released_by_day(ev, 360);
  f.hectares_released = ev.hectares_released;
  f.makespan_days = ev.makespan_days;
  f.crews = s.crews.size();
  for (const Crew& c : s.crews) {
    if (is_demining(c.trade)) {
      ++f.demining_crews;
      f.deminers += c.people;
    } else {
      ++f.building_crews;
      f.builders += c.people;
    }
  }
  f.tasks = tasks;
  return f;
}

Comparison compare_plans(PlanFigures a, const Scenario& sa, const Evaluation& ea, PlanFigures b,
                         const Scenario& sb, const Evaluation& eb) {
  Comparison c;
  c.a = std::move(a);
  c.b = std::move(b);
  c.horizon_days = sa.params.horizon_days;
  std::unordered_map<std::string, std::size_t> in_b;
  for (std::size_t i = 0; i < sb.settlements.size(); ++i) in_b.emplace(sb.settlements[i].id, i);
  std::size_t matched = 0;
  for (std::size_t i = 0; i < sa.settlements.size(); ++i) {
    const Settlement& st = sa.settlements[i];
    const auto it = in_b.find(st.id);
    if (it == in_b.end()) {
      ++c.only_in_a;
      continue;
    }
    ++matched;
    const Minutes ta = ea.settlement_access[i], tb = eb.settlement_access[it->second];
    if (ta == tb) {
      ++c.unchanged;
      continue;
    }
    AccessChange ch;
    ch.id = st.id;
    ch.name = st.name;
    ch.population = st.population;
    ch.day_a = access_day(ta);
    ch.day_b = access_day(tb);
    ch.days_gained =
        capped_days(ta, sa.params.horizon_days) - capped_days(tb, sb.params.horizon_days);
    ch.people_days_gained = static_cast<double>(st.population) * ch.days_gained;
    if (ch.days_gained > 0) {
      c.people_days_gained += ch.people_days_gained;
      c.gains.push_back(std::move(ch));
    } else if (ch.days_gained < 0) {
      c.people_days_lost -= ch.people_days_gained;
      c.losses.push_back(std::move(ch));
    } else {
      ++c.unchanged;  // different, but both beyond the horizon
    }
  }
  c.only_in_b = sb.settlements.size() - matched;
  auto by_size = [](const AccessChange& x, const AccessChange& y) {
    const double gx = std::abs(x.people_days_gained), gy = std::abs(y.people_days_gained);
    return gx != gy ? gx > gy : x.id < y.id;
  };
  std::sort(c.gains.begin(), c.gains.end(), by_size);
  std::sort(c.losses.begin(), c.losses.end(), by_size);
  return c;
}

std::optional<Plan> transfer_plan(const Scenario& a, const TaskSet& ta, const Plan& plan,
                                  const Scenario& b, const TaskSet& tb) {
  if (ta.tasks.size() != tb.tasks.size()) return std::nullopt;
  for (std::size_t t = 0; t < ta.tasks.size(); ++t) {
    const Task& x = ta.tasks[t];
    const Task& y = tb.tasks[t];
    if (x.kind != y.kind || x.hazard != y.hazard || x.asset != y.asset ||
        x.corridor_edge != y.corridor_edge || x.package != y.package || x.work != y.work ||
        x.effort != y.effort || x.terrain != y.terrain || x.site_edge != y.site_edge ||
        x.activity != y.activity || x.step != y.step || x.settlement != y.settlement ||
        x.dwellings != y.dwellings) {
      return std::nullopt;
    }
  }
  if (ta.preds.offset != tb.preds.offset || ta.preds.items != tb.preds.items ||
      ta.edge_blockers.offset != tb.edge_blockers.offset ||
      ta.edge_blockers.items != tb.edge_blockers.items) {
    return std::nullopt;
  }
  if (a.roads.num_edges() != b.roads.num_edges() || a.params.start_date != b.params.start_date ||
      a.params.season_percent != b.params.season_percent ||
      a.params.working_days_per_week != b.params.working_days_per_week ||
      a.params.activity_rate != b.params.activity_rate || a.params.rate != b.params.rate ||
      a.params.terrain_factor != b.params.terrain_factor) {
    return std::nullopt;
  }
  std::vector<std::uint32_t> crew_in_b(a.crews.size(), 0xFFFFFFFFU);
  for (std::size_t i = 0; i < a.crews.size(); ++i) {
    const Crew& ca = a.crews[i];
    for (std::size_t j = 0; j < b.crews.size(); ++j) {
      const Crew& cb = b.crews[j];
      if (cb.id == ca.id && cb.trade == ca.trade && cb.people == ca.people &&
          cb.productivity_factor == ca.productivity_factor && cb.base_node == ca.base_node) {
        crew_in_b[i] = static_cast<std::uint32_t>(j);
        break;
      }
    }
  }
  // A stated route (docs/model.md §5) stays true only over the same roads at the same speeds;
  // otherwise the trips are left to the validator's search.
  const bool same_roads = a.roads.edge_from == b.roads.edge_from &&
                          a.roads.edge_to == b.roads.edge_to &&
                          a.roads.edge_travel == b.roads.edge_travel;
  Plan out = plan;
  for (Assignment& x : out.assignments) {
    const std::uint32_t j = crew_in_b[x.crew.index()];
    if (j == 0xFFFFFFFFU) return std::nullopt;
    x.crew = CrewId(j);
    if (!same_roads) x.route.clear();
  }
  std::stable_sort(out.assignments.begin(), out.assignments.end(),
                   [](const Assignment& x, const Assignment& y) {
                     return x.crew != y.crew ? x.crew < y.crew : x.start < y.start;
                   });
  return out;
}

}  // namespace gw::plan
