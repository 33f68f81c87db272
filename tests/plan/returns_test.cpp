// The planner's return measure (src/plan/returns.cpp, docs/model.md §7) by hand, and the impact
// rule's return priorities (src/plan/dispatch/return_priorities.cpp).
#include "plan/returns.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "plan/ascii_map.hpp"
#include "plan/calendar.hpp"
#include "plan/dispatch/return_priorities.hpp"
#include "plan/link.hpp"
#include "plan/tasks.hpp"

namespace gw {
namespace {

constexpr Minutes kDay = kMinutesPerDay;

Settlement village(std::int64_t population, std::int64_t displaced, std::int64_t dwellings,
                   std::int64_t heavy) {
  Settlement s;
  s.id = "V";
  s.population = population;
  s.displaced = displaced;
  s.dwellings = dwellings;
  s.damaged_dwellings = {0, heavy, 0};
  return s;
}

// Start in summer: no heating season in the first months.
Parameters summer() {
  Parameters p;
  p.start_date = "2027-06-01";
  return p;
}

TEST(Returns, EveryoneBackWhenTheLastConditionIsMet) {
  const Parameters p = summer();
  const plan::Calendar cal(p);
  plan::ReturnConditions c;
  c.access = 1 * kDay;
  c.residential = 0;
  c.power = 2 * kDay;
  c.water = 3 * kDay;
  c.heat = 0;
  // 40 intact dwellings × 2.6 = 104 places for 100 people.
  const auto r = plan::settlement_return(village(100, 100, 50, 10), p, cal, c);
  EXPECT_EQ(r.ready, 3 * kDay);
  EXPECT_EQ(r.first, 3 * kDay);
  EXPECT_EQ(r.all, 3 * kDay);
  EXPECT_DOUBLE_EQ(r.people_days_displaced, 300);
}

TEST(Returns, HousingBringsPeopleBackInSteps) {
  const Parameters p = summer();
  const plan::Calendar cal(p);
  plan::ReturnConditions c;
  c.access = 1 * kDay;
  c.residential = 0;
  c.power = 0;
  c.water = 3 * kDay;
  c.heat = 0;
  c.housing = {{5 * kDay, 10}, {2 * kDay, 4}};  // 4 dwellings before the settlement is ready
  // 30 intact + 4 = 34 dwellings × 2.6 = 88.4 people on day 3; +10 dwellings on day 5: all 100.
  const auto r = plan::settlement_return(village(100, 100, 50, 20), p, cal, c);
  EXPECT_EQ(r.first, 3 * kDay);
  EXPECT_EQ(r.all, 5 * kDay);
  EXPECT_NEAR(r.people_days_displaced, 100 * 3 + (100 - 88.4) * 2, 1e-9);
  ASSERT_EQ(r.steps.size(), 2U);
  EXPECT_NEAR(r.steps[0].second, 88.4, 1e-9);
  EXPECT_DOUBLE_EQ(r.steps[1].second, 100);
}

TEST(Returns, ResidentsWhoStayedKeepTheirDwellings) {
  const Parameters p = summer();
  const plan::Calendar cal(p);
  plan::ReturnConditions c;
  c.access = c.residential = c.power = c.water = c.heat = 0;
  // 200 people, 100 displaced, 60 intact dwellings: 156 places, 100 taken by those who stayed,
  // room for 56 at once; never more (no housing package).
  const auto r = plan::settlement_return(village(200, 100, 80, 20), p, cal, c);
  EXPECT_EQ(r.first, 0);
  EXPECT_EQ(r.all, kNever);
  EXPECT_NEAR(r.people_days_displaced, (100 - 56) * p.horizon_days, 1e-6);
}

TEST(Returns, TheHeatingSeasonHoldsReturnsUntilHeatOrSpring) {
  Parameters p;
  p.start_date = "2027-10-01";  // the season starts on 15 October
  const plan::Calendar cal(p);
  plan::ReturnConditions c;
  c.access = c.residential = c.power = 0;
  c.water = 20 * kDay;  // 21 October: in the season
  c.heat = 40 * kDay;
  const auto r = plan::settlement_return(village(100, 100, 50, 0), p, cal, c);
  EXPECT_EQ(r.ready, 40 * kDay);
  EXPECT_DOUBLE_EQ(r.people_days_displaced, 100 * 40);
  // Heat never comes: back in spring, on 15 April 2028 (day 197).
  c.heat = kNever;
  const auto spring = plan::settlement_return(village(100, 100, 50, 0), p, cal, c);
  EXPECT_EQ(spring.ready, 197 * kDay);
  // Ready before the season starts: back at once, and they stay.
  c.water = 5 * kDay;
  const auto early = plan::settlement_return(village(100, 100, 50, 0), p, cal, c);
  EXPECT_EQ(early.all, 5 * kDay);
}

TEST(Returns, NobodyDisplacedMeansNoReturnDates) {
  const Parameters p = summer();
  const plan::Calendar cal(p);
  plan::ReturnConditions c;
  c.access = c.residential = c.power = c.water = c.heat = 0;
  const auto r = plan::settlement_return(village(100, 0, 50, 0), p, cal, c);
  EXPECT_EQ(r.first, kNever);
  EXPECT_EQ(r.all, kNever);
  EXPECT_DOUBLE_EQ(r.people_days_displaced, 0);
}

// Two villages beyond the hub, each with a cut power line: the one whose displaced people are many
// for little work gets the higher priority on its line; work serving both gains from both.
TEST(ReturnPriorities, PeoplePerDayOfTheWorkTheirReturnWaitsFor) {
  test::AsciiMap m = test::build_ascii_map({"A---H---B"}, {{'A', 500}, {'B', 500}});
  Scenario& s = m.scenario;
  s.settlements[0].displaced = 400;  // A
  s.settlements[1].displaced = 100;  // B
  for (auto& st : s.settlements) st.dwellings = 400;
  auto line = [&](const std::string& id, const std::string& serves, double length_m) {
    Asset a;
    a.id = id;
    a.kind = AssetKind::kPowerLine;
    a.service = Service::kPower;
    a.trade = Trade::kPower;
    a.quantity = length_m;
    a.geometry = {s.roads.node_pos[m.nodes.at('H').index()], s.settlements[0].pos};
    a.serves = {serves};
    return a;
  };
  s.assets = {line("LA", "A", 1000), line("LB", "B", 1000), line("SUB", "A", 500)};
  s.assets[2].serves = {"A", "B"};
  s.assets[0].depends_on = {"SUB"};
  s.crews.push_back(test::make_crew("P1", Trade::kPower, 20, "H"));
  plan::link_scenario(s, "fixture");
  const TaskSet ts = plan::generate_tasks(s);
  const std::vector<double> days(ts.tasks.size(), 1.0);  // one nominal day per task
  const std::vector<char> done(ts.tasks.size(), 0);
  const plan::dispatcher::ReturnWork work = plan::dispatcher::return_work(s, ts);
  const std::vector<double> gain = plan::dispatcher::return_priorities(s, ts, work, days, done);
  auto gain_of = [&](std::size_t asset) { return gain[ts.asset_tasks.begin(asset)->index()]; };
  const double na = static_cast<double>(ts.asset_tasks.count(0) + ts.asset_tasks.count(2));
  const double nb = static_cast<double>(ts.asset_tasks.count(1) + ts.asset_tasks.count(2));
  // A waits for LA and the substation; B for LB and the substation.
  EXPECT_DOUBLE_EQ(gain_of(0), 400 / na);
  EXPECT_DOUBLE_EQ(gain_of(1), 100 / nb);
  EXPECT_DOUBLE_EQ(gain_of(2), 400 / na + 100 / nb);
  EXPECT_GT(gain_of(0), gain_of(1));
  // Work done no longer counts: with the substation done, A's line carries A alone.
  std::vector<char> sub_done = done;
  for (const TaskId* t = ts.asset_tasks.begin(2); t != ts.asset_tasks.end(2); ++t)
    sub_done[t->index()] = 1;
  const std::vector<double> later =
      plan::dispatcher::return_priorities(s, ts, work, days, sub_done);
  EXPECT_DOUBLE_EQ(later[ts.asset_tasks.begin(0)->index()],
                   400 / static_cast<double>(ts.asset_tasks.count(0)));
  EXPECT_DOUBLE_EQ(later[ts.asset_tasks.begin(2)->index()], 0);
}

// The look-ahead (slack) of the return gains: work that can end long before the rest of its
// settlement's gate gets exp(-slack / slack_days) of its share; the gate's last work keeps it all.
TEST(ReturnPriorities, LookAheadDiscountsWorkByItsSlackBeforeTheGate) {
  test::AsciiMap m = test::build_ascii_map({"A---H"}, {{'A', 500}});
  Scenario& s = m.scenario;
  s.settlements[0].displaced = 400;
  s.settlements[0].dwellings = 400;
  Asset line;
  line.id = "LA";
  line.kind = AssetKind::kPowerLine;
  line.service = Service::kPower;
  line.trade = Trade::kPower;
  line.quantity = 1000;
  line.geometry = {s.roads.node_pos[m.nodes.at('H').index()], s.settlements[0].pos};
  line.serves = {"A"};
  Asset sub = line;
  sub.id = "SUB";
  sub.kind = AssetKind::kSubstation;
  sub.quantity = 100;
  sub.geometry = {line.geometry.front()};
  s.assets = {line, sub};
  s.assets[0].depends_on = {"SUB"};
  s.crews.push_back(test::make_crew("P1", Trade::kPower, 20, "H"));
  plan::link_scenario(s, "fixture");
  const TaskSet ts = plan::generate_tasks(s);
  const std::vector<char> done(ts.tasks.size(), 0);
  const plan::dispatcher::ReturnWork work = plan::dispatcher::return_work(s, ts);
  const std::vector<double> days(ts.tasks.size(), 1.0);
  // Estimated ends in days from now: the line's package ends on day 2, the substation's last
  // package on day 30, its others on day 5.
  std::vector<double> ends(ts.tasks.size(), 5.0);
  const std::uint32_t line_task = ts.asset_tasks.begin(0)->value;
  const std::uint32_t last_sub_task = (ts.asset_tasks.end(1) - 1)->value;
  ends[line_task] = 2;
  ends[last_sub_task] = 30;
  const std::vector<double> plain = plan::dispatcher::return_priorities(s, ts, work, days, done);
  const std::vector<double> ahead =
      plan::dispatcher::return_priorities(s, ts, work, days, done, nullptr, &ends, 7.0);
  EXPECT_GT(plain[line_task], 0);
  EXPECT_DOUBLE_EQ(ahead[last_sub_task], plain[last_sub_task]);
  EXPECT_NEAR(ahead[line_task], plain[line_task] * std::exp(-28.0 / 7.0), 1e-12);
  for (const TaskId* t = ts.asset_tasks.begin(1); t + 1 != ts.asset_tasks.end(1); ++t)
    EXPECT_NEAR(ahead[t->index()], plain[t->index()] * std::exp(-25.0 / 7.0), 1e-12);
  // Without estimates the slack does nothing.
  EXPECT_EQ(plan::dispatcher::return_priorities(s, ts, work, days, done, nullptr, nullptr, 7.0),
            plain);
}

// The estimated ends: tasks under way at their ends, the others after their latest predecessor.
TEST(ReturnPriorities, EstimatedEndsFollowPrecedenceFromTheTasksUnderWay) {
  TaskSet ts;
  ts.tasks.resize(3);
  ts.preds.push_row({});
  ts.preds.push_row({});
  ts.preds.push_row({TaskId(0), TaskId(1)});
  const std::vector<std::uint32_t> order{0, 1, 2};
  const std::vector<double> nominal{4.0, 5.0, 1.0};
  std::vector<char> done(3, 0);
  const Minutes now = 10 * kDay;
  std::vector<Minutes> end_min{12 * kDay, -1, -1};  // task 0 under way, ends in 2 days
  std::vector<double> ends;
  plan::dispatcher::estimate_ends(ts, order, nominal, done, end_min, now, ends);
  EXPECT_EQ(ends, (std::vector<double>{2.0, 5.0, 6.0}));
  done[1] = 1;
  plan::dispatcher::estimate_ends(ts, order, nominal, done, end_min, now, ends);
  EXPECT_EQ(ends, (std::vector<double>{2.0, 0.0, 3.0}));
}

}  // namespace
}  // namespace gw
