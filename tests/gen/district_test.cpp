// The default district generator: every bullet of issue 2 and of issue 14 (§2) at scale 1,
// determinism, scaling.
#include "gen/district.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string>

#include "gen/workload.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"
#include "scenario_checks.hpp"

namespace gw::gen {
namespace {

const Scenario& district1() {
  static const Scenario s = generate_district({1.0, 1});
  return s;
}

using test::count_kind;

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
  ASSERT_GE(s.assets.size(), 300U);
  for (std::size_t k = 0; k < kAssetKindCount; ++k)
    EXPECT_GE(count_kind(s, static_cast<AssetKind>(k)), 1U) << name(static_cast<AssetKind>(k));
  EXPECT_GE(count_kind(s, AssetKind::kRoadSection), 100U);
  EXPECT_GE(count_kind(s, AssetKind::kBridge), 10U);
  EXPECT_GE(count_kind(s, AssetKind::kPowerLine), 30U);
  EXPECT_GE(count_kind(s, AssetKind::kSubstation), 5U);
  EXPECT_GE(count_kind(s, AssetKind::kPublicBuilding), 20U);
  EXPECT_GE(count_kind(s, AssetKind::kCommsMast), 5U);
  EXPECT_EQ(s.assets.front().id, "A0001");
  std::set<std::string> settlement_ids, asset_ids;
  for (const auto& x : s.settlements) settlement_ids.insert(x.id);
  std::set<Service> buildings;
  for (const auto& a : s.assets) {
    EXPECT_TRUE(asset_ids.insert(a.id).second);
    EXPECT_GT(a.quantity, 0) << a.id;
    for (const auto& id : a.serves) EXPECT_TRUE(settlement_ids.count(id)) << a.id;
    const bool line = a.kind == AssetKind::kPowerLine || a.kind == AssetKind::kCommsLine ||
                      a.kind == AssetKind::kWaterMain || a.kind == AssetKind::kHeatMain ||
                      a.kind == AssetKind::kGasLine;
    if (line) {
      EXPECT_GE(a.geometry.size(), 2U) << a.id;
      EXPECT_NEAR(a.quantity, geo::length_m(a.geometry), 1.0) << a.id;
      EXPECT_FALSE(a.serves.empty()) << a.id;
    } else {
      ASSERT_EQ(a.geometry.size(), 1U) << a.id;
    }
    switch (a.kind) {
      case AssetKind::kRoadSection: {
        EXPECT_EQ(a.trade, Trade::kRoad);
        const auto [e, d] = nearest_edge(s.roads, a.geometry[0], [](std::size_t) { return true; });
        EXPECT_LT(d, 0.5) << a.id;
        break;
      }
      case AssetKind::kBridge: {
        EXPECT_EQ(a.trade, Trade::kBridge);
        const auto [e, d] = nearest_edge(
            s.roads, a.geometry[0], [&](std::size_t x) { return s.roads.edge_bridge[x] != 0; });
        EXPECT_LT(d, 0.5) << a.id;
        break;
      }
      case AssetKind::kPowerLine:
      case AssetKind::kSubstation:
        EXPECT_EQ(a.service, Service::kPower) << a.id;
        EXPECT_FALSE(a.serves.empty()) << a.id;
        break;
      case AssetKind::kCommsLine:
      case AssetKind::kCommsMast:
        EXPECT_EQ(a.service, Service::kComms) << a.id;
        break;
      case AssetKind::kPumpingStation:
      case AssetKind::kWaterMain:
        EXPECT_EQ(a.service, Service::kWater) << a.id;
        EXPECT_FALSE(a.serves.empty()) << a.id;
        break;
      case AssetKind::kBoilerHouse:
      case AssetKind::kHeatMain:
        EXPECT_EQ(a.service, Service::kHeat) << a.id;
        EXPECT_FALSE(a.serves.empty()) << a.id;
        break;
      case AssetKind::kGasLine:
        EXPECT_EQ(a.service, Service::kGas) << a.id;
        break;
      case AssetKind::kPublicBuilding:
        EXPECT_EQ(a.trade, Trade::kGeneral);
        EXPECT_TRUE(a.service == Service::kSchool || a.service == Service::kClinic ||
                    a.service == Service::kNone);
        EXPECT_FALSE(a.serves.empty());
        buildings.insert(a.service);
        break;
      case AssetKind::kMemorial:
        EXPECT_EQ(a.service, Service::kNone);
        EXPECT_TRUE(a.due_date.has_value());
        break;
    }
  }
  EXPECT_EQ(buildings.size(), 3U) << "schools, clinics and administration";
}

// Utilities are cut at their sources (issue 14): lines depend on their substation, stations and
// masts on power, boiler houses on power and gas, mains on their stations; one source serves
// several settlements; no cycles.
TEST(District, SupplyChainsWithSharedSourcesAndNoCycles) {
  const auto& s = district1();
  test::expect_supply_chains_acyclic(s);
  std::map<std::string, const Asset*> by_id;
  for (const auto& a : s.assets) by_id[a.id] = &a;
  std::map<std::string, std::size_t> dependants;
  std::map<std::pair<AssetKind, AssetKind>, std::size_t> edges;  // (asset, what it depends on)
  for (const auto& a : s.assets) {
    for (const auto& d : a.depends_on) {
      ++dependants[d];
      ++edges[{a.kind, by_id.at(d)->kind}];
      EXPECT_NE(d, a.id);
    }
  }
  EXPECT_GE((edges[{AssetKind::kPowerLine, AssetKind::kSubstation}]), 3U);
  EXPECT_GE((edges[{AssetKind::kPowerLine, AssetKind::kPowerLine}]), 3U);  // local on feeder
  EXPECT_GE((edges[{AssetKind::kPumpingStation, AssetKind::kPowerLine}] +
             edges[{AssetKind::kPumpingStation, AssetKind::kSubstation}]),
            1U);
  EXPECT_GE((edges[{AssetKind::kWaterMain, AssetKind::kPumpingStation}]), 1U);
  EXPECT_GE((edges[{AssetKind::kBoilerHouse, AssetKind::kGasLine}]), 1U);
  EXPECT_GE((edges[{AssetKind::kCommsMast, AssetKind::kPowerLine}] +
             edges[{AssetKind::kCommsMast, AssetKind::kSubstation}]),
            1U);
  // What each kind may depend on: power before everything, gas for heat, stations for mains.
  for (const auto& [e, n] : edges) {
    const auto [from, to] = e;
    const bool power = to == AssetKind::kSubstation || to == AssetKind::kPowerLine;
    switch (from) {
      case AssetKind::kSubstation:
      case AssetKind::kGasLine:
        ADD_FAILURE() << name(from) << " is a source but depends on " << name(to);
        break;
      case AssetKind::kBoilerHouse:
        EXPECT_TRUE(power || to == AssetKind::kGasLine) << name(to);
        break;
      case AssetKind::kHeatMain:
        EXPECT_TRUE(power || to == AssetKind::kGasLine || to == AssetKind::kBoilerHouse);
        break;
      case AssetKind::kWaterMain:
        EXPECT_TRUE(power || to == AssetKind::kPumpingStation) << name(to);
        break;
      default:
        EXPECT_TRUE(power) << name(from) << " depends on " << name(to);
    }
  }
  // A damaged substation cuts several settlements, and several assets wait for it.
  std::size_t wide = 0, shared = 0;
  for (const auto& a : s.assets) {
    if (a.kind != AssetKind::kSubstation) continue;
    wide += a.serves.size() >= 3 ? 1 : 0;
    shared += dependants[a.id] >= 2 ? 1 : 0;
  }
  EXPECT_GE(wide, 3U);
  EXPECT_GE(shared, 2U);
  // Chains three deep: a local network on a feeder on a substation, a main on a station on power.
  EXPECT_GE(test::longest_supply_chain(s), 3U);
}

// Households after the fighting (issue 14): at least 30 % displaced, the front band's villages
// emptied and nobody displaced far behind it; thousands of damaged dwellings, concentrated where
// people fled; the people who stayed have habitable dwellings; towns on district heat, many
// villages on electricity.
TEST(District, DisplacementDwellingsAndHeating) {
  const auto& s = district1();
  const double hh = s.params.household_size;
  std::int64_t pop = 0, displaced = 0, dwellings = 0;
  std::array<std::int64_t, 3> damaged{};
  std::int64_t damaged_in_emptied = 0, damaged_where_none_left = 0, dwellings_where_none_left = 0;
  std::size_t emptied = 0, untouched = 0, electric = 0, villages = 0;
  for (const auto& x : s.settlements) {
    pop += x.population;
    displaced += x.displaced;
    dwellings += x.dwellings;
    EXPECT_GE(x.displaced, 0) << x.id;
    EXPECT_LE(x.displaced, x.population) << x.id;
    EXPECT_GE(static_cast<double>(x.dwellings), std::ceil(static_cast<double>(x.population) / hh))
        << x.id;
    EXPECT_LE(static_cast<double>(x.dwellings),
              1.4 * std::ceil(static_cast<double>(x.population) / hh) + 1)
        << x.id;
    std::int64_t d = 0;
    for (std::size_t c = 0; c < 3; ++c) {
      EXPECT_GE(x.damaged_dwellings[c], 0);
      damaged[c] += x.damaged_dwellings[c];
      d += x.damaged_dwellings[c];
    }
    EXPECT_LE(d, x.dwellings) << x.id;
    // Those who stayed live in habitable dwellings.
    EXPECT_GE(static_cast<double>(x.dwellings - d) * hh,
              static_cast<double>(x.population - x.displaced) - hh)
        << x.id;
    if (x.displaced == x.population && x.population > 0) {
      ++emptied;
      damaged_in_emptied += d;
    }
    if (x.displaced == 0) {
      ++untouched;
      damaged_where_none_left += d;
      dwellings_where_none_left += x.dwellings;
    }
    if (x.population < 2000) {
      ++villages;
      electric += x.heating == Heating::kElectric ? 1 : 0;
    } else {
      EXPECT_EQ(x.heating, Heating::kNetwork) << x.id << ": towns have district heat";
    }
  }
  EXPECT_GE(static_cast<double>(displaced), 0.30 * static_cast<double>(pop));
  EXPECT_LE(static_cast<double>(displaced), 0.45 * static_cast<double>(pop));
  EXPECT_EQ(s.settlements.front().displaced, 0) << "the district centre, far behind the front";
  EXPECT_GE(emptied, 10U);
  EXPECT_GE(untouched, 20U);
  for (std::size_t c = 0; c < 3; ++c) EXPECT_GE(damaged[c], 1000) << kDamageClassNames[c];
  const std::int64_t all_damaged = damaged[0] + damaged[1] + damaged[2];
  EXPECT_GE(all_damaged, 5000);
  EXPECT_LE(all_damaged, dwellings / 2);
  EXPECT_GT(damaged_in_emptied, all_damaged / 4);
  EXPECT_LT(damaged_where_none_left, dwellings_where_none_left / 50);  // sporadic only
  EXPECT_GT(electric * 10, villages * 2);  // many villages heat with electricity
  EXPECT_LT(electric * 10, villages * 5);
}

// Built-up hazards lie in and around the emptied settlements and name them (issue 14).
TEST(District, ResidentialHazardsInEmptiedSettlements) {
  const auto& s = district1();
  std::map<std::string, const Settlement*> by_id;
  for (const auto& x : s.settlements) by_id[x.id] = &x;
  std::set<std::string> with;
  for (const auto& h : s.hazards) {
    if (h.land_use != LandUse::kResidential) continue;
    EXPECT_EQ(h.terrain, Terrain::kBuiltUp);
    ASSERT_TRUE(h.settlement.has_value()) << h.id;
    const auto it = by_id.find(*h.settlement);
    ASSERT_NE(it, by_id.end()) << h.id;
    const Settlement& st = *it->second;
    EXPECT_GE(static_cast<double>(st.displaced), 0.6 * static_cast<double>(st.population)) << h.id;
    EXPECT_LT(geo::distance_m(geo::vertex_centroid(h.polygon.outer), st.pos),
              s.params.built_up_radius_m)
        << h.id;
    with.insert(st.id);
  }
  EXPECT_GE(with.size(), 15U);
}

// Milestones (issue 14): schools due for the first 1 September, heat before the first heating
// season, a memorial on the first anniversary of day 0.
TEST(District, MilestonesHaveDueDates) {
  const auto& s = district1();
  ASSERT_EQ(s.params.start_date, "2027-04-01");
  std::map<std::string, std::size_t> due;
  for (const auto& a : s.assets) {
    if (!a.due_date) continue;
    ASSERT_EQ(a.due_date->size(), 10U) << a.id;
    EXPECT_GT(*a.due_date, s.params.start_date) << a.id;
    ++due[std::string(name(a.kind)) + " " + *a.due_date];
  }
  EXPECT_GE(due["public_building 2027-09-01"], 3U);
  EXPECT_GE(due["public_building 2028-09-01"] + due["boiler_house 2028-10-15"], 1U);
  EXPECT_GE(due["boiler_house 2027-10-15"] + due["heat_main 2027-10-15"] +
                due["boiler_house 2028-10-15"] + due["heat_main 2028-10-15"],
            1U);
  EXPECT_EQ(due["memorial 2028-04-01"], count_kind(s, AssetKind::kMemorial));
}

// The roads into the most fought-over settlements are mined and their bridges down: at least a
// quarter of the population has no safe road to a hub on day 0 (issue 14).
TEST(District, AQuarterOfThePeopleCutOffOnDayZero) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    const Scenario s = seed == 1 ? district1() : generate_district({1.0, seed});
    const double cut = test::share_without_access_on_day0(s);
    EXPECT_GE(cut, 0.25);
    EXPECT_LE(cut, 0.5);
  }
}

