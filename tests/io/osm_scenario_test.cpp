// Scenario files whose roads come from an OpenStreetMap file (src/io/scenario_roads.cpp with the
// OSM reader): settlements and hubs from its places unless the scenario gives its own, options,
// and the errors of a bad reference or a file without roads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "temp_dir.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

using test::TempDir;

// Two road ways in a row (the second a bridge on a track), a town at the west end and a village
// at the east end.
constexpr const char* kRegion = R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="groundwork test">
  <node id="1" version="1" lat="47.1000" lon="9.5000"/>
  <node id="2" version="1" lat="47.1000" lon="9.5100"/>
  <node id="3" version="1" lat="47.1000" lon="9.5200"/>
  <node id="10" version="1" lat="47.1003" lon="9.5001">
    <tag k="place" v="town"/><tag k="name" v="Alpha"/><tag k="population" v="5000"/>
  </node>
  <node id="11" version="1" lat="47.1004" lon="9.5199">
    <tag k="place" v="village"/><tag k="name" v="Beta"/>
  </node>
  <way id="100" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="secondary"/></way>
  <way id="101" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="track"/><tag k="bridge" v="yes"/></way>
</osm>
)";

json scenario() {
  json doc;
  doc["name"] = "OSM region";
  doc["roads"] = {{"source", "region.osm"}};
  doc["hazards"] = {{"type", "FeatureCollection"},
                    {"features",
                     {{{"type", "Feature"},
                       {"geometry",
                        {{"type", "Polygon"},
                         {"coordinates",
                          {{{9.5140, 47.0998},
                            {9.5150, 47.0998},
                            {9.5150, 47.1002},
                            {9.5140, 47.1002},
                            {9.5140, 47.0998}}}}}},
                       {"properties",
                        {{"id", "Z"},
                         {"status", "confirmed"},
                         {"contamination", "anti_tank"},
                         {"terrain", "field"}}}}}}};
  doc["crews"] =
      json::array({{{"id", "m1"}, {"trade", "manual"}, {"people", 10}, {"base", "hub-osm-n10"}},
                   {{"id", "x1"}, {"trade", "mechanical"}, {"people", 4}, {"base", "osm-n10"}}});
  return doc;
}

Scenario read(const TempDir& dir, const json& doc, io::ScenarioSources* sources = nullptr) {
  std::ofstream(dir.path / "scenario.json") << doc.dump();
  return io::read_scenario(dir.path / "scenario.json", sources);
}

TEST(OsmScenario, RoadsSettlementsAndHubsFromTheFile) {
  TempDir dir;
  std::ofstream(dir.path / "region.osm") << kRegion;
  io::ScenarioSources src;
  Scenario s = read(dir, scenario(), &src);
  EXPECT_TRUE(src.roads_from_osm);
  EXPECT_FALSE(src.notes.empty());
  ASSERT_EQ(s.roads.num_edges(), 2U);
  EXPECT_EQ(s.roads.edge_bridge[0] + s.roads.edge_bridge[1], 1);
  ASSERT_EQ(s.settlements.size(), 2U);
  EXPECT_EQ(s.settlements[0].id, "osm-n10");
  EXPECT_EQ(s.settlements[0].name, "Alpha");
  EXPECT_EQ(s.settlements[0].population, 5000);
  ASSERT_EQ(s.hubs.size(), 1U);
  EXPECT_EQ(s.hubs[0].id, "hub-osm-n10");
  // It plans, and the plan validates.
  plan::link_scenario(s, "scenario.json");
  const plan::PlanResult r = plan::plan_linked(s, {});
  const validate::Report v = validate::validate_plan(s, r.tasks.tasks, r.plan);
  EXPECT_TRUE(v.valid()) << (v.violations.empty() ? "" : v.violations.front());
  EXPECT_GT(r.evaluation.settlement_access[1], 0) << "the hazard cuts Beta off until it is cleared";
}

TEST(OsmScenario, OptionsAndOwnHubs) {
  TempDir dir;
  std::ofstream(dir.path / "region.osm") << kRegion;
  json doc = scenario();
  doc["roads"]["speed_kmh"] = {{"track", 12}};
  doc["roads"]["population"] = {{"village", 321}};
  doc["hubs"] = {{"places", {"Beta"}}};
  doc["crews"] =
      json::array({{{"id", "m1"}, {"trade", "manual"}, {"people", 10}, {"base", "osm-n11"}}});
  const Scenario s = read(dir, doc);
  const std::size_t track = s.roads.edge_class[0] == RoadClass::kTrack ? 0 : 1;
  EXPECT_DOUBLE_EQ(s.roads.edge_speed_kmh[track], 12);
  EXPECT_EQ(s.settlements[1].population, 321);
  ASSERT_EQ(s.hubs.size(), 1U);
  EXPECT_EQ(s.hubs[0].id, "osm-n11");
}

void expect_error(const TempDir& dir, const json& doc, ErrorCode code, const std::string& part) {
  try {
    (void)read(dir, doc);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(part));
  }
}

TEST(OsmScenario, BadReferencesAndAFileWithoutRoads) {
  TempDir dir;
  std::ofstream(dir.path / "region.osm") << kRegion;
  json doc = scenario();
  doc["roads"]["fields"] = {{"class", "highway"}};
  expect_error(
      dir, doc, ErrorCode::kInvalidInput,
      "scenario.json: roads: layer, fields, values, open_options and crs apply to GIS layers");
  doc = scenario();
  doc["roads"]["speed_kmh"] = {{"track", -5}};
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               "scenario.json: roads: speed_kmh: track: must be a number between 0.1 and 1000");
  doc = scenario();
  doc["roads"] = {{"source", "roads.gpkg"}, {"keep_largest_component", false}};
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               "scenario.json: roads: keep_largest_component applies to OpenStreetMap files only");
  std::ofstream(dir.path / "empty.osm") << R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="groundwork test">
  <node id="1" version="1" lat="47.1" lon="9.5"><tag k="place" v="village"/></node>
  <way id="5" version="1"><nd ref="1"/><tag k="highway" v="footway"/></way>
</osm>
)";
  doc = scenario();
  doc["roads"] = {{"source", "empty.osm"}};
  expect_error(dir, doc, ErrorCode::kInvalidInput, "scenario.json: roads: ");
  expect_error(dir, doc, ErrorCode::kInvalidInput, "empty.osm");
  expect_error(dir, doc, ErrorCode::kInvalidInput, "no roads");
  doc["roads"] = {{"source", "missing.osm.pbf"}};
  expect_error(dir, doc, ErrorCode::kIo, "missing.osm.pbf: no such file");
}

}  // namespace
}  // namespace gw
