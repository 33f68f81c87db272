// Schedule generation schemes over a Problem with a time-indexed resource profile: serial SGS,
// parallel SGS and forward-backward improvement (double justification, Valls et al. 2005).
// No allocation after construction; one Sgs per thread.
//
// The profile packs the remaining capacities of one period into 64-bit words, one lane per
// renewable resource (16-bit lanes when every capacity is below 2^15, else 32-bit), each lane
// with a guard bit: "does this mode fit in period t" is then one subtract-and-mask per word
// (SWAR) instead of a loop over the resources.
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
  // start times and the list of jobs sorted by them (a precedence-feasible list that decodes back
  // to the same schedule) and returns the makespan.
  int justify(const int* modes, int* start, int* order_out);

  [[nodiscard]] const Problem& problem() const { return p_; }

 private:
  template <bool Backward>
  int serial_impl(const int* order, const int* modes, int* start);
  void reset();
  [[nodiscard]] bool fits(int tau, const std::uint64_t* dem) const;
  int earliest_fit(int t, int d, int slot) const;
  void book(int t, int d, int slot);
  // Jobs sorted by key[j] (small non-negative integers), ties by topological rank (ascending, or
  // descending when `reverse_rank`): a counting sort.
  void sort_by_key(const int* key, bool reverse_rank, int* out);

  const Problem& p_;
  int words_ = 1;                         // profile words per period
  std::uint64_t guard_ = 0;               // the guard bit of every lane
  std::vector<std::uint64_t> cap_words_;  // words_: full capacity
  std::vector<std::uint64_t> dem_words_;  // (n*M) * words_: packed demand per job-mode slot
  std::vector<char> uses_;                // slot needs some renewable resource
  std::vector<std::uint64_t> avail_;      // remaining capacity, periods * words_
  int touched_ = 0;                       // periods [0, touched_) may differ from capacity
  int periods_ = 0;
  std::vector<int> tmp_;
  std::vector<int> key_;
  std::vector<int> count_;
  std::vector<int> topo_;  // jobs by increasing rank
};

}  // namespace gw::sched
