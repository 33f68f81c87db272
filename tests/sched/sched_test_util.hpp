// Helpers shared by the sched tests: small made-up PSPLIB texts and the shared-data location.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "sched/instance.hpp"

namespace gw::sched::test {

inline std::string shared_dir() {
  if (const char* e = std::getenv("GW_SHARED_DIR")) return e;
  return GW_SHARED_DIR;
}

inline std::string psplib_dir() { return shared_dir() + "/benchmarks/psplib"; }

// A 5-job single-mode instance (3 real jobs, one resource of capacity 3). Optimum 7: jobs 2 and 3
// (demand 2 each) cannot overlap; job 4 (demand 1) runs alongside.
inline const char* kSmallSm =
    R"(************************************************************************
file with basedata            : made_up.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  10
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      3      0       4        0       4
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          3           2   3   4
   2        1          1           5
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     4       2
  4      1     3       1
  5      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1
    3
************************************************************************
)";

// A multi-mode instance: 2 real jobs with 2 modes each, one renewable (capacity 1) and one
// non-renewable resource. Fast modes cost 3 units of N1 each; the budget `budget` decides what is
// possible: 6 -> both fast (makespan 2 in series), 4 -> one fast one slow (1 + 3 = 4), 2 -> both
// slow (6), 1 -> infeasible.
inline std::string small_mm(int budget) {
  return std::string(R"(************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  8
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  1   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        2          1           4
   3        2          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  N 1
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     1       1    3
         2     3       1    1
  3      1     1       1    3
         2     3       1    1
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  N 1
    1    )") +
         std::to_string(budget) + R"(
************************************************************************
)";
}

// Naive optimum for fixed modes (0-based, `modes[j]` of job j): every precedence-feasible list,
// each job at its earliest feasible start (the set of such schedules contains an optimum).
inline int brute_force_makespan(const Instance& inst, const std::vector<int>& modes) {
  const int n = inst.num_jobs();
  const int R = inst.num_renewable();
  auto mode = [&](int j) -> const Mode& {
    return inst.jobs[static_cast<std::size_t>(j)]
        .modes[static_cast<std::size_t>(modes[static_cast<std::size_t>(j)])];
  };
  std::vector<int> npred(static_cast<std::size_t>(n), 0);
  for (const Job& j : inst.jobs) {
    for (int s : j.successors) ++npred[static_cast<std::size_t>(s)];
  }
  std::vector<int> start(static_cast<std::size_t>(n), -1);
  int best = 1 << 30;
  std::function<void(int)> rec = [&](int placed) {
    if (placed == n) {
      int ms = 0;
      for (int j = 0; j < n; ++j)
        ms = std::max(ms, start[static_cast<std::size_t>(j)] + mode(j).duration);
      best = std::min(best, ms);
      return;
    }
    for (int j = 0; j < n; ++j) {
      if (start[static_cast<std::size_t>(j)] >= 0 || npred[static_cast<std::size_t>(j)] != 0)
        continue;
      const Mode& mj = mode(j);
      int es = 0;
      for (int i = 0; i < n; ++i) {
        if (start[static_cast<std::size_t>(i)] < 0) continue;
        const auto& sc = inst.jobs[static_cast<std::size_t>(i)].successors;
        if (std::find(sc.begin(), sc.end(), j) != sc.end())
          es = std::max(es, start[static_cast<std::size_t>(i)] + mode(i).duration);
      }
      for (int t = es;; ++t) {
        bool ok = true;
        for (int u = t; u < t + mj.duration && ok; ++u) {
          for (int r = 0; r < R && ok; ++r) {
            int use = mj.renewable[static_cast<std::size_t>(r)];
            for (int i = 0; i < n; ++i) {
              const int si = start[static_cast<std::size_t>(i)];
              if (si >= 0 && si <= u && u < si + mode(i).duration)
                use += mode(i).renewable[static_cast<std::size_t>(r)];
            }
            ok = use <= inst.renewable_capacity[static_cast<std::size_t>(r)];
          }
        }
        if (ok) {
          start[static_cast<std::size_t>(j)] = t;
          break;
        }
      }
      for (int s : inst.jobs[static_cast<std::size_t>(j)].successors)
        --npred[static_cast<std::size_t>(s)];
      rec(placed + 1);
      for (int s : inst.jobs[static_cast<std::size_t>(j)].successors)
        ++npred[static_cast<std::size_t>(s)];
      start[static_cast<std::size_t>(j)] = -1;
    }
  };
  rec(0);
  return best;
}

