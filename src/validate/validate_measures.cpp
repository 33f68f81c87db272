// The validator's measures and objective (docs/model.md §7, docs/scenario.md "Objective"),
// recomputed from the plan's end times and the edges' opening times: access, projects and
// services, land, roads (return and milestones are in validate_return.cpp).
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

Measures Validator::measures() {
  Measures m;
  measure_access(m);
  measure_services(m);
  measure_land(m);
  measure_return(m);
  measure_milestones(m);
  Minutes last = 0;
  for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
    if (chosen_[t] != kNone) last = std::max(last, plan_.assignments[chosen_[t]].end);
  }
  m.makespan_days = minutes_to_days(last);
  m.objective = objective_of(m);
  return m;
}

void Validator::measure_access(Measures& m) {
  const std::size_t ns = sc_.settlements.size();
  // Access: sweep edges by opening time; a component gains access when it joins a hub's.
  m.settlement_access.assign(ns, kNever);
  {
    Dsu dsu(rn_.num_nodes());
    std::vector<char> hub(rn_.num_nodes(), 0);
    for (auto n : hub_node_) {
      if (n != kNone) hub[n] = 1;
    }
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> waiting;  // root -> settlements
    for (std::uint32_t s = 0; s < ns; ++s) {
      const auto n = settlement_node_[s];
      if (n == kNone) continue;
      if (hub[n]) {
        m.settlement_access[s] = 0;
      } else {
        waiting[n].push_back(s);
      }
    }
    for (auto e : edges_by_open_) {
      const auto [keep, gone] = dsu.unite(static_cast<std::uint32_t>(rn_.edge_from[e].index()),
                                          static_cast<std::uint32_t>(rn_.edge_to[e].index()));
      if (keep == gone) continue;
      const bool hk = hub[keep] != 0;
      const bool hg = hub[gone] != 0;
      if (hk != hg) {
        const std::uint32_t dark = hk ? gone : keep;
        if (auto it = waiting.find(dark); it != waiting.end()) {
          for (auto s : it->second) m.settlement_access[s] = open_[e];
          waiting.erase(it);
        }
        hub[keep] = 1;
      } else if (!hk) {
        if (auto it = waiting.find(gone); it != waiting.end()) {
          auto moved = std::move(it->second);
          waiting.erase(it);
          auto& into = waiting[keep];
          if (into.size() < moved.size()) std::swap(into, moved);
          into.insert(into.end(), moved.begin(), moved.end());
        }
      }
    }
  }
  std::vector<std::uint32_t> by_access(ns);
  std::iota(by_access.begin(), by_access.end(), 0u);
  std::stable_sort(by_access.begin(), by_access.end(), [&](std::uint32_t a, std::uint32_t b) {
    return m.settlement_access[a] < m.settlement_access[b];
  });
  for (std::uint32_t s = 0; s < ns; ++s) {
    const auto pop = sc_.settlements[s].population;
    m.population_total += pop;
    m.people_days_without_access += static_cast<double>(pop) * clip_days(m.settlement_access[s]);
    m.weighted_people_days_without_access +=
        static_cast<double>(pop) * sc_.settlements[s].weight * clip_days(m.settlement_access[s]);
  }
  {
    std::int64_t cum = 0;
    std::array<std::optional<double>*, 3> out{&m.days_to_access_50, &m.days_to_access_90,
                                              &m.days_to_access_100};
    const std::array<std::int64_t, 3> pct{50, 90, 100};
    for (std::size_t k = 0; k < 3; ++k) {
      if (m.population_total == 0) *out[k] = 0.0;
    }
    for (auto s : by_access) {
      if (m.settlement_access[s] == kNever) break;
      cum += sc_.settlements[s].population;
      for (std::size_t k = 0; k < 3; ++k) {
        if (!*out[k] && cum * 100 >= pct[k] * m.population_total) {
          *out[k] = minutes_to_days(m.settlement_access[s]);
        }
      }
    }
  }
}

