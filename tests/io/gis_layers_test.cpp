// Scenario layers from GIS files (src/io/gis_layer.cpp) and plan.gpkg (src/io/gpkg_writer.cpp).
// Every layer here is written through OGR, in each format docs/scenario.md lists, then referenced
// from a scenario file and read back; the bad-input tests check that each problem gets one clear
// message naming the file, the layer, the feature's FID and the attribute.
#include <gdal_priv.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>
#include <unistd.h>

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "geo/projection.hpp"
#include "geojson_builders.hpp"
#include "io/gdal_util.hpp"
#include "io/gis_layer.hpp"
#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "temp_dir.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

using test::fc;

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

using test::TempDir;

// ---------------------------------------------------------------------------------------------
// Writing layers through OGR

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
struct Feat {
  std::string wkt;  // WGS 84 lon/lat; transformed to the layer's CRS on writing; "" = no geometry
  std::vector<std::pair<std::string, Value>> attrs;
};
struct FieldDef {
  std::string name;
  OGRFieldType type;
};
struct LayerSpec {
  LayerSpec(std::string driver_name, std::string layer_name, int crs_epsg,
            OGRwkbGeometryType geometry, std::vector<FieldDef> field_defs,
            std::vector<std::string> options = {}, bool add_layer = false)
      : driver(std::move(driver_name)),
        layer(std::move(layer_name)),
        epsg(crs_epsg),
        type(geometry),
        fields(std::move(field_defs)),
        creation_options(std::move(options)),
        append(add_layer) {}
  std::string driver;
  std::string layer;
  int epsg = 4326;  // 0: no CRS
  OGRwkbGeometryType type = wkbUnknown;
  std::vector<FieldDef> fields;
  std::vector<std::string> creation_options;  // layer creation options
  bool append = false;                        // add a layer to an existing dataset
};

