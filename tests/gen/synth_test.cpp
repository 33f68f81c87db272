// The synthetic scenario generator (src/gen/synth.cpp) on a road network it did not make: the
// built-in district's roads, settlements and hubs stand in for a real region, with hand-made land
// cover; and on the real OpenStreetMap extract under GW_SHARED_DIR/data/osm when present (also
// exercised through the command line by tests/app/synth_cli_test.cpp).
#include "gen/synth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "gen/district.hpp"
#include "gen/workload.hpp"
#include "geo/edge_index.hpp"
#include "geo/projection.hpp"
#include "io/osm_buildings.hpp"
#include "io/osm_land_cover.hpp"
#include "io/osm_reader.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "scenario_checks.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

// The district's roads, settlements and hubs only.
Scenario region(double scale, std::uint64_t seed) {
  gen::DistrictOptions o;
  o.scale = scale;
  o.seed = seed;
  Scenario d = gen::generate_district(o);
  Scenario s;
  s.roads = std::move(d.roads);
  s.settlements = std::move(d.settlements);
  s.hubs = std::move(d.hubs);
  return s;
}

// A square of land cover of side `side_m` centred at c.
LandCover square(LonLat c, double side_m, Terrain t, LandUse lu) {
  const geo::LocalProjection proj(c);
  const double h = side_m / 2;
  LandCover lc;
  lc.terrain = t;
  lc.land_use = lu;
  for (auto [x, y] : {std::pair{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}})
    lc.polygon.outer.push_back(proj.inverse({x, y}));
  return lc;
}

TEST(Synth, HazardsDamageAndCrewsOnAGivenNetwork) {
  Scenario s = region(0.25, 3);
  const Scenario before = s;
  const gen::SynthReport rep = gen::synthesize(s, {}, gen::SynthOptions{5});
  // The roads, settlements and hubs are untouched.
  EXPECT_EQ(s.roads.node_pos, before.roads.node_pos);
  EXPECT_EQ(s.settlements.size(), before.settlements.size());
  // The hubs are the given ones behind the front, the main one first.
  ASSERT_FALSE(s.hubs.empty());
  EXPECT_EQ(s.hubs.front().id, before.hubs.front().id);
  EXPECT_EQ(s.hubs.size() + rep.hubs_dropped, before.hubs.size());
  for (const Hub& h : s.hubs) {
    EXPECT_TRUE(std::any_of(before.hubs.begin(), before.hubs.end(),
                            [&](const Hub& b) { return b.id == h.id; }));
  }
  // A quarter of the default district's 1,200 km² (the hull of the roads is a little smaller).
  EXPECT_NEAR(rep.region_km2, 300, 30);
  EXPECT_NEAR(rep.scale, rep.region_km2 / 1200, 1e-9);
  EXPECT_NEAR(rep.band_half_width_m, 0.1 * std::sqrt(rep.region_km2 * 1e6), 1e-6);

  // Crews: 1,000 deminers per 1,200 km² and the builders the work needs, based at hubs and
  // settlements.
  std::set<std::string> places;
  for (const auto& st : s.settlements) places.insert(st.id);
  for (const auto& h : s.hubs) places.insert(h.id);
  int deminers = 0, builders = 0;
  for (const Crew& c : s.crews) {
    (is_demining(c.trade) ? deminers : builders) += c.people;
    EXPECT_TRUE(places.contains(c.base)) << c.base;
  }
  EXPECT_EQ(deminers, std::lround(1000 * rep.scale));
  EXPECT_EQ(builders, rep.builders);
  EXPECT_NEAR(gen::test::builder_load(s, gen::kExpectedPlanDays).overall(), 0.65, 0.05);
  EXPECT_EQ(s.crews.front().base, s.hubs.front().id);

  // Hazards of every kind the district has, with areas in the district's range.
  std::map<Terrain, int> by_terrain;
  for (const Hazard& h : s.hazards) {
    ++by_terrain[h.terrain];
    EXPECT_GE(h.area_m2, 1000);
    EXPECT_LE(h.area_m2, 1e6);
    EXPECT_NEAR(h.area_m2, geo::area_m2(h.polygon), 1e-6);
  }
  // The district's recipes (fields, forest belts, verges, scattered UXO) plus the built-up areas of
  // the emptied settlements and the mines on the roads into the cut-off ones.
  const double k = rep.scale;
  EXPECT_GE(static_cast<double>(s.hazards.size()), 0.85 * (300 + 130 + 140 + 80) * k);
  EXPECT_LE(static_cast<double>(s.hazards.size()), 2.0 * (300 + 130 + 140 + 80) * k);
  EXPECT_GT(by_terrain[Terrain::kVerge], 0);
  EXPECT_GT(by_terrain[Terrain::kForest], 0);
  EXPECT_GT(by_terrain[Terrain::kField], 0);
  EXPECT_GT(by_terrain[Terrain::kBuiltUp], 0);
  EXPECT_EQ(by_terrain[Terrain::kWetland], 0) << "no land cover maps a wetland";
  EXPECT_EQ(rep.hazards_on_land_cover, 0U);

  // Hazards lie next to the roads: every one within 1.5 km of an edge.
  const geo::EdgeIndex index(s.roads);
  for (const Hazard& h : s.hazards) {
    EXPECT_LT(index.nearest(geo::vertex_centroid(h.polygon.outer)).distance_m, 1500) << h.id;
  }
  // Blown bridges sit on bridge edges; their span is the bridge's length.
  int bridges = 0;
  for (const Asset& a : s.assets) {
    if (a.kind != AssetKind::kBridge) continue;
    ++bridges;
    const geo::EdgeHit hit = index.nearest(a.geometry.front());
    EXPECT_LT(hit.distance_m, 1.0);
    EXPECT_EQ(s.roads.edge_bridge[hit.edge.index()], 1);
  }
  EXPECT_GT(bridges, 0);
  // The district's other ingredients: displaced people, damaged dwellings, supply chains.
  std::int64_t pop = 0, displaced = 0, damaged = 0;
  for (const auto& st : s.settlements) {
    pop += st.population;
    displaced += st.displaced;
    for (auto d : st.damaged_dwellings) damaged += d;
    EXPECT_GT(st.dwellings, 0) << st.id;
  }
  EXPECT_GE(static_cast<double>(displaced), 0.3 * static_cast<double>(pop));
  EXPECT_GT(damaged, 0);
  EXPECT_GT(gen::test::count_kind(s, AssetKind::kPowerLine), 0U);
  EXPECT_GT(gen::test::count_kind(s, AssetKind::kPublicBuilding), 0U);
  EXPECT_EQ(gen::test::count_kind(s, AssetKind::kMemorial), 1U);
  gen::test::expect_supply_chains_acyclic(s);
  EXPECT_GE(gen::test::share_without_access_on_day0(s), 0.25);

  // The scenario plans and the plan validates.
  plan::link_scenario(s, "synth");
  const plan::PlanResult r = plan::plan_linked(s, {});
  const validate::Report v = validate::validate_plan(s, r.tasks.tasks, r.plan);
  EXPECT_TRUE(v.valid()) << (v.violations.empty() ? "" : v.violations.front());
  EXPECT_GT(r.plan.assignments.size(), 0U);
}

