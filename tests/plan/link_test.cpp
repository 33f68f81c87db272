// Linking (docs/model.md §1): snapping to nodes and edges, id resolution, and the input errors.
#include "plan/link.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "ascii_map.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw {
namespace {

const geo::LocalProjection kProj(
    {30.0, 50.0});  // the ASCII map's projection: cell (r, c) at (100 c, -100 r)
LonLat at_m(double x, double y) { return kProj.inverse({x, y}); }

void expect_error(const std::function<void()>& f, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "no gw::Error thrown; expected one mentioning '" << fragment << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("fixture"), std::string::npos)
        << "source not named: " << e.what();
  }
}

Asset asset(const std::string& id, AssetKind kind, LineString geometry) {
  Asset a;
  a.id = id;
  a.kind = kind;
  a.geometry = std::move(geometry);
  a.quantity = 10;
  return a;
}

//   H---a---B---c
//       |
//       d---E
test::AsciiMap small_map() {
  return test::build_ascii_map({"H---a---B---c", "    |", "    d---E"}, {{'B', 120}, {'E', 80}});
}

TEST(LinkScenario, SnapsPlacesToTheNearestNode) {
  auto m = small_map();
  Scenario& s = m.scenario;
  // Move the places off their nodes: B 30 m north of its node; E 340 m west of its own node,
  // which puts it 60 m from d; the hub 20 m south-east of H.
  s.settlements[0].pos = at_m(800, 30);
  s.settlements[1].pos = at_m(460, -200);
  s.hubs[0].pos = at_m(12, -16);
  s.crews.push_back(test::make_crew("C1", Trade::kManual, 8, "E"));
  s.crews.push_back(test::make_crew("C2", Trade::kRoad, 20, "H"));
  const plan::LinkReport rep = plan::link_scenario(s, "fixture");
  EXPECT_TRUE(rep.warnings.empty());
  EXPECT_EQ(s.settlements[0].node, m.nodes.at('B'));
  EXPECT_NEAR(s.settlements[0].snap_distance_m, 30, 0.1);
  EXPECT_EQ(s.settlements[1].node, m.nodes.at('d'));
  EXPECT_NEAR(s.settlements[1].snap_distance_m, 60, 0.1);
  EXPECT_EQ(s.hubs[0].node, m.nodes.at('H'));
  EXPECT_NEAR(s.hubs[0].snap_distance_m, 20, 0.1);
  // A crew's base node is its place's node.
  EXPECT_EQ(s.crews[0].base_node, m.nodes.at('d'));
  EXPECT_EQ(s.crews[1].base_node, m.nodes.at('H'));
}

TEST(LinkScenario, BuildsTheAdjacencyWhenMissing) {
  auto m = small_map();
  m.scenario.roads.adj_offset.clear();
  m.scenario.roads.edge_travel.clear();
  plan::link_scenario(m.scenario, "fixture");
  EXPECT_EQ(m.scenario.roads.adj_offset.size(), m.scenario.roads.num_nodes() + 1);
  EXPECT_EQ(m.scenario.roads.edge_travel.size(), m.scenario.roads.num_edges());
}

TEST(LinkScenario, WarnsBeyondSnapWarningDistance) {
  auto m = small_map();
  m.scenario.settlements[0].pos = at_m(800, 3000);  // 3 km north of B
  const plan::LinkReport rep = plan::link_scenario(m.scenario, "fixture");
  ASSERT_EQ(rep.warnings.size(), 1U);
  EXPECT_NE(rep.warnings[0].find("'B'"), std::string::npos) << rep.warnings[0];
  EXPECT_NE(rep.warnings[0].find("snapped"), std::string::npos) << rep.warnings[0];
  EXPECT_EQ(m.scenario.settlements[0].node, m.nodes.at('B'));
}

TEST(LinkScenario, ResolvesServesDependsOnAndAssetEdges) {
  auto m = small_map();
  Scenario& s = m.scenario;
  Asset line = asset("PL", AssetKind::kPowerLine, {at_m(0, 50), at_m(400, 50), at_m(800, 50)});
  line.serves = {"E", "B"};
  Asset sub = asset("SUB", AssetKind::kPublicBuilding, {at_m(50, 60)});
  line.depends_on = {"SUB"};
  Asset road = asset("R", AssetKind::kRoadSection, {at_m(1000, 12)});  // on B–c
  // A bridge point nearer to a–B than to the bridge edge d–E, which is within 200 m: the bridge
  // wins.
  Asset bridge = asset("BR", AssetKind::kBridge, {at_m(500, -40)});
  s.roads.edge_bridge[0] = 0;
  for (std::size_t e = 0; e < s.roads.num_edges(); ++e) {
    const NodeId u = s.roads.edge_from[e], v = s.roads.edge_to[e];
    if ((u == m.nodes.at('d') && v == m.nodes.at('E')) ||
        (u == m.nodes.at('E') && v == m.nodes.at('d')))
      s.roads.edge_bridge[e] = 1;
  }
  s.assets = {line, sub, road, bridge};
  plan::link_scenario(s, "fixture");
  ASSERT_EQ(s.assets[0].served.size(), 2U);
  EXPECT_EQ(s.assets[0].served[0], SettlementId(1));  // E
  EXPECT_EQ(s.assets[0].served[1], SettlementId(0));  // B
  EXPECT_EQ(s.assets[0].depends, std::vector<AssetId>{AssetId(1)});
  EXPECT_TRUE(s.assets[1].depends.empty());
  EXPECT_FALSE(s.assets[0].edge.valid());  // lines and buildings cut no edge
  EXPECT_FALSE(s.assets[1].edge.valid());
  auto ends = [&](EdgeId e) {
    const NodeId u = s.roads.edge_from[e.index()], v = s.roads.edge_to[e.index()];
    return std::pair{std::min(u, v), std::max(u, v)};
  };
  auto pair_of = [&](char a, char b) {
    return std::pair{std::min(m.nodes.at(a), m.nodes.at(b)),
                     std::max(m.nodes.at(a), m.nodes.at(b))};
  };
  ASSERT_TRUE(s.assets[2].edge.valid());
  EXPECT_EQ(ends(s.assets[2].edge), pair_of('B', 'c'));
  ASSERT_TRUE(s.assets[3].edge.valid());
  EXPECT_EQ(ends(s.assets[3].edge), pair_of('d', 'E'));
  // Without a bridge edge nearby, a bridge takes the nearest edge.
  for (auto& b : s.roads.edge_bridge) b = 0;
  plan::link_scenario(s, "fixture");
  EXPECT_EQ(ends(s.assets[3].edge), pair_of('a', 'B'));
  // Linking twice gives the same served list (it is rebuilt, not appended to).
  EXPECT_EQ(s.assets[0].served.size(), 2U);
}