void write_layer(const fs::path& path, const LayerSpec& spec, const std::vector<Feat>& feats) {
  io::gdal::ensure_registered();
  GDALDatasetUniquePtr ds;
  if (spec.append) {
    ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  } else {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(spec.driver.c_str());
    ASSERT_NE(drv, nullptr) << spec.driver;
    ds.reset(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  }
  ASSERT_TRUE(ds) << path << ": " << CPLGetLastErrorMsg();
  OGRSpatialReference srs;
  OGRSpatialReference wgs;
  wgs.importFromEPSG(4326);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (spec.epsg) {
    srs.importFromEPSG(spec.epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  std::vector<const char*> lco;
  for (const auto& o : spec.creation_options) lco.push_back(o.c_str());
  lco.push_back(nullptr);
  OGRLayer* layer = ds->CreateLayer(spec.layer.c_str(), spec.epsg ? &srs : nullptr, spec.type,
                                    const_cast<char**>(lco.data()));
  ASSERT_NE(layer, nullptr) << CPLGetLastErrorMsg();
  for (const auto& f : spec.fields) {
    OGRFieldDefn d(f.name.c_str(), f.type);
    ASSERT_EQ(layer->CreateField(&d), OGRERR_NONE);
  }
  std::unique_ptr<OGRCoordinateTransformation> ct;
  if (spec.epsg && spec.epsg != 4326) {
    ct.reset(OGRCreateCoordinateTransformation(&wgs, &srs));
  }
  for (const Feat& feat : feats) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    for (const auto& [name, v] : feat.attrs) {
      const int i = f->GetFieldIndex(name.c_str());
      ASSERT_GE(i, 0) << name;
      if (std::holds_alternative<std::int64_t>(v))
        f->SetField(i, static_cast<GIntBig>(std::get<std::int64_t>(v)));
      if (std::holds_alternative<double>(v)) f->SetField(i, std::get<double>(v));
      if (std::holds_alternative<std::string>(v)) f->SetField(i, std::get<std::string>(v).c_str());
      if (std::holds_alternative<std::monostate>(v)) f->SetFieldNull(i);
    }
    if (!feat.wkt.empty()) {
      OGRGeometry* g = nullptr;
      ASSERT_EQ(OGRGeometryFactory::createFromWkt(feat.wkt.c_str(), nullptr, &g), OGRERR_NONE)
          << feat.wkt;
      if (ct) {
        ASSERT_EQ(g->transform(ct.get()), OGRERR_NONE);
      }
      f->SetGeometryDirectly(g);
    }
    ASSERT_EQ(layer->CreateFeature(f.get()), OGRERR_NONE) << CPLGetLastErrorMsg();
  }
}

// ---------------------------------------------------------------------------------------------
// The scenario around the layers: three road edges along 45° N from a hub at 21.000 E to a
// village at 21.030 E; the middle edge is a bridge.

json feature(json geometry, json props) {
  return {{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", std::move(props)}};
}

json base_scenario() {
  json roads = json::array();
  const double lons[] = {21.000, 21.010, 21.020, 21.030};
  for (int e = 0; e < 3; ++e) {
    json props{{"id", e + 1}, {"class", "tertiary"}, {"speed_kmh", 40}};
    if (e == 1) props["bridge"] = true;
    roads.push_back(feature(
        {{"type", "LineString"}, {"coordinates", {{lons[e], 45.0}, {lons[e + 1], 45.0}}}}, props));
  }
  json doc;
  doc["name"] = "GIS layers test";
  doc["parameters"] = {{"start_date", "2027-04-01"}};
  doc["roads"] = fc(roads);
  doc["hubs"] = fc({feature({{"type", "Point"}, {"coordinates", {21.0, 45.0}}},
                            {{"id", "H"}, {"name", "Centre"}})});
  doc["settlements"] = fc({feature({{"type", "Point"}, {"coordinates", {21.030, 45.0004}}},
                                   {{"id", "S1"}, {"name", "Village"}, {"population", 850}})});
  doc["crews"] =
      json::array({{{"id", "survey-1"}, {"trade", "survey"}, {"people", 4}, {"base", "H"}},
                   {{"id", "manual-1"}, {"trade", "manual"}, {"people", 10}, {"base", "H"}},
                   {{"id", "mech-1"}, {"trade", "mechanical"}, {"people", 4}, {"base", "H"}},
                   {{"id", "bridge-1"}, {"trade", "bridge"}, {"people", 40}, {"base", "H"}}});
  return doc;
}

Scenario read_with(const TempDir& dir, const json& doc, io::ScenarioSources* sources = nullptr) {
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  return io::read_scenario(dir.path / "scenario.json", sources);
}

// Expects read_scenario to fail with `code` and a message containing each of `parts`.
void expect_error(const TempDir& dir, const json& doc, ErrorCode code,
                  const std::vector<std::string>& parts) {
  try {
    (void)read_with(dir, doc);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    for (const auto& p : parts) EXPECT_THAT(e.what(), HasSubstr(p));
  }
}

// Two hazards: Z1, a 80 m x 67 m square on the last edge (it blocks it), and Z2, a 2 km x 550 m
// field south of the road (it blocks nothing), its south edge densified.
const std::string kZ1 =
    "POLYGON ((21.0245 44.9997,21.0255 44.9997,21.0255 45.0003,21.0245 45.0003,21.0245 44.9997))";
std::string z2_wkt() {
  std::string w = "POLYGON ((";
  for (int k = 0; k <= 20; ++k) w += std::to_string(21.002 + 0.0013 * k) + " 44.990,";
  return w + "21.028 44.995,21.002 44.995,21.002 44.990))";
}
std::vector<Feat> hazard_feats() {
  return {{kZ1,
           {{"HAZ_ID", std::string("Z1")},
            {"STATUS", std::string("SHA")},
            {"CONTAM", std::string("AP")},
            {"TERRAIN", std::string("forest")}}},
          {z2_wkt(),
           {{"HAZ_ID", std::string("Z2")},
            {"STATUS", std::string("CHA")},
            {"CONTAM", std::string("UXO")},
            {"TERRAIN", std::string("field")}}}};
}
const std::vector<FieldDef> kHazardFields = {
    {"HAZ_ID", OFTString}, {"STATUS", OFTString}, {"CONTAM", OFTString}, {"TERRAIN", OFTString}};

json hazard_ref(const std::string& source) {
  return {{"source", source},
          {"fields",
           {{"id", "HAZ_ID"},
            {"status", "STATUS"},
            {"contamination", "CONTAM"},
            {"terrain", "TERRAIN"}}},
          {"values",
           {{"status", {{"SHA", "suspected"}, {"CHA", "confirmed"}}},
            {"contamination", {{"AP", "anti_personnel"}, {"UXO", "uxo"}}}}}};
}

Ring ring_of(const std::string& wkt) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
  std::unique_ptr<OGRGeometry> owned(g);
  Ring r;
  const OGRLinearRing* lr = g->toPolygon()->getExteriorRing();
  for (int i = 0; i < lr->getNumPoints(); ++i) r.push_back({lr->getX(i), lr->getY(i)});
  return r;
}

double geodesic_area_m2(const Ring& ring) {
  GeographicLib::PolygonArea pa(GeographicLib::Geodesic::WGS84());
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) pa.AddPoint(ring[i].lat, ring[i].lon);
  double perimeter = 0, area = 0;
  pa.Compute(false, true, perimeter, area);
  return std::abs(area);
}

// The checks every hazard layer must pass, whatever its format and CRS.
void check_hazards(Scenario s) {
  ASSERT_EQ(s.hazards.size(), 2U);
  const Hazard& z1 = s.hazards[0];
  const Hazard& z2 = s.hazards[1];
  EXPECT_EQ(z1.id, "Z1");
  EXPECT_EQ(z2.id, "Z2");
  EXPECT_EQ(z1.status, HazardStatus::kSuspected);
  EXPECT_EQ(z2.status, HazardStatus::kConfirmed);
  EXPECT_EQ(z1.contamination, Contamination::kAntiPersonnel);
  EXPECT_EQ(z2.contamination, Contamination::kUxo);
  EXPECT_EQ(z1.terrain, Terrain::kForest);
  EXPECT_EQ(z2.terrain, Terrain::kField);
  // Geometry back in WGS 84 lon/lat (x = longitude), to well under a millimetre.
  const Ring want = ring_of(kZ1);
  ASSERT_GE(z1.polygon.outer.size(), want.size());
  const auto has_vertex = [&](LonLat p) {
    return std::any_of(z1.polygon.outer.begin(), z1.polygon.outer.end(), [&](LonLat q) {
      return std::abs(q.lon - p.lon) < 1e-8 && std::abs(q.lat - p.lat) < 1e-8;
    });
  };
  for (LonLat p : want) EXPECT_TRUE(has_vertex(p)) << p.lon << " " << p.lat;
  // Areas computed from the geometry, within 0.5 % of the geodesic area (in fact far closer).
  for (const auto& [z, wkt] : {std::pair{&z1, kZ1}, std::pair{&z2, z2_wkt()}}) {
    const double truth = geodesic_area_m2(ring_of(wkt));
    EXPECT_NEAR(z->area_m2, truth, truth * 0.005) << z->id;
    EXPECT_NEAR(z->area_m2, truth, truth * 1e-4) << z->id;
  }
  // Linking: Z1 blocks the last edge (its corridor packages open edge 2); Z2 blocks nothing.
  plan::link_scenario(s, "scenario.json");
  const TaskSet ts = plan::generate_tasks(s);
  bool z1_blocks_edge2 = false;
  for (const Task& t : ts.tasks) {
    if (!t.corridor_edge.valid()) continue;
    EXPECT_EQ(t.hazard.index(), 0U) << "only Z1 is on a road";
    if (t.corridor_edge == EdgeId(2)) z1_blocks_edge2 = true;
  }
  EXPECT_TRUE(z1_blocks_edge2);
}

// ---------------------------------------------------------------------------------------------
// One test per format

TEST(GisLayers, GeoPackageInUtmWithMappedAttributesAndValues) {
  TempDir dir;
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 32634, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.gpkg");
  io::ScenarioSources src;
  const Scenario s = read_with(dir, doc, &src);
  check_hazards(s);
  ASSERT_EQ(src.layers.size(), 1U);
  EXPECT_EQ(src.layers[0].key, "hazards");
  EXPECT_EQ(src.layers[0].crs, "EPSG:32634");
  EXPECT_EQ(src.layers[0].features, 2U);
  EXPECT_EQ(src.layers[0].label, "hazards.gpkg: layer 'hazards'");
}

TEST(GisLayers, ShapefileInWebMercator) {
  TempDir dir;
  write_layer(dir.path / "hazards.shp",
              {"ESRI Shapefile", "hazards", 3857, wkbPolygon, kHazardFields}, hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.shp");
  check_hazards(read_with(dir, doc));
}

TEST(GisLayers, GeoJsonFile) {
  TempDir dir;
  write_layer(dir.path / "hazards.geojson", {"GeoJSON", "hazards", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.geojson");
  check_hazards(read_with(dir, doc));
}

TEST(GisLayers, Kml) {
  TempDir dir;
  write_layer(dir.path / "hazards.kml", {"LIBKML", "hazards", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.kml");
  check_hazards(read_with(dir, doc));
}

TEST(GisLayers, CsvWithWktColumn) {
  TempDir dir;
  write_layer(dir.path / "hazards.csv",
              {"CSV", "hazards", 0, wkbPolygon, kHazardFields, {"GEOMETRY=AS_WKT"}},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.csv");
  check_hazards(read_with(dir, doc));
}

TEST(GisLayers, CsvWithLonLatColumnsAndTextNumbers) {
  TempDir dir;
  // As a spreadsheet would export it: every value is text.
  std::ofstream(dir.path / "villages.csv") << "code,name,lon,lat,POP\n"
                                              "S1,Village,21.030,45.0004,850\n"
                                              "S2,Hamlet,21.0205,44.9996, 40 \n";
  json doc = base_scenario();
  doc["settlements"] = {{"source", "villages.csv"},
                        {"fields", {{"id", "code"}, {"population", "POP"}}},
                        {"open_options", {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat"}}};
  Scenario s = read_with(dir, doc);
  ASSERT_EQ(s.settlements.size(), 2U);
  EXPECT_EQ(s.settlements[0].id, "S1");
  EXPECT_EQ(s.settlements[0].name, "Village");  // unmapped: read from the same-named column
  EXPECT_EQ(s.settlements[0].population, 850);
  EXPECT_EQ(s.settlements[1].population, 40);
  EXPECT_DOUBLE_EQ(s.settlements[0].pos.lon, 21.030);
  EXPECT_DOUBLE_EQ(s.settlements[0].pos.lat, 45.0004);
  // Linking reports how far each settlement was moved to its road node.
  const plan::LinkReport r = plan::link_scenario(s, "scenario.json");
  EXPECT_EQ(s.settlements[0].node, NodeId(3));
  EXPECT_NEAR(s.settlements[0].snap_distance_m, 44.4, 0.5);
  ASSERT_FALSE(r.snaps.empty());
  EXPECT_EQ(r.snaps[0].layer, "settlements");
  EXPECT_EQ(r.snaps[0].count, 2U);
  EXPECT_NEAR(r.snaps[0].max_m,
              std::max(s.settlements[0].snap_distance_m, s.settlements[1].snap_distance_m), 1e-9);
  EXPECT_EQ(r.snaps[0].over_warning, 0U);
}

TEST(GisLayers, CsvWithProjectedXYColumnsAndNamedCrs) {
  TempDir dir;
  write_layer(dir.path / "villages.csv",
              {"CSV",
               "villages",
               0,
               wkbPoint,
               {{"id", OFTString}, {"population", OFTInteger}},
               {"GEOMETRY=AS_XY"}},
              {});
  // The CSV writer cannot transform: write the UTM coordinates ourselves.
  OGRSpatialReference wgs, utm;
  wgs.importFromEPSG(4326);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  utm.importFromEPSG(32634);
  utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &utm));
  double x = 21.030, y = 45.0004;
  ASSERT_TRUE(ct->Transform(1, &x, &y));
  fs::remove(dir.path / "villages.csv");
  std::ofstream(dir.path / "villages.csv") << "X,Y,id,population\n"
                                           << std::setprecision(12) << x << "," << y << ",S1,850\n";
  json doc = base_scenario();
  doc["settlements"] = {{"source", "villages.csv"},
                        {"crs", "EPSG:32634"},
                        {"open_options", {"X_POSSIBLE_NAMES=X", "Y_POSSIBLE_NAMES=Y"}}};
  const Scenario s = read_with(dir, doc);
  ASSERT_EQ(s.settlements.size(), 1U);
  EXPECT_NEAR(s.settlements[0].pos.lon, 21.030, 1e-9);
  EXPECT_NEAR(s.settlements[0].pos.lat, 45.0004, 1e-9);
  // Without the CRS the UTM metres are not lon/lat: a clear error that names the fix.
  doc["settlements"].erase("crs");
  expect_error(
      dir, doc, ErrorCode::kInvalidInput,
      {"villages.csv: layer 'villages': FID 1", "not WGS 84 longitude/latitude", "\"crs\""});
}

TEST(GisLayers, DamageCrewsRoadsAndHubsFromFiles) {
  TempDir dir;
  // Roads as a Shapefile of lines, with OSM-like attributes.
  write_layer(dir.path / "roads.shp",
              {"ESRI Shapefile",
               "roads",
               4326,
               wkbLineString,
               {{"highway", OFTString}, {"maxspeed", OFTReal}, {"bridge", OFTString}}},
              {{"LINESTRING (21.000 45.0,21.010 45.0)",
                {{"highway", std::string("secondary")}, {"maxspeed", 50.0}}},
               {"LINESTRING (21.010 45.0,21.020 45.0)",
                {{"highway", std::string("secondary")},
                 {"maxspeed", 50.0},
                 {"bridge", std::string("yes")}}},
               {"LINESTRING (21.020 45.0,21.030 45.0)",
                {{"highway", std::string("track")}, {"maxspeed", 20.0}}}});
  // A damaged bridge and a school, in a GeoJSON file; the span is text.
  write_layer(dir.path / "damage.geojson",
              {"GeoJSON",
               "damage",
               4326,
               wkbPoint,
               {{"id", OFTString},
                {"kind", OFTString},
                {"span_m", OFTString},
                {"floor_m2", OFTReal},
                {"building", OFTString},
                {"serves", OFTString}}},
              {{"POINT (21.015 45.00005)",
                {{"id", std::string("B1")},
                 {"kind", std::string("bridge")},
                 {"span_m", std::string("24")}}},
               {"POINT (21.031 45.001)",
                {{"id", std::string("SCH")},
                 {"kind", std::string("public_building")},
                 {"floor_m2", 300.0},
                 {"building", std::string("school")},
                 {"serves", std::string("S1; S1b")}}}});
  // Crews as a CSV without geometry.
  std::ofstream(dir.path / "crews.csv")
      << "id,trade,people,base\nbridge-1,bridge,40,H\nmanual-1,manual,10,S1\n";
  // Hubs in a GeoPackage.
  write_layer(
      dir.path / "hubs.gpkg",
      {"GPKG", "hubs", 4326, wkbPoint, {{"id", OFTString}, {"kind", OFTString}}},
      {{"POINT (21.0 45.0)", {{"id", std::string("H")}, {"kind", std::string("regional_exit")}}}});
  json doc = base_scenario();
  doc["roads"] = {{"source", "roads.shp"},
                  {"fields", {{"class", "highway"}, {"speed_kmh", "maxspeed"}}}};
  doc["damage"] = {{"source", "damage.geojson"}};
  doc["crews"] = {{"source", "crews.csv"}};
  doc["hubs"] = {{"source", "hubs.gpkg"}};
  doc["settlements"]["features"].push_back(feature(
      {{"type", "Point"}, {"coordinates", {21.02, 45.001}}}, {{"id", "S1b"}, {"population", 30}}));
  Scenario s = read_with(dir, doc);
  ASSERT_EQ(s.roads.num_edges(), 3U);
  EXPECT_EQ(s.roads.num_nodes(), 4U);
  EXPECT_EQ(s.roads.edge_class[0], RoadClass::kSecondary);
  EXPECT_EQ(s.roads.edge_class[2], RoadClass::kTrack);
  EXPECT_DOUBLE_EQ(s.roads.edge_speed_kmh[2], 20);
  EXPECT_EQ(s.roads.edge_bridge[1], 1);
  EXPECT_EQ(s.roads.edge_bridge[0], 0);
  EXPECT_EQ(s.roads.edge_source_id[0], 0);  // no id attribute: the FID
  ASSERT_EQ(s.assets.size(), 2U);
  EXPECT_EQ(s.assets[0].kind, AssetKind::kBridge);
  EXPECT_DOUBLE_EQ(s.assets[0].quantity, 24);
  EXPECT_EQ(s.assets[1].service, Service::kSchool);
  EXPECT_EQ(s.assets[1].serves, (std::vector<std::string>{"S1", "S1b"}));
  ASSERT_EQ(s.crews.size(), 2U);
  EXPECT_EQ(s.crews[1].people, 10);
  EXPECT_EQ(s.crews[1].base, "S1");
  ASSERT_EQ(s.hubs.size(), 1U);
  EXPECT_EQ(s.hubs[0].kind, HubKind::kRegionalExit);
  // The bridge snaps onto the bridge edge, about 5.6 m from its point.
  const plan::LinkReport r = plan::link_scenario(s, "scenario.json");
  EXPECT_EQ(s.assets[0].edge, EdgeId(1));
  EXPECT_NEAR(s.assets[0].snap_distance_m, 5.56, 0.05);
  const auto damage = std::find_if(r.snaps.begin(), r.snaps.end(),
                                   [](const auto& x) { return x.layer == "damage"; });
  ASSERT_NE(damage, r.snaps.end());
  EXPECT_EQ(damage->count, 1U);
  EXPECT_THAT(damage->farthest, HasSubstr("'B1'"));
}

TEST(GisLayers, HubsAtNamedSettlements) {
  TempDir dir;
  json doc = base_scenario();
  doc["hubs"] = {{"places", {"Village"}}, {"kind", "service"}};
  for (auto& c : doc["crews"]) c["base"] = "S1";
  const Scenario s = read_with(dir, doc);
  ASSERT_EQ(s.hubs.size(), 1U);
  EXPECT_EQ(s.hubs[0].id, "S1");
  EXPECT_EQ(s.hubs[0].name, "Village");
  EXPECT_EQ(s.hubs[0].kind, HubKind::kService);
  doc["hubs"] = {{"places", {"Atlantis"}}};
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"hubs: places: no settlement has the id or name 'Atlantis'"});
}

TEST(GisLayers, SeveralLayersPickTheNamedOrSameNamedOne) {
  TempDir dir;
  write_layer(dir.path / "data.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  write_layer(dir.path / "data.gpkg", {"GPKG", "other", 4326, wkbPolygon, kHazardFields, {}, true},
              {});
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("data.gpkg");  // no "layer": the one named like the scenario key
  check_hazards(read_with(dir, doc));
  doc["hazards"]["layer"] = "other";
  EXPECT_TRUE(read_with(dir, doc).hazards.empty());
}

TEST(GisLayers, MultiPolygonOfOnePartIsAccepted) {
  TempDir dir;
  const std::string multi =
      "MULTIPOLYGON (((21.0245 44.9997,21.0255 44.9997,21.0255 45.0003,21.0245 45.0003,21.0245 "
      "44.9997)))";
  write_layer(dir.path / "hz.gpkg",
              {"GPKG",
               "hz",
               4326,
               wkbMultiPolygon,
               {{"id", OFTString},
                {"status", OFTString},
                {"contamination", OFTString},
                {"terrain", OFTString}}},
              {{multi,
                {{"id", std::string("M1")},
                 {"status", std::string("confirmed")},
                 {"contamination", std::string("uxo")},
                 {"terrain", std::string("field")}}}});
  json doc = base_scenario();
  doc["hazards"] = {{"source", "hz.gpkg"}};
  const Scenario s = read_with(dir, doc);
  ASSERT_EQ(s.hazards.size(), 1U);
  EXPECT_EQ(s.hazards[0].polygon.outer.size(), 5U);
}

// ---------------------------------------------------------------------------------------------
// Bad input: one clear error each

TEST(GisLayersBadInput, FileMissingOrUnreadable) {
  TempDir dir;
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("nowhere.gpkg");
  expect_error(dir, doc, ErrorCode::kIo, {"scenario.json: hazards: nowhere.gpkg: no such file"});
  std::ofstream(dir.path / "junk.gpkg") << "this is not a GeoPackage";
  doc["hazards"] = hazard_ref("junk.gpkg");
  expect_error(dir, doc, ErrorCode::kIo,
               {"scenario.json: hazards: junk.gpkg: GDAL cannot open it"});
}

TEST(GisLayersBadInput, MissingOrAmbiguousLayer) {
  TempDir dir;
  write_layer(dir.path / "data.gpkg", {"GPKG", "zones", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  write_layer(dir.path / "data.gpkg", {"GPKG", "roads", 4326, wkbLineString, {}, {}, true}, {});
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("data.gpkg");
  doc["hazards"]["layer"] = "hazards";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"data.gpkg: no layer 'hazards' (layers: 'zones', 'roads')"});
  doc["hazards"].erase("layer");
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"data.gpkg: the file has 2 layers ('zones', 'roads'): name one with \"layer\""});
}

TEST(GisLayersBadInput, MappingToMissingAttributeOrUnknownProperty) {
  TempDir dir;
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.gpkg");
  doc["hazards"]["fields"]["status"] = "STATE";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"hazards.gpkg: layer 'hazards': fields: status maps to attribute 'STATE', which "
                "the layer does not have",
                "'HAZ_ID'"});
  doc["hazards"] = hazard_ref("hazards.gpkg");
  doc["hazards"]["fields"]["statuss"] = "STATUS";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"scenario.json: hazards: fields: 'statuss' is not a property of hazards"});
  doc["hazards"] = hazard_ref("hazards.gpkg");
  doc["hazards"]["sorce"] = "x";
  expect_error(dir, doc, ErrorCode::kInvalidInput, {"unknown key 'sorce'"});
}

TEST(GisLayersBadInput, ValuesNameTheFeatureAndTheAttribute) {
  TempDir dir;
  auto feats = hazard_feats();
  std::get<std::string>(feats[1].attrs[2].second) = "NAPALM";  // CONTAM of Z2, not in "values"
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, kHazardFields},
              feats);
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.gpkg");
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"scenario.json: hazards: hazards.gpkg: layer 'hazards': FID 2: contamination "
                "(field 'CONTAM'): unknown value 'NAPALM'"});
  // A required property with no attribute at all, and one whose attribute is empty.
  doc["hazards"]["fields"].erase("terrain");
  write_layer(dir.path / "nt.gpkg",
              {"GPKG",
               "hazards",
               4326,
               wkbPolygon,
               {{"HAZ_ID", OFTString}, {"STATUS", OFTString}, {"CONTAM", OFTString}}},
              {{kZ1,
                {{"HAZ_ID", std::string("Z1")},
                 {"STATUS", std::string("SHA")},
                 {"CONTAM", std::string("AP")}}}});
  doc["hazards"]["source"] = "nt.gpkg";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"FID 1: missing 'terrain' (the layer has no attribute 'terrain'"});
  std::ofstream(dir.path / "v.csv")
      << "id,name,lon,lat,POP\nS1,Village,21.03,45.0004,\nS2,Hamlet,21.02,45.0,many\n";
  doc = base_scenario();
  doc["settlements"] = {{"source", "v.csv"},
                        {"fields", {{"population", "POP"}}},
                        {"open_options", {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat"}}};
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"v.csv: layer 'v': FID 1: missing 'population' (field 'POP' is empty)"});
  std::ofstream(dir.path / "v.csv")
      << "id,name,lon,lat,POP\nS1,Village,21.03,45.0004,12\nS2,Hamlet,21.02,45.0,many\n";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"v.csv: layer 'v': FID 2: population (field 'POP') must be a number"});
  std::ofstream(dir.path / "v.csv")
      << "id,name,lon,lat,POP\nS1,Village,21.03,45.0004,12\nS1,Hamlet,21.02,45.0,3\n";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"settlements: v.csv: layer 'v': FID 2: duplicate id 'S1' (also settlements: v.csv: "
                "layer 'v': FID 1)"});
}

