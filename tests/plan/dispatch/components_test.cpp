// Unit tests of the dispatcher's components (src/plan/dispatch/), each on its own, on ASCII-map
// fixtures: the task board, the road state, the crew pool, travel, the available-task grid, the
// scorer and the impact priorities.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "network/dijkstra.hpp"
#include "plan/ascii_map.hpp"
#include "plan/dispatch/crew_pool.hpp"
#include "plan/dispatch/hot_lists.hpp"
#include "plan/dispatch/priorities.hpp"
#include "plan/dispatch/road_state.hpp"
#include "plan/dispatch/scoring.hpp"
#include "plan/dispatch/task_board.hpp"
#include "plan/dispatch/task_grid.hpp"
#include "plan/dispatch/travel.hpp"
#include "plan/link.hpp"
#include "plan/tasks.hpp"

namespace gw {
namespace {

using plan::dispatcher::CellEntry;
using plan::dispatcher::CrewPool;
using plan::dispatcher::ImpactPriorities;
using plan::dispatcher::RoadState;
using plan::dispatcher::Scorer;
using plan::dispatcher::SourceTable;
using plan::dispatcher::TaskBoard;
using plan::dispatcher::TaskGrid;
using plan::dispatcher::TaskState;
using plan::dispatcher::Travel;
using plan::dispatcher::TravelEstimator;

// A hub, two hazards on the road to T and one on a side track to c.
struct Fixture {
  test::AsciiMap m = test::build_ascii_map({"c-#-H---a-#-b-#-T"}, {{'T', 1000}});
  TaskSet ts;
  Fixture() {
    m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
    m.scenario.crews.push_back(test::make_crew("M2", Trade::kManual, 20, "H"));
    m.scenario.crews.push_back(test::make_crew("R1", Trade::kRoad, 20, "H"));
    plan::link_scenario(m.scenario, "fixture");
    // Bases are settlements or hubs; M2 is moved to the road node a after linking.
    m.scenario.crews[1].base_node = m.nodes.at('a');
    ts = plan::generate_tasks(m.scenario);
  }
  const Scenario& s() const { return m.scenario; }
  const RoadNetwork& net() const { return m.scenario.roads; }
  // The edge between two map nodes.
  std::size_t edge(char x, char y) const {
    for (std::size_t e = 0; e < net().num_edges(); ++e) {
      const NodeId u = net().edge_from[e], v = net().edge_to[e];
      if ((u == m.nodes.at(x) && v == m.nodes.at(y)) || (u == m.nodes.at(y) && v == m.nodes.at(x)))
        return e;
    }
    return net().num_edges();
  }
};

TEST(DispatchTaskBoard, PrecedenceCountersAndInvertedRelations) {
  const Fixture f;
  const TaskBoard board(f.ts, f.net());
  ASSERT_EQ(board.size(), f.ts.tasks.size());
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    EXPECT_EQ(board.state(t), TaskState::kWaiting);
    EXPECT_EQ(board.has_no_preds(t), f.ts.preds.count(t) == 0);
    EXPECT_EQ(board.cls(t), plan::task_class(f.ts.tasks[t]));
    EXPECT_EQ(board.work(t), f.ts.tasks[t].work);
    const EdgeId e = f.ts.tasks[t].site_edge;
    EXPECT_EQ(board.ends(t).first, f.net().edge_from[e.index()].value);
    EXPECT_EQ(board.ends(t).second, f.net().edge_to[e.index()].value);
    // Every predecessor lists t among its successors.
    for (const TaskId* p = f.ts.preds.begin(t); p != f.ts.preds.end(t); ++p) {
      EXPECT_NE(std::find(board.succs_begin(p->value), board.succs_end(p->value), t),
                board.succs_end(p->value));
    }
  }
  // Each blocked edge is listed by each of its blockers.
  std::size_t blocked = 0;
  for (std::size_t e = 0; e < f.net().num_edges(); ++e) {
    for (const TaskId* t = f.ts.edge_blockers.begin(e); t != f.ts.edge_blockers.end(e); ++t) {
      ++blocked;
      EXPECT_NE(std::find(board.blocks_begin(t->value), board.blocks_end(t->value), e),
                board.blocks_end(t->value));
    }
  }
  EXPECT_GT(blocked, 0U);
}

// Suspected hazards (a survey before each clearance) and a crater on the hazard's edge a-b (its
// repair waits for the survey and the corridor clearance): tasks with one and with two
// predecessors.
TEST(DispatchTaskBoard, LastPredecessorEndingReleasesTheTask) {
  test::AsciiMap m =
      test::build_ascii_map({"H---a-#-b---T"}, {{'T', 1000}}, HazardStatus::kSuspected);
  Asset crater;
  crater.id = "R1";
  crater.kind = AssetKind::kRoadSection;
  crater.trade = Trade::kRoad;
  crater.quantity = 200;
  const LonLat a = m.scenario.roads.node_pos[m.nodes.at('a').index()];
  const LonLat b = m.scenario.roads.node_pos[m.nodes.at('b').index()];
  crater.geometry = {{(a.lon + b.lon) / 2, (a.lat + b.lat) / 2}};
  m.scenario.assets.push_back(crater);
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  m.scenario.crews.push_back(test::make_crew("R1", Trade::kRoad, 20, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  TaskBoard board(ts, m.scenario.roads);
  std::set<std::size_t> pred_counts;
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    const std::size_t n = ts.preds.count(t);
    if (n == 0) continue;
    pred_counts.insert(n);
    for (std::size_t i = 0; i + 1 < n; ++i) EXPECT_FALSE(board.pred_done(t));
    EXPECT_TRUE(board.pred_done(t));
    // The look-ahead counters are separate: ready_at is the latest end of those under way.
    for (std::size_t i = 0; i + 1 < n; ++i) {
      EXPECT_FALSE(board.pred_under_way(t, 100 + 10 * static_cast<Minutes>(i)));
    }
    EXPECT_TRUE(board.pred_under_way(t, 50));
    EXPECT_EQ(board.ready_at(t), n == 1 ? 50 : 100 + 10 * static_cast<Minutes>(n - 2));
  }
  // The clearance after its survey, and the repair after the survey and the clearance.
  EXPECT_EQ(pred_counts, (std::set<std::size_t>{1, 2}));
}

TEST(DispatchTaskBoard, EventsComeInTimeThenTaskOrder) {
  const Fixture f;
  TaskBoard board(f.ts, f.net());
  board.push({30, 2, 0});
  board.push({10, 5, 1});
  board.push({30, 1, 2});
  board.push({10, 4, 0});
  std::vector<std::pair<Minutes, std::uint32_t>> order;
  while (!board.no_events()) {
    order.emplace_back(board.next_event().time, board.next_event().task);
    board.pop_event();
  }
  const std::vector<std::pair<Minutes, std::uint32_t>> want = {{10, 4}, {10, 5}, {30, 1}, {30, 2}};
  EXPECT_EQ(order, want);
}

TEST(DispatchRoadState, EdgesOpenWhenTheirLastBlockerEndsAndComponentsJoin) {
  const Fixture f;
  RoadState roads(f.net(), f.ts);
  const std::size_t ab = f.edge('a', 'b'), ha = f.edge('H', 'a');
  ASSERT_LT(ab, f.net().num_edges());
  EXPECT_TRUE(roads.is_open(ha));
  EXPECT_FALSE(roads.is_open(ab));
  EXPECT_EQ(roads.blocked_at_start(), 3U);  // c-H, a-b, b-T
  const std::uint32_t na = f.m.nodes.at('a').value, nb = f.m.nodes.at('b').value;
  EXPECT_EQ(roads.root(na), roads.root(f.m.nodes.at('H').value));
  EXPECT_NE(roads.root(na), roads.root(nb));
  // Work counted on both sides of the closed edge, class 3.
  roads.count(na, nb, 3, +1);
  plan::dispatcher::ClassSet cap{};
  EXPECT_FALSE(roads.has_work(roads.root(na), cap));
  cap[3] = true;
  EXPECT_TRUE(roads.has_work(roads.root(na), cap));
  EXPECT_EQ(roads.capable_count(roads.root(nb), cap), 1U);
  std::size_t blockers = f.ts.edge_blockers.count(ab);
  while (blockers-- > 1) EXPECT_FALSE(roads.unblock(ab));
  EXPECT_TRUE(roads.unblock(ab));
  const std::uint64_t before = roads.version();
  const auto [ra, rb] = roads.open(ab);
  EXPECT_EQ(roads.version(), before + 1);
  EXPECT_TRUE(roads.is_open(ab));
  EXPECT_NE(ra, rb);  // still apart until joined
  const auto [keep, gone] = roads.join(ra, rb);
  EXPECT_NE(keep, gone);
  EXPECT_EQ(roads.root(na), roads.root(nb));
  // The counts of both sides add up in the joined component.
  EXPECT_EQ(roads.capable_count(roads.root(na), cap), 2U);
}

TEST(DispatchCrewPool, WakesTheNearestIdleCrewOfTheComponentAndTrade) {
  const Fixture f;
  CrewPool pool(f.s(), f.net());
  ASSERT_EQ(pool.size(), 3U);
  EXPECT_EQ(pool.node(1), f.m.nodes.at('a'));
  const std::uint32_t root = 7, other = 9;
  const auto manual = static_cast<std::size_t>(Trade::kManual);
  pool.park(0, root, manual);  // at H
  pool.park(1, root, manual);  // at a
  pool.park(2, root, static_cast<std::size_t>(Trade::kRoad));
  std::vector<std::uint32_t> woken;
  // Work at b: crew 1 at a stands nearer than crew 0 at H.
  pool.wake_nearest(root, manual, f.m.nodes.at('b').value);
  pool.take_woken(woken);
  EXPECT_EQ(woken, std::vector<std::uint32_t>{1});
  // Nobody idle in another component, or of the trade, once taken.
  pool.wake_nearest(other, manual, f.m.nodes.at('b').value);
  pool.take_woken(woken);
  EXPECT_EQ(woken.size(), 1U);
  // Merging moves the idle crews of a component into the other.
  pool.merge(other, root);
  pool.wake(root, manual, 5);
  pool.take_woken(woken);
  EXPECT_EQ(woken.size(), 1U);
  pool.wake(other, manual, 5);
  pool.wake(other, static_cast<std::size_t>(Trade::kRoad), 5);
  pool.take_woken(woken);
  EXPECT_EQ(woken, (std::vector<std::uint32_t>{1, 0, 2}));
  pool.move(0, f.m.nodes.at('T'));
  EXPECT_EQ(pool.node(0), f.m.nodes.at('T'));
}

TEST(DispatchTravel, EstimatesNeverExceedTheDetourOfTheStraightLineAndTripsUseOpenRoads) {
  const Fixture f;
  Travel travel(f.net());
  const NodeId h = f.m.nodes.at('H'), a = f.m.nodes.at('a'), b = f.m.nodes.at('b');
  // 400 m from H to a at 40 km/h with a 1.4 detour factor: 50 s.
  const Seconds est = travel.estimate_s(h, a.value, b.value);
  EXPECT_NEAR(static_cast<double>(est), 400 * 1.4 / (40 / 3.6), 1.0);
  const TravelEstimator estimator(f.net(), h);
  EXPECT_NEAR(static_cast<double>(
                  estimator.travel_s(f.net().node_pos[a.index()], f.net().node_pos[b.index()])),
              static_cast<double>(est), 1.0);
  // Closing a-b leaves b unreachable; opening it gives a real trip.
  const auto ab = EdgeId::from_index(f.edge('a', 'b'));
  travel.set_open(ab, false);
  EXPECT_FALSE(travel.exact(h, {b}).first.valid());
  travel.set_open(ab, true);
  const auto [entry, secs] = travel.exact(h, {b});
  EXPECT_EQ(entry, b);
  EXPECT_GE(secs, f.net().edge_travel_s(EdgeId::from_index(f.edge('H', 'a'))) +
                      f.net().edge_travel_s(ab));
}

TEST(DispatchTravel, DayZeroTableFromTheEighthDepartureOnly) {
  const Fixture f;
  Travel travel(f.net());
  const NodeId h = f.m.nodes.at('H');
  std::uint64_t nodes = 0;
  for (int i = 1; i < 8; ++i) EXPECT_EQ(travel.table(h, 1, nodes), nullptr);
  const SourceTable* table = travel.table(h, 1, nodes);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(nodes, f.net().num_nodes());  // every road is open to the search
  EXPECT_EQ(table->dist[h.index()], 0U);
  for (std::size_t i = 1; i < table->order.size(); ++i)
    EXPECT_LE(table->order[i - 1].second, table->order[i].second);
  EXPECT_EQ(travel.table(h, 1, nodes), table);  // reused
  // Once a road opened (version 2) no table is built or returned.
  travel.road_opened();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(travel.table(h, 2, nodes), nullptr);
}

TEST(DispatchTaskGrid, NodeListsAndCellsFollowAvailability) {
  const Fixture f;
  const TaskBoard board(f.ts, f.net());
  for (const bool by_priority : {false, true}) {
    TaskGrid grid(f.net(), board, by_priority);
    std::vector<double> prio(board.size());
    for (std::uint32_t t = 0; t < board.size(); ++t) prio[t] = static_cast<double>(t % 3);
    for (std::uint32_t t = 0; t < board.size(); ++t) grid.add(t, by_priority ? prio[t] : 0.0);
    // Each task is listed at both ends of its site edge, packed with its class, ascending.
    for (std::uint32_t x = 0; x < f.net().num_nodes(); ++x) {
      EXPECT_TRUE(std::is_sorted(grid.node_begin(x), grid.node_end(x)));
      EXPECT_EQ(grid.node_busy(x), grid.node_begin(x) != grid.node_end(x));
      for (const std::uint32_t* p = grid.node_begin(x); p != grid.node_end(x); ++p) {
        const std::uint32_t t = *p >> TaskBoard::kClassBits;
        EXPECT_EQ(*p & TaskGrid::kClassMask, board.cls(t));
        EXPECT_TRUE(board.ends(t).first == x || board.ends(t).second == x);
      }
    }
    std::size_t listed = 0;
    for (std::size_t slot = 0; slot < plan::kTaskClassCount * grid.cells(); ++slot) {
      const auto& list = grid.entries(slot);
      listed += list.size();
      if (by_priority) {
        EXPECT_TRUE(std::is_sorted(list.begin(), list.end(), plan::dispatcher::hotter_entry));
      }
      for (const CellEntry& e : list) EXPECT_EQ(slot / grid.cells(), board.cls(e.task));
    }
    EXPECT_EQ(listed, board.size());
    // Removing every task empties the node lists, the cells and their class masks.
    for (std::uint32_t t = 0; t < board.size(); ++t) grid.remove(t);
    for (std::uint32_t x = 0; x < f.net().num_nodes(); ++x) EXPECT_FALSE(grid.node_busy(x));
    for (std::size_t cell = 0; cell < grid.cells(); ++cell) EXPECT_EQ(grid.cell_classes(cell), 0U);
    for (std::size_t k = 0; k < plan::kTaskClassCount; ++k) EXPECT_EQ(grid.class_available(k), 0U);
  }
}

TEST(DispatchTaskGrid, TakenPackagesLeaveTheLiveOnesInPriorityOrder) {
  // Small work packages: each hazard part becomes dozens of tasks in one cell.
  auto m = test::build_ascii_map({"H---a-#-b-#-T"}, {{'T', 100}});
  m.scenario.params.work_package_m2 = 10;
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  ASSERT_GT(ts.tasks.size(), 100U);
  const TaskBoard board(ts, m.scenario.roads);
  TaskGrid grid(m.scenario.roads, board, true);
  std::vector<double> prio(board.size());
  for (std::uint32_t t = 0; t < board.size(); ++t) prio[t] = static_cast<double>(t % 4);
  for (std::uint32_t t = 0; t < board.size(); ++t) grid.add(t, prio[t]);
  std::set<std::uint32_t> live;
  for (std::uint32_t t = 0; t < board.size(); ++t) live.insert(t);
  auto check = [&] {
    std::size_t seen = 0;
    for (std::size_t slot = 0; slot < plan::kTaskClassCount * grid.cells(); ++slot) {
      const auto list = grid.entries(slot);
      std::vector<CellEntry> alive;
      for (const CellEntry& e : list) {
        if (e.dead == 0) alive.push_back(e);
      }
      EXPECT_EQ(alive.size(), grid.live(slot));
      if (!list.empty()) {
        EXPECT_EQ(list.front().dead, 0U);  // entries() starts at a live one
      }
      EXPECT_TRUE(std::is_sorted(alive.begin(), alive.end(), plan::dispatcher::hotter_entry));
      for (const CellEntry& e : alive) EXPECT_EQ(live.count(e.task), 1U);
      seen += alive.size();
    }
    EXPECT_EQ(seen, live.size());
  };
  // Take every third task, then the rest from the hottest down, checking as the cells compact.
  for (std::uint32_t t = 0; t < board.size(); t += 3) {
    grid.remove(t);
    live.erase(t);
  }
  check();
  std::vector<std::uint32_t> rest(live.begin(), live.end());
  std::sort(rest.begin(), rest.end(), [&](std::uint32_t a, std::uint32_t b) {
    return prio[a] != prio[b] ? prio[a] > prio[b] : a < b;
  });
  for (std::size_t i = 0; i < rest.size(); ++i) {
    grid.remove(rest[i]);
    live.erase(rest[i]);
    if (i % 7 == 0) check();
    // New work may arrive meanwhile: a refresh keeps only the live entries.
    if (i == rest.size() / 2) {
      grid.refresh(prio);
      check();
    }
  }
  check();
  for (std::size_t cell = 0; cell < grid.cells(); ++cell) EXPECT_EQ(grid.cell_classes(cell), 0U);
}

TEST(DispatchTaskGrid, CellBoundsAndRingsCoverTheGrid) {
  // A long road: several 5 km cells.
  std::string row = "H";
  for (char c = 'b'; c <= 'u'; ++c) row += std::string(35, '-') + c;
  row += std::string(35, '-') + 'T';
  auto m = test::build_ascii_map({row}, {{'T', 10}});
  const RoadNetwork& net = m.scenario.roads;
  TaskSet ts;  // no tasks: the grid's geometry only
  const TaskBoard board(ts, net);
  const TaskGrid grid(net, board, false);
  ASSERT_GT(grid.nx(), 10);
  const std::uint32_t h = m.nodes.at('H').value;
  const TravelEstimator est(net, m.nodes.at('H'));
  const double f = std::min(1.0, est.mx / grid.mx());
  // The bound of a node's cell is no more than the estimate to the node itself.
  for (std::uint32_t x = 0; x < net.num_nodes(); ++x) {
    const auto [cx, cy] = grid.cell_xy(x);
    const std::size_t cell = static_cast<std::size_t>(cy * grid.nx() + cx);
    const LonLat p = net.node_pos[x];
    EXPECT_LE(grid.cell_min_travel_s(cell, h, f), static_cast<double>(est.travel_s(p, p)) + 1e-9);
  }
  // Rings 0..max around H's cell visit every cell exactly once.
  const auto [cx, cy] = grid.cell_xy(h);
  std::multiset<std::size_t> seen;
  for (std::int64_t r = 0; r <= std::max(grid.nx(), grid.ny()); ++r)
    grid.for_ring(0, cx, cy, r, [&](std::size_t id) { seen.insert(id); });
  // Ring 0 visits the centre twice (the loops of a zero-width ring overlap), every other once.
  EXPECT_EQ(seen.size(), grid.cells() + 1);
  for (std::size_t id = 0; id < grid.cells(); ++id)
    EXPECT_EQ(seen.count(id), id == static_cast<std::size_t>(cy * grid.nx() + cx) ? 2U : 1U);
}

TEST(DispatchScorer, DurationsCapabilityAndTheSlowdownLimit) {
  const Fixture f;
  const TaskBoard board(f.ts, f.net());
  std::vector<float> limit(board.size(), 1.5F);
  plan::DispatchOptions opt;
  opt.slowdown_limit = &limit;
  Scorer scorer(f.s(), f.ts, board, opt);
  const Crew& small = f.s().crews[0];  // 10 people
  const Crew& large = f.s().crews[1];  // 20 people
  const auto manual = static_cast<std::size_t>(Trade::kManual);
  const auto road = static_cast<std::size_t>(Trade::kRoad);
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    EXPECT_EQ(scorer.capable(manual)[board.cls(t)],
              plan::daily_rate(f.s(), small, f.ts.tasks[t]) > 0);
    EXPECT_FALSE(scorer.capable(road)[board.cls(t)]);  // no damage: no repairs
    if (!scorer.capable(manual)[board.cls(t)]) continue;
    EXPECT_EQ(scorer.duration(small, t),
              plan::work_minutes(f.s().params, f.ts.tasks[t].work,
                                 plan::daily_rate(f.s(), small, f.ts.tasks[t])));
    // Half the people: about twice the duration, beyond a limit of 1.5.
    EXPECT_TRUE(scorer.too_slow(small, t));
    EXPECT_FALSE(scorer.too_slow(large, t));
    const double sc = scorer.choice_score(small, t, 100.0, 600);
    EXPECT_DOUBLE_EQ(sc,
                     plan::dispatcher::score_of(100.0, scorer.duration(small, t), 600, 0) * 1e-9);
  }
  // The score falls with travel and waiting, and rises with priority.
  EXPECT_GT(plan::dispatcher::score_of(10, 600, 0, 0),
            plan::dispatcher::score_of(10, 600, 3600, 0));
  EXPECT_GT(plan::dispatcher::score_of(10, 600, 0, 0), plan::dispatcher::score_of(10, 600, 0, 60));
  EXPECT_GT(plan::dispatcher::score_of(20, 600, 0, 0), plan::dispatcher::score_of(10, 600, 0, 0));
}

TEST(DispatchImpactPriorities, TasksOnTheRestorationPathCarryThePopulation) {
  const Fixture f;
  TaskBoard board(f.ts, f.net());
  RoadState roads(f.net(), f.ts);
  plan::DispatchOptions opt;
  ImpactPriorities prio(f.s(), f.ts, f.net(), opt, board, roads.blocked_at_start());
  std::vector<NodeId> hubs = {f.m.nodes.at('H')};
  ASSERT_TRUE(prio.update(board, roads, hubs, 0));
  EXPECT_EQ(prio.updates(), 1U);
  const std::vector<TaskId> access = prio.take_access_tasks();
  // The tasks blocking a-b and b-T lie on T's path; those of the track to c do not.
  const std::size_t ab = f.edge('a', 'b'), bt = f.edge('b', 'T'), ch = f.edge('c', 'H');
  auto blocks = [&](std::size_t e, std::uint32_t t) {
    return std::find(f.ts.edge_blockers.begin(e), f.ts.edge_blockers.end(e), TaskId(t)) !=
           f.ts.edge_blockers.end(e);
  };
  std::size_t on = 0;
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    const bool on_t_path = blocks(ab, t) || blocks(bt, t);
    if (blocks(ch, t)) {
      EXPECT_FALSE(prio.on_path(t));
    }
    if (on_t_path) {
      EXPECT_TRUE(prio.on_path(t));
      ++on;
      EXPECT_NE(std::find(access.begin(), access.end(), TaskId(t)), access.end());
      for (std::uint32_t o = 0; o < board.size(); ++o) {
        if (blocks(ch, o)) {
          EXPECT_TRUE(prio.hotter(t, o));
        }
      }
    }
  }
  EXPECT_GT(on, 0U);
  // Hot lists by falling priority.
  plan::dispatcher::HotLists hot;
  plan::dispatcher::rebuild_hot(hot, board, prio, [](std::uint32_t) { return true; });
  std::size_t listed = 0;
  for (const auto& list : hot) {
    listed += list.size();
    for (std::size_t i = 1; i < list.size(); ++i) EXPECT_TRUE(prio.hotter(list[i - 1], list[i]));
  }
  std::size_t on_any = 0;
  for (std::uint32_t t = 0; t < board.size(); ++t) on_any += prio.on_path(t) ? 1 : 0;
  EXPECT_EQ(listed, on_any);
  EXPECT_GE(on_any, on);
  // When every blocker of T's road is done and the roads open, nothing is on a path any more.
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    if (blocks(ab, t) || blocks(bt, t)) board.set_state(t, TaskState::kDone);
  }
  for (const std::size_t e : {ab, bt}) {
    const auto [a, b] = roads.open(e);
    roads.join(a, b);
  }
  EXPECT_FALSE(prio.update(board, roads, hubs, 0));
  for (std::uint32_t t = 0; t < board.size(); ++t) EXPECT_FALSE(prio.on_path(t));
}

}  // namespace
}  // namespace gw
