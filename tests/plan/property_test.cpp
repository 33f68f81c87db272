// Property: plans of random small districts, for both rules, always pass the validator, and the
// validator's people-days agree with the planner's. On the default district, impact beats nearest.
// With look-ahead (crews set off for work whose predecessors are under way, and wait), plans still
// validate, and crews do wait.
#include <gtest/gtest.h>

#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "random_district.hpp"
#include "routes.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

// Runs the independent validator on a plan and expects no violation.
validate::Report expect_valid(const Scenario& s, const std::vector<Task>& tasks, const Plan& plan) {
  validate::Report rep = validate::validate_plan(s, tasks, plan);
  EXPECT_TRUE(rep.valid()) << rep.violations.size() << " violations, first: "
                           << (rep.violations.empty() ? "" : rep.violations.front());
  return rep;
}

double plan_validated(Scenario& s, plan::Rule rule, bool look_ahead = false,
                      std::uint64_t* ahead = nullptr) {
  plan::DispatchOptions opt;
  opt.rule = rule;
  opt.look_ahead = look_ahead;
  const plan::PlanResult r = plan::plan_linked(s, opt);
  if (ahead != nullptr) *ahead += r.stats.ahead_assignments;
  EXPECT_EQ(r.stats.trips_without_route, 0U);
  test::expect_routes_stated(r.plan);
  EXPECT_TRUE(r.unassigned.empty()) << r.unassigned.size() << " unassigned";
  const validate::Report rep = expect_valid(s, r.tasks.tasks, r.plan);
  EXPECT_NEAR(rep.measures.people_days_without_access, r.evaluation.people_days_without_access,
              1e-6 * std::max(1.0, r.evaluation.people_days_without_access));
  return r.evaluation.people_days_without_access;
}

TEST(PlanProperty, RandomSmallDistrictsAlwaysValidate) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Scenario s = test::random_small_district(seed);
    plan::link_scenario(s, "generated");
    plan_validated(s, plan::Rule::kNearest);
    plan_validated(s, plan::Rule::kImpact);
  }
}

TEST(PlanProperty, LookAheadPlansValidateAndCrewsWait) {
  std::uint64_t ahead = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Scenario s = test::random_small_district(seed);
    plan::link_scenario(s, "generated");
    plan_validated(s, plan::Rule::kImpact, true, &ahead);
  }
  Scenario s = gen::generate_district({});
  plan::link_scenario(s, "default");
  std::uint64_t default_ahead = 0;
  const double with = plan_validated(s, plan::Rule::kImpact, true, &default_ahead);
  const double without = plan_validated(s, plan::Rule::kImpact);
  EXPECT_GT(default_ahead, 0U) << "no crew set off ahead of time on the default district";
  // The look-ahead changes the plan; whether for the better depends on the district. Measured on
  // the district after the fighting (issue 14): 81,129 people-days without access with, 73,156
  // without; on the district before it, 2,721 against 2,840. So the optimiser's decoder decides it
  // per genome (optimise.cpp) rather than always on.
  EXPECT_NE(with, without);
  RecordProperty("ahead_on_random_districts", static_cast<int>(ahead));
}

// The optimiser's decoder settings: look-ahead, chain order and a slowdown limit of 1.5 on the
// tasks on day-0 restoration paths.
double decoder_plan_validated(Scenario& s, bool chain_order) {
  const TaskSet ts = plan::generate_tasks(s);
  const plan::DispatchResult day0 = plan::dispatch(s, ts, plan::DispatchOptions{});
  std::vector<float> limit(ts.tasks.size(), 0.0F);
  for (const TaskId t : day0.access_tasks) limit[t.index()] = 1.5F;
  plan::DispatchOptions opt;
  opt.look_ahead = true;
  opt.chain_order = chain_order;
  opt.slowdown_limit = &limit;
  const plan::DispatchResult d = plan::dispatch(s, ts, opt);
  EXPECT_TRUE(d.unassigned.empty()) << d.unassigned.size() << " unassigned";
  return expect_valid(s, ts.tasks, d.plan).measures.people_days_without_access;
}

TEST(PlanProperty, ChainOrderAndSlowdownLimitPlansValidate) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Scenario s = test::random_small_district(seed);
    plan::link_scenario(s, "generated");
    decoder_plan_validated(s, true);
  }
  Scenario s = gen::generate_district({});
  plan::link_scenario(s, "default");
  // The chain order changes the plan; measured on the district after the fighting: 71,027
  // people-days without access with it, 47,910 without (2,497 against 2,565 on the district before
  // it, docs/history/benchmarks-rounds.md): the decoder decides it per genome.
  EXPECT_NE(decoder_plan_validated(s, true), decoder_plan_validated(s, false));
}

TEST(PlanProperty, ImpactBeatsNearestOnTheDefaultDistrict) {
  Scenario s = gen::generate_district({});
  plan::link_scenario(s, "default");
  const double nearest = plan_validated(s, plan::Rule::kNearest);
  const double impact = plan_validated(s, plan::Rule::kImpact);
  EXPECT_LT(impact, nearest);
}

}  // namespace
}  // namespace gw
