#include "plan/returns.hpp"

#include <algorithm>

namespace gw::plan {

SettlementReturn settlement_return(const Settlement& st, const Parameters& p, const Calendar& cal,
                                   ReturnConditions c) {
  SettlementReturn out;
  const auto displaced = static_cast<double>(st.displaced);
  const Minutes horizon = static_cast<Minutes>(p.horizon_days) * kMinutesPerDay;
  const Minutes base = std::max({c.access, c.residential, c.power, c.water});
  std::sort(c.housing.begin(), c.housing.end());
  // Past the last event the state no longer changes, except the heating season's turn.
  Minutes last_event = base;
  if (c.heat != kNever) last_event = std::max(last_event, c.heat);
  if (!c.housing.empty()) last_event = std::max(last_event, c.housing.back().first);

  std::int64_t habitable = st.dwellings;
  for (const std::int64_t d : st.damaged_dwellings) habitable -= d;
  std::size_t next_house = 0;
  auto room = [&] {
    const double r = static_cast<double>(habitable) * p.household_size -
                     static_cast<double>(st.population - st.displaced);
    return std::min(displaced, std::max(0.0, r));
  };
  auto ready = [&](Minutes t) { return t >= c.heat || !cal.heating_season(t); };

  double back = 0;    // people back
  Minutes since = 0;  // ... since this moment
  double people_minutes = 0;
  auto advance = [&](Minutes t) {  // account (displaced - back) over [since, t), clipped at H
    const Minutes a = std::min(since, horizon), b = std::min(t, horizon);
    if (b > a) people_minutes += (displaced - back) * static_cast<double>(b - a);
    since = t;
  };
  if (base != kNever) {
    Minutes t = base;
    Minutes season = cal.next_season_change(t);
    while (true) {
      while (next_house < c.housing.size() && c.housing[next_house].first <= t) {
        habitable += c.housing[next_house].second;
        ++next_house;
      }
      if (ready(t)) {
        if (out.ready == kNever) out.ready = t;
        const double now = room();
        if (now > back) {
          advance(t);
          back = now;
          out.steps.emplace_back(t, back);
          if (out.first == kNever && back > 0) out.first = t;
          if (back >= displaced) {
            out.all = t;
            break;
          }
        }
      }
      // The next moment something may change: a housing package ends, heat arrives, the season
      // turns. Past the last event only the season's turn can matter, and only while not ready.
      Minutes next = kNever;
      if (next_house < c.housing.size()) next = c.housing[next_house].first;
      if (c.heat != kNever && c.heat > t) next = std::min(next, c.heat);
      if (t >= last_event && ready(t)) break;  // nothing left to change
      while (season <= t) season = cal.next_season_change(season);
      next = std::min(next, season);
      if (next == kNever) break;
      t = next;
    }
  }
  advance(std::max(horizon, since));
  out.people_days_displaced = people_minutes / static_cast<double>(kMinutesPerDay);
  if (st.displaced == 0) {
    out.first = kNever;
    out.all = kNever;
    out.steps.clear();
  }
  return out;
}

}  // namespace gw::plan
