// Dwellings counted from OpenStreetMap buildings (src/io/osm_buildings.cpp): the rule per building,
// and the count per settlement on a small hand-written file.
#include "io/osm_buildings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::io {
namespace {

namespace fs = std::filesystem;

TEST(OsmBuildings, DwellingsPerBuilding) {
  EXPECT_EQ(osm_building_dwellings({"house"}, 120), 1);
  EXPECT_EQ(osm_building_dwellings({"detached"}, 20), 1);
  EXPECT_EQ(osm_building_dwellings({"yes"}, 90), 1);
  EXPECT_EQ(osm_building_dwellings({"yes"}, 25), 0) << "a shed or a garage";
  EXPECT_EQ(osm_building_dwellings({"garage"}, 200), 0);
  EXPECT_EQ(osm_building_dwellings({"church"}, 900), 0);
  EXPECT_EQ(osm_building_dwellings({"no"}, 900), 0);
  EXPECT_EQ(osm_building_dwellings({nullptr}, 900), 0);
  // Apartments: building:flats when given, else one flat per 80 m² of floor (4 levels untagged).
  EXPECT_EQ(osm_building_dwellings({"apartments", "24"}, 400), 24);
  EXPECT_EQ(osm_building_dwellings({"apartments", nullptr, "5"}, 400), 25);
  EXPECT_EQ(osm_building_dwellings({"apartments"}, 400), 20);
  EXPECT_EQ(osm_building_dwellings({"apartments", "many", "x"}, 400), 20);
  EXPECT_EQ(osm_building_dwellings({"residential"}, 10), 1);
  EXPECT_EQ(osm_building_dwellings({"terrace"}, 300), 5);
  EXPECT_EQ(osm_building_dwellings({"yes", "3"}, 10), 3) << "flats tagged on any building";
}

// A square building of side `side_m` around (lon, lat), as an OSM XML way with its nodes.
struct Xml {
  std::string nodes, ways;
  long next = 1;
  void building(double lon, double lat, double side_m, const std::string& tags) {
    const geo::LocalProjection proj({lon, lat});
    const double h = side_m / 2;
    std::vector<long> ids;
    for (auto [x, y] : {std::pair{-h, -h}, {h, -h}, {h, h}, {-h, h}}) {
      const LonLat p = proj.inverse({x, y});
      ids.push_back(next);
      nodes += "<node id=\"" + std::to_string(next++) + "\" version=\"1\" lat=\"" +
               std::to_string(p.lat) + "\" lon=\"" + std::to_string(p.lon) + "\"/>\n";
    }
    ids.push_back(ids.front());
    ways += "<way id=\"" + std::to_string(next++) + "\" version=\"1\">";
    for (long id : ids) ways += "<nd ref=\"" + std::to_string(id) + "\"/>";
    ways += tags + "</way>\n";
  }
  void write(const fs::path& p) const {
    std::ofstream f(p);
    f << "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n" << nodes << ways << "</osm>\n";
  }
};

TEST(OsmBuildings, CountsNearTheNearestSettlement) {
  const fs::path dir = fs::temp_directory_path() / ("gw_osm_buildings_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<Settlement> st(3);
  st[0].pos = {9.50, 47.10};
  st[1].pos = {9.52, 47.10};  // about 1.5 km east
  st[2].pos = {9.80, 47.30};  // far away: no building near it
  const geo::LocalProjection proj(st[0].pos);
  auto at = [&](double x, double y) { return proj.inverse({x, y}); };
  Xml x;
  const auto tag = [](const std::string& k, const std::string& v) {
    return "<tag k=\"" + k + "\" v=\"" + v + "\"/>";
  };
  // Near settlement 0: three houses, a block of 12 flats, a garage.
  for (int i = 0; i < 3; ++i) {
    const LonLat p = at(100.0 * i, 50);
    x.building(p.lon, p.lat, 10, tag("building", "house"));
  }
  LonLat p = at(-200, -100);
  x.building(p.lon, p.lat, 20, tag("building", "apartments") + tag("building:flats", "12"));
  p = at(50, -50);
  x.building(p.lon, p.lat, 5, tag("building", "garage"));
  // Nearer settlement 1: two untagged buildings of 100 m² and a shed of 16 m².
  for (int i = 0; i < 2; ++i) {
    p = at(1400, 30.0 * i);
    x.building(p.lon, p.lat, 10, tag("building", "yes"));
  }
  p = at(1400, -80);
  x.building(p.lon, p.lat, 4, tag("building", "yes"));
  // Beyond the radius of every settlement: not counted.
  p = at(8000, 8000);
  x.building(p.lon, p.lat, 10, tag("building", "house"));
  x.write(dir / "b.osm");

  const auto counts = read_osm_dwellings(dir / "b.osm", st, 2000);
  ASSERT_EQ(counts.size(), 3U);
  EXPECT_EQ(counts[0], 15);
  EXPECT_EQ(counts[1], 2);
  EXPECT_EQ(counts[2], 0);
  EXPECT_EQ(read_osm_dwellings(dir / "b.osm", {}, 2000).size(), 0U);
  EXPECT_THROW(read_osm_dwellings(dir / "missing.osm", st), Error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gw::io
