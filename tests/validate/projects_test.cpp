// Tests of the validator's reconstruction projects (docs/model.md §3, §4, §7) on the district of
// district.hpp: the packages of each step of an asset's template, the declared repair tasks
// matched with them, the crew limit of a step and the supply chains.
#include <gtest/gtest.h>

#include <string>

#include "district.hpp"
#include "validate/validate.hpp"

namespace gw::validate {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's builders

TemplateStep& deck_step(District& f) {
  return f.sc.params.templates[static_cast<std::size_t>(AssetKind::kBridge)][1];
}

// n = max(1, min(max_crews, floor(Q / crew_share))), each of work Q / n.
TEST(ValidateProjects, PackagesFollowTheCrewShare) {
  District f;
  f.sc.assets[0].quantity = 12;  // debris 48 m² in 1 package; deck floor(12 / 5) = 2 of 6 m
  Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 3 (repair B1 step 0 pkg 0): work 40.0, expected 48.0 (48.0 in 1 "
                   "packages)");
  EXPECT_VIOLATION(r,
                   "task 4 (repair B1 step 1 pkg 0): work 5.0, expected 6.0 (12.0 in 2 "
                   "packages)");
  EXPECT_NO_VIOLATION(r, "no repair task");

  f.sc.assets[0].quantity = 9;  // deck: floor(9 / 5) = 1 package of 9 m
  r = f.run();
  EXPECT_VIOLATION(r,
                   "task 4 (repair B1 step 1 pkg 0): work 5.0, expected 9.0 (9.0 in 1 "
                   "packages)");
  EXPECT_VIOLATION(r, "task 5 (repair B1 step 1 pkg 1): asset B1 step 1 (deck) has 1 packages");

  f.sc.assets[0].quantity = 4;  // deck: floor(4 / 5) = 0, at least 1 package
  r = f.run();
  EXPECT_VIOLATION(r, "task 5 (repair B1 step 1 pkg 1): asset B1 step 1 (deck) has 1 packages");

  f.sc.assets[0].quantity = 100;  // deck: floor(100 / 5) = 20, at most max_crews = 2
  r = f.run();
  EXPECT_VIOLATION(r,
                   "task 4 (repair B1 step 1 pkg 0): work 5.0, expected 50.0 (100.0 in 2 "
                   "packages)");
  EXPECT_NO_VIOLATION(r, "has 1 packages");
}

TEST(ValidateProjects, NoCrewShareMeansMaxCrewsPackages) {
  District f;
  deck_step(f).crew_share = 0;
  deck_step(f).max_crews = 3;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "asset B1 step 1 (deck): no repair task for package 2 of 3");
  EXPECT_VIOLATION(r,
                   "task 4 (repair B1 step 1 pkg 0): work 5.0, expected 3.3 (10.0 in 3 "
                   "packages)");
}

TEST(ValidateProjects, ReportsWrongActivityStepAndPackage) {
  District f;
  f.tasks[kDeck0].activity = ActivityKind::kSubstructure;
  f.tasks[kDeck1].step = 5;
  Report r = f.run();
  EXPECT_VIOLATION(r, "task 4 (repair B1 step 1 pkg 0): activity substructure, the step's is deck");
  EXPECT_VIOLATION(r, "task 5 (repair B1 step 5 pkg 1): the bridge template has 2 steps");
  EXPECT_VIOLATION(r, "asset B1 step 1 (deck): no repair task for package 1 of 2");

  District g;
  g.tasks[kDeck1].package = 0;
  r = g.run();
  EXPECT_VIOLATION(r,
                   "asset B1 step 1 (deck) pkg 0: 2 repair tasks (task 4 (repair B1 step 1 pkg 0), "
                   "task 5 (repair B1 step 1 pkg 0))");
  EXPECT_VIOLATION(r, "asset B1 step 1 (deck): no repair task for package 1 of 2");
}

