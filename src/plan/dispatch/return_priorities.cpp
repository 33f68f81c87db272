#include "plan/dispatch/return_priorities.hpp"

#include <algorithm>

namespace gw::plan::dispatcher {

std::vector<std::uint32_t> supply_chain(const Scenario& s, std::size_t a) {
  std::vector<std::uint32_t> out{static_cast<std::uint32_t>(a)};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const AssetId d : s.assets[out[i]].depends) {
      if (std::find(out.begin(), out.end(), d.value) == out.end()) out.push_back(d.value);
    }
  }
  return out;
}

std::vector<double> return_priorities(const Scenario& s, const TaskSet& ts,
                                      const std::vector<double>& nominal_days) {
  const std::size_t n = ts.tasks.size();
  std::vector<double> gain(n, 0.0);
  // The essential services' assets serving each settlement.
  std::vector<std::vector<std::uint32_t>> essential(s.settlements.size());
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    const Service sv = s.assets[a].service;
    if (sv != Service::kPower && sv != Service::kWater && sv != Service::kHeat) continue;
    for (const SettlementId st : s.assets[a].served) {
      if (sv == Service::kHeat && s.settlements[st.index()].heating == Heating::kElectric) continue;
      essential[st.index()].push_back(static_cast<std::uint32_t>(a));
    }
  }
  std::vector<std::uint32_t> built_up_first(s.settlements.size() + 1, 0);
  std::vector<std::uint32_t> built_up;  // hazards by settlement
  {
    std::vector<std::vector<std::uint32_t>> rows(s.settlements.size());
    for (std::size_t h = 0; h < s.hazards.size(); ++h) {
      if (s.hazards[h].built_up.valid())
        rows[s.hazards[h].built_up.index()].push_back(static_cast<std::uint32_t>(h));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      built_up.insert(built_up.end(), rows[i].begin(), rows[i].end());
      built_up_first[i + 1] = static_cast<std::uint32_t>(built_up.size());
    }
  }
  std::vector<std::uint32_t> mark(n, 0);
  std::vector<std::uint32_t> asset_mark(s.assets.size(), 0);
  std::vector<std::uint32_t> work;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    if (st.displaced <= 0) continue;
    const auto round = static_cast<std::uint32_t>(i + 1);
    work.clear();
    auto take = [&](TaskId t) {
      if (mark[t.index()] == round) return;
      mark[t.index()] = round;
      work.push_back(t.value);
    };
    for (std::uint32_t k = built_up_first[i]; k < built_up_first[i + 1]; ++k) {
      for (const TaskId* t = ts.hazard_tasks.begin(built_up[k]);
           t != ts.hazard_tasks.end(built_up[k]); ++t)
        take(*t);
    }
    for (const std::uint32_t a : essential[i]) {
      for (const std::uint32_t b : supply_chain(s, a)) {
        if (asset_mark[b] == round) continue;
        asset_mark[b] = round;
        for (const TaskId* t = ts.asset_tasks.begin(b); t != ts.asset_tasks.end(b); ++t) take(*t);
      }
    }
    // Housing, when the intact dwellings cannot take everyone back.
    std::int64_t intact = st.dwellings;
    for (const std::int64_t d : st.damaged_dwellings) intact -= d;
    const double room = static_cast<double>(intact) * s.params.household_size -
                        static_cast<double>(st.population - st.displaced);
    if (room < static_cast<double>(st.displaced)) {
      for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) take(*t);
    }
    double days = 0;
    for (const std::uint32_t t : work) days += nominal_days[t];
    if (!(days > 0)) continue;
    const double g = static_cast<double>(st.displaced) * st.weight / days;
    for (const std::uint32_t t : work) gain[t] += g;
  }
  return gain;
}

}  // namespace gw::plan::dispatcher
