// A resource-constrained project scheduling instance as plain data (single- or multi-mode).
// No geography, no I/O: readers live in src/io, callers build Instances directly for their own
// project networks (a bridge, a school, a clinic...).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gw::sched {

// One way to execute a job: a duration and per-period demands on the renewable resources, plus a
// one-off consumption of each non-renewable resource (a budget for the whole project).
struct Mode {
  int duration = 0;
  std::vector<int> renewable;     // size = Instance::renewable_capacity.size()
  std::vector<int> nonrenewable;  // size = Instance::nonrenewable_capacity.size()
};

struct Job {
  std::vector<Mode> modes;      // at least one
  std::vector<int> successors;  // 0-based job indices, finish-to-start, zero lag
};

// Jobs are 0-based. Job 0 is conventionally the dummy source and the last job the dummy sink, but
// the engine does not rely on it: the makespan is the latest finish of any job.
struct Instance {
  std::string name;
  std::vector<int> renewable_capacity;
  std::vector<int> nonrenewable_capacity;
  std::vector<Job> jobs;

  [[nodiscard]] int num_jobs() const { return static_cast<int>(jobs.size()); }
  [[nodiscard]] int num_renewable() const { return static_cast<int>(renewable_capacity.size()); }
  [[nodiscard]] int num_nonrenewable() const {
    return static_cast<int>(nonrenewable_capacity.size());
  }
  [[nodiscard]] bool multi_mode() const;
};

// The engine keeps a time-indexed resource profile up to the horizon, the sum over jobs of the
// longest mode (an upper bound on any schedule it generates): a few words per period and thread.
// validate() rejects a longer horizon (kUnsupported) rather than let a long chain of long jobs
// allocate gigabytes or overflow an int.
inline constexpr long long kMaxHorizon = 2000000;

// A schedule: start time and 0-based mode of every job.
struct Schedule {
  std::vector<int> starts;
  std::vector<int> modes;
};

// Throws gw::Error(kInvalidInput) when the data are inconsistent: sizes, negative values, arcs to
// unknown jobs, precedence cycles; kUnsupported when the horizon exceeds kMaxHorizon. Capacity
// violations by a single mode are not an error here (such modes are simply unusable; an instance
// with no usable mode for a job is infeasible).
void validate(const Instance& inst);

// A topological order of the jobs (throws kInvalidInput on a cycle).
std::vector<int> topological_order(const Instance& inst);

}  // namespace gw::sched
