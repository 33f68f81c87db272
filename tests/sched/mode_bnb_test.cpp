// The exact search over mode assignments (mode_bnb.hpp) against a naive brute force (every
// budget-feasible mode assignment, each solved by enumerating all precedence-feasible lists) on
// random small multi-mode projects: a wrong budget table, bound or proof flag shows up as a
// makespan above the true optimum or an optimality claim that is not one.
#include "sched/mode_bnb.hpp"

#include <gtest/gtest.h>

#include <random>

#include "io/psplib.hpp"
#include "sched/checker.hpp"
#include "sched/problem.hpp"
#include "sched/solver.hpp"
#include "sched_test_util.hpp"

namespace gw::sched::test {
namespace {

std::vector<int> original_modes(const Problem& p, const std::vector<int>& compiled) {
  std::vector<int> m(compiled.size());
  for (std::size_t j = 0; j < compiled.size(); ++j)
    m[j] = p.mode_orig[static_cast<std::size_t>(p.jm(static_cast<int>(j), compiled[j]))];
  return m;
}

TEST(ModeBranchAndBound, SmallInstance) {
  // small_mm(4): one fast and one slow job, optimum 4. (Budgets 6 and 2 compile to single-mode
  // projects: the search does not apply.)
  const Instance inst = io::parse_psplib(small_mm(4), "m.mm");
  const Problem p = compile(inst);
  std::vector<int> modes;
  ASSERT_TRUE(find_nonrenewable_feasible_modes(p, modes));
  const ModeExactResult r = mode_branch_and_bound(p, p.horizon + 1, 0, modes, 5.0);
  ASSERT_TRUE(r.applicable);
  EXPECT_TRUE(r.complete);
  ASSERT_TRUE(r.improved);
  EXPECT_EQ(r.makespan, 4);
  const auto rep = check_schedule(inst, r.starts, original_modes(p, r.modes));
  EXPECT_TRUE(rep.ok);
  EXPECT_EQ(rep.makespan, 4);
  // Nothing below the optimum: complete, no improvement.
  const ModeExactResult none = mode_branch_and_bound(p, 4, 0, r.modes, 5.0);
  EXPECT_TRUE(none.complete);
  EXPECT_FALSE(none.improved);
  const Problem single = compile(io::parse_psplib(small_mm(2), "m.mm"));
  EXPECT_FALSE(mode_branch_and_bound(single, 10, 0, std::vector<int>(4, 0), 1.0).applicable);
}

TEST(ModeBranchAndBound, MatchesBruteForceOnRandomProjects) {
  std::mt19937 rng(11);
  int solved = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const Instance inst = random_project(rng, 5, 3, true);
    const int opt = brute_force_multi_mode(inst);
    const Problem p = compile(inst);
    std::vector<int> modes;
    const bool feasible = !p.infeasible && find_nonrenewable_feasible_modes(p, modes);
    ASSERT_EQ(feasible, opt >= 0) << "trial " << trial;
    if (!feasible) continue;
    if (!p.multi_mode()) continue;  // preprocessing left one mode per job: not this search's case
    ++solved;
    const ModeExactResult r = mode_branch_and_bound(p, p.horizon + 1, 0, modes, 5.0);
    ASSERT_TRUE(r.complete) << "trial " << trial;
    ASSERT_TRUE(r.improved) << "trial " << trial;
    EXPECT_EQ(r.makespan, opt) << "trial " << trial;
    const auto rep = check_schedule(inst, r.starts, original_modes(p, r.modes));
    EXPECT_TRUE(rep.ok) << "trial " << trial << ": " << (rep.errors.empty() ? "" : rep.errors[0]);
    EXPECT_EQ(rep.makespan, r.makespan);
    // Started from the optimum itself, the search proves it.
    const ModeExactResult proof = mode_branch_and_bound(p, opt, 0, r.modes, 5.0);
    EXPECT_TRUE(proof.complete) << "trial " << trial;
    EXPECT_FALSE(proof.improved) << "trial " << trial;
  }
  EXPECT_GT(solved, 30);  // most projects stay feasible and multi-mode
}

// The solver with a time limit: the GA, then the exact mode search; `optimal` only when true.
TEST(ModeBranchAndBound, SolverProvesRandomProjects) {
  std::mt19937 rng(23);
  int proven = 0;
  for (int trial = 0; trial < 15; ++trial) {
    const Instance inst = random_project(rng, 6, 3, true);
    const int opt = brute_force_multi_mode(inst);
    SolveOptions o;
    o.time_limit_s = 0.2;
    const SolveResult r = solve(inst, o);
    if (opt < 0) {
      EXPECT_TRUE(r.proven_infeasible) << "trial " << trial;
      continue;
    }
    ASSERT_TRUE(r.feasible) << "trial " << trial;
    const auto rep = check_schedule(inst, r.schedule.starts, r.schedule.modes);
    EXPECT_TRUE(rep.ok) << "trial " << trial;
    EXPECT_EQ(rep.makespan, r.makespan);
    EXPECT_EQ(r.makespan, opt) << "trial " << trial;
    if (r.optimal) ++proven;
    EXPECT_LE(r.lower_bound, opt);
  }
  EXPECT_GT(proven, 5);
}

}  // namespace
}  // namespace gw::sched::test
