// The validator's return measures (docs/model.md §7): when each settlement's built-up hazards are
// released, when it is ready, how many of its displaced people are back at each moment (integrated
// exactly over the plan's events and the heating season's boundaries), and the milestones.
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

Minutes Validator::hazard_released(std::uint32_t h) const {
  const HazardInfo& hi = hz_[h];
  const Hazard& hazard = sc_.hazards[h];
  if (hazard.status == HazardStatus::kSuspected && hi.surveys.empty()) return kNever;
  // A hazard left to clear with no package declared is never released (reported as a violation).
  if (!hi.cancelled && hi.work_tasks.empty() && hazard.area_m2 >= 1) return kNever;
  Minutes r = 0;
  for (auto t : hi.surveys) r = std::max(r, end_of(t));
  for (auto t : hi.work_tasks) r = std::max(r, end_of(t));
  return r;
}

std::vector<Minutes> Validator::season_changes(Minutes until) const {
  std::vector<Minutes> out;
  const std::int64_t last_day = floor_div(until, kMinutesPerDay);
  bool in = heating_season(0);
  for (std::int64_t d = 1; d <= last_day; ++d) {
    const bool now = heating_season(d);
    if (now != in) out.push_back(d * kMinutesPerDay);
    in = now;
  }
  return out;
}

