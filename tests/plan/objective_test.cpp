// The objectives (docs/scenario.md, "Objective"): the planner's components match hand computation
// on an ASCII map and the independent validator's on random small districts; the objective's lower
// bound is never above a valid plan's value; the impact rule follows the weights; the default
// (access) dispatch is unchanged; the optimiser minimises the chosen objective, repeatably.
#include "plan/objective.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "ascii_map.hpp"
#include "plan/baseline.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "random_district.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

constexpr auto kAgri = static_cast<std::size_t>(LandUse::kAgriculture);
constexpr auto kForest = static_cast<std::size_t>(LandUse::kForestry);
constexpr auto kTransport = static_cast<std::size_t>(LandUse::kTransport);

double rel(double x) { return 1e-6 * std::max(1.0, std::abs(x)); }

// The validator accepts the plan and recomputes every component and the objective as the planner.
void expect_validator_agrees(const Scenario& s, const plan::PlanResult& r) {
  const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
  ASSERT_TRUE(rep.valid()) << rep.violations.size()
                           << " violations, first: " << rep.violations.front();
  const auto& m = rep.measures;
  const auto& e = r.evaluation;
  EXPECT_NEAR(m.people_days_without_access, e.people_days_without_access,
              rel(e.people_days_without_access));
  EXPECT_NEAR(m.weighted_people_days_without_access, e.weighted_people_days_without_access,
              rel(e.weighted_people_days_without_access));
  for (const Service sv : kRestorableServices) {
    const auto k = static_cast<std::size_t>(sv);
    EXPECT_NEAR(m.weighted_people_days_without_service[k],
                e.weighted_people_days_without_service[k],
                rel(e.weighted_people_days_without_service[k]))
        << name(sv);
  }
  for (std::size_t k = 0; k < kLandUseCount; ++k) {
    EXPECT_NEAR(m.hectare_days_contaminated[k], e.hectare_days_contaminated[k],
                rel(e.hectare_days_contaminated[k]))
        << kLandUseNames[k];
  }
  EXPECT_NEAR(m.road_km_days_closed, e.road_km_days_closed, rel(e.road_km_days_closed));
  EXPECT_NEAR(m.makespan_days, e.makespan_days, 1e-9);
  EXPECT_NEAR(m.objective, e.objective, rel(e.objective));
}

plan::PlanResult plan_with(const Scenario& s, plan::Rule rule) {
  plan::DispatchOptions opt = plan::dispatch_for_objective({}, s.params.objective);
  opt.rule = rule;
  return plan::plan_linked(s, opt);
}

// Random weights, settlement and road weights, and a horizon that sometimes clips.
void randomise_weights(Scenario& s, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 3.0);
  auto& w = s.params.objective.weights;
  w.access_people_day = u(rng);
  for (auto& x : w.land_hectare_day) x = u(rng);
  for (const Service sv : kRestorableServices)
    w.service_people_day[static_cast<std::size_t>(sv)] = u(rng);
  w.road_km_day = u(rng);
  for (auto& st : s.settlements) st.weight = std::floor(u(rng) * 2) / 2;
  for (auto& x : s.roads.edge_weight) x = std::floor(u(rng));
  if (seed % 3 == 0) s.params.horizon_days = 60;
}

