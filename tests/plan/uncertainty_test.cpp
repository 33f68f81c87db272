// Drawing truths (plan/uncertainty.hpp) and the efforts they give tasks, on the planner's side and
// the validator's.
#include "plan/uncertainty.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

Scenario small() {
  gen::DistrictOptions o;
  o.scale = 0.08;
  o.seed = 31;
  Scenario s = gen::generate_district(o);
  plan::link_scenario(s, "generated");
  return s;
}

TEST(Uncertainty, DrawsAreDeterministicPerSeedAndPerThing) {
  const Scenario s = small();
  const Truth a = plan::draw_truth(s, 5);
  const Truth b = plan::draw_truth(s, 5);
  const Truth c = plan::draw_truth(s, 6);
  ASSERT_EQ(a.hazards.size(), s.hazards.size());
  ASSERT_EQ(a.crew_factor.size(), s.crews.size());
  int differ = 0;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    EXPECT_EQ(a.hazards[h].work_factor, b.hazards[h].work_factor);
    differ += a.hazards[h].work_factor != c.hazards[h].work_factor ? 1 : 0;
  }
  EXPECT_GT(differ, static_cast<int>(s.hazards.size()) / 2);
  // A hazard's draw depends on its id and the seed only: dropping the other hazards and crews
  // leaves it as it was.
  Scenario one = s;
  one.hazards.erase(one.hazards.begin(), one.hazards.begin() + 3);
  one.crews.resize(1);
  const Truth d = plan::draw_truth(one, 5);
  EXPECT_EQ(d.hazards[0].work_factor, a.hazards[3].work_factor);
  EXPECT_EQ(d.crew_factor[0], a.crew_factor[0]);
  EXPECT_NE(plan::sample_seed(1, 0), plan::sample_seed(1, 1));
  EXPECT_NE(plan::sample_seed(1, 0), plan::sample_seed(2, 0));
}

TEST(Uncertainty, HazardsFollowTheirDistributions) {
  Scenario s = small();
  // Many copies of one suspected hazard under different ids: the share that holds ordnance is the
  // parameter's, an empty one takes the empty effort, a holding one mixes density and reduction.
  const Hazard z = s.hazards.front();
  s.hazards.clear();
  for (int i = 0; i < 4000; ++i) {
    Hazard h = z;
    h.id = "Z" + std::to_string(i);
    h.status = HazardStatus::kSuspected;
    s.hazards.push_back(h);
  }
  const UncertaintyParameters& u = s.params.uncertainty;
  const Truth t = plan::draw_truth(s, 11);
  int holds = 0;
  double log_density = 0;
  for (const HazardTruth& h : t.hazards) {
    if (!h.holds) {
      EXPECT_DOUBLE_EQ(h.work_factor, u.empty_work_factor);
      continue;
    }
    ++holds;
    log_density += std::log(h.density);
    EXPECT_GE(h.reduced_share, 0.0);
    EXPECT_LE(h.reduced_share, 1.0);
    EXPECT_NEAR(h.work_factor,
                (1 - h.reduced_share) * h.density + h.reduced_share * u.empty_work_factor, 1e-12);
  }
  // 4,000 draws: the share within 4 standard errors (about 0.031) of 0.4.
  EXPECT_NEAR(holds / 4000.0, u.holds_probability[0], 0.031);
  EXPECT_NEAR(log_density / holds, 0.0, 4 * u.density_spread / std::sqrt(holds));
}

TEST(Uncertainty, WorkFactorsLengthenWorkForPlannerAndValidatorAlike) {
  Scenario s = small();
  plan::DispatchOptions opt;
  const plan::PlanResult nominal = plan::plan_linked(s, opt);
  for (auto& z : s.hazards) z.work_factor = 2.0;
  for (auto& a : s.assets) a.work_factor = 1.5;
  for (auto& st : s.settlements) st.housing_work_factor = 3.0;
  const plan::PlanResult slow = plan::plan_linked(s, opt);
  // generate_tasks and set_efforts agree on every task's effort.
  TaskSet again = nominal.tasks;
  plan::set_efforts(again, s);
  ASSERT_EQ(again.tasks.size(), slow.tasks.tasks.size());
  for (std::size_t t = 0; t < again.tasks.size(); ++t)
    EXPECT_EQ(again.tasks[t].effort, slow.tasks.tasks[t].effort) << t;
  EXPECT_GT(slow.evaluation.makespan_days, nominal.evaluation.makespan_days);
  // The plan made for the slower district is valid for it; the nominal plan is not (its work is
  // too short), and the validator says so.
  EXPECT_TRUE(validate::validate_plan(s, slow.tasks.tasks, slow.plan).valid());
  const validate::Report wrong = validate::validate_plan(s, nominal.tasks.tasks, nominal.plan);
  ASSERT_FALSE(wrong.valid());
  EXPECT_NE(wrong.violations.front().find("needs"), std::string::npos) << wrong.violations.front();
}

}  // namespace
}  // namespace gw
