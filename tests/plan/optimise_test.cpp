// The optimiser: on random small districts its plan validates, is never worse than the better rule
// and never better than the lower bound (task by task, edge by edge, settlement by settlement); a
// run bounded by evaluations on one thread is repeatable; the early stop measures exactly.
#include "plan/optimise.hpp"

#include <gtest/gtest.h>

#include "gen/district.hpp"
#include "plan/ascii_map.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

Scenario small_district(std::uint64_t seed) {
  gen::DistrictOptions o;
  o.scale = 0.04 + 0.02 * static_cast<double>(seed % 4);
  o.seed = seed * 104729;
  Scenario s = gen::generate_district(o);
  s.params.nts_cancel_share = 0.1 * static_cast<double>(seed % 5);
  s.params.work_package_m2 = 4000.0 * static_cast<double>(1 + seed % 3);
  plan::link_scenario(s, "generated");
  return s;
}

void expect_valid(const Scenario& s, const plan::PlanResult& r) {
  const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
  EXPECT_TRUE(rep.valid()) << rep.violations.size() << " violations, first: "
                           << (rep.violations.empty() ? "" : rep.violations.front());
  EXPECT_NEAR(rep.measures.people_days_without_access, r.evaluation.people_days_without_access,
              1e-6 * std::max(1.0, r.evaluation.people_days_without_access));
}

// Every time of the bound is a lower bound on the same time in the plan.
void expect_bounded(const plan::LowerBound& rx, const Evaluation& ev) {
  ASSERT_EQ(rx.task_end.size(), ev.task_end.size());
  for (std::size_t t = 0; t < rx.task_end.size(); ++t) {
    if (ev.task_end[t] != kNever) {
      EXPECT_LE(rx.task_end[t], ev.task_end[t]) << "task " << t;
    }
  }
  for (std::size_t e = 0; e < rx.edge_open.size(); ++e)
    EXPECT_LE(rx.edge_open[e], ev.edge_open[e]) << "edge " << e;
  for (std::size_t i = 0; i < rx.settlement_access.size(); ++i) {
    EXPECT_LE(rx.settlement_access[i], ev.settlement_access[i]) << "settlement " << i;
  }
  EXPECT_LE(rx.people_days, ev.people_days_without_access + 1e-9);
}

TEST(Optimiser, PlansValidateAndStayAboveTheBound) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Scenario s = small_district(seed);
    const TaskSet ts = plan::generate_tasks(s);
    const plan::LowerBound rx = plan::lower_bound(s, ts);
    plan::OptimiseOptions oo;
    oo.time_limit_s = 0;
    oo.max_evaluations = 30;
    oo.seed = seed;
    const plan::OptimiseResult r = plan::optimise(s, oo);
    expect_valid(s, r.best);
    expect_bounded(rx, r.best.evaluation);
    // The optimiser minimises the scenario's objective: never worse than the better rule's plan,
    // never better than the objective's bound.
    EXPECT_LE(r.best.evaluation.objective, r.baseline_value + 1e-9);
    if (r.lower_bound_value) {
      EXPECT_LE(*r.lower_bound_value, r.best.evaluation.objective + 1e-6);
    }
    EXPECT_NEAR(r.lower_bound_people_days, rx.people_days, 1e-9);
  }
}

// A search bounded by evaluations only, on one thread: repeatable.
plan::OptimiseOptions one_thread(std::uint64_t evaluations, std::uint64_t seed) {
  plan::OptimiseOptions oo;
  oo.time_limit_s = 0;
  oo.max_evaluations = evaluations;
  oo.threads = 1;
  oo.seed = seed;
  return oo;
}

TEST(Optimiser, OneThreadWithAnEvaluationLimitIsRepeatable) {
  const Scenario s = small_district(3);
  const plan::OptimiseOptions oo = one_thread(25, 11);
  const plan::OptimiseResult a = plan::optimise(s, oo);
  const plan::OptimiseResult b = plan::optimise(s, oo);
  EXPECT_EQ(a.best.evaluation.people_days_without_access,
            b.best.evaluation.people_days_without_access);
  EXPECT_EQ(a.best.plan.assignments.size(), b.best.plan.assignments.size());
  EXPECT_EQ(a.best_source, b.best_source);
}

// A genome met before costs what it cost then: the search measures more genomes than it
// dispatches. On a small district the genes are few and children often repeat a parent.
TEST(Optimiser, RepeatedGenomesAreNotDispatchedAgain) {
  const Scenario s = small_district(3);
  ASSERT_EQ(s.params.objective.kind, ObjectiveKind::kReturn);
  const plan::OptimiseResult r = plan::optimise(s, one_thread(200, 5));
  EXPECT_GT(r.evaluations, 0U);
  EXPECT_GT(r.genomes, r.evaluations);
  expect_valid(s, r.best);
}