TEST(LinkScenario, FarSettlementIsAnError) {
  auto m = small_map();
  m.scenario.settlements[1].pos = at_m(0, 15000);  // 15 km from any road; max_snap_m is 10 km
  expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "no road within max_snap_m");
  expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "'E'");
  // A larger max_snap_m accepts it, with a warning.
  m.scenario.params.max_snap_m = 20000;
  const auto rep = plan::link_scenario(m.scenario, "fixture");
  EXPECT_EQ(rep.warnings.size(), 1U);
}

TEST(LinkScenario, FarHubAndFarRoadSectionAreErrors) {
  auto m = small_map();
  m.scenario.hubs[0].pos = at_m(-20000, 0);
  expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "no road within max_snap_m");
  auto n = small_map();
  n.scenario.assets.push_back(asset("R", AssetKind::kRoadSection, {at_m(0, 12000)}));
  expect_error([&] { plan::link_scenario(n.scenario, "fixture"); }, "no road within max_snap_m");
}

TEST(LinkScenario, CrewBasedOffTheNetworkIsAnError) {
  //   H---a        X---y is a separate component
  //
  //   X---y
  auto m = test::build_ascii_map({"H---a", "", "X---y"}, {});
  // The settlement alone is only a warning: it can never gain access.
  {
    Scenario s = m.scenario;
    const auto rep = plan::link_scenario(s, "fixture");
    ASSERT_EQ(rep.warnings.size(), 1U);
    EXPECT_NE(rep.warnings[0].find("no road connects it to a hub"), std::string::npos)
        << rep.warnings[0];
  }
  m.scenario.crews.push_back(test::make_crew("C9", Trade::kManual, 8, "X"));
  expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "off the network");
  expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "'C9'");
}

TEST(LinkScenario, UnknownIdsAreErrors) {
  {
    auto m = small_map();
    m.scenario.crews.push_back(test::make_crew("C1", Trade::kManual, 8, "nowhere"));
    expect_error([&] { plan::link_scenario(m.scenario, "fixture"); }, "is not a settlement or hub");
  }
  {
    auto m = small_map();
    Asset a = asset("PL", AssetKind::kPowerLine, {at_m(0, 50), at_m(400, 50)});
    a.serves = {"B", "Q"};
    m.scenario.assets.push_back(a);
    expect_error([&] { plan::link_scenario(m.scenario, "fixture"); },
                 "serves unknown settlement 'Q'");
  }
  {
    auto m = small_map();
    Asset a = asset("PL", AssetKind::kPowerLine, {at_m(0, 50), at_m(400, 50)});
    a.depends_on = {"GHOST"};
    m.scenario.assets.push_back(a);
    expect_error([&] { plan::link_scenario(m.scenario, "fixture"); },
                 "depends_on unknown asset 'GHOST'");
  }
}

TEST(LinkScenario, RejectsADependsOnCycle) {
  auto m = small_map();
  Scenario& s = m.scenario;
  Asset a = asset("A", AssetKind::kPowerLine, {at_m(0, 50), at_m(400, 50)});
  Asset b = asset("B1", AssetKind::kPowerLine, {at_m(0, 60), at_m(400, 60)});
  Asset c = asset("C", AssetKind::kCommsLine, {at_m(0, 70), at_m(400, 70)});
  a.depends_on = {"B1"};
  b.depends_on = {"C"};
  s.assets = {a, b, c};
  // A chain is fine.
  EXPECT_NO_THROW(plan::link_scenario(s, "fixture"));
  EXPECT_EQ(s.assets[0].depends, std::vector<AssetId>{AssetId(1)});
  EXPECT_EQ(s.assets[1].depends, std::vector<AssetId>{AssetId(2)});
  // Closing it into a cycle is not.
  s.assets[2].depends_on = {"A"};
  expect_error([&] { plan::link_scenario(s, "fixture"); }, "depends_on forms a cycle");
  // Nor is depending on oneself.
  s.assets[2].depends_on.clear();
  s.assets[1].depends_on = {"B1"};
  expect_error([&] { plan::link_scenario(s, "fixture"); }, "depends_on forms a cycle");
}

}  // namespace
}  // namespace gw
