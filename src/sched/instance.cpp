#include "sched/instance.hpp"

#include <algorithm>
#include <string>

#include "model/error.hpp"

namespace gw::sched {

bool Instance::multi_mode() const {
  for (const Job& j : jobs) {
    if (j.modes.size() > 1) return true;
  }
  return false;
}

std::vector<int> topological_order(const Instance& inst) {
  const int n = inst.num_jobs();
  std::vector<int> indeg(n, 0);
  for (const Job& j : inst.jobs) {
    for (int s : j.successors) {
      if (s < 0 || s >= n) throw Error(ErrorCode::kInvalidInput, "successor index out of range");
      ++indeg[s];
    }
  }
  std::vector<int> order;
  order.reserve(n);
  for (int i = 0; i < n; ++i) {
    if (indeg[i] == 0) order.push_back(i);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (int s : inst.jobs[order[k]].successors) {
      if (--indeg[s] == 0) order.push_back(s);
    }
  }
  if (static_cast<int>(order.size()) != n) {
    throw Error(ErrorCode::kInvalidInput,
                "instance '" + inst.name + "': precedence relations contain a cycle");
  }
  return order;
}

void validate(const Instance& inst) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::kInvalidInput, "instance '" + inst.name + "': " + what);
  };
  if (inst.jobs.empty()) fail("no jobs");
  for (int c : inst.renewable_capacity) {
    if (c < 0) fail("negative renewable capacity");
  }
  for (int c : inst.nonrenewable_capacity) {
    if (c < 0) fail("negative non-renewable capacity");
  }
  for (std::size_t j = 0; j < inst.jobs.size(); ++j) {
    const Job& job = inst.jobs[j];
    const std::string jn = "job " + std::to_string(j + 1);
    if (job.modes.empty()) fail(jn + " has no mode");
    for (const Mode& m : job.modes) {
      if (m.duration < 0) fail(jn + " has a negative duration");
      if (m.renewable.size() != inst.renewable_capacity.size())
        fail(jn + ": wrong number of renewable demands");
      if (m.nonrenewable.size() != inst.nonrenewable_capacity.size())
        fail(jn + ": wrong number of non-renewable demands");
      for (int d : m.renewable) {
        if (d < 0) fail(jn + " has a negative demand");
      }
      for (int d : m.nonrenewable) {
        if (d < 0) fail(jn + " has a negative demand");
      }
    }
    for (int s : job.successors) {
      if (s < 0 || s >= inst.num_jobs()) fail(jn + " has a successor out of range");
      if (static_cast<std::size_t>(s) == j) fail(jn + " succeeds itself");
    }
  }
  long long horizon = 0;
  for (const Job& job : inst.jobs) {
    int mx = 0;
    for (const Mode& m : job.modes) mx = std::max(mx, m.duration);
    horizon += mx;
  }
  if (horizon > kMaxHorizon) {
    throw Error(ErrorCode::kUnsupported,
                "instance '" + inst.name + "': the sum over jobs of the longest duration is " +
                    std::to_string(horizon) + " periods, above the engine's limit of " +
                    std::to_string(kMaxHorizon));
  }
  (void)topological_order(inst);
}

}  // namespace gw::sched
