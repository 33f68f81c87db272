// The default district generator: every bullet of issue 2 at scale 1, determinism, scaling.
#include "gen/district.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string>

#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::gen {
namespace {

const Scenario& district1() {
  static const Scenario s = generate_district({1.0, 1});
  return s;
}

std::size_t count_if_kind(const Scenario& s, AssetKind k) {
  return static_cast<std::size_t>(
      std::count_if(s.assets.begin(), s.assets.end(), [&](const Asset& a) { return a.kind == k; }));
}

double bbox_km2(const RoadNetwork& net) {
  double lo_lon = 1e9, hi_lon = -1e9, lo_lat = 1e9, hi_lat = -1e9;
  for (const auto& p : net.node_pos) {
    lo_lon = std::min(lo_lon, p.lon);
    hi_lon = std::max(hi_lon, p.lon);
    lo_lat = std::min(lo_lat, p.lat);
    hi_lat = std::max(hi_lat, p.lat);
  }
  const geo::LocalProjection proj({(lo_lon + hi_lon) / 2, (lo_lat + hi_lat) / 2});
  const auto a = proj.forward({lo_lon, lo_lat});
  const auto b = proj.forward({hi_lon, hi_lat});
  return (b.x - a.x) * (b.y - a.y) / 1e6;
}

std::size_t components(const RoadNetwork& net) {
  std::vector<std::size_t> parent(net.num_nodes());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t e = 0; e < net.num_edges(); ++e)
    parent[find(net.edge_from[e].index())] = find(net.edge_to[e].index());
  std::size_t n = 0;
  for (std::size_t i = 0; i < parent.size(); ++i) n += find(i) == i ? 1 : 0;
  return n;
}

// Distance in metres from p to the polyline of edge e (local projection at p).
double distance_to_edge(const RoadNetwork& net, std::size_t e, LonLat p) {
  const geo::LocalProjection proj(p);
  double best = 1e18;
  for (auto i = net.edge_shape_offset[e]; i + 1 < net.edge_shape_offset[e + 1]; ++i) {
    const auto a = proj.forward(net.edge_shape[i]);
    const auto b = proj.forward(net.edge_shape[i + 1]);
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double t = std::clamp(-(a.x * dx + a.y * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    best = std::min(best, std::hypot(a.x + t * dx, a.y + t * dy));
  }
  return best;
}

// Whether the polyline of edge e crosses the boundary of `ring`.
bool crosses_ring(const RoadNetwork& net, std::size_t e, const Ring& ring) {
  const geo::LocalProjection proj(ring[0]);
  auto cross = [](geo::XY a, geo::XY b, geo::XY c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  };
  for (auto i = net.edge_shape_offset[e]; i + 1 < net.edge_shape_offset[e + 1]; ++i) {
    const auto p = proj.forward(net.edge_shape[i]);
    const auto q = proj.forward(net.edge_shape[i + 1]);
    for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
      const auto a = proj.forward(ring[k]);
      const auto b = proj.forward(ring[k + 1]);
      if (cross(p, q, a) * cross(p, q, b) < 0 && cross(a, b, p) * cross(a, b, q) < 0) return true;
    }
  }
  return false;
}

// The edge nearest to p among those passing `accept` (brute force) and its distance.
template <typename Accept>
std::pair<std::size_t, double> nearest_edge(const RoadNetwork& net, LonLat p, Accept accept) {
  std::pair<std::size_t, double> best{net.num_edges(), 1e18};
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if (!accept(e)) continue;
    const auto& a = net.node_pos[net.edge_from[e].index()];
    if (std::abs(a.lat - p.lat) > 0.02 || std::abs(a.lon - p.lon) > 0.03) continue;  // > ~2 km away
    const double d = distance_to_edge(net, e, p);
    if (d < best.second) best = {e, d};
  }
  return best;
}

