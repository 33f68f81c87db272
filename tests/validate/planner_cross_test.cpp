// The planner's plans of a generated district, re-checked by the independent validator.
#include <gtest/gtest.h>

#include <string>

#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "validate/validate.hpp"

namespace gw::validate {
namespace {

void cross_check(std::uint64_t seed, plan::Rule rule) {
  const Scenario raw = gen::generate_district({1.0, seed});
  Scenario linked = raw;
  plan::link_scenario(linked, "generated");
  plan::DispatchOptions opt;
  opt.rule = rule;
  const auto res = plan::plan_linked(linked, opt);
  const Report r = validate_plan(raw, res.tasks.tasks, res.plan);  // the raw scenario: own linking

  std::string all;
  for (const auto& v : r.violations) all += v + "\n";
  EXPECT_TRUE(r.valid()) << all;

  const auto& e = res.evaluation;
  const auto& m = r.measures;
  EXPECT_EQ(m.population_total, e.population_total);
  EXPECT_NEAR(m.people_days_without_access, e.people_days_without_access,
              1e-6 * (1 + e.people_days_without_access));
  for (auto x : kRestorableServices) {
    const auto k = static_cast<std::size_t>(x);
    EXPECT_NEAR(m.people_days_without_service[k], e.people_days_without_service[k],
                1e-6 * (1 + e.people_days_without_service[k]));
  }
  EXPECT_NEAR(m.hectares_cancelled, e.hectares_cancelled, 1e-6);
  EXPECT_NEAR(m.hectares_released, e.hectares_released, 0.01 * e.hectares_released + 0.01);
  EXPECT_NEAR(m.makespan_days, e.makespan_days, 1e-9);
  EXPECT_EQ(m.settlement_access, e.settlement_access);
  EXPECT_EQ(m.days_to_access_100.has_value(), e.days_to_access_100.has_value());
  EXPECT_NEAR(m.objective, e.objective, 1e-6 * (1 + e.objective));

  // Projects, services and the return of the displaced (issue 14).
  EXPECT_EQ(m.asset_done, e.asset_done);
  EXPECT_EQ(m.asset_works, e.asset_works);
  for (auto x : kRestorableServices) {
    const auto k = static_cast<std::size_t>(x);
    EXPECT_EQ(m.service_restored[k], e.service_restored[k]) << name(x);
  }
  EXPECT_EQ(m.residential_released, e.residential_released);
  EXPECT_EQ(m.settlement_ready, e.settlement_ready);
  EXPECT_EQ(m.return_first, e.return_first);
  EXPECT_EQ(m.return_all, e.return_all);
  EXPECT_EQ(m.population_displaced, e.population_displaced);
  EXPECT_NEAR(m.people_days_displaced, e.people_days_displaced,
              1e-6 * (1 + e.people_days_displaced));
  EXPECT_NEAR(m.weighted_people_days_displaced, e.weighted_people_days_displaced,
              1e-6 * (1 + e.weighted_people_days_displaced));
  EXPECT_EQ(m.days_to_return_50, e.days_to_return_50);
  EXPECT_EQ(m.days_to_return_100, e.days_to_return_100);
  EXPECT_EQ(m.dwellings_damaged, e.dwellings_damaged);
  EXPECT_EQ(m.dwellings_repaired, e.dwellings_repaired);
  ASSERT_EQ(m.milestones.size(), e.milestones.size());
  for (std::size_t i = 0; i < m.milestones.size(); ++i) {
    EXPECT_EQ(m.milestones[i].asset, e.milestones[i].asset.index());
    EXPECT_EQ(m.milestones[i].due, e.milestones[i].due);
    EXPECT_EQ(m.milestones[i].done, e.milestones[i].done);
  }
  EXPECT_NEAR(m.milestone_days_late, e.milestone_days_late, 1e-9 * (1 + e.milestone_days_late));
}

TEST(ValidatePlanner, ImpactPlanOfAGeneratedDistrict) { cross_check(1, plan::Rule::kImpact); }
TEST(ValidatePlanner, NearestPlanOfAGeneratedDistrict) { cross_check(2, plan::Rule::kNearest); }

}  // namespace
}  // namespace gw::validate