// The rate of a repair is the crew's rate for the step's activity (§6): the bridge crew has none
// for the clinic's fit-out, and the general crew's fit-out rate decides the clinic's duration.
TEST(ValidateProjects, RateIsTheActivityRate) {
  District f;
  auto& rate = f.sc.params.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                                        [static_cast<std::size_t>(ActivityKind::kFitOut)];
  rate = 1;  // 100 m² / 25 a day: 4 days -> 6720 min
  Report r = f.run();
  EXPECT_VIOLATION(r, "task 6 (repair PB1 step 0 pkg 0), crew C4: lasts 3360 min, needs 6720 min");
  rate = 0;
  r = f.run();
  EXPECT_VIOLATION(r,
                   "task 6 (repair PB1 step 0 pkg 0), crew C4: trade general cannot do this "
                   "task");
}

// At most max_crews crews on one step at once, counted over the assignments (even when the task
// list is already wrong).
TEST(ValidateProjects, ReportsTooManyCrewsOnAStep) {
  District f;
  f.sc.crews.push_back({"C6", Trade::kBridge, 40, "S1", 1.0, {}});
  f.tasks.push_back(repair(0, 1, 2, ActivityKind::kDeck, 5, edge(1)));  // task 7: a third package
  f.plan.assignments.push_back(asg(7, 5, 0, 562, 2662, 4, 1, 2));
  Report r = f.run();
  EXPECT_VIOLATION(r, "task 7 (repair B1 step 1 pkg 2): asset B1 step 1 (deck) has 2 packages");
  EXPECT_VIOLATION(r, "asset B1 step 1 (deck): 3 crews at once at minute 562, max_crews is 2");

  // One after the other: never more than two at once (a package that ends as another starts does
  // not overlap it).
  f.plan.assignments.back() = asg(7, 5, 0, 2662, 4762, 4, 1, 2);
  r = f.run();
  EXPECT_VIOLATION(r, "task 7 (repair B1 step 1 pkg 2): asset B1 step 1 (deck) has 2 packages");
  EXPECT_NO_VIOLATION(r, "crews at once");
}

// Supply chains (§7): an asset works once it and everything it depends on work.
TEST(ValidateProjects, AssetWorksWhenItsDependenciesWork) {
  District f;
  f.sc.assets[1].depends_on = {"B1"};  // the clinic needs the bridge: done 3362, works 3362
  Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.asset_works[1], 3362);
  f.of(kClinic) = asg(kClinic, kGeneralCrew, 0, 2, 1802, 4, 1, 2);  // a faster clinic
  f.sc.params.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                           [static_cast<std::size_t>(ActivityKind::kFitOut)] = 5;
  r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.asset_done[1], 1802);
  EXPECT_EQ(r.measures.asset_works[1], 2662);  // waits for the bridge
  EXPECT_NEAR(r.measures.people_days_without_service[service(Service::kClinic)],
              1000.0 * 2662 / 1440, 1e-9);
}

TEST(ValidateProjects, ReportsUnknownAndCyclicDependencies) {
  District f;
  f.sc.assets[1].depends_on = {"B1", "nowhere"};
  EXPECT_VIOLATION(f.run(), "asset PB1: depends_on 'nowhere' is not an asset");
  f.sc.assets[0].depends_on = {"PB1"};
  const Report r = f.run();  // terminates despite the cycle
  EXPECT_VIOLATION(r, "closes a cycle of dependencies");
  EXPECT_EQ(r.measures.asset_works[0], 3362);
}

TEST(ValidateProjects, EmptyTemplateIsDoneAtZero) {
  District f;
  f.sc.params.templates[static_cast<std::size_t>(AssetKind::kPublicBuilding)].clear();
  f.erase_tasks({kClinic});
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.asset_done[1], 0);
  EXPECT_EQ(r.measures.people_days_without_service[service(Service::kClinic)], 0);
}

}  // namespace
}  // namespace gw::validate