TEST(GisLayersBadInput, InvalidEmptyOrMissingGeometry) {
  TempDir dir;
  const std::vector<FieldDef> fields = {{"id", OFTString},
                                        {"status", OFTString},
                                        {"contamination", OFTString},
                                        {"terrain", OFTString}};
  auto attrs = [](const char* id) {
    return std::vector<std::pair<std::string, Value>>{{"id", std::string(id)},
                                                      {"status", std::string("confirmed")},
                                                      {"contamination", std::string("uxo")},
                                                      {"terrain", std::string("field")}};
  };
  json doc = base_scenario();
  doc["hazards"] = {{"source", "bad.gpkg"}};
  // A bow tie: the ring crosses itself.
  write_layer(
      dir.path / "bad.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, fields},
      {{kZ1, attrs("ok")},
       {"POLYGON ((21.0 44.99,21.01 44.995,21.01 44.99,21.0 44.995,21.0 44.99))", attrs("bow")}});
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"bad.gpkg: layer 'hazards': FID 2: geom: invalid geometry", "Self-intersection"});
  fs::remove(dir.path / "bad.gpkg");
  write_layer(dir.path / "bad.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, fields},
              {{"POLYGON EMPTY", attrs("e")}});
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"bad.gpkg: layer 'hazards': FID 1: geom: empty geometry"});
  fs::remove(dir.path / "bad.gpkg");
  write_layer(dir.path / "bad.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, fields},
              {{"", attrs("none")}});
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"bad.gpkg: layer 'hazards': FID 1: geom: no geometry"});
  fs::remove(dir.path / "bad.gpkg");
  write_layer(dir.path / "bad.gpkg", {"GPKG", "hazards", 4326, wkbMultiPolygon, fields},
              {{"MULTIPOLYGON (((21.0 44.99,21.01 44.99,21.01 44.995,21.0 44.99)),((22.0 "
                "44.99,22.01 44.99,22.01 44.995,22.0 44.99)))",
                attrs("two")}});
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"FID 1: geom: a Multi Polygon of 2 parts", "Multipart to singleparts"});
}