TEST(Optimiser, StoppingWhenEveryoneHasAccessMeasuresTheFullPlansPeopleDays) {
  const Scenario s = small_district(2);
  const TaskSet ts = plan::generate_tasks(s);
  plan::DispatchOptions full;
  plan::DispatchOptions early = full;
  early.stop_when_all_access = true;
  const plan::DispatchResult df = plan::dispatch(s, ts, full);
  const plan::DispatchResult de = plan::dispatch(s, ts, early);
  const validate::Report rep = validate::validate_plan(s, ts.tasks, df.plan);
  EXPECT_TRUE(rep.valid()) << rep.violations.size() << " violations";
  EXPECT_NEAR(rep.measures.people_days_displaced,
              plan::evaluate(s, ts, df.plan).people_days_displaced,
              1e-6 * plan::evaluate(s, ts, df.plan).people_days_displaced);
  EXPECT_TRUE(de.stopped_early);
  EXPECT_LT(de.plan.assignments.size(), df.plan.assignments.size());
  EXPECT_GT(plan::evaluate(s, ts, df.plan).people_days_without_access, 0);
  EXPECT_DOUBLE_EQ(plan::evaluate(s, ts, de.plan).people_days_without_access,
                   plan::evaluate(s, ts, df.plan).people_days_without_access);
}

// The same for the return: once every task a return waits for is assigned (and everyone has
// access), the people-days displaced are those of the full plan. On the default district, where
// the returns end long before the last task.
TEST(Optimiser, StoppingWhenEveryReturnIsFixedMeasuresTheFullPlansPeopleDaysDisplaced) {
  Scenario s = gen::generate_district({});
  plan::link_scenario(s, "default");
  ASSERT_EQ(s.params.objective.kind, ObjectiveKind::kReturn);
  const TaskSet ts = plan::generate_tasks(s);
  const plan::DispatchOptions full = plan::dispatch_for_objective({}, s.params.objective);
  plan::DispatchOptions early = full;
  early.stop_when_all_returned = true;
  const plan::DispatchResult df = plan::dispatch(s, ts, full);
  const plan::DispatchResult de = plan::dispatch(s, ts, early);
  EXPECT_TRUE(de.stopped_early);
  EXPECT_LT(de.plan.assignments.size(), df.plan.assignments.size());
  const Evaluation ef = plan::evaluate(s, ts, df.plan);
  const Evaluation ee = plan::evaluate(s, ts, de.plan);
  EXPECT_GT(ef.people_days_displaced, 0);
  EXPECT_DOUBLE_EQ(ee.people_days_displaced, ef.people_days_displaced);
  EXPECT_DOUBLE_EQ(ee.objective, ef.objective);
}

// A village whose displaced people wait only for the mines in its built-up area, a hazard of the
// same size on another road, one manual team and one dog team (3.5 times as fast on built-up
// ground). The impact rule lets the manual team, which chooses first, take the village's hazard;
// the optimiser's neutral genome keeps it off the return's gate (kGateLimit), so the dog team
// clears it and the people go home days earlier. Two evaluations: the neutral genome's decode, and
// one execution of its sequences (the plan is then the decoder's; without the gate limit it fails).
TEST(Optimiser, KeepsASlowTeamOffTheDeminingTheReturnWaitsFor) {
  // Eight more hazards on the road to c keep the scenario beyond the sequence search's exact
  // method, so that the plan is the decoder's.
  test::AsciiMap m = test::build_ascii_map({"c-#-#-#-#-#-#-#-#-H---a---V",  //
                                            "                          |",  //
                                            "                          #",  //
                                            "                          |",  //
                                            "                          b"},
                                           {{'V', 100}});
  Scenario& s = m.scenario;
  s.params.start_date = "2027-06-01";  // no heating season for months
  s.params.objective.kind = ObjectiveKind::kReturn;
  Settlement& v = s.settlements.front();
  v.displaced = 100;
  v.dwellings = 40;  // intact: 104 places for 100 people
  v.damaged_dwellings = {0, 0, 0};
  ASSERT_EQ(s.hazards.size(), 9U);
  const std::size_t gate = 8;
  s.hazards[gate].land_use = LandUse::kResidential;  // the one by the village
  s.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  s.crews.push_back(test::make_crew("D1", Trade::kDog, 6, "H"));
  plan::link_scenario(s, "fixture");
  ASSERT_TRUE(s.hazards[gate].built_up.valid());
  const TaskSet ts = plan::generate_tasks(s);
  const plan::PlanResult rule =
      plan::plan_linked(s, plan::dispatch_for_objective({}, s.params.objective));
  plan::OptimiseOptions oo;
  oo.max_evaluations = 2;
  oo.threads = 1;
  const plan::OptimiseResult o = plan::optimise(s, oo);
  expect_valid(s, o.best);
  const validate::Report rep = validate::validate_plan(s, o.best.tasks.tasks, o.best.plan);
  EXPECT_NEAR(rep.measures.people_days_displaced, o.best.evaluation.people_days_displaced, 1e-6);
  // Who cleared the village's hazard, in each plan.
  auto crew_on_gate = [&](const Plan& p) {
    std::string who;
    for (const Assignment& a : p.assignments) {
      const Task& t = ts.tasks[a.task.index()];
      if (t.hazard.valid() && t.hazard.index() == gate) who += s.crews[a.crew.index()].id;
    }
    return who;
  };
  EXPECT_NE(crew_on_gate(rule.plan).find("M1"), std::string::npos) << crew_on_gate(rule.plan);
  EXPECT_EQ(crew_on_gate(o.best.plan).find("M1"), std::string::npos) << crew_on_gate(o.best.plan);
  EXPECT_NE(crew_on_gate(o.best.plan).find("D1"), std::string::npos);
  EXPECT_LT(o.best.evaluation.people_days_displaced, 0.5 * rule.evaluation.people_days_displaced);
}

}  // namespace
}  // namespace gw
