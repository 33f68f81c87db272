// Task generation (docs/model.md §1–§4): the NTS draw, work packages, precedence, road blocking and
// the site-edge rule, on an ASCII-map fixture checked against independent computations.
#include "plan/tasks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "ascii_map.hpp"
#include "geo/overlay.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"

namespace gw {
namespace {

// The draw of docs/model.md §2, written out from the text.
bool nts_from_spec(std::uint64_t seed, const std::string& id, double share) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  std::uint64_t z = seed ^ h;
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53 < share;
}

TEST(NtsCancels, DeterministicAndFollowsTheDocumentedDraw) {
  for (std::uint64_t seed : {1ULL, 42ULL, 987654321ULL}) {
    for (int i = 0; i < 300; ++i) {
      const std::string id = "hz-" + std::to_string(i);
      const bool first = plan::nts_cancels(seed, id, 0.35);
      EXPECT_EQ(plan::nts_cancels(seed, id, 0.35), first);
      EXPECT_EQ(first, nts_from_spec(seed, id, 0.35)) << id;
      EXPECT_FALSE(plan::nts_cancels(seed, id, 0.0));
      EXPECT_TRUE(plan::nts_cancels(seed, id, 1.0));
      // Monotone in the share: cancelled at 0.35 means cancelled at any larger share.
      if (first) {
        EXPECT_TRUE(plan::nts_cancels(seed, id, 0.6));
      }
    }
  }
}

TEST(NtsCancels, RateMatchesShareOverManyIds) {
  for (double share : {0.1, 0.35, 0.8}) {
    for (std::uint64_t seed : {1ULL, 7ULL}) {
      int cancelled = 0;
      for (int i = 0; i < 10000; ++i)
        cancelled += plan::nts_cancels(seed, "SHA-" + std::to_string(i), share) ? 1 : 0;
      EXPECT_NEAR(cancelled / 10000.0, share, 0.02) << "share " << share << " seed " << seed;
    }
  }
  // A different seed draws a different set.
  int differ = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = "SHA-" + std::to_string(i);
    differ += plan::nts_cancels(1, id, 0.5) != plan::nts_cancels(2, id, 0.5) ? 1 : 0;
  }
  EXPECT_GT(differ, 300);
}

LineString shape_of(const RoadNetwork& net, EdgeId e) {
  return {net.edge_shape.begin() + net.edge_shape_offset[e.index()],
          net.edge_shape.begin() + net.edge_shape_offset[e.index() + 1]};
}

EdgeId edge_between(const test::AsciiMap& m, char a, char b) {
  const RoadNetwork& net = m.scenario.roads;
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    const NodeId u = net.edge_from[e], v = net.edge_to[e];
    if ((u == m.nodes.at(a) && v == m.nodes.at(b)) || (u == m.nodes.at(b) && v == m.nodes.at(a)))
      return EdgeId::from_index(e);
  }
  ADD_FAILURE() << "no edge " << a << "-" << b;
  return {};
}

std::vector<TaskId> preds_of(const TaskSet& ts, std::size_t t) {
  return {ts.preds.begin(t), ts.preds.end(t)};
}
std::vector<TaskId> blockers_of(const TaskSet& ts, EdgeId e) {
  return {ts.edge_blockers.begin(e.index()), ts.edge_blockers.end(e.index())};
}
bool contains(const std::vector<TaskId>& v, std::size_t t) {
  return std::find(v.begin(), v.end(), TaskId::from_index(t)) != v.end();
}