TEST(GisLayersBadInput, PolygonWhereAPointIsExpected) {
  TempDir dir;
  write_layer(dir.path / "places.shp",
              {"ESRI Shapefile",
               "places",
               4326,
               wkbPolygon,
               {{"id", OFTString}, {"population", OFTInteger}}},
              {{kZ1, {{"id", std::string("P")}, {"population", std::int64_t{5}}}}});
  json doc = base_scenario();
  doc["settlements"] = {{"source", "places.shp"}};
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"scenario.json: settlements: places.shp: layer 'places': FID 0: geometry must be a "
                "Point, not 'Polygon'"});
}

TEST(GisLayersBadInput, CrsThatCannotBeTransformed) {
  TempDir dir;
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 4326, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.gpkg");
  doc["hazards"]["crs"] = "LOCAL_CS[\"site grid\",UNIT[\"metre\",1]]";
  expect_error(
      dir, doc, ErrorCode::kInvalidInput,
      {"hazards.gpkg: layer 'hazards': its CRS site grid cannot be transformed to WGS 84"});
  doc["hazards"]["crs"] = "EPSG:999999";
  expect_error(dir, doc, ErrorCode::kInvalidInput,
               {"hazards.gpkg: layer 'hazards': crs: cannot interpret 'EPSG:999999'"});
}

