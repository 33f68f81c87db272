// What-if changes: parsing the phrases a programme uses and applying them to a scenario's crews;
// and the comparison of two plans settlement by settlement.
#include "plan/scenario_change.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "ascii_map.hpp"
#include "model/error.hpp"
#include "plan/compare.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "routes.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

using plan::ChangeOp;
using plan::CrewGroup;

TEST(ScenarioChange, ParsesGroupsTradesAndAmounts) {
  auto c = plan::parse_change("+500 builders");
  EXPECT_EQ(c.op, ChangeOp::kAdd);
  EXPECT_EQ(c.people, 500);
  EXPECT_EQ(c.group, CrewGroup::kBuilders);
  EXPECT_EQ(c.text, "+500 builders");

  c = plan::parse_change("+200 deminers in manual teams");
  EXPECT_EQ(c.op, ChangeOp::kAdd);
  EXPECT_EQ(c.people, 200);
  EXPECT_EQ(c.group, CrewGroup::kTrade);
  EXPECT_EQ(c.trade, Trade::kManual);

  c = plan::parse_change("-100 Road Builders");
  EXPECT_EQ(c.op, ChangeOp::kRemove);
  EXPECT_EQ(c.people, 100);
  EXPECT_EQ(c.group, CrewGroup::kTrade);
  EXPECT_EQ(c.trade, Trade::kRoad);

  c = plan::parse_change("300 people in bridge brigades");
  EXPECT_EQ(c.op, ChangeOp::kAdd);
  EXPECT_EQ(c.trade, Trade::kBridge);

  c = plan::parse_change("x1.5 deminers");
  EXPECT_EQ(c.op, ChangeOp::kScale);
  EXPECT_DOUBLE_EQ(c.factor, 1.5);
  EXPECT_EQ(c.group, CrewGroup::kDeminers);

  c = plan::parse_change(
      "\xc3\x97"
      "2 dog teams");
  EXPECT_EQ(c.op, ChangeOp::kScale);
  EXPECT_DOUBLE_EQ(c.factor, 2.0);
  EXPECT_EQ(c.trade, Trade::kDog);

  c = plan::parse_change("-25% builders");
  EXPECT_EQ(c.op, ChangeOp::kScale);
  EXPECT_DOUBLE_EQ(c.factor, 0.75);

  c = plan::parse_change("+40 survey teams");
  EXPECT_EQ(c.trade, Trade::kSurvey);
}

TEST(ScenarioChange, RejectsWhatItCannotRead) {
  for (const char* bad :
       {"", "lots of builders", "+500", "+500 cooks", "+0 builders", "+2.5 builders",
        "+200 deminers in road brigades", "+100 builders in manual teams", "+100 road deminers",
        "+100 people", "+100 builders in", "x-1 builders", "+100 road bridge builders"}) {
    SCOPED_TRACE(bad);
    try {
      plan::parse_change(bad);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_NE(std::string(e.what()).find("change '"), std::string::npos) << e.what();
    }
  }
}

Scenario crews_scenario() {
  auto m = test::build_ascii_map({"H---A---B"}, {{'A', 100}, {'B', 100}});
  Scenario s = m.scenario;
  s.crews.push_back(test::make_crew("r1", Trade::kRoad, 30, "H"));
  s.crews.push_back(test::make_crew("r2", Trade::kRoad, 30, "A"));
  s.crews.push_back(test::make_crew("r3", Trade::kRoad, 20, "H"));
  s.crews.push_back(test::make_crew("b1", Trade::kBridge, 40, "B"));
  s.crews.push_back(test::make_crew("m1", Trade::kManual, 10, "H"));
  s.crews.push_back(test::make_crew("m2", Trade::kManual, 8, "H"));
  s.crews.back().productivity_factor = 0.8;
  return s;
}

std::map<Trade, std::int64_t> people_by_trade(const Scenario& s) {
  std::map<Trade, std::int64_t> out;
  for (const Crew& c : s.crews) out[c.trade] += c.people;
  return out;
}