// H---a-#-b---c-#-D  (100 m per cell)
//   Z1 on a–b: confirmed, built-up (manual clearance);
//   Z2 on c–D: suspected, field (mechanical + follow-up), with a damaged road section on c–D;
//   Z3: a 100 m × 60 m field rectangle 25 m north of b–c. b–c is cut off from the hub at day 0
//       (a–b and c–D are blocked), so Z3's work is sited on a–b, the nearest edge touching safe
//       ground.
struct Fixture {
  test::AsciiMap m;
  geo::LocalProjection proj{LonLat{30.0, 50.0}};
  Fixture() : m(test::build_ascii_map({"H---a-#-b---c-#-D"}, {{'D', 300}})) {
    Scenario& s = m.scenario;
    s.hazards[0].terrain = Terrain::kBuiltUp;
    s.hazards[1].status = HazardStatus::kSuspected;
    s.hazards[1].terrain = Terrain::kField;
    Hazard z3;
    z3.id = "Z3";
    for (auto [x, y] :
         {std::pair{950.0, 25.0}, {1050.0, 25.0}, {1050.0, 85.0}, {950.0, 85.0}, {950.0, 25.0}})
      z3.polygon.outer.push_back(proj.inverse({x, y}));
    z3.area_m2 = geo::area_m2(z3.polygon);
    z3.status = HazardStatus::kConfirmed;
    z3.terrain = Terrain::kField;
    s.hazards.push_back(z3);
    Asset road;
    road.id = "R1";
    road.kind = AssetKind::kRoadSection;
    road.geometry = {proj.inverse({1500, 3})};
    road.quantity = 400;
    road.trade = Trade::kRoad;
    s.assets.push_back(road);
    s.params.work_package_m2 = 250;
    plan::link_scenario(s, "fixture");
  }
};

TEST(GenerateTasks, CorridorAndLandPackagesOfAHazardStraddlingARoad) {
  Fixture f;
  const Scenario& s = f.m.scenario;
  const TaskSet ts = plan::generate_tasks(s);
  const EdgeId ab = edge_between(f.m, 'a', 'b');
  const Hazard& z1 = s.hazards[0];
  const double overlap =
      geo::corridor_overlap_m2(z1.polygon, shape_of(s.roads, ab), s.params.corridor_width_m / 2);
  ASSERT_NEAR(overlap, 600, 6);  // the 30 m square, a 20 m corridor

  double corridor = 0, land = 0;
  int corridor_n = 0, land_n = 0;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    const Task& task = ts.tasks[t];
    if (task.hazard != HazardId(0)) continue;
    EXPECT_EQ(task.kind, TaskKind::kClearance);  // built-up: no machines, confirmed: no survey
    EXPECT_TRUE(preds_of(ts, t).empty());
    if (task.corridor_edge.valid()) {
      EXPECT_EQ(task.corridor_edge, ab);
      EXPECT_EQ(task.site_edge, ab);
      EXPECT_TRUE(contains(blockers_of(ts, ab), t));
      corridor += task.work;
      ++corridor_n;
    } else {
      land += task.work;
      ++land_n;
    }
  }
  EXPECT_NEAR(corridor, overlap, 1e-6);
  EXPECT_NEAR(land, z1.area_m2 - overlap, 1e-6);
  EXPECT_EQ(corridor_n, 3);  // ceil(600 / 250) equal packages
  EXPECT_EQ(land_n, 2);      // ceil(300 / 250)
  EXPECT_NEAR(ts.hazard_outcome[0].corridor_m2, overlap, 1e-6);
  EXPECT_NEAR(ts.hazard_outcome[0].land_m2, z1.area_m2 - overlap, 1e-6);
  EXPECT_DOUBLE_EQ(ts.hazard_outcome[0].cancelled_m2, 0);
  EXPECT_EQ(ts.hazard_tasks.count(0), 5U);
  // Z1 blocks only a–b.
  for (std::size_t e = 0; e < s.roads.num_edges(); ++e) {
    if (EdgeId::from_index(e) == ab) continue;
    for (const TaskId t : blockers_of(ts, EdgeId::from_index(e)))
      EXPECT_NE(ts.tasks[t.index()].hazard, HazardId(0));
  }
}