// ---------------------------------------------------------------------------------------------
// plan.gpkg

TEST(PlanGpkg, ReopenedWithOgrHasLayersFieldsAndDates) {
  TempDir dir;
  json doc = base_scenario();
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 32634, wkbPolygon, kHazardFields},
              hazard_feats());
  doc["hazards"] = hazard_ref("hazards.gpkg");
  doc["damage"] = fc({feature({{"type", "Point"}, {"coordinates", {21.015, 45.0}}},
                              {{"id", "B1"}, {"kind", "bridge"}, {"span_m", 12}})});
  Scenario s = read_with(dir, doc);
  plan::link_scenario(s, "scenario.json");
  const plan::PlanResult r = plan::plan_linked(s, {});
  const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
  ASSERT_TRUE(rep.valid()) << (rep.violations.empty() ? "" : rep.violations.front());
  ASSERT_EQ(r.unassigned.size(), 0U);
  const fs::path out = dir.path / "out";
  io::write_outputs(out, s, r.tasks, r.plan, r.evaluation, {"impact", "test", 0},
                    {io::plan_gpkg_output(s, r.tasks, r.plan, r.evaluation)});
  for (const auto& e : fs::directory_iterator(out))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();

  GDALDatasetUniquePtr ds(
      GDALDataset::Open((out / "plan.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetLayerCount(), static_cast<int>(io::kPlanGpkgLayers.size()));
  for (std::size_t i = 0; i < io::kPlanGpkgLayers.size(); ++i) {
    EXPECT_EQ(ds->GetLayer(static_cast<int>(i))->GetName(), io::kPlanGpkgLayers[i]);
    if (io::kPlanGpkgLayers[i] == "returned_by_month") continue;  // a table, no geometry
    const OGRSpatialReference* srs = ds->GetLayer(static_cast<int>(i))->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4326");
  }
  auto expect_time = [&](OGRFeature& f, const char* field, Minutes m) {
    const int i = f.GetFieldIndex(field);
    ASSERT_GE(i, 0) << field;
    EXPECT_EQ(f.GetFieldDefnRef(i)->GetType(), OFTDateTime) << field;
    if (m == kNever) {
      EXPECT_FALSE(f.IsFieldSetAndNotNull(i)) << field;
      return;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    ASSERT_TRUE(f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz)) << field;
    const io::CivilTime want = io::civil_time("2027-04-01", m);
    EXPECT_EQ(std::vector<int>({y, mo, d, h, mi}),
              std::vector<int>({want.year, want.month, want.day, want.hour, want.minute}))
        << field << " at minute " << m;
    EXPECT_EQ(tz, 100) << "UTC, as GeoPackage requires";
  };
  OGRLayer* roads = ds->GetLayerByName("roads");
  ASSERT_EQ(roads->GetFeatureCount(), 3);
  for (auto& f : *roads) {
    const int e = f->GetFieldAsInteger("edge");
    expect_time(*f, "open_at", r.evaluation.edge_open[e]);
    expect_time(*f, "plan_start", 0);
    EXPECT_EQ(f->GetFieldAsInteger("blocked"), r.evaluation.edge_open[e] != 0 ? 1 : 0);
    EXPECT_EQ(f->GetGeometryRef()->toLineString()->getNumPoints(), 2);
  }
  EXPECT_GT(r.evaluation.edge_open[2], 0) << "the hazard's corridor blocks the last edge";
  OGRLayer* hazards = ds->GetLayerByName("hazards");
  ASSERT_EQ(hazards->GetFeatureCount(), 2);
  for (auto& f : *hazards) {
    const std::string id = f->GetFieldAsString("id");
    const std::size_t h = id == "Z1" ? 0 : 1;
    expect_time(*f, "cleared_at", r.evaluation.hazard_cleared[h]);
    expect_time(*f, "cancelled_at", r.evaluation.hazard_cancelled[h]);
    expect_time(*f, "released_at",
                std::min(r.evaluation.hazard_cleared[h], r.evaluation.hazard_cancelled[h]));
    EXPECT_NEAR(f->GetFieldAsDouble("area_m2"), s.hazards[h].area_m2, 0.1);
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbPolygon);
  }
  OGRLayer* settlements = ds->GetLayerByName("settlements");
  ASSERT_EQ(settlements->GetFeatureCount(), 1);
  for (auto& f : *settlements) {
    expect_time(*f, "access_at", r.evaluation.settlement_access[0]);
    EXPECT_NEAR(f->GetFieldAsDouble("snap_distance_m"), s.settlements[0].snap_distance_m, 0.1);
  }
  OGRLayer* tasks = ds->GetLayerByName("tasks");
  ASSERT_EQ(tasks->GetFeatureCount(), static_cast<GIntBig>(r.tasks.tasks.size()));
  std::vector<const Assignment*> by_task(r.tasks.tasks.size(), nullptr);
  for (const Assignment& a : r.plan.assignments) by_task[a.task.index()] = &a;
  for (auto& f : *tasks) {
    const Assignment* a = by_task.at(static_cast<std::size_t>(f->GetFieldAsInteger("task")));
    ASSERT_NE(a, nullptr);
    expect_time(*f, "start_at", a->start);
    expect_time(*f, "end_at", a->end);
    expect_time(*f, "depart_at", a->depart);
    EXPECT_EQ(f->GetFieldAsString("crew"), s.crews[a->crew.index()].id);
  }
  OGRLayer* crews = ds->GetLayerByName("crews");
  EXPECT_EQ(crews->GetFeatureCount(), static_cast<GIntBig>(s.crews.size()));
  EXPECT_EQ(ds->GetLayerByName("hubs")->GetFeatureCount(), 1);
}

TEST(PlanGpkg, CliPlansAScenarioOfLayersAndRejectsABadOneWithoutOutput) {
  TempDir dir;
  write_layer(dir.path / "hazards.gpkg", {"GPKG", "hazards", 32634, wkbPolygon, kHazardFields},
              hazard_feats());
  json doc = base_scenario();
  doc["hazards"] = hazard_ref("hazards.gpkg");
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  const fs::path out = dir.path / "out";
  const std::string plan = std::string(GW_BINARY) + " plan " +
                           (dir.path / "scenario.json").string() + " --out " + out.string() + " >" +
                           (dir.path / "log").string() + " 2>&1";
  ASSERT_EQ(std::system(plan.c_str()), 0);
  EXPECT_TRUE(fs::exists(out / "plan.gpkg"));
  const std::string validate = std::string(GW_BINARY) + " validate " +
                               (dir.path / "scenario.json").string() + " " +
                               (out / "plan.json").string() + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(validate.c_str()), 0);

  // A bad layer: exit status 5 (invalid input), one message, nothing written.
  fs::remove_all(out);
  doc["hazards"]["fields"]["terrain"] = "GROUND";
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  const int raw = std::system(plan.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 5);
  std::ifstream log(dir.path / "log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_THAT(
      text.str(),
      HasSubstr("groundwork: error: scenario.json: hazards: hazards.gpkg: layer 'hazards': fields: "
                "terrain maps to attribute 'GROUND'"));
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace gw
