#include "plan/dispatch/return_priorities.hpp"

#include <algorithm>
#include <cmath>

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

ReturnWork return_work(const Scenario& s, const TaskSet& ts) {
  const std::size_t n = ts.tasks.size();
  ReturnWork out;
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
  std::vector<std::uint32_t> gate, housing, stack;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    gate.clear();
    housing.clear();
    if (st.displaced > 0) {
      const auto round = static_cast<std::uint32_t>(i + 1);
      stack.clear();
      auto take = [&](TaskId t) {
        if (mark[t.index()] == round) return;
        mark[t.index()] = round;
        gate.push_back(t.value);
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
      // The housing's own predecessors (built-up hazards) are in the gate already; the housing
      // packages are the chain's second part.
      for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) {
        housing.push_back(t->value);
        for (const TaskId* p = ts.preds.begin(t->index()); p != ts.preds.end(t->index()); ++p)
          take(*p);
      }
      while (!stack.empty()) {  // the work that must come first: transitive predecessors
        const std::uint32_t t = stack.back();
        stack.pop_back();
        for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p) take(*p);
      }
      std::sort(gate.begin(), gate.end());
    }
    out.gate.push_row(gate);
    out.housing.push_row(housing);
  }
  return out;
}

std::vector<double> return_priorities(const Scenario& s, const TaskSet& ts, const ReturnWork& work,
                                      const std::vector<double>& nominal_days,
                                      const std::vector<char>& done,
                                      const std::vector<float>* settlement_factor,
                                      const std::vector<double>* ends, double slack_days) {
  const bool look_ahead = ends != nullptr && slack_days > 0;
  std::vector<double> gain(nominal_days.size(), 0.0);
  struct Package {
    double people, days, ratio;
    std::uint32_t task;
  };
  std::vector<Package> packages;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    if (st.displaced <= 0) continue;
    double gate_days = 0, gate_end = 0;
    for (const std::uint32_t* t = work.gate.begin(i); t != work.gate.end(i); ++t) {
      if (done[*t]) continue;
      gate_days += nominal_days[*t];
      if (look_ahead) gate_end = std::max(gate_end, (*ends)[*t]);
    }
    auto discount = [&](double end) {
      return look_ahead ? std::exp(-std::max(0.0, gate_end - end) / slack_days) : 1.0;
    };
    // People the dwellings habitable now can take back, and those still needing housing.
    std::int64_t habitable = st.dwellings;
    for (const std::int64_t d : st.damaged_dwellings) habitable -= d;
    packages.clear();
    for (const std::uint32_t* t = work.housing.begin(i); t != work.housing.end(i); ++t) {
      if (done[*t]) {
        habitable += ts.tasks[*t].dwellings;
      } else {
        const double people = static_cast<double>(ts.tasks[*t].dwellings) * s.params.household_size;
        packages.push_back(
            {people, nominal_days[*t], people / std::max(nominal_days[*t], 1e-9), *t});
      }
    }
    const auto displaced = static_cast<double>(st.displaced);
    const double back_at_gate =
        std::clamp(static_cast<double>(habitable) * s.params.household_size -
                       static_cast<double>(st.population - st.displaced),
                   0.0, displaced);
    double need = displaced - back_at_gate;
    // The packages worth most per day first, each counting only the people still in need.
    std::sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
      return a.ratio != b.ratio ? a.ratio > b.ratio : a.task < b.task;
    });
    for (Package& k : packages) {
      k.people = std::min(k.people, need);
      need -= k.people;
    }
    // The chain's best prefix: the gate with the first k packages.
    double people = back_at_gate, days = gate_days, best = gate_days > 0 ? people / gate_days : 0;
    std::size_t prefix = 0;
    for (std::size_t k = 0; k < packages.size() && packages[k].people > 0; ++k) {
      people += packages[k].people;
      days += packages[k].days;
      if (days > 0 && people / days > best) {
        best = people / days;
        prefix = k + 1;
      }
    }
    const double w =
        st.weight *
        (settlement_factor != nullptr ? static_cast<double>((*settlement_factor)[i]) : 1.0);
    if (gate_days > 0) {
      for (const std::uint32_t* t = work.gate.begin(i); t != work.gate.end(i); ++t) {
        if (!done[*t]) gain[*t] += best * w * (look_ahead ? discount((*ends)[*t]) : 1.0);
      }
    }
    for (std::size_t k = 0; k < packages.size(); ++k) {
      const double r = k < prefix && gate_days > 0
                           ? best
                           : packages[k].people / std::max(packages[k].days, 1e-9);
      gain[packages[k].task] += r * w * discount(packages[k].days);
    }
  }
  return gain;
}

void estimate_ends(const TaskSet& ts, const std::vector<std::uint32_t>& order,
                   const std::vector<double>& nominal_days, const std::vector<char>& done,
                   const std::vector<Minutes>& end_min, Minutes now_min, std::vector<double>& out) {
  out.assign(ts.tasks.size(), 0.0);
  for (const std::uint32_t t : order) {
    if (done[t]) continue;
    if (end_min[t] >= 0) {
      out[t] = static_cast<double>(std::max<Minutes>(0, end_min[t] - now_min)) / 1440.0;
      continue;
    }
    double start = 0;
    for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p)
      start = std::max(start, out[p->index()]);
    out[t] = start + nominal_days[t];
  }
}

}  // namespace gw::plan::dispatcher
