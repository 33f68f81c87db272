// The exact branch and bound (bnb.hpp) against the small hand-made instance and against a naive
// brute force (every precedence-feasible list through a naive serial schedule generation: the set of
// such schedules contains an optimum) on random small projects, so that a wrong bound or dominance
// rule shows up as a makespan above the true optimum.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "io/psplib.hpp"
#include "sched/bnb.hpp"
#include "sched/checker.hpp"
#include "sched/problem.hpp"
#include "sched/solver.hpp"
#include "sched_test_util.hpp"

namespace gw::sched::test {
namespace {

TEST(BranchAndBound, SmallInstanceProvenOptimal) {
  const Instance inst = io::parse_psplib(kSmallSm, "s.sm");
  const Problem p = compile(inst);
  const ExactResult r = branch_and_bound(p, 11, 0, 5.0);
  ASSERT_TRUE(r.applicable);
  EXPECT_TRUE(r.complete);
  ASSERT_TRUE(r.improved);
  EXPECT_EQ(r.makespan, 7);
  const std::vector<int> modes(5, 0);
  const auto rep = check_schedule(inst, r.starts, modes);
  EXPECT_TRUE(rep.ok);
  EXPECT_EQ(rep.makespan, 7);
  // Nothing below the optimum: a complete search that finds nothing.
  const ExactResult none = branch_and_bound(p, 7, 0, 5.0);
  EXPECT_TRUE(none.complete);
  EXPECT_FALSE(none.improved);
}

// Naive optimum: all precedence-feasible lists, each job at its earliest feasible start.
int brute_force(const Instance& inst) {
  const int n = inst.num_jobs();
  const int R = inst.num_renewable();
  std::vector<int> npred(static_cast<std::size_t>(n), 0);
  for (const Job& j : inst.jobs) {
    for (int s : j.successors) ++npred[static_cast<std::size_t>(s)];
  }
  std::vector<int> start(static_cast<std::size_t>(n), -1);
  int best = 1 << 30;
  std::function<void(int)> rec = [&](int placed) {
    if (placed == n) {
      int ms = 0;
      for (int j = 0; j < n; ++j) ms = std::max(ms, start[static_cast<std::size_t>(j)] + inst.jobs[static_cast<std::size_t>(j)].modes[0].duration);
      best = std::min(best, ms);
      return;
    }
    for (int j = 0; j < n; ++j) {
      if (start[static_cast<std::size_t>(j)] >= 0 || npred[static_cast<std::size_t>(j)] != 0) continue;
      const Mode& mj = inst.jobs[static_cast<std::size_t>(j)].modes[0];
      int es = 0;
      for (int i = 0; i < n; ++i) {
        if (start[static_cast<std::size_t>(i)] < 0) continue;
        const auto& sc = inst.jobs[static_cast<std::size_t>(i)].successors;
        if (std::find(sc.begin(), sc.end(), j) != sc.end()) es = std::max(es, start[static_cast<std::size_t>(i)] + inst.jobs[static_cast<std::size_t>(i)].modes[0].duration);
      }
      for (int t = es;; ++t) {
        bool ok = true;
        for (int u = t; u < t + mj.duration && ok; ++u) {
          for (int r = 0; r < R && ok; ++r) {
            int use = mj.renewable[static_cast<std::size_t>(r)];
            for (int i = 0; i < n; ++i) {
              const int si = start[static_cast<std::size_t>(i)];
              if (si >= 0 && si <= u && u < si + inst.jobs[static_cast<std::size_t>(i)].modes[0].duration) use += inst.jobs[static_cast<std::size_t>(i)].modes[0].renewable[static_cast<std::size_t>(r)];
            }
            ok = use <= inst.renewable_capacity[static_cast<std::size_t>(r)];
          }
        }
        if (ok) {
          start[static_cast<std::size_t>(j)] = t;
          break;
        }
      }
      for (int s : inst.jobs[static_cast<std::size_t>(j)].successors) --npred[static_cast<std::size_t>(s)];
      rec(placed + 1);
      for (int s : inst.jobs[static_cast<std::size_t>(j)].successors) ++npred[static_cast<std::size_t>(s)];
      start[static_cast<std::size_t>(j)] = -1;
    }
  };
  rec(0);
  return best;
}

TEST(BranchAndBound, MatchesBruteForceOnRandomProjects) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 150; ++trial) {
    const int n = 8;  // 6 real jobs + source + sink
    Instance inst;
    inst.renewable_capacity = {4, 3};
    inst.jobs.resize(n);
    for (int j = 0; j < n; ++j) {
      Mode m;
      const bool dummy = j == 0 || j == n - 1;
      m.duration = dummy ? 0 : 1 + static_cast<int>(rng() % 5);
      m.renewable = {dummy ? 0 : static_cast<int>(rng() % 5), dummy ? 0 : static_cast<int>(rng() % 4)};
      inst.jobs[static_cast<std::size_t>(j)].modes.push_back(m);
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
      if (inst.jobs[static_cast<std::size_t>(j)].successors.empty()) inst.jobs[static_cast<std::size_t>(j)].successors.push_back(n - 1);
    }
    const int opt = brute_force(inst);
    const Problem p = compile(inst);
    const ExactResult r = branch_and_bound(p, p.horizon + 1, 0, 5.0);
    ASSERT_TRUE(r.complete) << "trial " << trial;
    ASSERT_TRUE(r.improved) << "trial " << trial;
    EXPECT_EQ(r.makespan, opt) << "trial " << trial;
    const auto rep = check_schedule(inst, r.starts, std::vector<int>(static_cast<std::size_t>(n), 0));
    EXPECT_TRUE(rep.ok) << "trial " << trial;
    EXPECT_EQ(rep.makespan, r.makespan);
  }
}

TEST(BranchAndBound, SolverProvesSmallInstanceWithTimeLimit) {
  const Instance inst = io::parse_psplib(kSmallSm, "s.sm");
  SolveOptions o;
  o.time_limit_s = 0.5;
  const SolveResult r = solve(inst, o);
  ASSERT_TRUE(r.feasible);
  EXPECT_EQ(r.makespan, 7);
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.lower_bound, 7);
}

}  // namespace
}  // namespace gw::sched::test