TEST(GenerateTasks, PackagesAreAtMostTheWorkPackageAndEqualWithinAPart) {
  Fixture f;
  const TaskSet ts = plan::generate_tasks(f.m.scenario);
  const double limit = f.m.scenario.params.work_package_m2;
  std::map<std::tuple<std::size_t, std::uint32_t, int>, std::vector<double>>
      parts;  // (hazard, edge, kind)
  std::map<std::tuple<std::size_t, std::uint32_t, int>, std::set<std::uint32_t>> index;
  for (const Task& t : ts.tasks) {
    if (t.kind == TaskKind::kSurvey || t.kind == TaskKind::kRepair) continue;
    EXPECT_LE(t.work, limit + 1e-9);
    EXPECT_GT(t.work, 0);
    const auto key = std::tuple{t.hazard.index(), t.corridor_edge.value, static_cast<int>(t.kind)};
    parts[key].push_back(t.work);
    index[key].insert(t.package);
  }
  EXPECT_GE(parts.size(), 5U);
  for (const auto& [key, works] : parts) {
    for (double w : works) EXPECT_NEAR(w, works.front(), 1e-9);
    // Package indices 0..n-1, and n is the least count that keeps packages within the limit.
    const auto& ids = index[key];
    EXPECT_EQ(*ids.rbegin() + 1, works.size());
    const double total = works.front() * static_cast<double>(works.size());
    EXPECT_EQ(works.size(), static_cast<std::size_t>(std::ceil(total / limit - 1e-9)));
  }
  // With the default 2 ha package, every part of these small hazards is one package.
  Fixture big;
  big.m.scenario.params.work_package_m2 = 20000;
  const TaskSet ts2 = plan::generate_tasks(big.m.scenario);
  for (const Task& t : ts2.tasks) {
    if (t.kind != TaskKind::kRepair) {
      EXPECT_EQ(t.package, 0U);
    }
  }
}

TEST(GenerateTasks, MechanicalAndFollowUpPairsInFieldTerrain) {
  Fixture f;
  const TaskSet ts = plan::generate_tasks(f.m.scenario);
  int pairs = 0;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    const Task& task = ts.tasks[t];
    const bool field_hazard = task.hazard == HazardId(1) || task.hazard == HazardId(2);
    if (task.kind == TaskKind::kClearance) {
      EXPECT_FALSE(field_hazard);
    }
    if (task.kind != TaskKind::kFollowUp) continue;
    EXPECT_TRUE(field_hazard);
    const auto pre = preds_of(ts, t);
    ASSERT_EQ(pre.size(), 1U);
    const Task& mech = ts.tasks[pre[0].index()];
    EXPECT_EQ(mech.kind, TaskKind::kMechanical);
    EXPECT_EQ(mech.hazard, task.hazard);
    EXPECT_EQ(mech.package, task.package);
    EXPECT_EQ(mech.corridor_edge, task.corridor_edge);
    EXPECT_EQ(mech.site_edge, task.site_edge);
    EXPECT_DOUBLE_EQ(mech.work, task.work);
    EXPECT_EQ(mech.terrain, Terrain::kField);
    // The machine's task does not block the road: the follow-up does.
    if (task.corridor_edge.valid()) {
      const auto b = blockers_of(ts, task.corridor_edge);
      EXPECT_TRUE(contains(b, t));
      EXPECT_FALSE(contains(b, pre[0].index()));
    }
    ++pairs;
  }
  const auto mechanical = std::count_if(ts.tasks.begin(), ts.tasks.end(), [](const Task& t) {
    return t.kind == TaskKind::kMechanical;
  });
  EXPECT_EQ(pairs, mechanical);
  // Z3: 6,000 m² of land in 24 packages; Z2: 3 corridor + 2 land packages.
  EXPECT_EQ(pairs, 24 + 5);
}

