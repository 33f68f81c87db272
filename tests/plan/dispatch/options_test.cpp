// Every DispatchOptions field that shapes the impact rule's choice, each shown to do what its
// comment in plan/dispatch.hpp says, on one fixture: a village of 10 people just beyond the hub on
// the left, a town of 5,000 further on the right, each behind a hazard, one manual team at the hub.
// Which settlement gains access first tells which task the crew chose first. Every plan is
// checked by the independent validator.
#include <gtest/gtest.h>

#include <vector>

#include "plan/ascii_map.hpp"
#include "plan/dispatch.hpp"
#include "plan/link.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

class DispatchOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_ = test::build_ascii_map({"S-#-a-H-----b-#-T"}, {{'S', 10}, {'T', 5000}});
    m_.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
    plan::link_scenario(m_.scenario, "fixture");
    ts_ = plan::generate_tasks(m_.scenario);
  }
  // True when the small village S gains access before the town T.
  bool village_first(const plan::DispatchOptions& opt) {
    const plan::DispatchResult d = plan::dispatch(m_.scenario, ts_, opt);
    EXPECT_TRUE(d.unassigned.empty());
    const validate::Report rep = validate::validate_plan(m_.scenario, ts_.tasks, d.plan);
    for (const auto& v : rep.violations) ADD_FAILURE() << v;
    const auto& access = rep.measures.settlement_access;  // map order: S, then T
    EXPECT_EQ(access.size(), 2U);
    return access.size() == 2 && access[0] < access[1];
  }
  // The options with the hot lists off: only the local search and the far lookup find tasks.
  static plan::DispatchOptions local_only() {
    plan::DispatchOptions opt;
    opt.hot_candidates = 0;
    return opt;
  }
  test::AsciiMap m_;
  TaskSet ts_;
};

TEST_F(DispatchOptionsTest, ImpactServesTheTownFirstByDefaultAndNearestTheVillage) {
  EXPECT_FALSE(village_first(plan::DispatchOptions{}));
  plan::DispatchOptions nearest;
  nearest.rule = plan::Rule::kNearest;
  EXPECT_TRUE(village_first(nearest));
}

TEST_F(DispatchOptionsTest, CompareWindowBoundsHowMuchFurtherACandidateMayLie) {
  // The village's hazard is listed at a, 200 m from the hub; the town's at b, 600 m.
  plan::DispatchOptions opt = local_only();
  opt.compare_window_s = 0;  // only tasks as near as the nearest one compete
  EXPECT_TRUE(village_first(opt));
  opt.compare_window_s = 900;
  EXPECT_FALSE(village_first(opt));
}

// Each 30 m hazard makes two tasks listed at the node on the hub's side: its corridor package and
// its land package. The search from the hub reaches a (the village's two tasks) before b (the
// town's), so it needs a third candidate to see the town's.
TEST_F(DispatchOptionsTest, CandidatesBoundsHowManyTasksTheLocalSearchCollects) {
  plan::DispatchOptions opt = local_only();
  opt.candidates = 1;  // the search stops at the first task found: the village's
  EXPECT_TRUE(village_first(opt));
  opt.candidates = 2;  // both of the village's tasks, found at the same node
  EXPECT_TRUE(village_first(opt));
  opt.candidates = 3;  // the search goes on to b: the town's tasks compete and win
  EXPECT_FALSE(village_first(opt));
}

TEST_F(DispatchOptionsTest, HotCandidatesBringAccessTasksFromBeyondTheWindow) {
  plan::DispatchOptions opt;
  opt.compare_window_s = 0;
  opt.hot_candidates = 0;
  EXPECT_TRUE(village_first(opt));
  opt.hot_candidates = 1;  // the town's clearance is on its restoration path: hot
  EXPECT_FALSE(village_first(opt));
}

TEST_F(DispatchOptionsTest, HotScanLimitBoundsHowDeepAHotListIsSearched) {
  plan::DispatchOptions opt;
  opt.compare_window_s = 0;
  opt.hot_scan_limit = 0;  // the hot lists are not looked at
  EXPECT_TRUE(village_first(opt));
  opt.hot_scan_limit = 1;  // the hottest live entry of each class: the town's
  EXPECT_FALSE(village_first(opt));
}

