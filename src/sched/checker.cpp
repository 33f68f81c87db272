#include "sched/checker.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace gw::sched {

CheckReport check_schedule(const Instance& inst, const std::vector<int>& starts,
                           const std::vector<int>& modes) {
  CheckReport rep;
  auto err = [&](std::string s) {
    rep.ok = false;
    if (rep.errors.size() < 50) rep.errors.push_back(std::move(s));
  };
  const std::size_t n = inst.jobs.size();
  if (starts.size() != n || modes.size() != n) {
    err("expected " + std::to_string(n) + " starts and modes, got " +
        std::to_string(starts.size()) + " and " + std::to_string(modes.size()));
    return rep;
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (modes[j] < 0 || static_cast<std::size_t>(modes[j]) >= inst.jobs[j].modes.size()) {
      err("job " + std::to_string(j + 1) + ": mode " + std::to_string(modes[j] + 1) +
          " does not exist");
    }
    if (starts[j] < 0) err("job " + std::to_string(j + 1) + " starts before time 0");
  }
  if (!rep.ok) return rep;
  auto dur = [&](std::size_t j) {
    return inst.jobs[j].modes[static_cast<std::size_t>(modes[j])].duration;
  };
  int horizon = 0;
  for (std::size_t j = 0; j < n; ++j) horizon = std::max(horizon, starts[j] + dur(j));
  rep.makespan = horizon;
  // Precedence: each successor starts no earlier than its predecessor finishes.
  for (std::size_t j = 0; j < n; ++j) {
    for (int s : inst.jobs[j].successors) {
      if (starts[static_cast<std::size_t>(s)] < starts[j] + dur(j)) {
        err("precedence " + std::to_string(j + 1) + " -> " + std::to_string(s + 1) +
            " violated: " + std::to_string(j + 1) + " finishes at " +
            std::to_string(starts[j] + dur(j)) + ", " + std::to_string(s + 1) + " starts at " +
            std::to_string(starts[static_cast<std::size_t>(s)]));
      }
    }
  }
  // Renewable resources: a sweep over the start and finish events, in O(n log n) per resource
  // rather than a loop over every period (a long chain of long jobs made that hours). The use is
  // constant between consecutive event times; each overloaded stretch is reported once, at its
  // first period.
  std::vector<std::pair<int, long long>> ev;
  ev.reserve(2 * n);
  for (std::size_t r = 0; r < inst.renewable_capacity.size(); ++r) {
    ev.clear();
    for (std::size_t j = 0; j < n; ++j) {
      const int q = inst.jobs[j].modes[static_cast<std::size_t>(modes[j])].renewable[r];
      if (q == 0 || dur(j) == 0) continue;
      ev.emplace_back(starts[j], q);
      ev.emplace_back(starts[j] + dur(j), -q);
    }
    std::sort(ev.begin(), ev.end());
    long long used = 0;
    bool over = false;
    for (std::size_t i = 0; i < ev.size();) {
      const int t = ev[i].first;
      for (; i < ev.size() && ev[i].first == t; ++i) used += ev[i].second;
      const bool now = used > inst.renewable_capacity[r];
      if (now && !over) {
        err("renewable resource " + std::to_string(r + 1) + " over capacity in period " +
            std::to_string(t) + ": " + std::to_string(used) + " > " +
            std::to_string(inst.renewable_capacity[r]));
      }
      over = now;
    }
  }
  // Non-renewable budgets over the whole project.
  for (std::size_t r = 0; r < inst.nonrenewable_capacity.size(); ++r) {
    long long used = 0;
    for (std::size_t j = 0; j < n; ++j) {
      used += inst.jobs[j].modes[static_cast<std::size_t>(modes[j])].nonrenewable[r];
    }
    if (used > inst.nonrenewable_capacity[r]) {
      err("non-renewable resource " + std::to_string(r + 1) + " over budget: " +
          std::to_string(used) + " > " + std::to_string(inst.nonrenewable_capacity[r]));
    }
  }
  return rep;
}

}  // namespace gw::sched