TEST(District, AreaAndRoadHierarchy) {
  const auto& s = district1();
  const double km2 = bbox_km2(s.roads);
  EXPECT_GE(km2, 1000);
  EXPECT_LE(km2, 1500);
  EXPECT_GE(s.roads.num_edges(), 10000U);
  std::map<RoadClass, std::size_t> by_class;
  for (auto c : s.roads.edge_class) ++by_class[c];
  EXPECT_GT(by_class[RoadClass::kPrimary], 50U);
  EXPECT_GT(by_class[RoadClass::kSecondary], 20U);
  EXPECT_GT(by_class[RoadClass::kTertiary], 20U);
  EXPECT_GT(by_class[RoadClass::kUnclassified], 100U);
  EXPECT_GT(by_class[RoadClass::kTrack], s.roads.num_edges() / 2);
  // Parallel arrays, shapes, lengths and speeds are consistent.
  ASSERT_EQ(s.roads.edge_shape_offset.size(), s.roads.num_edges() + 1);
  ASSERT_EQ(s.roads.adj_offset.size(), s.roads.num_nodes() + 1);
  for (std::size_t e = 0; e < s.roads.num_edges(); ++e) {
    const auto o = s.roads.edge_shape_offset[e];
    ASSERT_GE(s.roads.edge_shape_offset[e + 1] - o, 2U);
    ASSERT_EQ(s.roads.edge_shape[o], s.roads.node_pos[s.roads.edge_from[e].index()]);
    ASSERT_EQ(s.roads.edge_shape[s.roads.edge_shape_offset[e + 1] - 1],
              s.roads.node_pos[s.roads.edge_to[e].index()]);
    ASSERT_GT(s.roads.edge_length_m[e], 50);
    ASSERT_LT(s.roads.edge_length_m[e], 2000);
    ASSERT_GT(s.roads.edge_speed_kmh[e], 0);
    ASSERT_NE(s.roads.edge_from[e], s.roads.edge_to[e]);
    ASSERT_EQ(s.roads.edge_source_id[e], static_cast<std::int64_t>(e + 1));
  }
  EXPECT_GT(s.roads.edge_speed_kmh[std::find(s.roads.edge_class.begin(), s.roads.edge_class.end(),
                                             RoadClass::kPrimary) -
                                   s.roads.edge_class.begin()],
            s.roads.edge_speed_kmh[std::find(s.roads.edge_class.begin(), s.roads.edge_class.end(),
                                             RoadClass::kTrack) -
                                   s.roads.edge_class.begin()]);
}

TEST(District, NetworkConnectedWithoutDuplicateNodes) {
  const auto& s = district1();
  EXPECT_EQ(components(s.roads), 1U);
  std::set<std::pair<double, double>> seen;
  for (const auto& p : s.roads.node_pos) EXPECT_TRUE(seen.emplace(p.lon, p.lat).second);
}

TEST(District, BridgesWhereRoadsCrossRivers) {
  const auto& s = district1();
  const auto bridges = std::count(s.roads.edge_bridge.begin(), s.roads.edge_bridge.end(), 1);
  EXPECT_GE(bridges, 10);
  EXPECT_LT(static_cast<std::size_t>(bridges), s.roads.num_edges() / 20);
  // Some main roads cross rivers.
  std::size_t main_bridges = 0;
  for (std::size_t e = 0; e < s.roads.num_edges(); ++e) {
    main_bridges += s.roads.edge_bridge[e] && s.roads.edge_class[e] <= RoadClass::kTertiary ? 1 : 0;
  }
  EXPECT_GE(main_bridges, 1U);
}

TEST(District, SettlementsAndHubs) {
  const auto& s = district1();
  ASSERT_GE(s.settlements.size(), 80U);
  std::int64_t total = 0;
  std::vector<std::int64_t> pops;
  std::set<std::string> ids, names;
  for (const auto& x : s.settlements) {
    total += x.population;
    pops.push_back(x.population);
    EXPECT_GT(x.population, 0);
    EXPECT_TRUE(ids.insert(x.id).second);
    EXPECT_TRUE(names.insert(x.name).second) << x.name;
    EXPECT_FALSE(x.name.empty());
    // On a road node.
    EXPECT_NE(std::find(s.roads.node_pos.begin(), s.roads.node_pos.end(), x.pos),
              s.roads.node_pos.end());
  }
  EXPECT_EQ(s.settlements.front().id, "S0001");
  EXPECT_GE(total, 40000);
  EXPECT_LE(total, 80000);
  std::sort(pops.rbegin(), pops.rend());
  EXPECT_GT(pops[0], 8000);               // a district centre
  EXPECT_GT(pops[3], 1500);               // a few towns
  EXPECT_LT(pops[pops.size() / 2], 600);  // many small villages
  ASSERT_GE(s.hubs.size(), 1U);
  ASSERT_LE(s.hubs.size(), 3U);
  EXPECT_EQ(s.hubs[0].id, "H1");
  EXPECT_EQ(s.hubs[0].kind, HubKind::kDistrictCentre);
  EXPECT_TRUE(std::any_of(s.hubs.begin(), s.hubs.end(),
                          [](const Hub& h) { return h.kind == HubKind::kRegionalExit; }));
  for (const auto& h : s.hubs) {
    EXPECT_NE(std::find(s.roads.node_pos.begin(), s.roads.node_pos.end(), h.pos),
              s.roads.node_pos.end());
    if (h.kind != HubKind::kRegionalExit) continue;
    // An exit lies on a primary road.
    const auto [e, d] = nearest_edge(s.roads, h.pos, [&](std::size_t x) {
      return s.roads.edge_class[x] == RoadClass::kPrimary;
    });
    EXPECT_LT(d, 1.0) << h.id;
  }
}

