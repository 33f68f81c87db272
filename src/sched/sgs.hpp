// Schedule generation schemes over a Problem with a time-indexed resource profile: serial SGS,
// parallel SGS and forward-backward improvement (double justification, Valls et al. 2005).
// No allocation after construction; one Sgs per thread.
#pragma once

#include <cstdint>
#include <vector>

#include "sched/problem.hpp"

namespace gw::sched {

class Sgs {
 public:
  explicit Sgs(const Problem& p);

  // Serial SGS: jobs in list order (must be precedence-feasible), each at its earliest
  // precedence- and resource-feasible start. `modes` holds a compiled mode per job. Writes start
  // times and returns the makespan.
  int serial(const int* order, const int* modes, int* start);
  // Parallel SGS: advances a decision time and starts, in list order, every eligible job that fits.
  int parallel(const int* order, const int* modes, int* start);
  // Double justification of the feasible schedule in `start`: right-justify every job in order of
  // decreasing finish, then left-justify in order of increasing start. Never worse. Writes the new
  // start times and the list of jobs sorted by them (a precedence-feasible list that decodes back to
  // the same schedule) and returns the makespan.
  int justify(const int* modes, int* start, int* order_out);

  [[nodiscard]] const Problem& problem() const { return p_; }

 private:
  template <bool Backward>
  int serial_impl(const int* order, const int* modes, int* start);
  void reset();
  int earliest_fit(int t, int d, int slot) const;
  void book(int t, int d, int slot);
  void sort_by_key(int* out);

  const Problem& p_;
  std::vector<int> avail_;  // remaining capacity, period-major: avail_[t * R + r]
  int touched_ = 0;         // periods [0, touched_) may differ from capacity
  int periods_ = 0;
  std::vector<int> tmp_;
  std::vector<std::uint64_t> keys_;
};

}  // namespace gw::sched
