// The fields of issue 14 in scenario layers read from GIS files (docs/scenario.md, "Layers from
// GIS files"): settlements with displaced people and dwellings, hazards naming their settlement,
// damage of the new kinds with several dependencies (comma-separated in formats without arrays)
// and due dates (a text or a date field). Written by the synth writers (scenario_layers.cpp) or
// through OGR, then read back through layer references.
#include <gdal_priv.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "geojson_builders.hpp"
#include "io/gdal_util.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "io/scenario_layers.hpp"
#include "model/error.hpp"
#include "temp_dir.hpp"

namespace gw {
namespace {

using test::fc;
using test::point;

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

using test::TempDir;

json roads() {
  return fc(
      {{{"type", "Feature"},
        {"geometry", {{"type", "LineString"}, {"coordinates", {{21.0, 45.0}, {21.01, 45.0}}}}},
        {"properties", {{"class", "tertiary"}, {"speed_kmh", 40}}}}});
}

// A scenario with every field of issue 14 that a layer carries.
json inline_scenario() {
  json doc;
  doc["parameters"] = {{"start_date", "2027-04-01"}};
  doc["roads"] = roads();
  doc["settlements"] = fc({point(21.01, 45.0,
                                 {{"id", "S1"},
                                  {"name", "Village"},
                                  {"population", 900},
                                  {"displaced", 500},
                                  {"dwellings", 350},
                                  {"dwellings_light", 40},
                                  {"dwellings_heavy", 20},
                                  {"dwellings_destroyed", 10},
                                  {"heating", "electric"}}),
                           point(21.0, 45.001, {{"id", "S2"}, {"population", 52}})});
  doc["hubs"] = fc({point(21.0, 45.0, {{"id", "H"}})});
  doc["hazards"] = fc({{{"type", "Feature"},
                        {"geometry",
                         {{"type", "Polygon"},
                          {"coordinates",
                           {{{21.004, 45.0002},
                             {21.005, 45.0002},
                             {21.005, 45.0008},
                             {21.004, 45.0008},
                             {21.004, 45.0002}}}}}},
                        {"properties",
                         {{"id", "Z1"},
                          {"status", "confirmed"},
                          {"contamination", "uxo"},
                          {"terrain", "built_up"},
                          {"land_use", "residential"},
                          {"settlement", "S1"}}}}});
  doc["damage"] =
      fc({point(21.0, 45.0, {{"id", "SUB"}, {"kind", "substation"}, {"site_m2", 400}}),
          point(21.0, 45.0,
                {{"id", "PUMP"},
                 {"kind", "pumping_station"},
                 {"site_m2", 250},
                 {"depends_on", "SUB"},
                 {"serves", {"S1"}}}),
          {{"type", "Feature"},
           {"geometry", {{"type", "LineString"}, {"coordinates", {{21.0, 45.0}, {21.01, 45.0}}}}},
           {"properties",
            {{"id", "WM"},
             {"kind", "water_main"},
             {"length_m", 800},
             {"depends_on", {"SUB", "PUMP"}},
             {"due_date", "2027-09-01"},
             {"serves", {"S1", "S2"}}}}},
          point(21.0, 45.0, {{"id", "MEM"}, {"kind", "memorial"}, {"area_m2", 90}}),
          point(21.0, 45.0,
                {{"id", "ADM"},
                 {"kind", "public_building"},
                 {"building", "administration"},
                 {"floor_m2", 500}})});
  return doc;
}

TEST(GisReturn, SynthLayersRoundTripEveryNewField) {
  TempDir dir;
  const Scenario s = io::scenario_from_json(inline_scenario(), "scenario.json");
  io::write_files_atomic(dir.path, {io::settlements_gpkg_output(s), io::hazards_gpkg_output(s),
                                    io::damage_gpkg_output(s)});
  const json layered =
      io::layered_scenario_json(s, roads(), "hazards.gpkg", "damage.gpkg", "settlements.gpkg");
  EXPECT_EQ(layered["settlements"]["source"], "settlements.gpkg");
  std::ofstream(dir.path / "scenario.json") << layered.dump(1);
  const Scenario b = io::read_scenario(dir.path / "scenario.json");
  ASSERT_EQ(b.settlements.size(), 2U);
  EXPECT_EQ(b.settlements[0].displaced, 500);
  EXPECT_EQ(b.settlements[0].dwellings, 350);
  EXPECT_EQ(b.settlements[0].damaged_dwellings, (std::array<std::int64_t, 3>{40, 20, 10}));
  EXPECT_EQ(b.settlements[0].heating, Heating::kElectric);
  EXPECT_EQ(b.settlements[1].dwellings, 20);  // the default, written out
  EXPECT_EQ(b.hazards.at(0).settlement, std::optional<std::string>("S1"));
  ASSERT_EQ(b.assets.size(), 5U);
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    SCOPED_TRACE(s.assets[i].id);
    EXPECT_EQ(b.assets[i].kind, s.assets[i].kind);
    EXPECT_EQ(b.assets[i].service, s.assets[i].service);
    EXPECT_EQ(b.assets[i].quantity, s.assets[i].quantity);
    EXPECT_EQ(b.assets[i].depends_on, s.assets[i].depends_on);
    EXPECT_EQ(b.assets[i].serves, s.assets[i].serves);
    EXPECT_EQ(b.assets[i].due_date, s.assets[i].due_date);
  }
  EXPECT_EQ(b.assets[2].depends_on, (std::vector<std::string>{"SUB", "PUMP"}));
  EXPECT_EQ(b.params.objective.kind, ObjectiveKind::kReturn);
}

// Damage as a CSV (no arrays: depends_on separated by commas or semicolons, dates as text), and
// as a GeoPackage whose due_date is a date field.
TEST(GisReturn, DependsOnAsTextAndDueDateAsADateField) {
  TempDir dir;
  std::ofstream(dir.path / "damage.csv")
      << "id,kind,WKT,site_m2,length_m,depends_on,due_date\n"
         "SUB,substation,POINT (21 45),400,,,\n"
         "PUMP,pumping_station,POINT (21 45),250,,SUB,2027-05-01\n"
         "GAS,gas_line,\"LINESTRING (21 45,21.01 45)\",,700,\"SUB, PUMP\",\n"
         "MAST,comms_mast,POINT (21 45),30,,PUMP;GAS,\n";
  json doc = inline_scenario();
  doc["damage"] = {{"source", "damage.csv"}};
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  Scenario s = io::read_scenario(dir.path / "scenario.json");
  ASSERT_EQ(s.assets.size(), 4U);
  EXPECT_TRUE(s.assets[0].depends_on.empty());
  EXPECT_EQ(s.assets[1].depends_on, (std::vector<std::string>{"SUB"}));
  EXPECT_EQ(s.assets[1].due_date, std::optional<std::string>("2027-05-01"));
  EXPECT_EQ(s.assets[2].depends_on, (std::vector<std::string>{"SUB", "PUMP"}));
  EXPECT_EQ(s.assets[2].quantity, 700);
  EXPECT_EQ(s.assets[3].depends_on, (std::vector<std::string>{"PUMP", "GAS"}));

  // A cycle through a file names the features by FID.
  std::ofstream(dir.path / "damage.csv") << "id,kind,WKT,site_m2,depends_on\n"
                                            "A,substation,POINT (21 45),400,B\n"
                                            "B,substation,POINT (21 45),400,A\n";
  try {
    (void)io::read_scenario(dir.path / "scenario.json");
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "scenario.json: damage: damage.csv: layer 'damage': FID 1 'A': depends_on forms a "
              "cycle: 'A' -> 'B' -> 'A'");
  }