TEST(GenerateTasks, SuspectedHazardSurveyPrecedesClearanceAndBlocksTheEdge) {
  Fixture f;
  const Scenario& s = f.m.scenario;
  const TaskSet ts = plan::generate_tasks(s);
  const EdgeId cd = edge_between(f.m, 'c', 'D');
  std::vector<std::size_t> surveys;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    if (ts.tasks[t].kind == TaskKind::kSurvey) surveys.push_back(t);
  }
  ASSERT_EQ(surveys.size(), 1U);  // confirmed hazards have none
  const std::size_t sv = surveys[0];
  EXPECT_EQ(ts.tasks[sv].hazard, HazardId(1));
  EXPECT_DOUBLE_EQ(ts.tasks[sv].work, s.hazards[1].area_m2);
  EXPECT_TRUE(preds_of(ts, sv).empty());
  EXPECT_TRUE(contains(blockers_of(ts, cd), sv));
  int mech = 0;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    if (ts.tasks[t].hazard != HazardId(1) || ts.tasks[t].kind != TaskKind::kMechanical) continue;
    EXPECT_TRUE(contains(preds_of(ts, t), sv));
    ++mech;
  }
  EXPECT_EQ(mech, 5);
  // Cancelled by NTS: the survey stays, nothing else.
  Fixture g;
  g.m.scenario.params.nts_cancel_share = 1.0;
  const TaskSet ts2 = plan::generate_tasks(g.m.scenario);
  EXPECT_EQ(ts2.hazard_tasks.count(1), 1U);
  EXPECT_EQ(ts2.tasks[ts2.hazard_tasks.begin(1)->index()].kind, TaskKind::kSurvey);
  EXPECT_DOUBLE_EQ(ts2.hazard_outcome[1].cancelled_m2, g.m.scenario.hazards[1].area_m2);
  EXPECT_DOUBLE_EQ(ts2.hazard_outcome[1].corridor_m2, 0);
  EXPECT_EQ(ts2.hazard_tasks.count(0), 5U);  // confirmed hazards are never cancelled
}

TEST(GenerateTasks, RoadSectionRepairAfterCorridorPackagesAndBlocksTheEdge) {
  Fixture f;
  const Scenario& s = f.m.scenario;
  const TaskSet ts = plan::generate_tasks(s);
  const EdgeId cd = edge_between(f.m, 'c', 'D');
  ASSERT_EQ(s.assets[0].edge, cd);
  ASSERT_EQ(ts.asset_tasks.size(), 1U);
  // The road section's project (docs/model.md §3, default template): its 400 m² of craters filled
  // in 2 packages of 200 m² (crew_share 150, up to 3 crews), then resurfaced in one package
  // (crew_share 300).
  std::vector<std::size_t> fill, surface;
  for (const TaskId* t = ts.asset_tasks.begin(0); t != ts.asset_tasks.end(0); ++t)
    (ts.tasks[t->index()].step == 0 ? fill : surface).push_back(t->index());
  ASSERT_EQ(fill.size(), 2U);
  ASSERT_EQ(surface.size(), 1U);
  EXPECT_EQ(ts.tasks[surface[0]].activity, ActivityKind::kResurfacing);
  EXPECT_DOUBLE_EQ(ts.tasks[surface[0]].work, 400);
  // Resurfacing follows both packages of filling and does not keep the road closed.
  EXPECT_TRUE(contains(preds_of(ts, surface[0]), fill[0]));
  EXPECT_TRUE(contains(preds_of(ts, surface[0]), fill[1]));
  EXPECT_FALSE(contains(blockers_of(ts, cd), surface[0]));
  const std::size_t r = fill[0];
  const Task& rep = ts.tasks[r];
  EXPECT_EQ(rep.kind, TaskKind::kRepair);
  EXPECT_EQ(rep.asset, AssetId(0));
  EXPECT_EQ(rep.activity, ActivityKind::kCraterFill);
  EXPECT_DOUBLE_EQ(rep.work, 200);
  EXPECT_EQ(ts.tasks[fill[1]].package, 1U);
  EXPECT_EQ(rep.site_edge, cd);
  EXPECT_FALSE(rep.hazard.valid());
  EXPECT_TRUE(contains(blockers_of(ts, cd), r));
  EXPECT_TRUE(contains(blockers_of(ts, cd), fill[1]));
  const auto pre = preds_of(ts, r);
  std::size_t corridor_finals = 0;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    const Task& task = ts.tasks[t];
    const bool final_corridor = task.corridor_edge == cd && task.kind != TaskKind::kMechanical;
    if (final_corridor) {
      ++corridor_finals;
      EXPECT_TRUE(contains(pre, t)) << "corridor package " << t << " missing";
    }
    if (task.kind == TaskKind::kSurvey && task.hazard == HazardId(1)) {
      EXPECT_TRUE(contains(pre, t));
    }
    // Land packages of the hazard do not hold the road section up.
    if (task.hazard == HazardId(1) && !task.corridor_edge.valid() &&
        task.kind != TaskKind::kSurvey) {
      EXPECT_FALSE(contains(pre, t));
    }
  }
  EXPECT_EQ(corridor_finals, 3U);
  EXPECT_EQ(pre.size(), corridor_finals + 1);  // plus the survey
}