TEST_F(DispatchOptionsTest, FarTravelAndReachFactorBoundHowFarACrewGoesForHotWork) {
  // The town's task is estimated at 600 m x 1.4 at 40 km/h, about 76 s, from the hub.
  plan::DispatchOptions opt;
  opt.compare_window_s = 0;
  opt.far_travel_s = 30;  // beyond the limit: left to crews based nearer (there are none)
  EXPECT_TRUE(village_first(opt));
  std::vector<float> reach(ts_.tasks.size(), 4.0F);  // 120 s for hot tasks
  opt.reach_factor = &reach;
  EXPECT_FALSE(village_first(opt));
  opt.reach_factor = nullptr;
  opt.far_travel_s = 120;
  EXPECT_FALSE(village_first(opt));
}

TEST_F(DispatchOptionsTest, PriorityFactorScalesATasksPriority) {
  // Scaling down the priority of every task on the town's side makes the village's task win.
  std::vector<float> factor(ts_.tasks.size(), 1.0F);
  const NodeId t_node = m_.nodes.at('T');
  const RoadNetwork& net = m_.scenario.roads;
  std::size_t scaled = 0;
  for (std::size_t t = 0; t < ts_.tasks.size(); ++t) {
    const EdgeId e = ts_.tasks[t].site_edge;
    if (net.edge_from[e.index()] == t_node || net.edge_to[e.index()] == t_node) {
      factor[t] = 1e-6F;
      ++scaled;
    }
  }
  ASSERT_GT(scaled, 0U);
  plan::DispatchOptions opt;
  opt.priority_factor = &factor;
  EXPECT_TRUE(village_first(opt));
}

// The return gains' look-ahead (return_slack_days). One power brigade at the hub, a town A of
// 40,000 displaced whose power waits for a substation (its equipment many days of work, after the
// debris a road crew clears) and for line LA, and a village B of 100 whose power waits for line LB
// alone. Without the look-ahead the brigade takes LA first (the town's share of its gain is the
// larger); with it, LA can end long before the substation it waits for, and LB goes first: the
// village is back a day earlier, the town no later.
TEST(DispatchReturnSlack, DefersWorkThatCanEndLongBeforeItsGate) {
  test::AsciiMap m = test::build_ascii_map({"A---H---B"}, {{'A', 40000}, {'B', 100}});
  Scenario& s = m.scenario;
  s.params.start_date = "2027-06-01";  // summer: no heating season
  s.settlements[0].displaced = 40000;
  s.settlements[1].displaced = 100;
  for (auto& st : s.settlements) st.dwellings = st.population;
  const LonLat hub = s.roads.node_pos[m.nodes.at('H').index()];
  auto asset = [&](const std::string& id, AssetKind kind, double quantity, const LonLat& to,
                   const std::string& serves) {
    Asset a;
    a.id = id;
    a.kind = kind;
    a.service = Service::kPower;
    a.trade = Trade::kPower;
    a.quantity = quantity;
    a.geometry = kind == AssetKind::kSubstation ? LineString{hub} : LineString{hub, to};
    a.serves = {serves};
    return a;
  };
  s.assets = {asset("SUB", AssetKind::kSubstation, 100, hub, "A"),
              asset("LA", AssetKind::kPowerLine, 500, s.settlements[0].pos, "A"),
              asset("LB", AssetKind::kPowerLine, 500, s.settlements[1].pos, "B")};
  s.assets[0].work_factor = 4;  // the substation: about 5 days of debris, then 28 of equipment
  s.assets[1].depends_on = {"SUB"};
  s.crews.push_back(test::make_crew("P1", Trade::kPower, 20, "H"));
  s.crews.push_back(test::make_crew("R1", Trade::kRoad, 20, "H"));
  plan::link_scenario(s, "fixture");
  const TaskSet ts = plan::generate_tasks(s);
  auto run = [&](double slack_days) {
    plan::DispatchOptions opt;
    opt.service_weight = 0;  // the returns alone rank the lines (LA serves 400 times B's people)
    opt.return_slack_days = slack_days;
    const plan::DispatchResult d = plan::dispatch(s, ts, opt);
    EXPECT_TRUE(d.unassigned.empty());
    validate::Report rep = validate::validate_plan(s, ts.tasks, d.plan);
    for (const auto& v : rep.violations) ADD_FAILURE() << v;
    return rep.measures;
  };
  const validate::Measures plain = run(0);
  const validate::Measures ahead = run(10);
  ASSERT_EQ(plain.return_first.size(), 2U);
  ASSERT_EQ(ahead.return_first.size(), 2U);
  EXPECT_LT(ahead.return_first[1], plain.return_first[1]);  // the village, sooner
  EXPECT_LE(ahead.return_first[0], plain.return_first[0]);  // the town, no later
  EXPECT_LT(ahead.people_days_displaced, plain.people_days_displaced);
}

}  // namespace
}  // namespace gw