  // A GeoPackage with a date field.
  io::gdal::ensure_registered();
  {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(
        drv->Create((dir.path / "damage.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(ds);
    OGRSpatialReference wgs;
    wgs.importFromEPSG(4326);
    OGRLayer* l = ds->CreateLayer("damage", &wgs, wkbPoint, nullptr);
    for (auto [n, t] : {std::pair{"id", OFTString}, std::pair{"kind", OFTString},
                        std::pair{"site_m2", OFTReal}, std::pair{"due_date", OFTDate}}) {
      OGRFieldDefn d(n, t);
      ASSERT_EQ(l->CreateField(&d), OGRERR_NONE);
    }
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
    f->SetField("id", "SUB");
    f->SetField("kind", "substation");
    f->SetField("site_m2", 300.0);
    f->SetField(f->GetFieldIndex("due_date"), 2027, 12, 24);
    f->SetGeometryDirectly(new OGRPoint(21.0, 45.0));
    ASSERT_EQ(l->CreateFeature(f.get()), OGRERR_NONE);
  }
  doc["damage"] = {{"source", "damage.gpkg"}};
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  s = io::read_scenario(dir.path / "scenario.json");
  ASSERT_EQ(s.assets.size(), 1U);
  EXPECT_EQ(s.assets[0].due_date, std::optional<std::string>("2027-12-24"));
}

// Settlements from a CSV, with the new properties mapped from other attribute names.
TEST(GisReturn, SettlementsFromACsvWithMappedFields) {
  TempDir dir;
  std::ofstream(dir.path / "villages.csv") << "code,lon,lat,pop,idp,houses,ruined,heat\n"
                                              "S1,21.01,45.0,900,450,300,25,electric\n"
                                              "S2,21.0,45.001,52,,,,\n";
  json doc = inline_scenario();
  doc["settlements"] = {{"source", "villages.csv"},
                        {"open_options", {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat"}},
                        {"fields",
                         {{"id", "code"},
                          {"population", "pop"},
                          {"displaced", "idp"},
                          {"dwellings", "houses"},
                          {"dwellings_destroyed", "ruined"},
                          {"heating", "heat"}}}};
  std::ofstream(dir.path / "scenario.json") << doc.dump(1);
  const Scenario s = io::read_scenario(dir.path / "scenario.json");
  ASSERT_EQ(s.settlements.size(), 2U);
  EXPECT_EQ(s.settlements[0].displaced, 450);
  EXPECT_EQ(s.settlements[0].dwellings, 300);
  EXPECT_EQ(s.settlements[0].damaged_dwellings[2], 25);
  EXPECT_EQ(s.settlements[0].heating, Heating::kElectric);
  EXPECT_EQ(s.settlements[1].displaced, 0);
  EXPECT_EQ(s.settlements[1].dwellings, 20);

  // A bad value names the file, the feature and the attribute.
  std::ofstream(dir.path / "villages.csv") << "code,lon,lat,pop,idp,houses,ruined,heat\n"
                                              "S1,21.01,45.0,900,901,,,\n";
  try {
    (void)io::read_scenario(dir.path / "scenario.json");
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("scenario.json: settlements: villages.csv: layer 'villages': "
                                    "FID 1 'S1': displaced (field 'idp') must be between 0 and "
                                    "the population (900), not 901"));
  }
}

}  // namespace
}  // namespace gw