TEST(Synth, TerrainComesFromTheLandCover) {
  Scenario s = region(0.1, 4);
  // Cover the whole region with forest, except a wetland and a built-up square at the hub.
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  for (const auto& p : s.roads.node_pos) {
    lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon), lat0 = std::min(lat0, p.lat),
    lat1 = std::max(lat1, p.lat);
  }
  LandCover forest;
  forest.terrain = Terrain::kForest;
  forest.land_use = LandUse::kForestry;
  forest.polygon.outer = {{lon0 - 0.1, lat0 - 0.1},
                          {lon1 + 0.1, lat0 - 0.1},
                          {lon1 + 0.1, lat1 + 0.1},
                          {lon0 - 0.1, lat1 + 0.1},
                          {lon0 - 0.1, lat0 - 0.1}};
  std::vector<LandCover> land = {forest};
  for (const auto& st : s.settlements)
    land.push_back(square(st.pos, 3000, Terrain::kWetland, LandUse::kOther));
  const gen::SynthReport rep = gen::synthesize(s, land, gen::SynthOptions{1});
  // Verges (along roads, mines on the roads into cut-off settlements) and built-up areas of
  // emptied settlements do not take their terrain from the land cover; most others do.
  std::map<Terrain, int> by_terrain;
  for (const Hazard& h : s.hazards) ++by_terrain[h.terrain];
  const auto placed = s.hazards.size() - static_cast<std::size_t>(by_terrain[Terrain::kVerge]) -
                      static_cast<std::size_t>(by_terrain[Terrain::kBuiltUp]);
  EXPECT_GT(rep.hazards_on_land_cover, placed / 2);
  // Fields are where the cover says: forest or wetland, never open field.
  EXPECT_EQ(by_terrain[Terrain::kField], 0);
  EXPECT_GT(by_terrain[Terrain::kForest], 0);
  EXPECT_GT(by_terrain[Terrain::kWetland], 0);
}

TEST(Synth, DeterministicForASeedAndDifferentAcrossSeeds) {
  Scenario a = region(0.1, 2), b = region(0.1, 2), c = region(0.1, 2);
  gen::synthesize(a, {}, gen::SynthOptions{9});
  gen::synthesize(b, {}, gen::SynthOptions{9});
  gen::synthesize(c, {}, gen::SynthOptions{10});
  ASSERT_EQ(a.hazards.size(), b.hazards.size());
  for (std::size_t i = 0; i < a.hazards.size(); ++i)
    EXPECT_EQ(a.hazards[i].polygon.outer, b.hazards[i].polygon.outer);
  ASSERT_EQ(a.assets.size(), b.assets.size());
  EXPECT_EQ(a.params.seed, 9U);
  EXPECT_EQ(c.params.seed, 10U);
  bool differs = a.hazards.size() != c.hazards.size();
  for (std::size_t i = 0; !differs && i < a.hazards.size(); ++i)
    differs = !(a.hazards[i].polygon.outer == c.hazards[i].polygon.outer);
  EXPECT_TRUE(differs);
}