TEST(District, Hazards) {
  const auto& s = district1();
  ASSERT_GE(s.hazards.size(), 500U);
  std::map<Terrain, std::size_t> terrain;
  std::map<Contamination, std::size_t> cont;
  std::size_t suspected = 0, small = 0, large = 0;
  for (const auto& h : s.hazards) {
    EXPECT_GE(h.area_m2, 1000) << h.id;
    EXPECT_LE(h.area_m2, 1e6) << h.id;
    EXPECT_NEAR(h.area_m2, geo::area_m2(h.polygon), 1e-6);
    ASSERT_GE(h.polygon.outer.size(), 4U);
    EXPECT_EQ(h.polygon.outer.front(), h.polygon.outer.back());
    ++terrain[h.terrain];
    ++cont[h.contamination];
    suspected += h.status == HazardStatus::kSuspected ? 1 : 0;
    small += h.area_m2 < 20000 ? 1 : 0;
    large += h.area_m2 > 200000 ? 1 : 0;
    switch (h.terrain) {
      case Terrain::kForest:
        EXPECT_EQ(h.land_use, LandUse::kForestry);
        break;
      case Terrain::kVerge:
        EXPECT_EQ(h.land_use, LandUse::kTransport);
        break;
      case Terrain::kBuiltUp:
        EXPECT_EQ(h.land_use, LandUse::kResidential);
        break;
      case Terrain::kField:
        EXPECT_TRUE(h.land_use == LandUse::kAgriculture || h.land_use == LandUse::kPasture);
        break;
      case Terrain::kWetland:
        EXPECT_TRUE(h.land_use == LandUse::kOther || h.land_use == LandUse::kPasture);
        break;
    }
  }
  EXPECT_EQ(s.hazards.front().id, "HZ00001");
  EXPECT_GT(suspected * 10, s.hazards.size() * 6);  // mostly suspected
  EXPECT_LT(suspected, s.hazards.size());
  EXPECT_GT(small, s.hazards.size() / 2);  // skewed sizes
  EXPECT_GT(large, 5U);
  for (std::size_t t = 0; t < kTerrainCount; ++t)
    EXPECT_GT(terrain[static_cast<Terrain>(t)], 10U) << t;
  for (std::size_t c = 0; c < 4; ++c) EXPECT_GT(cont[static_cast<Contamination>(c)], 20U) << c;
}

TEST(District, VergeHazardsBlockRoadsIncludingMainRoads) {
  const auto& s = district1();
  std::size_t verges = 0, on_main = 0;
  for (const auto& h : s.hazards) {
    if (h.terrain != Terrain::kVerge) continue;
    ++verges;
    // Some vertex of the polygon lies within the 10 m half-corridor of an edge, or an edge crosses
    // the polygon's boundary (a verge across the carriageway).
    double best = 1e18;
    bool main = false;
    for (const auto& v : h.polygon.outer) {
      const auto [e, d] = nearest_edge(s.roads, v, [](std::size_t) { return true; });
      if (d < best) {
        best = d;
        main = s.roads.edge_class[e] <= RoadClass::kSecondary;
      }
    }
    if (best >= 10.0) {
      const auto [e, d] = nearest_edge(s.roads, h.polygon.outer[0], [&](std::size_t x) {
        return crosses_ring(s.roads, x, h.polygon.outer);
      });
      if (e < s.roads.num_edges()) {
        best = 0;
        main = s.roads.edge_class[e] <= RoadClass::kSecondary;
      }
    }
    EXPECT_LT(best, 10.0) << h.id;
    on_main += main ? 1 : 0;
  }
  EXPECT_GE(verges, 50U);
  EXPECT_GE(on_main, 5U);
}