// The reconstruction work matches the 5,000 builders (issue 14): over the expected plan of
// gen::kExpectedPlanDays days (with the seasons), the work of every builder trade, at its best
// rate, fills at least 30 % of its people's working days (the small trades get some slack, so
// they sit lower than the others), and the builders' work as a whole at least 60 %. (The planner's
// utilisation on the plan of seed 1: docs/scenario.md, "The default district".)
TEST(District, BuilderWorkloadMatchesTheBuilders) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    const Scenario s = seed == 1 ? district1() : generate_district({1.0, seed});
    const test::BuilderLoad l = test::builder_load(s, kExpectedPlanDays);
    for (const Trade t :
         {Trade::kRoad, Trade::kBridge, Trade::kComms, Trade::kPower, Trade::kGeneral}) {
      const auto i = static_cast<std::size_t>(t);
      // Work per person in working days, against the working days a person supplies.
      EXPECT_GE(l.person_days[i] / l.people[i], 0.3 * l.days_per_person[i]) << name(t);
      EXPECT_LE(l.load(t), 1.2) << name(t);
    }
    EXPECT_GE(l.overall(), 0.6);
    // A general builder supplies about 540 working days in 700 (winters at 60-70 %).
    EXPECT_NEAR(l.days_per_person[static_cast<std::size_t>(Trade::kGeneral)], 540, 10);
  }
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
  for (std::size_t i = 0; i < a.assets.size(); ++i) {
    EXPECT_EQ(a.assets[i].geometry, b.assets[i].geometry);
    EXPECT_EQ(a.assets[i].quantity, b.assets[i].quantity);
    EXPECT_EQ(a.assets[i].serves, b.assets[i].serves);
    EXPECT_EQ(a.assets[i].depends_on, b.assets[i].depends_on);
    EXPECT_EQ(a.assets[i].due_date, b.assets[i].due_date);
  }
  for (std::size_t i = 0; i < a.settlements.size(); ++i) {
    EXPECT_EQ(a.settlements[i].displaced, b.settlements[i].displaced);
    EXPECT_EQ(a.settlements[i].dwellings, b.settlements[i].dwellings);
    EXPECT_EQ(a.settlements[i].damaged_dwellings, b.settlements[i].damaged_dwellings);
    EXPECT_EQ(a.settlements[i].heating, b.settlements[i].heating);
  }
  for (std::size_t i = 0; i < a.hazards.size(); ++i)
    EXPECT_EQ(a.hazards[i].settlement, b.hazards[i].settlement);
  ASSERT_EQ(a.crews.size(), b.crews.size());
  for (std::size_t i = 0; i < a.crews.size(); ++i) {
    EXPECT_EQ(a.crews[i].trade, b.crews[i].trade);
    EXPECT_EQ(a.crews[i].people, b.crews[i].people);
  }
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
    EXPECT_GE(s.assets.size(), 300U);
    // Boiler houses and heat mains need a town in the war zone; every other kind is always there.
    for (const AssetKind k :
         {AssetKind::kRoadSection, AssetKind::kBridge, AssetKind::kCommsLine, AssetKind::kPowerLine,
          AssetKind::kPublicBuilding, AssetKind::kSubstation, AssetKind::kPumpingStation,
          AssetKind::kWaterMain, AssetKind::kGasLine, AssetKind::kCommsMast, AssetKind::kMemorial})
      EXPECT_GE(count_kind(s, k), 1U) << name(k);
    test::expect_supply_chains_acyclic(s);
    std::int64_t displaced = 0, damaged = 0;
    for (const auto& x : s.settlements) {
      displaced += x.displaced;
      for (auto d : x.damaged_dwellings) damaged += d;
    }
    EXPECT_GE(static_cast<double>(displaced), 0.3 * static_cast<double>(pop));
    EXPECT_GE(damaged, 5000);
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
