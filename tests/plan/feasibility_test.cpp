// Feasibility up front (issue 17): tasks no crew can do, tasks out of every able crew's reach and
// tasks waiting for those are named before planning; a feasible scenario is exactly one the
// dispatcher assigns completely.
#include "plan/feasibility.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "ascii_map.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "random_district.hpp"

namespace gw {
namespace {

struct Checked {
  TaskSet tasks;
  plan::FeasibilityReport report;
};

Checked check(Scenario& s) {
  plan::link_scenario(s, "fixture");
  Checked c;
  c.tasks = plan::generate_tasks(s);
  c.report = plan::check_feasibility(s, c.tasks);
  return c;
}

TEST(Feasibility, ReachableWorkIsFeasible) {
  auto m = test::build_ascii_map({"H---a-#-b-#-C"}, {{'C', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  const Checked c = check(m.scenario);
  ASSERT_FALSE(c.tasks.tasks.empty());
  EXPECT_TRUE(c.report.feasible());
  EXPECT_NO_THROW(plan::require_feasible(m.scenario, c.tasks));
}

TEST(Feasibility, NoCrewsAtAll) {
  auto m = test::build_ascii_map({"H---a-#-b-#-C"}, {{'C', 500}});
  const Checked c = check(m.scenario);
  ASSERT_FALSE(c.report.feasible());
  EXPECT_EQ(c.report.tasks.size(), c.tasks.tasks.size());
  EXPECT_GT(c.report.counts[static_cast<int>(plan::Infeasibility::kNoCapableCrew)], 0U);
  try {
    plan::require_feasible(m.scenario, c.tasks);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInfeasible);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("tasks can never be done"), std::string::npos) << msg;
    EXPECT_NE(msg.find("of hazard 'Z1'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("trades able: "), std::string::npos) << msg;
  }
}

// A rate of 0 and a crew of the wrong trade: nobody can clear.
TEST(Feasibility, ZeroRatesAndTradesThatFitNoTask) {
  auto m = test::build_ascii_map({"H---a-#-C"}, {{'C', 500}});
  Scenario& s = m.scenario;
  s.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  s.crews.push_back(test::make_crew("R1", Trade::kRoad, 10, "H"));
  for (auto& per_kind : s.params.rate)
    for (double& r : per_kind) r = 0;
  const Checked c = check(s);
  ASSERT_FALSE(c.report.feasible());
  EXPECT_EQ(c.report.counts[static_cast<int>(plan::Infeasibility::kNoCapableCrew)],
            c.tasks.tasks.size());
  const std::string msg = plan::describe(s, c.tasks, c.report);
  EXPECT_NE(msg.find("no trade has a rate above 0 on it"), std::string::npos) << msg;
}

// The far part of the map has no road to any crew: its work is out of reach, the near part is not.
TEST(Feasibility, UnreachableSitesAreNamed) {
  auto m = test::build_ascii_map({"H---a-#-C   b-#-c"}, {{'C', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  const Checked c = check(m.scenario);
  ASSERT_FALSE(c.report.feasible());
  EXPECT_EQ(c.report.counts[static_cast<int>(plan::Infeasibility::kUnreachable)], 1U);
  EXPECT_LT(c.report.tasks.size(), c.tasks.tasks.size());
  const std::string msg = plan::describe(m.scenario, c.tasks, c.report);
  EXPECT_NE(msg.find("of hazard 'Z2'): no crew able to do it is based on a road"),
            std::string::npos)
      << msg;
}

// Work behind a hazard only a missing trade can do: the road never opens, so the work beyond is
// out of reach too, and the repair waiting for the clearance is blocked.
TEST(Feasibility, WorkBehindImpossibleWorkIsBlocked) {
  auto m = test::build_ascii_map({"H---a-#-b-#-C"}, {{'C', 500}});
  Scenario& s = m.scenario;
  s.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  Asset crater;
  crater.id = "R1";
  crater.kind = AssetKind::kRoadSection;
  crater.trade = Trade::kRoad;
  crater.quantity = 200;
  crater.geometry = {s.roads.node_pos[m.nodes.at('b').index()]};
  crater.geometry[0].lon +=
      (s.roads.node_pos[m.nodes.at('C').index()].lon - crater.geometry[0].lon) / 2;
  s.assets.push_back(crater);
  s.crews.push_back(test::make_crew("R1", Trade::kRoad, 30, "H"));
  Checked c = check(s);
  EXPECT_TRUE(c.report.feasible()) << plan::describe(s, c.tasks, c.report);
  // Without deminers the road brigade can reach the crater only once both corridors are clear.
  s.crews.erase(s.crews.begin());
  c = check(s);
  ASSERT_FALSE(c.report.feasible());
  // Every demining task has no able crew; the crater's project (filling, then resurfacing, one
  // package each) waits for them.
  std::size_t repairs = 0;
  for (const Task& t : c.tasks.tasks) repairs += t.kind == TaskKind::kRepair ? 1 : 0;
  EXPECT_EQ(repairs, 2U);
  EXPECT_EQ(c.report.counts[static_cast<int>(plan::Infeasibility::kNoCapableCrew)],
            c.tasks.tasks.size() - repairs);
  const std::size_t later = c.report.counts[static_cast<int>(plan::Infeasibility::kUnreachable)] +
                            c.report.counts[static_cast<int>(plan::Infeasibility::kBlockedByOther)];
  EXPECT_EQ(later, repairs) << plan::describe(s, c.tasks, c.report);
}

// A crew so slow that a task would take it millennia: named before planning, with the crew.
TEST(Feasibility, AbsurdlyLongTasksAreNamed) {
  auto m = test::build_ascii_map({"H---a-#-C"}, {{'C', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  m.scenario.crews.push_back(test::make_crew("slow", Trade::kManual, 1, "H"));
  m.scenario.crews.back().productivity_factor = 1e-7;
  const Checked c = check(m.scenario);
  ASSERT_FALSE(c.report.feasible());
  EXPECT_EQ(c.report.counts[static_cast<int>(plan::Infeasibility::kTooLong)], c.tasks.tasks.size());
  const std::string msg = plan::describe(m.scenario, c.tasks, c.report);
  EXPECT_NE(msg.find("crew 'slow' would take"), std::string::npos) << msg;
}

// The closure agrees with the dispatcher: on random districts, with crews removed at random, a
// scenario is feasible exactly when every task gets assigned, and the unassigned tasks are
// exactly those reported.
TEST(Feasibility, AgreesWithTheDispatcherOnRandomDistricts) {
  int infeasible = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Scenario s = test::random_small_district(seed);
    // Drop every crew of some trades (a different subset per seed).
    std::vector<Crew> kept;
    for (const Crew& cr : s.crews) {
      if (((seed >> (static_cast<unsigned>(cr.trade) % 4)) & 1U) == 0) kept.push_back(cr);
    }
    s.crews = kept;
    const Checked c = check(s);
    const plan::PlanResult r = plan::plan_linked(s, {});
    std::vector<TaskId> reported;
    for (const auto& it : c.report.tasks) reported.push_back(it.task);
    std::vector<TaskId> unassigned = r.unassigned;
    std::sort(unassigned.begin(), unassigned.end());
    EXPECT_EQ(reported, unassigned) << "seed " << seed;
    infeasible += c.report.feasible() ? 0 : 1;
  }
  EXPECT_GT(infeasible, 0) << "the crew removal never made a district infeasible";
  EXPECT_LT(infeasible, 12) << "the crew removal always made the district infeasible";
}

}  // namespace
}  // namespace gw
