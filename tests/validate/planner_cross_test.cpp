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
}

TEST(ValidatePlanner, ImpactPlanOfAGeneratedDistrict) { cross_check(1, plan::Rule::kImpact); }
TEST(ValidatePlanner, NearestPlanOfAGeneratedDistrict) { cross_check(2, plan::Rule::kNearest); }

}  // namespace
}  // namespace gw::validate