TEST(GenerateTasks, SurveyAndLandSitesTouchDayZeroSafeGround) {
  Fixture f;
  const Scenario& s = f.m.scenario;
  const RoadNetwork& net = s.roads;
  const TaskSet ts = plan::generate_tasks(s);
  // Blocked edges, computed here from §1: a hazard corridor of at least 1 m², or a damaged road
  // section.
  std::vector<char> blocked(net.num_edges(), 0);
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    for (const Hazard& z : s.hazards) {
      if (geo::corridor_overlap_m2(z.polygon, shape_of(net, EdgeId::from_index(e)),
                                   s.params.corridor_width_m / 2) >= 1)
        blocked[e] = 1;
    }
  }
  for (const Asset& a : s.assets)
    if (a.edge.valid()) blocked[a.edge.index()] = 1;
  // Safe nodes: flood fill from the hub over unblocked edges.
  std::vector<char> safe(net.num_nodes(), 0);
  std::vector<std::size_t> stack{s.hubs[0].node.index()};
  safe[stack[0]] = 1;
  while (!stack.empty()) {
    const std::size_t u = stack.back();
    stack.pop_back();
    for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
      const EdgeId e = net.adj_edge[i];
      const std::size_t v = net.other_end(e, NodeId::from_index(u)).index();
      if (!blocked[e.index()] && !safe[v]) {
        safe[v] = 1;
        stack.push_back(v);
      }
    }
  }
  auto touches = [&](EdgeId e) {
    return safe[net.edge_from[e.index()].index()] || safe[net.edge_to[e.index()].index()];
  };
  EXPECT_EQ(std::count(safe.begin(), safe.end(), 1), 2);  // H and a only
  int checked = 0;
  for (const Task& t : ts.tasks) {
    if (t.kind == TaskKind::kRepair || t.corridor_edge.valid()) continue;
    ASSERT_TRUE(t.site_edge.valid());
    EXPECT_TRUE(touches(t.site_edge))
        << "task of hazard " << t.hazard.value << " sited off safe ground";
    // And it is the nearest such edge.
    const Hazard& z = s.hazards[t.hazard.index()];
    const double d = geo::polygon_distance_m(z.polygon, shape_of(net, t.site_edge));
    for (std::size_t e = 0; e < net.num_edges(); ++e) {
      if (touches(EdgeId::from_index(e))) {
        EXPECT_LE(d,
                  geo::polygon_distance_m(z.polygon, shape_of(net, EdgeId::from_index(e))) + 1e-9);
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 20);
  // Z3 lies next to b–c, but b–c is cut off at day 0: its work is sited on a–b.
  const EdgeId ab = edge_between(f.m, 'a', 'b');
  for (const Task& t : ts.tasks) {
    if (t.hazard == HazardId(2)) {
      EXPECT_EQ(t.site_edge, ab);
    }
  }
}

// The guard against absurd work: a tiny work package on a hazard makes too many packages, and the
// planner says so (naming the hazard) instead of spending an hour on millions of tasks.
TEST(Tasks, TooManyWorkPackagesIsAClearError) {
  auto m = test::build_ascii_map({"H---a-#-C"}, {{'C', 100}});
  m.scenario.params.work_package_m2 = 0.001;  // 900 m² / 0.001 m² = 900,000 packages
  plan::link_scenario(m.scenario, "fixture");
  try {
    (void)plan::generate_tasks(m.scenario);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("hazard 'Z1'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("raise work_package_m2"), std::string::npos) << e.what();
  }
  m.scenario.params.work_package_m2 = 1;  // 900 packages: fine
  EXPECT_GE(plan::generate_tasks(m.scenario).tasks.size(), 900U);
}

}  // namespace
}  // namespace gw