// Dwellings counted from the extract's buildings are kept (raised to the households where fewer).
TEST(Synth, KeepsDwellingsCountedFromBuildings) {
  Scenario s = region(0.1, 5);
  for (std::size_t i = 0; i < s.settlements.size(); ++i)
    s.settlements[i].dwellings = i % 2 == 0 ? 5 * s.settlements[i].population : 1;
  const Scenario before = s;
  gen::synthesize(s, {}, gen::SynthOptions{3});
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const auto households = static_cast<std::int64_t>(
        std::ceil(static_cast<double>(before.settlements[i].population) / s.params.household_size));
    EXPECT_EQ(s.settlements[i].dwellings, std::max(before.settlements[i].dwellings, households))
        << i;
  }
}

// The real extract (../shared/data/osm): the default district's ingredients on real roads, with
// dwellings from the mapped buildings.
TEST(Synth, RealExtract) {
  const char* env = std::getenv("GW_SHARED_DIR");
  const std::filesystem::path pbf = std::filesystem::path(env ? env : GW_SHARED_DIR) / "data" /
                                    "osm" / "liechtenstein-2021-10-28.osm.pbf";
  if (!std::filesystem::exists(pbf)) GTEST_SKIP() << "no " << pbf << "; set GW_SHARED_DIR";
  io::OsmImport osm = io::read_osm(pbf);
  const std::vector<LandCover> land = io::read_osm_land_cover(pbf);
  const std::vector<std::int64_t> mapped = io::read_osm_dwellings(pbf, osm.settlements);
  Scenario s;
  s.roads = std::move(osm.roads);
  s.settlements = std::move(osm.settlements);
  s.hubs = std::move(osm.hubs);
  std::int64_t mapped_total = 0;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    s.settlements[i].dwellings = mapped[i];
    mapped_total += mapped[i];
  }
  // About 38,000 people in about 17,000 households live in the country.
  EXPECT_GT(mapped_total, 10000);
  EXPECT_LT(mapped_total, 30000);
  const gen::SynthReport rep = gen::synthesize(s, land, gen::SynthOptions{1});

  std::int64_t pop = 0, displaced = 0;
  std::array<std::int64_t, 3> damaged{};
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    pop += st.population;
    displaced += st.displaced;
    for (std::size_t c = 0; c < 3; ++c) damaged[c] += st.damaged_dwellings[c];
    EXPECT_GE(st.dwellings, mapped[i]) << st.name;
  }
  EXPECT_GE(static_cast<double>(displaced), 0.3 * static_cast<double>(pop));
  for (std::size_t c = 0; c < 3; ++c) EXPECT_GT(damaged[c], 100) << kDamageClassNames[c];
  for (const AssetKind k :
       {AssetKind::kRoadSection, AssetKind::kBridge, AssetKind::kPowerLine, AssetKind::kSubstation,
        AssetKind::kPublicBuilding, AssetKind::kPumpingStation, AssetKind::kWaterMain,
        AssetKind::kCommsMast, AssetKind::kMemorial})
    EXPECT_GE(gen::test::count_kind(s, k), 1U) << name(k);
  gen::test::expect_supply_chains_acyclic(s);
  EXPECT_GE(gen::test::longest_supply_chain(s), 3U);
  std::size_t due = 0, built_up = 0;
  for (const Asset& a : s.assets) due += a.due_date ? 1 : 0;
  // The built-up areas of emptied settlements name their settlement (other hazards that land on
  // mapped residential land are residential too, and belong to the nearest settlement).
  for (const Hazard& h : s.hazards) {
    if (!h.settlement) continue;
    ++built_up;
    EXPECT_EQ(h.land_use, LandUse::kResidential) << h.id;
  }
  EXPECT_GE(due, 3U);
  EXPECT_GE(built_up, 5U);
  EXPECT_GE(gen::test::share_without_access_on_day0(s), 0.25);
  EXPECT_EQ(rep.builders, [&] {
    int b = 0;
    for (const Crew& c : s.crews) b += is_demining(c.trade) ? 0 : c.people;
    return b;
  }());
  EXPECT_NEAR(gen::test::builder_load(s, gen::kExpectedPlanDays).overall(), 0.65, 0.05);
}

TEST(Synth, RejectsARegionWithoutRoadsOrHubs) {
  Scenario empty;
  EXPECT_THROW(gen::synthesize(empty, {}, {}), Error);
  Scenario s = region(0.05, 1);
  s.hubs.clear();
  EXPECT_THROW(gen::synthesize(s, {}, {}), Error);
}

}  // namespace
}  // namespace gw
