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

}  // namespace gw::plan