// A random project: source, `real` jobs with `nmodes` modes each (durations 1-6, two renewable
// resources), sink; arcs forward only. With `budgets`, two non-renewable resources whose
// capacities sit between the cheapest and the dearest total use, so that the budgets bind.
inline Instance random_project(std::mt19937& rng, int real, int nmodes, bool budgets) {
  const int n = real + 2;
  Instance inst;
  inst.renewable_capacity = {4, 3};
  if (budgets) inst.nonrenewable_capacity = {0, 0};
  inst.jobs.resize(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j) {
    const bool dummy = j == 0 || j == n - 1;
    for (int m = 0; m < (dummy ? 1 : nmodes); ++m) {
      Mode md;
      md.duration = dummy ? 0 : 1 + static_cast<int>(rng() % 6);
      md.renewable = {dummy ? 0 : static_cast<int>(rng() % 5),
                      dummy ? 0 : static_cast<int>(rng() % 4)};
      if (budgets)
        md.nonrenewable = {dummy ? 0 : static_cast<int>(rng() % 6),
                           dummy ? 0 : static_cast<int>(rng() % 6)};
      inst.jobs[static_cast<std::size_t>(j)].modes.push_back(md);
    }
  }
  for (int j = 1; j < n - 1; ++j) {
    bool has_pred = false;
    for (int i = 1; i < j; ++i) {
      if (rng() % 4 == 0) {
        inst.jobs[static_cast<std::size_t>(i)].successors.push_back(j);
        has_pred = true;
      }
    }
    if (!has_pred) inst.jobs[0].successors.push_back(j);
  }
  for (int j = 1; j < n - 1; ++j) {
    if (inst.jobs[static_cast<std::size_t>(j)].successors.empty())
      inst.jobs[static_cast<std::size_t>(j)].successors.push_back(n - 1);
  }
  if (budgets) {
    for (int r = 0; r < 2; ++r) {
      int lo = 0;
      int hi = 0;
      for (const Job& jb : inst.jobs) {
        int a = 1 << 20;
        int b = 0;
        for (const Mode& md : jb.modes) {
          a = std::min(a, md.nonrenewable[static_cast<std::size_t>(r)]);
          b = std::max(b, md.nonrenewable[static_cast<std::size_t>(r)]);
        }
        lo += a;
        hi += b;
      }
      inst.nonrenewable_capacity[static_cast<std::size_t>(r)] =
          lo + (hi - lo) * (1 + static_cast<int>(rng() % 3)) / 5;
    }
  }
  return inst;
}

// Naive multi-mode optimum: every mode assignment within the budgets, each solved naively.
// Returns -1 when no assignment fits the budgets.
inline int brute_force_multi_mode(const Instance& inst) {
  const int n = inst.num_jobs();
  const int N = inst.num_nonrenewable();
  std::vector<int> modes(static_cast<std::size_t>(n), 0);
  int best = -1;
  std::function<void(int)> rec = [&](int j) {
    if (j == n) {
      for (int r = 0; r < N; ++r) {
        int use = 0;
        for (int k = 0; k < n; ++k)
          use += inst.jobs[static_cast<std::size_t>(k)]
                     .modes[static_cast<std::size_t>(modes[static_cast<std::size_t>(k)])]
                     .nonrenewable[static_cast<std::size_t>(r)];
        if (use > inst.nonrenewable_capacity[static_cast<std::size_t>(r)]) return;
      }
      const int ms = brute_force_makespan(inst, modes);
      if (best < 0 || ms < best) best = ms;
      return;
    }
    for (std::size_t m = 0; m < inst.jobs[static_cast<std::size_t>(j)].modes.size(); ++m) {
      modes[static_cast<std::size_t>(j)] = static_cast<int>(m);
      rec(j + 1);
    }
  };
  rec(0);
  return best;
}

}  // namespace gw::sched::test
