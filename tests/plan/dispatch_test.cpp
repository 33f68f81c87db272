// Dispatch on ASCII-map fixtures: opening order, working forward from safe ground, precedence,
// and the impact rule's preference. Every plan is checked by the independent validator.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "ascii_map.hpp"
#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

plan::PlanResult plan_and_validate(Scenario& s, plan::Rule rule) {
  plan::link_scenario(s, "fixture");
  plan::DispatchOptions opt;
  opt.rule = rule;
  plan::PlanResult r = plan::plan_linked(s, opt);
  EXPECT_TRUE(r.unassigned.empty());
  const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
  for (const auto& v : rep.violations) ADD_FAILURE() << v;
  EXPECT_NEAR(rep.measures.people_days_without_access, r.evaluation.people_days_without_access,
              1e-6);
  return r;
}

const Assignment& assignment_of(const plan::PlanResult& r, std::size_t task) {
  return *std::find_if(r.plan.assignments.begin(), r.plan.assignments.end(),
                       [&](const Assignment& a) { return a.task.index() == task; });
}

// Final corridor tasks on the edge between two map nodes.
std::vector<std::size_t> corridor_tasks(const plan::PlanResult& r, const test::AsciiMap& m, char a,
                                        char b) {
  std::vector<std::size_t> out;
  const RoadNetwork& net = m.scenario.roads;
  for (std::size_t t = 0; t < r.tasks.tasks.size(); ++t) {
    const Task& task = r.tasks.tasks[t];
    if (!task.corridor_edge.valid() || task.kind == TaskKind::kMechanical) continue;
    const NodeId u = net.edge_from[task.corridor_edge.index()],
                 v = net.edge_to[task.corridor_edge.index()];
    if ((u == m.nodes.at(a) && v == m.nodes.at(b)) || (u == m.nodes.at(b) && v == m.nodes.at(a)))
      out.push_back(t);
  }
  return out;
}

