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

Csr<std::uint32_t> return_work(const Scenario& s, const TaskSet& ts) {
  const std::size_t n = ts.tasks.size();
  Csr<std::uint32_t> out;
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
  std::vector<std::vector<std::uint32_t>> built_up(s.settlements.size());
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    if (s.hazards[h].built_up.valid())
      built_up[s.hazards[h].built_up.index()].push_back(static_cast<std::uint32_t>(h));
  }
  std::vector<std::uint32_t> mark(n, 0);
  std::vector<std::uint32_t> asset_mark(s.assets.size(), 0);
  std::vector<std::uint32_t> work, stack;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    work.clear();
    if (st.displaced > 0) {
      const auto round = static_cast<std::uint32_t>(i + 1);
      stack.clear();
      auto take = [&](TaskId t) {
        if (mark[t.index()] == round) return;
        mark[t.index()] = round;
        work.push_back(t.value);
        stack.push_back(t.value);
      };
      for (const std::uint32_t h : built_up[i]) {
        for (const TaskId* t = ts.hazard_tasks.begin(h); t != ts.hazard_tasks.end(h); ++t) take(*t);
      }
      for (const std::uint32_t a : essential[i]) {
        for (const std::uint32_t b : supply_chain(s, a)) {
          if (asset_mark[b] == round) continue;
          asset_mark[b] = round;
          for (const TaskId* t = ts.asset_tasks.begin(b); t != ts.asset_tasks.end(b); ++t) take(*t);
        }
      }
      std::int64_t intact = st.dwellings;
      for (const std::int64_t d : st.damaged_dwellings) intact -= d;
      const double room = static_cast<double>(intact) * s.params.household_size -
                          static_cast<double>(st.population - st.displaced);
      if (room < static_cast<double>(st.displaced)) {
        for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t)
          take(*t);
      }
      // The work that must come first: transitive predecessors.
      while (!stack.empty()) {
        const std::uint32_t t = stack.back();
        stack.pop_back();
        for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p) take(*p);
      }
      std::sort(work.begin(), work.end());
    }
    out.push_row(work);
  }
  return out;
}

std::vector<double> return_priorities(const Scenario& s, const Csr<std::uint32_t>& work,
                                      const std::vector<double>& nominal_days,
                                      const std::vector<char>& done) {
  std::vector<double> gain(nominal_days.size(), 0.0);
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    double days = 0;
    for (const std::uint32_t* t = work.begin(i); t != work.end(i); ++t) {
      if (!done[*t]) days += nominal_days[*t];
    }
    if (!(days > 0)) continue;
    const Settlement& st = s.settlements[i];
    const double g = static_cast<double>(st.displaced) * st.weight / days;
    for (const std::uint32_t* t = work.begin(i); t != work.end(i); ++t) {
      if (!done[*t]) gain[*t] += g;
    }
  }
  return gain;
}

}  // namespace gw::plan::dispatcher