TEST(District, DamagedAssets) {
  const auto& s = district1();
  ASSERT_GE(s.assets.size(), 100U);
  for (std::size_t k = 0; k < kAssetKindCount; ++k)
    EXPECT_GE(count_if_kind(s, static_cast<AssetKind>(k)), 3U) << k;
  EXPECT_EQ(s.assets.front().id, "A0001");
  std::set<std::string> settlement_ids, asset_ids;
  for (const auto& x : s.settlements) settlement_ids.insert(x.id);
  std::map<std::string, const Asset*> by_id;
  for (const auto& a : s.assets) by_id[a.id] = &a;
  std::size_t comms_on_power = 0;
  for (const auto& a : s.assets) {
    EXPECT_TRUE(asset_ids.insert(a.id).second);
    EXPECT_GT(a.quantity, 0) << a.id;
    for (const auto& id : a.serves) EXPECT_TRUE(settlement_ids.count(id)) << a.id;
    switch (a.kind) {
      case AssetKind::kRoadSection: {
        ASSERT_EQ(a.geometry.size(), 1U);
        EXPECT_EQ(a.trade, Trade::kRoad);
        const auto [e, d] = nearest_edge(s.roads, a.geometry[0], [](std::size_t) { return true; });
        EXPECT_LT(d, 0.5) << a.id;
        break;
      }
      case AssetKind::kBridge: {
        ASSERT_EQ(a.geometry.size(), 1U);
        EXPECT_EQ(a.trade, Trade::kBridge);
        const auto [e, d] = nearest_edge(
            s.roads, a.geometry[0], [&](std::size_t x) { return s.roads.edge_bridge[x] != 0; });
        EXPECT_LT(d, 0.5) << a.id;
        break;
      }
      case AssetKind::kCommsLine:
      case AssetKind::kPowerLine: {
        const bool power = a.kind == AssetKind::kPowerLine;
        EXPECT_GE(a.geometry.size(), 2U);
        EXPECT_NEAR(a.quantity, geo::length_m(a.geometry), 1.0);
        EXPECT_EQ(a.trade, power ? Trade::kPower : Trade::kComms);
        EXPECT_EQ(a.service, power ? Service::kPower : Service::kComms);
        EXPECT_FALSE(a.serves.empty());
        for (const auto& dep : a.depends_on) {
          ASSERT_TRUE(by_id.count(dep)) << a.id;
          EXPECT_EQ(by_id[dep]->kind, AssetKind::kPowerLine);
          ++comms_on_power;
        }
        break;
      }
      case AssetKind::kPublicBuilding:
        ASSERT_EQ(a.geometry.size(), 1U);
        EXPECT_EQ(a.trade, Trade::kGeneral);
        EXPECT_TRUE(a.service == Service::kSchool || a.service == Service::kClinic);
        EXPECT_FALSE(a.serves.empty());
        break;
      default:  // the kinds of issue 14 (the generator's tests cover them)
        break;
    }
  }
  EXPECT_GE(comms_on_power, 1U);
}

TEST(District, CrewsAndDepots) {
  const auto& s = district1();
  std::map<Trade, int> people;
  std::set<std::string> bases;
  std::set<std::string> places;
  for (const auto& x : s.settlements) places.insert(x.id);
  for (const auto& h : s.hubs) places.insert(h.id);
  for (const auto& c : s.crews) {
    people[c.trade] += c.people;
    EXPECT_TRUE(places.count(c.base)) << c.id;
    bases.insert(c.base);
    if (is_demining(c.trade)) {
      EXPECT_GE(c.people, 3);
      EXPECT_LE(c.people, 12);
    } else {
      EXPECT_GE(c.people, 15);
      EXPECT_LE(c.people, 40);
    }
  }
  int deminers = 0, builders = 0;
  for (const auto& [t, n] : people) (is_demining(t) ? deminers : builders) += n;
  EXPECT_EQ(deminers, 1000);
  EXPECT_EQ(builders, 5000);
  for (std::size_t t = 0; t < kTradeCount; ++t) EXPECT_GT(people[static_cast<Trade>(t)], 0) << t;
  EXPECT_GE(bases.size(), 2U);
  EXPECT_LE(bases.size(), 6U);
  EXPECT_EQ(s.crews.front().id, "C0001");
  // Depots are not inside hazards' area: no hazard vertex within 1 km of a base.
  for (const auto& b : bases) {
    const auto it = std::find_if(s.settlements.begin(), s.settlements.end(),
                                 [&](const Settlement& x) { return x.id == b; });
    ASSERT_NE(it, s.settlements.end());
    for (const auto& h : s.hazards) {
      if (h.terrain == Terrain::kField && h.contamination == Contamination::kUxo)
        continue;  // scattered UXO
      for (const auto& v : h.polygon.outer)
        EXPECT_GT(geo::distance_m(v, it->pos), 1000) << b << " " << h.id;
    }
  }
  EXPECT_EQ(s.params.seed, 1U);
}