TEST(Objective, ComponentsByHandOnAnAsciiMap) {
  // One manual crew at H clears the hazard on a–B (corridor and land package) and nothing else.
  auto m = test::build_ascii_map({"H---a-#-B"}, {{'B', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  m.scenario.settlements[0].weight = 3;
  m.scenario.roads.edge_weight[1] = 2;  // a–B, 300 m
  m.scenario.params.objective.kind = ObjectiveKind::kWeighted;
  auto& w = m.scenario.params.objective.weights;
  w.access_people_day = 2;
  w.land_hectare_day[kTransport] = 5;
  w.road_km_day = 7;
  plan::link_scenario(m.scenario, "fixture");
  const plan::PlanResult r = plan_with(m.scenario, plan::Rule::kImpact);
  ASSERT_TRUE(r.unassigned.empty());
  const auto& ev = r.evaluation;

  // By hand from the plan's two task ends: the corridor package opens a–B and gives B access.
  Minutes corridor_end = 0, last = 0;
  double ha_days = 0;
  for (std::size_t t = 0; t < r.tasks.tasks.size(); ++t) {
    const Task& task = r.tasks.tasks[t];
    ASSERT_EQ(task.kind, TaskKind::kClearance);
    if (task.corridor_edge.valid()) corridor_end = ev.task_end[t];
    last = std::max(last, ev.task_end[t]);
    ha_days += task.work / 10000.0 * minutes_to_days(ev.task_end[t]);
  }
  ASSERT_GT(corridor_end, 0);
  const double access_days = minutes_to_days(corridor_end);
  EXPECT_NEAR(ev.people_days_without_access, 500 * access_days, 1e-9);
  EXPECT_NEAR(ev.weighted_people_days_without_access, 1500 * access_days, 1e-9);
  EXPECT_NEAR(ev.hectare_days_contaminated[kTransport], ha_days, 1e-12);
  EXPECT_NEAR(ha_days, 0.09 * minutes_to_days(last) - 0.06 * (minutes_to_days(last) - access_days),
              0.001 * ha_days);  // 600 m² corridor, about 300 m² land, worked one after the other
  EXPECT_NEAR(ev.road_km_days_closed, m.scenario.roads.edge_length_m[1] / 1000 * 2 * access_days,
              1e-12);
  EXPECT_NEAR(ev.makespan_days, minutes_to_days(last), 1e-12);
  EXPECT_NEAR(ev.objective,
              2 * ev.weighted_people_days_without_access + 5 * ha_days + 7 * ev.road_km_days_closed,
              1e-9);
  expect_validator_agrees(m.scenario, r);

  // The bound: one crew's shortest chain is exactly this plan, so the bound is within a minute
  // per task of its value, and never above it.
  const plan::LowerBound lb = plan::lower_bound(m.scenario, r.tasks);
  const auto bound = plan::objective_lower_bound(m.scenario, r.tasks, lb);
  ASSERT_TRUE(bound.has_value());
  EXPECT_LE(*bound, ev.objective * (1 + 1e-12));
  EXPECT_GT(*bound, 0.5 * ev.objective);

  // Makespan: the crew clears 900 m² at 10 × 20 × 0.6 m² a day, 7.5 working days = 8.75 days; the
  // work bound gives that, the plan adds the minute of travel and the rounding of two durations.
  m.scenario.params.objective.kind = ObjectiveKind::kMakespan;
  const auto mk = plan::objective_lower_bound(m.scenario, r.tasks, lb);
  ASSERT_TRUE(mk.has_value());
  double area = 0;
  for (const Task& t : r.tasks.tasks) area += t.work;
  EXPECT_NEAR(*mk, area / 120.0 * 7.0 / 6.0, 1e-6);
  EXPECT_NEAR(area, 900, 2);
  EXPECT_LE(*mk, ev.makespan_days);
  EXPECT_GT(*mk, ev.makespan_days - 3.0 / 1440);
}

TEST(Objective, ValidatorAndPlannerAgreeOnRandomSmallDistricts) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Scenario s = test::random_small_district(seed);
    randomise_weights(s, seed);
    plan::link_scenario(s, "generated");
    const TaskSet ts = plan::generate_tasks(s);
    const plan::LowerBound lb = plan::lower_bound(s, ts);
    for (const ObjectiveKind kind : {ObjectiveKind::kWeighted, ObjectiveKind::kMakespan,
                                     ObjectiveKind::kAccess, ObjectiveKind::kReturn}) {
      s.params.objective.kind = kind;
      const auto bound = plan::objective_lower_bound(s, ts, lb);
      for (const plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
        SCOPED_TRACE(std::string(name(kind)) + " " + std::string(plan::rule_name(rule)));
        const plan::PlanResult r = plan_with(s, rule);
        ASSERT_TRUE(r.unassigned.empty());
        EXPECT_DOUBLE_EQ(r.evaluation.objective,
                         plan::objective_value(s.params.objective, r.evaluation));
        expect_validator_agrees(s, r);
        ASSERT_TRUE(bound.has_value());
        EXPECT_LE(*bound, r.evaluation.objective * (1 + 1e-12));
      }
    }
  }
}

TEST(Objective, DefaultDispatchIsUnchanged) {
  Scenario s = test::random_small_district(3);
  plan::link_scenario(s, "generated");
  // Under access and makespan the options are the defaults, field by field.
  for (const ObjectiveKind kind : {ObjectiveKind::kAccess, ObjectiveKind::kMakespan}) {
    s.params.objective.kind = kind;
    const plan::DispatchOptions o = plan::dispatch_for_objective({}, s.params.objective);
    const plan::DispatchOptions d;
    EXPECT_EQ(o.land_weight_people_per_ha, d.land_weight_people_per_ha);
    EXPECT_EQ(o.service_weight, d.service_weight);
    EXPECT_EQ(o.access_weight, 1.0);
    EXPECT_EQ(o.road_weight_per_km, 0.0);
    EXPECT_TRUE(std::all_of(o.land_use_weight.begin(), o.land_use_weight.end(),
                            [](double x) { return x == 1; }));
    EXPECT_TRUE(std::all_of(o.service_factor.begin(), o.service_factor.end(),
                            [](double x) { return x == 1; }));
  }
  // The same plan as a dispatcher that never heard of objectives.
  s.params.objective.kind = ObjectiveKind::kAccess;
  const plan::PlanResult a = plan_with(s, plan::Rule::kImpact);
  const plan::PlanResult b = plan::plan_linked(s, plan::DispatchOptions{});
  ASSERT_EQ(a.plan.assignments.size(), b.plan.assignments.size());
  for (std::size_t i = 0; i < a.plan.assignments.size(); ++i) {
    EXPECT_EQ(a.plan.assignments[i].task, b.plan.assignments[i].task);
    EXPECT_EQ(a.plan.assignments[i].end, b.plan.assignments[i].end);
  }
  EXPECT_EQ(a.evaluation.objective, a.evaluation.people_days_without_access);
}

// With access worth nothing, one manual crew clears first the hazard whose land use weighs more.
TEST(Objective, ImpactRuleFollowsTheLandWeights) {
  auto hazard_ends = [](const std::array<double, kLandUseCount>& land) {
    auto m = test::build_ascii_map({"B-#-a---H---c-#-C"}, {{'B', 100}, {'C', 100}});
    m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
    m.scenario.hazards[0].land_use = LandUse::kAgriculture;  // on B–a
    m.scenario.hazards[1].land_use = LandUse::kForestry;     // on c–C
    m.scenario.params.objective.kind = ObjectiveKind::kWeighted;
    m.scenario.params.objective.weights.access_people_day = 0;
    m.scenario.params.objective.weights.land_hectare_day = land;
    plan::link_scenario(m.scenario, "fixture");
    const plan::PlanResult r = plan_with(m.scenario, plan::Rule::kImpact);
    expect_validator_agrees(m.scenario, r);
    std::array<Minutes, 2> last{0, 0};
    for (std::size_t t = 0; t < r.tasks.tasks.size(); ++t) {
      const auto h = r.tasks.tasks[t].hazard.index();
      last[h] = std::max(last[h], r.evaluation.task_end[t]);
    }
    return last;
  };
  std::array<double, kLandUseCount> land{};
  land[kAgri] = 10;
  land[kForest] = 0.1;
  const auto agri_first = hazard_ends(land);
  EXPECT_LT(agri_first[0], agri_first[1]);
  std::swap(land[kAgri], land[kForest]);
  const auto forest_first = hazard_ends(land);
  EXPECT_GT(forest_first[0], forest_first[1]);
}

TEST(Objective, OptimiserMinimisesTheChosenObjectiveRepeatably) {
  for (const ObjectiveKind kind : {ObjectiveKind::kWeighted, ObjectiveKind::kMakespan}) {
    SCOPED_TRACE(name(kind));
    Scenario s = test::random_small_district(2);
    randomise_weights(s, 2);
    s.params.objective.kind = kind;
    plan::link_scenario(s, "generated");
    plan::OptimiseOptions oo;
    oo.time_limit_s = 0;
    oo.max_evaluations = 24;
    oo.threads = 1;
    oo.seed = 5;
    const plan::OptimiseResult a = plan::optimise(s, oo);
    const plan::OptimiseResult b = plan::optimise(s, oo);
    EXPECT_GT(a.evaluations, 0u);
    EXPECT_LE(a.best.evaluation.objective, a.baseline_value + 1e-9);
    EXPECT_DOUBLE_EQ(a.baseline_value, std::min(a.nearest_value, a.impact_value));
    EXPECT_EQ(a.best.evaluation.objective, b.best.evaluation.objective);
    EXPECT_EQ(a.best_source, b.best_source);
    expect_validator_agrees(s, a.best);
    ASSERT_TRUE(a.lower_bound_value.has_value());
    EXPECT_LE(*a.lower_bound_value, a.best.evaluation.objective * (1 + 1e-12));
    // The baseline is the rule that is better by this objective.
    const plan::Baseline base =
        plan::best_dispatch(s, a.best.tasks, plan::dispatch_for_objective({}, s.params.objective));
    EXPECT_DOUBLE_EQ(base.value, a.baseline_value);
  }
}

}  // namespace
}  // namespace gw