TEST(ScenarioChange, AddsBuildersInProportionAtTheDepots) {
  Scenario s = crews_scenario();
  const auto before = people_by_trade(s);
  const plan::ChangeEffect e = plan::apply_change(s, plan::parse_change("+240 builders"));
  const auto after = people_by_trade(s);
  // Road has 80 of the 120 builders, bridge 40: 160 and 80 more.
  EXPECT_EQ(after.at(Trade::kRoad) - before.at(Trade::kRoad), 160);
  EXPECT_EQ(after.at(Trade::kBridge) - before.at(Trade::kBridge), 80);
  EXPECT_EQ(after.at(Trade::kManual), before.at(Trade::kManual));
  EXPECT_EQ(e.people(), 240);
  // Road teams of the median size 30 (160 / 30 -> 5 teams of 32), bridge teams of 40 (2 of 40).
  ASSERT_EQ(e.trades.size(), 2U);
  EXPECT_EQ(e.trades[0].trade, Trade::kRoad);
  EXPECT_EQ(e.trades[0].crews, 5);
  EXPECT_EQ(e.trades[0].team_size, 30);
  EXPECT_EQ(e.trades[1].crews, 2);
  EXPECT_EQ(s.crews.size(), 6U + 7U);
  // Depots in order of first appearance (H, A, B), in turn; unique new ids.
  std::vector<std::string> bases;
  for (std::size_t i = 6; i < s.crews.size(); ++i) bases.push_back(s.crews[i].base);
  EXPECT_EQ(bases, (std::vector<std::string>{"H", "A", "B", "H", "A", "B", "H"}));
  EXPECT_EQ(s.crews[6].id, "whatif-road-1");
  EXPECT_EQ(s.crews[11].id, "whatif-bridge-1");
  EXPECT_NE(e.describe().find("road +160 (5 crews of ~30)"), std::string::npos) << e.describe();
  // The changed scenario still links and plans (nothing to do: no hazards, no damage).
  plan::link_scenario(s, "changed");
  const plan::PlanResult r = plan::plan_linked(s, {});
  EXPECT_TRUE(r.unassigned.empty());
  EXPECT_TRUE(validate::validate_plan(s, r.tasks.tasks, r.plan).valid());
}

TEST(ScenarioChange, NamedTradeSizesAndProductivity) {
  Scenario s = crews_scenario();
  plan::apply_change(s, plan::parse_change("+25 deminers in manual teams"));
  // Median manual team: 8 people (lower median of {8, 10}) and factor 0.8: 3 teams of 9, 8, 8.
  ASSERT_EQ(s.crews.size(), 9U);
  EXPECT_EQ(s.crews[6].people + s.crews[7].people + s.crews[8].people, 25);
  EXPECT_EQ(s.crews[6].people, 9);
  EXPECT_DOUBLE_EQ(s.crews[6].productivity_factor, 0.8);
  EXPECT_EQ(s.crews[8].trade, Trade::kManual);
  // A trade the scenario lacks gets the default team size.
  plan::apply_change(s, plan::parse_change("+8 dog teams"));
  EXPECT_EQ(s.crews.back().trade, Trade::kDog);
  EXPECT_EQ(s.crews.back().people, 8);  // one team: round(8 / 6) = 1
}

TEST(ScenarioChange, RemovesWholeCrewsLastFirst) {
  Scenario s = crews_scenario();
  const plan::ChangeEffect e = plan::apply_change(s, plan::parse_change("-45 road builders"));
  // r3 (20) then r2 (30): 50 is closer to 45 than 20.
  EXPECT_EQ(e.people(), -50);
  ASSERT_EQ(e.trades.size(), 1U);
  EXPECT_EQ(e.trades[0].crews, -2);
  EXPECT_EQ(people_by_trade(s).at(Trade::kRoad), 30);
  EXPECT_EQ(s.crews[0].id, "r1");
}

TEST(ScenarioChange, ScalesAGroup) {
  Scenario s = crews_scenario();
  const plan::ChangeEffect e = plan::apply_change(s, plan::parse_change("x1.5 deminers"));
  EXPECT_EQ(e.people(), 9);  // 18 manual deminers × 0.5
  EXPECT_EQ(people_by_trade(s).at(Trade::kManual), 27);
}

TEST(ScenarioChange, NeedsCrewsToCopy) {
  auto m = test::build_ascii_map({"H---A"}, {});
  EXPECT_THROW(plan::apply_change(m.scenario, plan::parse_change("+500 builders")), Error);
  m.scenario.crews.push_back(test::make_crew("m1", Trade::kManual, 10, "H"));
  EXPECT_THROW(plan::apply_change(m.scenario, plan::parse_change("+500 builders")),
               Error);  // no builders to split
  EXPECT_NO_THROW(plan::apply_change(m.scenario, plan::parse_change("+60 road builders")));
  EXPECT_EQ(m.scenario.crews.back().people, 30);  // default size 27: round(60 / 27) = 2 teams of 30
}