void Validator::measure_return(Measures& m) {
  const std::size_t ns = sc_.settlements.size();
  const Minutes H = horizon();
  const auto power = static_cast<std::size_t>(Service::kPower);
  const auto water = static_cast<std::size_t>(Service::kWater);
  const auto heat = static_cast<std::size_t>(Service::kHeat);

  m.residential_released.assign(ns, 0);
  for (std::uint32_t s = 0; s < ns; ++s) {
    for (auto h : built_up_hazards_[s])
      m.residential_released[s] = std::max(m.residential_released[s], hazard_released(h));
  }

  // Per settlement: from when it is ready outside the heating season (access, land, power,
  // water), from when it has heat, and the housing packages' ends with their dwellings.
  struct Inputs {
    Minutes base = kNever;
    Minutes heat = kNever;
    std::vector<std::pair<Minutes, std::uint32_t>> housing;
  };
  std::vector<Inputs> in(ns);
  Minutes last_event = 0;
  for (std::uint32_t s = 0; s < ns; ++s) {
    const Settlement& st = sc_.settlements[s];
    Inputs& x = in[s];
    x.base = std::max({m.settlement_access[s], m.residential_released[s],
                       m.service_restored[power][s], m.service_restored[water][s]});
    x.heat = m.service_restored[heat][s];
    for (std::size_t c = 0; c < housing_steps_[s].size(); ++c) {
      const StepInfo& step = housing_steps_[s][c];
      for (std::size_t k = 0; k < step.task.size(); ++k) {
        const Minutes end = end_of(step.task[k]);
        if (end == kNever) continue;
        x.housing.emplace_back(end, step.dwellings[k]);
        m.dwellings_repaired += step.dwellings[k];
      }
    }
    std::sort(x.housing.begin(), x.housing.end());
    for (const Minutes t : {x.base, x.heat}) {
      if (t != kNever) last_event = std::max(last_event, t);
    }
    if (!x.housing.empty()) last_event = std::max(last_event, x.housing.back().first);
    m.population_displaced += st.displaced;
    for (auto d : st.damaged_dwellings) m.dwellings_damaged += d;
  }

  // After the last event nothing changes but the season, and a year holds a day outside it (the
  // season ends the day before `to`): by then every count has its final value.
  const Minutes until = std::max(H, last_event) + 367 * kMinutesPerDay;
  const std::vector<Minutes> season = season_changes(until);

  m.settlement_ready.assign(ns, kNever);
  m.return_first.assign(ns, kNever);
  m.return_all.assign(ns, kNever);
  struct Change {
    Minutes at;
    std::uint32_t settlement;
    double returned;
  };
  std::vector<Change> changes;
  std::vector<Minutes> events;
  const double hh = P_.household_size;
  for (std::uint32_t s = 0; s < ns; ++s) {
    const Settlement& st = sc_.settlements[s];
    const Inputs& x = in[s];
    const auto D = static_cast<double>(st.displaced);
    const double stay = static_cast<double>(st.population - st.displaced);  // P − D
    std::int64_t habitable = st.dwellings;
    for (auto d : st.damaged_dwellings) habitable -= d;

    events.assign(season.begin(), season.end());
    events.push_back(0);
    for (const Minutes t : {x.base, x.heat}) {
      if (t < until) events.push_back(t);
    }
    for (const auto& [t, d] : x.housing) {
      if (t < until) events.push_back(t);
    }
    std::sort(events.begin(), events.end());
    events.erase(std::unique(events.begin(), events.end()), events.end());

    // Over [events[i], events[i+1]) readiness and habitable dwellings are constant: returned(t)
    // is the count at the interval's start when ready, else the last ready interval's.
    double cur = 0;
    double minutes_displaced = 0;  // people × minutes
    std::size_t next_house = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Minutes p = events[i];
      const Minutes q = i + 1 < events.size() ? events[i + 1] : until;
      while (next_house < x.housing.size() && x.housing[next_house].first <= p)
        habitable += x.housing[next_house++].second;
      const bool ready =
          p >= x.base && (p >= x.heat || !heating_season(floor_div(p, kMinutesPerDay)));
      if (ready) {
        if (m.settlement_ready[s] == kNever) m.settlement_ready[s] = p;
        const double cap = std::max(0.0, static_cast<double>(habitable) * hh - stay);
        const double v = std::min(D, cap);
        if (v != cur) {
          cur = v;
          changes.push_back({p, s, v});
        }
      }
      if (cur > 0 && m.return_first[s] == kNever) m.return_first[s] = p;
      if (D > 0 && cur >= D && m.return_all[s] == kNever) m.return_all[s] = p;
      if (p < H) minutes_displaced += (D - cur) * static_cast<double>(std::min(q, H) - p);
    }
    const double pd = minutes_displaced / kMinutesPerDay;
    m.people_days_displaced += pd;
    m.weighted_people_days_displaced += pd * st.weight;
  }

  // days_to_return_p: the first moment the displaced back home reach p % of all the displaced.
  std::array<std::optional<double>*, 3> out{&m.days_to_return_50, &m.days_to_return_90,
                                            &m.days_to_return_100};
  const std::array<std::int64_t, 3> pct{50, 90, 100};
  const auto total = static_cast<double>(m.population_displaced);
  if (m.population_displaced == 0) {
    for (auto* o : out) *o = 0.0;
    return;
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.at < b.at; });
  // A running sum in extended precision: recomputing it at every change would cost the number of
  // settlements each time, and its rounding stays far below any count of people.
  std::vector<double> back(ns, 0.0);
  long double sum = 0;
  for (std::size_t i = 0; i < changes.size();) {
    const Minutes at = changes[i].at;
    for (; i < changes.size() && changes[i].at == at; ++i) {
      const Change& c = changes[i];
      sum += static_cast<long double>(c.returned) - static_cast<long double>(back[c.settlement]);
      back[c.settlement] = c.returned;
    }
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (!*out[k] && sum * 100 >= static_cast<long double>(pct[k]) * total)
        *out[k] = minutes_to_days(at);
    }
  }
}

void Validator::measure_milestones(Measures& m) {
  const Minutes H = horizon();
  for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
    const Asset& asset = sc_.assets[a];
    if (!asset.due_date) continue;
    const auto due_day = parse_iso_date(*asset.due_date);
    if (!due_day) {
      sink_.add(
          cat("asset ", asset.id, ": due_date '", *asset.due_date, "' is not a date (YYYY-MM-DD)"));
      continue;
    }
    Milestone ms;
    ms.asset = a;
    ms.due = (*due_day - day0_) * kMinutesPerDay;  // 00:00 of the due date
    ms.done = m.asset_done[a];
    if (ms.done != kNever) {
      ms.lateness_days = minutes_to_days(std::max<Minutes>(0, ms.done - ms.due));
      m.milestone_days_late += *ms.lateness_days;
    } else {
      // Never done: late from its due moment to the horizon (0 when due after it).
      m.milestone_days_late += minutes_to_days(std::max<Minutes>(0, H - ms.due));
    }
    m.milestones.push_back(ms);
  }
}

}  // namespace gw::validate::detail