void Validator::measure_services(Measures& m) {
  const std::size_t ns = sc_.settlements.size();
  const std::size_t na = sc_.assets.size();
  // A project is done when its last package ends (a missing or unassigned one: never).
  m.asset_done.assign(na, 0);
  for (std::uint32_t a = 0; a < na; ++a) {
    for (const auto& st : asset_steps_[a]) {
      for (auto t : st.task) m.asset_done[a] = std::max(m.asset_done[a], end_of(t));
    }
  }
  // An asset works once it and, recursively, everything it depends on work.
  std::vector<Minutes> works(na, -1);
  std::vector<char> visiting(na, 0);
  auto works_from = [&](auto&& self, std::uint32_t a) -> Minutes {
    if (works[a] >= 0) return works[a];
    if (visiting[a]) return 0;  // a cycle (reported by derive_assets) adds nothing more
    visiting[a] = 1;
    Minutes r = m.asset_done[a];
    for (auto d : asset_deps_[a]) r = std::max(r, self(self, d));
    visiting[a] = 0;
    return works[a] = r;
  };
  for (std::uint32_t a = 0; a < na; ++a) works_from(works_from, a);
  m.asset_works = works;

  auto& restored = m.service_restored;
  for (auto x : kRestorableServices) restored[static_cast<std::size_t>(x)].assign(ns, 0);
  for (std::uint32_t a = 0; a < na; ++a) {
    const Asset& asset = sc_.assets[a];
    const auto k = static_cast<std::size_t>(asset.service);
    if (asset.service == Service::kNone || k >= kServiceCount) continue;
    for (const auto& sid : asset.serves) {
      auto it = settlement_by_id_.find(sid);
      if (it == settlement_by_id_.end()) {
        sink_.add(cat("asset ", asset.id, ": serves '", sid, "', which is not a settlement"));
        continue;
      }
      restored[k][it->second] = std::max(restored[k][it->second], works[a]);
    }
  }
  const auto power = static_cast<std::size_t>(Service::kPower);
  const auto heat = static_cast<std::size_t>(Service::kHeat);
  // An electrically heated settlement's heat is its power: the heat assets that list it are
  // ignored.
  for (std::uint32_t s = 0; s < ns; ++s) {
    if (sc_.settlements[s].heating == Heating::kElectric) restored[heat][s] = restored[power][s];
  }
  for (std::uint32_t s = 0; s < ns; ++s) {
    for (auto x : kRestorableServices) {
      const auto k = static_cast<std::size_t>(x);
      const double pd =
          static_cast<double>(sc_.settlements[s].population) * clip_days(restored[k][s]);
      m.people_days_without_service[k] += pd;
      m.weighted_people_days_without_service[k] += pd * sc_.settlements[s].weight;
    }
  }
}

void Validator::measure_land(Measures& m) {
  // Roads: every edge's closed days, by its length and weight.
  for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
    const double weight = e < rn_.edge_weight.size() ? rn_.edge_weight[e] : 1.0;
    m.road_km_days_closed += rn_.edge_length_m[e] / 1000 * weight * clip_days(open_[e]);
  }

  // Land.
  double cancelled = 0;
  double cleared = 0;
  for (std::uint32_t h = 0; h < hz_.size(); ++h) {
    const HazardInfo& hi = hz_[h];
    if (hi.cancelled) {
      const bool done = std::any_of(hi.surveys.begin(), hi.surveys.end(),
                                    [&](std::uint32_t t) { return chosen_[t] != kNone; });
      if (done) cancelled += sc_.hazards[h].area_m2;
      continue;
    }
    for (const auto& [e, part] : hi.parts) {
      if (part.packages == 0) continue;
      std::map<std::uint32_t, bool> done;
      for (auto t : part.tasks) {
        if (!is_final(tasks_[t].kind)) continue;
        done[tasks_[t].package] = done[tasks_[t].package] || chosen_[t] != kNone;
      }
      const auto n_done = static_cast<double>(
          std::count_if(done.begin(), done.end(), [](const auto& kv) { return kv.second; }));
      if (part.mine >= 0 && part.area_ok) {
        cleared += part.mine * n_done / static_cast<double>(part.packages);
      } else if (part.area_ok) {  // my area unknown: the declared works of the finished packages
        for (auto t : part.tasks) {
          if (is_final(tasks_[t].kind) && chosen_[t] != kNone) cleared += tasks_[t].work;
        }
      }
    }
  }
  m.hectares_cancelled = cancelled / 10000;
  m.hectares_released = (cancelled + cleared) / 10000;

  // Land still contaminated, in hectare-days by land use.
  for (std::uint32_t h = 0; h < hz_.size(); ++h) {
    const HazardInfo& hi = hz_[h];
    double& slot = m.hectare_days_contaminated[static_cast<std::size_t>(sc_.hazards[h].land_use)];
    if (hi.cancelled) {
      Minutes done = kNever;
      for (auto t : hi.surveys) done = std::min(done, end_of(t));
      slot += sc_.hazards[h].area_m2 / 10000 * clip_days(done);
      continue;
    }
    for (auto t : hi.work_tasks) {
      if (is_final(tasks_[t].kind)) slot += tasks_[t].work / 10000 * clip_days(end_of(t));
    }
  }
}

double Validator::objective_of(const Measures& m) const {
  const Objective& o = P_.objective;
  if (o.kind == ObjectiveKind::kAccess) return m.people_days_without_access;
  if (o.kind == ObjectiveKind::kMakespan) return m.makespan_days;
  if (o.kind == ObjectiveKind::kReturn) return m.people_days_displaced;
  double v = o.weights.access_people_day * m.weighted_people_days_without_access +
             o.weights.road_km_day * m.road_km_days_closed +
             o.weights.return_people_day * m.weighted_people_days_displaced +
             o.weights.milestone_day * m.milestone_days_late;
  for (std::size_t k = 0; k < m.hectare_days_contaminated.size(); ++k)
    v += o.weights.land_hectare_day[k] * m.hectare_days_contaminated[k];
  for (std::size_t k = 1; k < m.weighted_people_days_without_service.size(); ++k)
    v += o.weights.service_people_day[k] * m.weighted_people_days_without_service[k];
  return v;
}

}  // namespace gw::validate::detail
