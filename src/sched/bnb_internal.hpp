// Private to the single-mode branch and bound (bnb.cpp sets it up and runs it in both directions,
// bnb_search.cpp holds the search: the nodes, the bounds and the dominance rules). Not a public
// API.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sched/bnb.hpp"
#include "sched/table_index.hpp"

namespace gw::sched::bnb_detail {

using Mask = std::uint64_t;

class Bnb {
 public:
  Bnb(const Problem& p, int ub, int lb, double max_seconds, std::vector<int> guide,
      TimeBasis basis);
  ExactResult run();

 private:
  [[nodiscard]] int dem(int j, int r) const { return dem_[cell(j, R_, r)]; }

  // Sets of pairwise incompatible jobs (a precedence path, or together above some capacity): their
  // members run one after another, so the remaining work of a set is a bound. Built greedily from
  // every job (longest first), duplicates dropped.
  void build_cliques();
  [[nodiscard]] int cap(int r) const { return p_.cap[static_cast<std::size_t>(r)]; }

  // Can job j (scheduled at start_[j]) start earlier, all other scheduled jobs kept in place?
  bool left_shiftable(int j, Mask sched);

  // Bound on the conflict-free partial schedule decided up to tn: every job not started yet starts
  // at the next decision point or later (heads propagated along the arcs); critical path with these
  // heads, and for every clique the preemptive one-machine bound (Jackson's preemptive schedule on
  // heads, remaining durations and tails).
  int state_bound(int tn);

  // Deadline reasoning for a makespan <= ub - 1: each job not started must start in
  // [head, ub - 1 - tail]; jobs in progress and the compulsory parts [latest start, head +
  // duration) must fit the capacities, and every job must fit somewhere in its window beside the
  // others' compulsory parts (timetabling). Needs head_ from state_bound.
  bool timetable_feasible(int tn);
  struct Entry {
    int t = 0;
    std::vector<std::pair<int, int>> ip;  // (job, finish) in progress after t
  };

  bool dominated_by_cutset(Mask sched, int t);
  void store_cutset(Mask sched, int t);

  // Explores the partial schedule in start_/fin_ (jobs in `sched_`), conflict-free, decided up to
  // t.
  void node(int t);

  // The conflict-free partial schedule at tn: dominance tests, then recursion.
  void child(int tn, const int* newly, int nnew);
  static constexpr std::size_t kMaxEntries = 3'000'000;

  const Problem& p_;
  int n_;
  int R_;
  int ub_;
  int lb_;
  std::vector<int> guide_;  // starts of the incumbent (solution-guided child order); may be empty
  Stopwatch clock_;
  double max_seconds_;
  std::vector<int> dur_, dem_, tail_;
  std::vector<int> start_, fin_;
  std::vector<Mask> pred_mask_;
  std::vector<Mask> cliques_;
  std::vector<int> topo_, head_, prof_;
  std::vector<long long> energy_total_;
  Mask sched_ = 0;
  Mask all_ = 0;
  std::vector<int> best_;
  std::uint64_t nodes_ = 0;
  bool stop_ = false;
  bool timed_out_ = false;
  std::unordered_map<Mask, std::vector<Entry>> cut_;
  std::size_t cut_entries_ = 0;
};

}  // namespace gw::sched::bnb_detail
