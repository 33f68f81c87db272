// The planner's plans of a generated district, re-checked by the independent validator.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "validate/validate.hpp"

namespace gw::validate {
namespace {

// Returns the validator's measures.
Measures cross_check(const Scenario& raw, plan::Rule rule) {
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
  EXPECT_EQ(m.days_to_return_90, e.days_to_return_90);
  EXPECT_EQ(m.days_to_return_100, e.days_to_return_100);
  EXPECT_EQ(m.dwellings_damaged, e.dwellings_damaged);
  EXPECT_EQ(m.dwellings_repaired, e.dwellings_repaired);
  EXPECT_EQ(m.milestones.size(), e.milestones.size());
  for (std::size_t i = 0; i < std::min(m.milestones.size(), e.milestones.size()); ++i) {
    EXPECT_EQ(m.milestones[i].asset, e.milestones[i].asset.index());
    EXPECT_EQ(m.milestones[i].due, e.milestones[i].due);
    EXPECT_EQ(m.milestones[i].done, e.milestones[i].done);
  }
  EXPECT_NEAR(m.milestone_days_late, e.milestone_days_late, 1e-9 * (1 + e.milestone_days_late));
  return m;
}

// The generated district with what issue 14 adds and the generator does not make yet: displaced
// people and damaged dwellings in every settlement, residential hazards, electric heating, supply
// chains of two dependencies and due dates; the planner minimises people-days displaced.
Scenario with_return(Scenario s) {
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    Settlement& x = s.settlements[i];
    x.displaced = x.population * 6 / 10;
    x.dwellings = x.population * 10 / 26 + 5;
    x.damaged_dwellings = {x.dwellings / 8, x.dwellings / 16, x.dwellings / 32};
    if (i % 3 == 1) x.heating = Heating::kElectric;
  }
  for (std::size_t h = 0; h < s.hazards.size(); h += 3)
    s.hazards[h].land_use = LandUse::kResidential;
  // More dependencies, on assets listed earlier only: no cycle can form when the generator's own
  // point to earlier assets too.
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t a = 0; a < s.assets.size(); ++a) index.emplace(s.assets[a].id, a);
  bool earlier = true;
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    for (const auto& d : s.assets[a].depends_on) earlier = earlier && index.at(d) < a;
  }
  if (earlier) {
    for (std::size_t a = 2; a < s.assets.size(); a += 4) {
      for (std::size_t d : {a - 1, a - 2}) {
        auto& deps = s.assets[a].depends_on;
        if (std::find(deps.begin(), deps.end(), s.assets[d].id) == deps.end())
          deps.push_back(s.assets[d].id);
      }
    }
  }
  for (std::size_t a = 0; a < s.assets.size(); a += 5) s.assets[a].due_date = "2027-06-01";
  s.params.objective.kind = ObjectiveKind::kReturn;
  return s;
}

// The travel checks run on several threads, crews shared among them: the report is the one a
// single thread gives, findings in the same order, for a valid plan and for one whose trips were
// cut short across many crews.
TEST(ValidatePlanner, ThreadsGiveTheReportOfOneThread) {
  const Scenario raw = gen::generate_district({0.3, 4});
  Scenario linked = raw;
  plan::link_scenario(linked, "generated");
  const auto res = plan::plan_linked(linked, plan::DispatchOptions{});
  Plan cut = res.plan;
  std::size_t changed = 0;
  for (std::size_t i = 0; i < cut.assignments.size(); i += 7) {
    Assignment& a = cut.assignments[i];
    if (a.start <= a.depart) continue;
    const Minutes early = a.start - a.depart;  // no time to travel at all
    a.start -= early;
    a.end -= early;
    // Half without their route: those trips are checked by search, the others by their route.
    if (changed % 2 == 0) a.route.clear();
    ++changed;
  }
  ASSERT_GT(changed, 10U);
  const Plan& whole = res.plan;
  for (const Plan* p : {&whole, static_cast<const Plan*>(&cut)}) {
    Workspace one(1);
    const Report single = validate_plan(raw, res.tasks.tasks, *p, one);
    for (unsigned threads : {2U, 3U}) {
      Workspace many(threads);
      const Report shared = validate_plan(raw, res.tasks.tasks, *p, many);
      EXPECT_EQ(shared.violations, single.violations) << threads << " threads";
      EXPECT_EQ(shared.measures.objective, single.measures.objective);
    }
    if (p == &whole) {
      EXPECT_TRUE(single.valid());
    } else {
      // Findings from many crews, so that their order across threads was tested.
      std::size_t travel = 0, route = 0;
      for (const auto& v : single.violations) {
        travel += v.find("+ travel") != std::string::npos;
        route += v.find(": route takes") != std::string::npos;
      }
      EXPECT_GT(travel, 5U);
      EXPECT_GT(route, 5U);
    }
  }
}

TEST(ValidatePlanner, ImpactPlanOfAGeneratedDistrict) {
  cross_check(gen::generate_district({1.0, 1}), plan::Rule::kImpact);
}
TEST(ValidatePlanner, NearestPlanOfAGeneratedDistrict) {
  cross_check(gen::generate_district({1.0, 2}), plan::Rule::kNearest);
}
TEST(ValidatePlanner, ReturnPlanOfAGeneratedDistrict) {
  const Scenario s = with_return(gen::generate_district({1.0, 3}));
  for (auto rule : {plan::Rule::kImpact, plan::Rule::kNearest}) {
    const Measures m = cross_check(s, rule);
    // The comparison covered something: people displaced, housing done, milestones, dependencies.
    EXPECT_GT(m.population_displaced, 0);
    EXPECT_GT(m.people_days_displaced, 0);
    EXPECT_GT(m.dwellings_repaired, 0);
    EXPECT_FALSE(m.milestones.empty());
    EXPECT_GT(std::count_if(s.assets.begin(), s.assets.end(),
                            [](const Asset& a) { return a.depends_on.size() >= 2; }),
              0);
  }
}

}  // namespace
}  // namespace gw::validate