// ---------------------------------------------------------------------------------------------
// The comparison.

// Two linked scenarios of one road with a hazard on each side of the hub: A with one manual crew,
// B with a second one.
std::pair<Scenario, Scenario> one_and_two_manual_crews() {
  const std::vector<std::string> map = {"S-#-a-H-b-#-T"};
  auto base = test::build_ascii_map(map, {{'S', 100}, {'T', 300}});
  base.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  Scenario a = base.scenario;
  Scenario b = base.scenario;
  plan::apply_change(b, plan::parse_change("+10 deminers in manual teams"));
  plan::link_scenario(a, "a");
  plan::link_scenario(b, "b");
  return {std::move(a), std::move(b)};
}

TEST(Compare, SettlementsGainingAndLosing) {
  // B has a second manual crew: the two hazards are cleared in parallel.
  const auto [a, b] = one_and_two_manual_crews();
  const auto ra = plan::plan_linked(a, {});
  const auto rb = plan::plan_linked(b, {});
  for (const auto* r : {&ra, &rb}) {
    const validate::Report rep = validate::validate_plan(r == &ra ? a : b, r->tasks.tasks, r->plan);
    EXPECT_TRUE(rep.valid()) << (rep.violations.empty() ? "" : rep.violations.front());
  }
  const auto fa = plan::plan_figures("A", a, ra.tasks.tasks.size(), ra.evaluation);
  const auto fb = plan::plan_figures("B", b, rb.tasks.tasks.size(), rb.evaluation);
  EXPECT_EQ(fa.crews, 1U);
  EXPECT_EQ(fb.crews, 2U);
  EXPECT_EQ(fb.deminers, 20);
  const Comparison c = plan::compare_plans(fa, a, ra.evaluation, fb, b, rb.evaluation);
  // With one crew, one of S and T waits for the other's clearance; with two, neither waits.
  EXPECT_LT(fb.people_days_without_access, fa.people_days_without_access);
  EXPECT_EQ(c.gains.size() + c.unchanged, 2U);
  ASSERT_FALSE(c.gains.empty());
  EXPECT_TRUE(c.losses.empty());
  double sum = 0;
  for (const auto& g : c.gains) {
    EXPECT_GT(g.days_gained, 0);
    EXPECT_DOUBLE_EQ(g.people_days_gained, static_cast<double>(g.population) * g.days_gained);
    sum += g.people_days_gained;
  }
  EXPECT_NEAR(c.people_days_gained, sum, 1e-9);
  EXPECT_NEAR(c.people_days_gained, fa.people_days_without_access - fb.people_days_without_access,
              1e-6);
  // The reverse comparison loses what this one gains.
  const Comparison r = plan::compare_plans(fb, b, rb.evaluation, fa, a, ra.evaluation);
  EXPECT_EQ(r.losses.size(), c.gains.size());
  EXPECT_NEAR(r.people_days_lost, c.people_days_gained, 1e-9);
}

// A plan carried to a scenario with more crews keeps its stated routes (docs/model.md §5) over the
// same roads, and they still validate there; over roads of other speeds it states none, and the
// trips are left to the validator's search.
TEST(Compare, TransferredPlanKeepsItsRoutesOnlyOverTheSameRoads) {
  const auto [a, b] = one_and_two_manual_crews();
  const auto ra = plan::plan_linked(a, {});
  const auto tb = plan::generate_tasks(b);
  const std::size_t stated = test::stated_routes(ra.plan);
  ASSERT_GT(stated, 0U);

  const auto same = plan::transfer_plan(a, ra.tasks, ra.plan, b, tb);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(test::stated_routes(*same), stated);
  const validate::Report rep = validate::validate_plan(b, tb.tasks, *same);
  EXPECT_TRUE(rep.valid()) << (rep.violations.empty() ? "" : rep.violations.front());

  Scenario slower = b;
  for (auto& v : slower.roads.edge_speed_kmh) v *= 0.5;
  slower.roads.build_adjacency();
  const auto other = plan::transfer_plan(a, ra.tasks, ra.plan, slower, tb);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(test::stated_routes(*other), 0U);
  // Over the slower roads its trips are searched: whatever they find, no route is blamed.
  for (const auto& v : validate::validate_plan(slower, tb.tasks, *other).violations)
    EXPECT_EQ(v.find(": route "), std::string::npos) << v;
}

}  // namespace
}  // namespace gw