TEST(Dispatch, CrewsWorkForwardFromSafeGround) {
  auto m = test::build_ascii_map({"H---a-#-b-#-C"}, {{'C', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  const auto r = plan_and_validate(m.scenario, plan::Rule::kNearest);

  const auto first = corridor_tasks(r, m, 'a', 'b');
  const auto second = corridor_tasks(r, m, 'b', 'C');
  ASSERT_EQ(first.size(), 1U);
  ASSERT_EQ(second.size(), 1U);
  const Assignment& a1 = assignment_of(r, first[0]);
  const Assignment& a2 = assignment_of(r, second[0]);
  // The far corridor is reached through b, which is only reachable once a–b is open.
  EXPECT_EQ(a2.entry_node, m.nodes.at('b'));
  EXPECT_GE(a2.depart, a1.end);
  // C gains access when its road opens: the end of the b–C corridor work.
  EXPECT_EQ(r.evaluation.settlement_access[0], a2.end);
  EXPECT_DOUBLE_EQ(r.evaluation.people_days_without_access, 500 * minutes_to_days(a2.end));
}

TEST(Dispatch, UntouchedRoadsAreOpenFromDayZero) {
  auto m = test::build_ascii_map({"H---A---B"}, {{'A', 10}, {'B', 20}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  const auto r = plan_and_validate(m.scenario, plan::Rule::kImpact);
  EXPECT_TRUE(r.plan.assignments.empty());
  EXPECT_EQ(r.evaluation.people_days_without_access, 0.0);
  EXPECT_EQ(r.evaluation.days_to_access_100, 0.0);
}

TEST(Dispatch, RepairWaitsForClearanceAndOpensTheRoad) {
  auto m = test::build_ascii_map({"H---a-#-B"}, {{'B', 300}});
  Scenario& s = m.scenario;
  Asset crater;
  crater.id = "R1";
  crater.kind = AssetKind::kRoadSection;
  crater.trade = Trade::kRoad;
  crater.quantity = 200;
  crater.geometry = {s.roads.node_pos[m.nodes.at('a').index()]};
  crater.geometry[0].lon +=
      (s.roads.node_pos[m.nodes.at('B').index()].lon - crater.geometry[0].lon) / 2;
  s.assets.push_back(crater);
  s.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  s.crews.push_back(test::make_crew("R1", Trade::kRoad, 30, "H"));
  const auto r = plan_and_validate(s, plan::Rule::kImpact);
  const auto clear = corridor_tasks(r, m, 'a', 'B');
  ASSERT_EQ(clear.size(), 1U);
  const Assignment& c = assignment_of(r, clear[0]);
  const Assignment& rep = assignment_of(r, r.tasks.asset_tasks.begin(0)->index());
  EXPECT_GE(rep.start, c.end);
  EXPECT_EQ(r.evaluation.settlement_access[0], rep.end);
}

TEST(Dispatch, ImpactServesTheLargerPopulationFirst) {
  // A small village close by on the left, a large one further right; one crew.
  const std::vector<std::string> map = {"S-#-a-H-----b-#-T"};
  auto nearest_map = test::build_ascii_map(map, {{'S', 10}, {'T', 5000}});
  nearest_map.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  auto impact_map = nearest_map;
  const auto near = plan_and_validate(nearest_map.scenario, plan::Rule::kNearest);
  const auto impact = plan_and_validate(impact_map.scenario, plan::Rule::kImpact);
  // Settlement order in the map: S first, T second.
  EXPECT_LT(near.evaluation.settlement_access[0], near.evaluation.settlement_access[1]);
  EXPECT_LT(impact.evaluation.settlement_access[1], impact.evaluation.settlement_access[0]);
  EXPECT_LT(impact.evaluation.people_days_without_access,
            near.evaluation.people_days_without_access);
}

TEST(Dispatch, TradesOnlyTakeTasksTheyCanDo) {
  auto m = test::build_ascii_map({"H---a-#-B"}, {{'B', 300}});
  m.scenario.crews.push_back(test::make_crew("P1", Trade::kPower, 20, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const auto r = plan::plan_linked(m.scenario, plan::DispatchOptions{});
  EXPECT_TRUE(r.plan.assignments.empty());
  EXPECT_FALSE(r.unassigned.empty());
  EXPECT_FALSE(r.evaluation.days_to_access_100.has_value());
  // Never reached: counted until the horizon.
  EXPECT_DOUBLE_EQ(r.evaluation.people_days_without_access, 300.0 * m.scenario.params.horizon_days);
}

TEST(Dispatch, SlowdownLimitLeavesACriticalTaskToTheFasterCrew) {
  // The road to T is blocked; a dead-end track to c is contaminated too. Two manual teams at the
  // hub, of 2 and 20 people: the small one dispatches first.
  auto m = test::build_ascii_map({"c-#-H-#-T"}, {{'T', 1000}});
  Scenario& s = m.scenario;
  s.crews.push_back(test::make_crew("small", Trade::kManual, 2, "H"));
  s.crews.push_back(test::make_crew("large", Trade::kManual, 20, "H"));
  plan::link_scenario(s, "fixture");
  const TaskSet ts = plan::generate_tasks(s);
  const auto to_t = [&] {
    for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
      const EdgeId e = ts.tasks[t].corridor_edge;
      if (e.valid() && (s.roads.edge_from[e.index()] == m.nodes.at('T') ||
                        s.roads.edge_to[e.index()] == m.nodes.at('T')))
        return t;
    }
    return ts.tasks.size();
  }();
  ASSERT_LT(to_t, ts.tasks.size());
  auto run = [&](const std::vector<float>* limit) {
    plan::DispatchOptions opt;
    opt.slowdown_limit = limit;
    const plan::DispatchResult d = plan::dispatch(s, ts, opt);
    const validate::Report rep = validate::validate_plan(s, ts.tasks, d.plan);
    for (const auto& v : rep.violations) ADD_FAILURE() << v;
    const auto a = std::find_if(d.plan.assignments.begin(), d.plan.assignments.end(),
                                [&](const Assignment& x) { return x.task.index() == to_t; });
    EXPECT_NE(a, d.plan.assignments.end());
    return std::make_pair(s.crews[a->crew.index()].id, rep.measures.people_days_without_access);
  };
  // Without a limit the first crew to choose takes the task that opens T's road.
  const auto [free_crew, free_days] = run(nullptr);
  EXPECT_EQ(free_crew, "small");
  // With a limit of 1.5 on it, the small team (10 times slower) takes the track instead, and T
  // connects sooner.
  std::vector<float> limit(ts.tasks.size(), 0.0F);
  limit[to_t] = 1.5F;
  const auto [limited_crew, limited_days] = run(&limit);
  EXPECT_EQ(limited_crew, "large");
  EXPECT_LT(limited_days, free_days);
}

TEST(Dispatch, GivesUpAtItsDeadline) {
  Scenario s = gen::generate_district({});
  plan::link_scenario(s, "default");
  const TaskSet ts = plan::generate_tasks(s);
  plan::DispatchOptions opt;
  const plan::DispatchResult full = plan::dispatch(s, ts, opt);
  EXPECT_FALSE(full.aborted);
  opt.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  const plan::DispatchResult late = plan::dispatch(s, ts, opt);
  EXPECT_TRUE(late.aborted);
  EXPECT_LT(late.plan.assignments.size(), full.plan.assignments.size());
}

}  // namespace
}  // namespace gw
