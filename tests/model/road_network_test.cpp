// RoadNetwork construction, CSR adjacency and travel times; enum names; parameter defaults.
#include "model/road_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/enums.hpp"
#include "model/parameters.hpp"

namespace gw {
namespace {

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

EdgeId add(RoadNetwork& net, NodeId a, NodeId b, double len, double kmh) {
  return net.add_edge(a, b, {net.node_pos[a.index()], net.node_pos[b.index()]}, len, kmh,
                      RoadClass::kTertiary, false, 7);
}

std::vector<EdgeId> incident(const RoadNetwork& net, NodeId n) {
  std::vector<EdgeId> out(net.adj_edge.begin() + net.adj_offset[n.index()],
                          net.adj_edge.begin() + net.adj_offset[n.index() + 1]);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RoadNetwork, AddNodeAndEdgeFillParallelArrays) {
  RoadNetwork net;
  const NodeId a = net.add_node({30.0, 50.0});
  const NodeId b = net.add_node({30.01, 50.0});
  EXPECT_EQ(a.index(), 0U);
  EXPECT_EQ(b.index(), 1U);
  EXPECT_EQ(net.num_nodes(), 2U);
  const LineString shape = {{30.0, 50.0}, {30.005, 50.001}, {30.01, 50.0}};
  const EdgeId e = net.add_edge(a, b, shape, 750.0, 50.0, RoadClass::kPrimary, true, 4242);
  EXPECT_EQ(e.index(), 0U);
  ASSERT_EQ(net.num_edges(), 1U);
  EXPECT_EQ(net.edge_from[0], a);
  EXPECT_EQ(net.edge_to[0], b);
  EXPECT_DOUBLE_EQ(net.edge_length_m[0], 750.0);
  EXPECT_DOUBLE_EQ(net.edge_speed_kmh[0], 50.0);
  EXPECT_EQ(net.edge_class[0], RoadClass::kPrimary);
  EXPECT_EQ(net.edge_bridge[0], 1);
  EXPECT_EQ(net.edge_source_id[0], 4242);
  ASSERT_EQ(net.edge_shape_offset.size(), 2U);
  EXPECT_EQ(net.edge_shape_offset[0], 0U);
  EXPECT_EQ(net.edge_shape_offset[1], 3U);
  EXPECT_EQ(net.edge_shape[1], (LonLat{30.005, 50.001}));
  // A second edge's shape follows the first.
  const EdgeId f =
      net.add_edge(b, a, {{30.01, 50.0}, {30.0, 50.0}}, 700, 30, RoadClass::kTrack, false, 1);
  EXPECT_EQ(f.index(), 1U);
  EXPECT_EQ(net.edge_shape_offset[2], 5U);
  EXPECT_EQ(net.edge_bridge[1], 0);
}

TEST(RoadNetwork, CsrAdjacencyListsIncidentEdgesSelfLoopOnce) {
  RoadNetwork net;
  std::vector<NodeId> n;
  n.reserve(5);
  for (int i = 0; i < 5; ++i) n.push_back(net.add_node({30.0 + 0.01 * i, 50.0}));
  const EdgeId e01 = add(net, n[0], n[1], 100, 50);
  const EdgeId e12 = add(net, n[1], n[2], 100, 50);
  const EdgeId e21 = add(net, n[2], n[1], 100, 50);  // parallel edge
  const EdgeId e33 = add(net, n[3], n[3], 100, 50);  // self-loop
  const EdgeId e30 = add(net, n[3], n[0], 100, 50);
  net.build_adjacency();
  ASSERT_EQ(net.adj_offset.size(), 6U);
  EXPECT_EQ(net.adj_offset.front(), 0U);
  // Every non-loop edge appears twice, the loop once.
  EXPECT_EQ(net.adj_offset.back(), 9U);
  EXPECT_EQ(net.adj_edge.size(), 9U);
  EXPECT_EQ(incident(net, n[0]), (std::vector<EdgeId>{e01, e30}));
  EXPECT_EQ(incident(net, n[1]), (std::vector<EdgeId>{e01, e12, e21}));
  EXPECT_EQ(incident(net, n[2]), (std::vector<EdgeId>{e12, e21}));
  EXPECT_EQ(incident(net, n[3]), (std::vector<EdgeId>{e33, e30}));
  EXPECT_TRUE(incident(net, n[4]).empty());  // isolated node
  // Rebuilding after adding an edge replaces the old adjacency.
  const EdgeId e40 = add(net, n[4], n[0], 100, 50);
  net.build_adjacency();
  EXPECT_EQ(net.adj_offset.back(), 11U);
  EXPECT_EQ(incident(net, n[4]), (std::vector<EdgeId>{e40}));
  EXPECT_EQ(incident(net, n[0]), (std::vector<EdgeId>{e01, e30, e40}));
}

TEST(RoadNetwork, OtherEnd) {
  RoadNetwork net;
  const NodeId a = net.add_node({0, 0}), b = net.add_node({0.01, 0});
  const EdgeId e = add(net, a, b, 1000, 50);
  const EdgeId loop = add(net, b, b, 10, 50);
  EXPECT_EQ(net.other_end(e, a), b);
  EXPECT_EQ(net.other_end(e, b), a);
  EXPECT_EQ(net.other_end(loop, b), b);
}

TEST(RoadNetwork, EdgeTravelSecondsRoundUpAndAreCached) {
  RoadNetwork net;
  const NodeId a = net.add_node({0, 0}), b = net.add_node({0.01, 0});
  struct Case {
    double len, kmh;
    Seconds want;
  };
  const std::vector<Case> cases = {
      {1000, 36, 100},     // exact: 1000 * 3.6 / 36 = 100
      {1000, 50, 72},      // exact: 72
      {1001, 36, 101},     // 100.1 -> 101
      {1, 90, 1},          // 0.04 -> 1
      {0, 50, 0},          // zero length
      {12345.6, 80, 556},  // 555.552 -> 556
      {100, 3.6, 100},
  };
  for (const auto& c : cases) add(net, a, b, c.len, c.kmh);
  // Before build_adjacency: computed on the fly.
  EXPECT_TRUE(net.edge_travel.empty());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto e = EdgeId::from_index(i);
    EXPECT_EQ(net.edge_travel_s(e), cases[i].want) << "case " << i;
    EXPECT_EQ(net.compute_travel_s(e),
              static_cast<Seconds>(std::ceil(cases[i].len * 3.6 / cases[i].kmh)));
  }
  net.build_adjacency();
  ASSERT_EQ(net.edge_travel.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(net.edge_travel[i], cases[i].want) << "case " << i;
  // The cache is what edge_travel_s reads: changing the speed without a rebuild keeps the old
  // value, a rebuild refreshes it.
  net.edge_speed_kmh[0] = 72;
  EXPECT_EQ(net.edge_travel_s(EdgeId(0)), 100);
  EXPECT_EQ(net.compute_travel_s(EdgeId(0)), 50);
  net.build_adjacency();
  EXPECT_EQ(net.edge_travel_s(EdgeId(0)), 50);
  // An edge added after the build falls back to computing.
  const EdgeId late = add(net, a, b, 500, 36);
  EXPECT_EQ(net.edge_travel_s(late), 50);
}

template <typename E, std::size_t N>
void expect_round_trip(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    const auto e = static_cast<E>(i);
    EXPECT_EQ(name(e), names[i]);
    const std::optional<E> back = enum_from_name<E>(name(e), names);
    ASSERT_TRUE(back.has_value()) << names[i];
    EXPECT_EQ(*back, e);
  }
  EXPECT_FALSE(enum_from_name<E>("no_such_name", names).has_value());
  EXPECT_FALSE(enum_from_name<E>("", names).has_value());
}

TEST(Enums, NamesRoundTrip) {
  expect_round_trip<RoadClass>(kRoadClassNames);
  expect_round_trip<HazardStatus>(kHazardStatusNames);
  expect_round_trip<Contamination>(kContaminationNames);
  expect_round_trip<Terrain>(kTerrainNames);
  expect_round_trip<LandUse>(kLandUseNames);
  expect_round_trip<AssetKind>(kAssetKindNames);
  expect_round_trip<Service>(kServiceNames);
  expect_round_trip<Trade>(kTradeNames);
  expect_round_trip<HubKind>(kHubKindNames);
  expect_round_trip<TaskKind>(kTaskKindNames);
}

TEST(Enums, StableNamesAndCaseSensitivity) {
  EXPECT_EQ(name(RoadClass::kTrack), "track");
  EXPECT_EQ(name(Terrain::kBuiltUp), "built_up");
  EXPECT_EQ(name(TaskKind::kFollowUp), "follow_up");
  EXPECT_EQ(name(AssetKind::kRoadSection), "road_section");
  EXPECT_EQ(name(Contamination::kAntiPersonnel), "anti_personnel");
  EXPECT_EQ(enum_from_name<Trade>("mechanical", kTradeNames), Trade::kMechanical);
  EXPECT_FALSE(enum_from_name<Trade>("Manual", kTradeNames).has_value());
  EXPECT_TRUE(is_demining(Trade::kSurvey));
  EXPECT_TRUE(is_demining(Trade::kMechanical));
  EXPECT_FALSE(is_demining(Trade::kRoad));
  EXPECT_FALSE(is_demining(Trade::kGeneral));
}

TEST(Parameters, DocumentedDefaults) {
  const Parameters p;
  EXPECT_EQ(p.seed, 1U);
  EXPECT_EQ(p.start_date, "2027-04-01");
  EXPECT_EQ(p.horizon_days, 1095);
  EXPECT_EQ(p.working_days_per_week, 6);
  EXPECT_DOUBLE_EQ(p.corridor_width_m, 20);
  EXPECT_DOUBLE_EQ(p.work_package_m2, 20000);
  EXPECT_DOUBLE_EQ(p.nts_cancel_share, 0.35);
  EXPECT_DOUBLE_EQ(p.snap_warning_m, 2000);
  EXPECT_DOUBLE_EQ(p.max_snap_m, 10000);

  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kManual)][idx(TaskKind::kClearance)], 20);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kManual)][idx(TaskKind::kFollowUp)], 60);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kDog)][idx(TaskKind::kClearance)], 140);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kMechanical)][idx(TaskKind::kMechanical)], 1000);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kSurvey)][idx(TaskKind::kSurvey)], 25000);
  // Trades that cannot do a kind have rate 0.
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kManual)][idx(TaskKind::kMechanical)], 0);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kMechanical)][idx(TaskKind::kClearance)], 0);
  EXPECT_DOUBLE_EQ(p.rate[idx(Trade::kRoad)][idx(TaskKind::kClearance)], 0);
  EXPECT_DOUBLE_EQ(p.activity_rate[idx(Trade::kRoad)][idx(ActivityKind::kCraterFill)], 10);
  EXPECT_DOUBLE_EQ(p.activity_rate[idx(Trade::kBridge)][idx(ActivityKind::kDeck)], 0.1);
  EXPECT_DOUBLE_EQ(p.activity_rate[idx(Trade::kManual)][idx(ActivityKind::kCraterFill)], 0);
  // Every asset kind has a template; every step's quantity is positive and its order points back.
  for (std::size_t k = 0; k < kAssetKindCount; ++k) {
    ASSERT_FALSE(p.templates[k].empty()) << kAssetKindNames[k];
    for (std::size_t i = 0; i < p.templates[k].size(); ++i) {
      EXPECT_GT(p.templates[k][i].per_unit, 0);
      for (const auto j : p.templates[k][i].after) EXPECT_LT(j, i);
    }
  }

  EXPECT_DOUBLE_EQ(p.terrain_factor[idx(Trade::kManual)][idx(Terrain::kField)], 1.0);
  EXPECT_DOUBLE_EQ(p.terrain_factor[idx(Trade::kManual)][idx(Terrain::kForest)], 0.5);
  EXPECT_DOUBLE_EQ(p.terrain_factor[idx(Trade::kMechanical)][idx(Terrain::kBuiltUp)], 0);

  // Mechanical terrains: exactly field and verge.
  for (std::size_t t = 0; t < kTerrainCount; ++t) {
    const bool want = t == idx(Terrain::kField) || t == idx(Terrain::kVerge);
    EXPECT_EQ(p.mechanical_terrain[t], want) << kTerrainNames[t];
  }
}

}  // namespace
}  // namespace gw