TEST(District, DeterministicPerSeedAndDifferentAcrossSeeds) {
  const auto& a = district1();
  const auto b = generate_district({1.0, 1});
  EXPECT_EQ(a.roads.node_pos, b.roads.node_pos);
  EXPECT_EQ(a.roads.edge_class, b.roads.edge_class);
  ASSERT_EQ(a.hazards.size(), b.hazards.size());
  for (std::size_t i = 0; i < a.hazards.size(); ++i)
    EXPECT_EQ(a.hazards[i].polygon.outer, b.hazards[i].polygon.outer);
  ASSERT_EQ(a.assets.size(), b.assets.size());
  for (std::size_t i = 0; i < a.assets.size(); ++i)
    EXPECT_EQ(a.assets[i].geometry, b.assets[i].geometry);
  const auto c = generate_district({1.0, 2});
  EXPECT_NE(a.roads.node_pos, c.roads.node_pos);
  EXPECT_NE(a.settlements.front().name, c.settlements.front().name);
  EXPECT_EQ(c.params.seed, 2U);
}

TEST(District, ScalesRoughlyLinearly) {
  const auto& a = district1();
  const auto b = generate_district({4.0, 1});
  auto ratio = [](std::size_t x, std::size_t y) {
    return static_cast<double>(x) / static_cast<double>(y);
  };
  EXPECT_NEAR(bbox_km2(b.roads) / bbox_km2(a.roads), 4.0, 0.4);
  EXPECT_NEAR(ratio(b.roads.num_edges(), a.roads.num_edges()), 4.0, 0.5);
  EXPECT_NEAR(ratio(b.settlements.size(), a.settlements.size()), 4.0, 0.5);
  EXPECT_NEAR(ratio(b.hazards.size(), a.hazards.size()), 4.0, 0.6);
  EXPECT_NEAR(ratio(b.assets.size(), a.assets.size()), 4.0, 1.2);
  EXPECT_NEAR(ratio(b.crews.size(), a.crews.size()), 4.0, 0.3);
  EXPECT_EQ(components(b.roads), 1U);
  int deminers = 0;
  for (const auto& c : b.crews) deminers += is_demining(c.trade) ? c.people : 0;
  EXPECT_EQ(deminers, 4000);
}

TEST(District, KeyNumbersHoldForOtherSeeds) {
  for (std::uint64_t seed = 2; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    const auto s = generate_district({1.0, seed});
    EXPECT_GE(s.roads.num_edges(), 10000U);
    EXPECT_EQ(components(s.roads), 1U);
    std::map<RoadClass, std::size_t> by_class;
    for (auto c : s.roads.edge_class) ++by_class[c];
    EXPECT_GT(by_class[RoadClass::kPrimary], 30U);
    EXPECT_GT(by_class[RoadClass::kSecondary], 20U);
    EXPECT_GE(std::count(s.roads.edge_bridge.begin(), s.roads.edge_bridge.end(), 1), 10);
    EXPECT_GE(s.settlements.size(), 80U);
    std::int64_t pop = 0;
    for (const auto& x : s.settlements) pop += x.population;
    EXPECT_GE(pop, 40000);
    EXPECT_LE(pop, 80000);
    EXPECT_GE(s.hazards.size(), 500U);
    EXPECT_GE(s.assets.size(), 100U);
    for (std::size_t k = 0; k < kAssetKindCount; ++k)
      EXPECT_GE(count_if_kind(s, static_cast<AssetKind>(k)), 1U) << k;
    int deminers = 0, builders = 0;
    for (const auto& c : s.crews) (is_demining(c.trade) ? deminers : builders) += c.people;
    EXPECT_EQ(deminers, 1000);
    EXPECT_EQ(builders, 5000);
  }
}

TEST(District, TinyScaleWorksAndBadScaleThrows) {
  const auto s = generate_district({0.05, 7});
  EXPECT_GT(s.roads.num_edges(), 100U);
  EXPECT_GE(s.settlements.size(), 5U);
  EXPECT_EQ(components(s.roads), 1U);
  int deminers = 0, builders = 0;
  for (const auto& c : s.crews) (is_demining(c.trade) ? deminers : builders) += c.people;
  EXPECT_EQ(deminers, 50);
  EXPECT_EQ(builders, 250);
  EXPECT_FALSE(s.hazards.empty());
  EXPECT_THROW(generate_district({0.0, 1}), Error);
  EXPECT_THROW(generate_district({-1.0, 1}), Error);
}

}  // namespace
}  // namespace gw::gen
