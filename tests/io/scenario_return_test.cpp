// The scenario fields of issue 14 (docs/scenario.md): settlements' displaced people and dwellings,
// hazards in a settlement's built-up area, the new kinds of damage with several dependencies and
// due dates. Defaults, accepted values, and one clear error per kind of bad value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "geojson_builders.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"

namespace gw {
namespace {

using test::fc;
using test::line;
using test::point;

using nlohmann::json;
using ::testing::HasSubstr;

// One road, two settlements (S1 of 1000 people, S2 of 26), one hub, no hazard, no damage.
json minimal() {
  return {
      {"roads", fc({line({{36.0, 49.0}, {36.01, 49.0}}, {{"class", "track"}, {"speed_kmh", 20}})})},
      {"settlements", fc({point(36.01, 49.0, {{"id", "S1"}, {"population", 1000}}),
                          point(36.0, 49.001, {{"id", "S2"}, {"population", 26}})})},
      {"hubs", fc({point(36.0, 49.0, {{"id", "H"}})})}};
}

json hazard(const std::string& id, const json& extra = json::object()) {
  json props = {{"id", id},
                {"status", "confirmed"},
                {"contamination", "uxo"},
                {"terrain", "built_up"},
                {"land_use", "residential"}};
  props.update(extra);
  return {{"type", "Feature"},
          {"geometry",
           {{"type", "Polygon"},
            {"coordinates",
             {{{36.004, 49.0002},
               {36.005, 49.0002},
               {36.005, 49.0008},
               {36.004, 49.0008},
               {36.004, 49.0002}}}}}},
          {"properties", std::move(props)}};
}

Scenario read(const json& doc) { return io::scenario_from_json(doc, "scenario.json"); }

std::string error_of(const json& doc) {
  try {
    (void)read(doc);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

json& props(json& doc, const char* layer, std::size_t i) {
  return doc[layer]["features"][i]["properties"];
}

TEST(ScenarioSettlements, DefaultsNobodyDisplacedAndOneDwellingPerHousehold) {
  const Scenario s = read(minimal());
  ASSERT_EQ(s.settlements.size(), 2U);
  const Settlement& a = s.settlements[0];
  EXPECT_EQ(a.displaced, 0);
  EXPECT_EQ(a.dwellings, 385);  // ceil(1000 / 2.6)
  EXPECT_EQ(a.damaged_dwellings, (std::array<std::int64_t, 3>{0, 0, 0}));
  EXPECT_EQ(a.heating, Heating::kNetwork);
  // 26 / 2.6 is 10 exactly, not 11 from a rounding error.
  EXPECT_EQ(s.settlements[1].dwellings, 10);
  // With another household size.
  json doc = minimal();
  doc["parameters"]["household_size"] = 4;
  EXPECT_EQ(read(doc).settlements[0].dwellings, 250);
}

TEST(ScenarioSettlements, DisplacedDwellingsAndHeating) {
  json doc = minimal();
  props(doc, "settlements", 0)
      .update({{"displaced", 600},
               {"dwellings", 400},
               {"dwellings_light", 50},
               {"dwellings_heavy", 30},
               {"dwellings_destroyed", 20},
               {"heating", "electric"}});
  const Settlement a = read(doc).settlements[0];
  EXPECT_EQ(a.displaced, 600);
  EXPECT_EQ(a.dwellings, 400);
  EXPECT_EQ(a.damaged_dwellings, (std::array<std::int64_t, 3>{50, 30, 20}));
  EXPECT_EQ(a.heating, Heating::kElectric);
  // Damage against the default dwelling count.
  doc = minimal();
  props(doc, "settlements", 0)["dwellings_destroyed"] = 385;
  EXPECT_EQ(read(doc).settlements[0].damaged_dwellings[2], 385);
}

TEST(ScenarioSettlements, BadValuesNameTheSettlement) {
  auto with = [](const json& values) {
    json doc = minimal();
    props(doc, "settlements", 0).update(values);
    return error_of(doc);
  };
  EXPECT_EQ(with({{"displaced", 1001}}),
            "scenario.json: settlements[0] 'S1': displaced must be between 0 and the population "
            "(1000), not 1001");
  EXPECT_THAT(with({{"displaced", -1}}), HasSubstr("displaced must be between 0 and"));
  EXPECT_EQ(with({{"displaced", "many"}}),
            "scenario.json: settlements[0] 'S1': displaced must be a number");
  EXPECT_EQ(with({{"dwellings", 10.5}}),
            "scenario.json: settlements[0] 'S1': dwellings must be a whole number between 0 and "
            "2000000000, not 10.5");
  EXPECT_THAT(with({{"dwellings_heavy", -2}}),
              HasSubstr("dwellings_heavy must be a whole number between 0 and"));
  EXPECT_EQ(with({{"dwellings", 100}, {"dwellings_light", 60}, {"dwellings_destroyed", 41}}),
            "scenario.json: settlements[0] 'S1': dwellings_light + dwellings_heavy + "
            "dwellings_destroyed (101) must be at most dwellings (100)");
  EXPECT_EQ(with({{"heating", "coal"}}),
            "scenario.json: settlements[0] 'S1': heating: unknown value 'coal' (expected one of: "
            "network, electric)");
}

TEST(ScenarioHazards, SettlementNamesTheBuiltUpArea) {
  json doc = minimal();
  doc["hazards"] = fc({hazard("Z1", {{"settlement", "S2"}}), hazard("Z2")});
  const Scenario s = read(doc);
  EXPECT_EQ(s.hazards[0].settlement, std::optional<std::string>("S2"));
  EXPECT_FALSE(s.hazards[1].settlement);
  doc["hazards"] = fc({hazard("Z1"), hazard("Z2", {{"settlement", "S9"}})});
  EXPECT_EQ(error_of(doc), "scenario.json: hazards[1] 'Z2': settlement: unknown settlement 'S9'");
}

// Every kind of damage with its geometry, quantity property and service.
TEST(ScenarioDamage, NewKindsWithTheirQuantityAndService) {
  json doc = minimal();
  const json pipe = {{36.0, 49.0}, {36.0, 49.01}};
  doc["damage"] = fc({
      point(36.0, 49.0, {{"id", "SUB"}, {"kind", "substation"}, {"site_m2", 400}}),
      point(36.0, 49.0, {{"id", "PUMP"}, {"kind", "pumping_station"}, {"site_m2", 250}}),
      line(pipe, {{"id", "WM"}, {"kind", "water_main"}, {"length_m", 900}}),
      point(36.0, 49.0, {{"id", "BOIL"}, {"kind", "boiler_house"}, {"floor_m2", 300}}),
      line(pipe, {{"id", "HM"}, {"kind", "heat_main"}}),
      line(pipe, {{"id", "GAS"}, {"kind", "gas_line"}, {"length_m", 2000}}),
      point(36.0, 49.0, {{"id", "MAST"}, {"kind", "comms_mast"}, {"site_m2", 50}}),
      point(36.0, 49.0, {{"id", "MEM"}, {"kind", "memorial"}, {"area_m2", 120}}),
      point(36.0, 49.0,
            {{"id", "ADM"},
             {"kind", "public_building"},
             {"building", "administration"},
             {"floor_m2", 600}}),
  });
  const Scenario s = read(doc);
  ASSERT_EQ(s.assets.size(), 9U);
  const std::array<std::tuple<AssetKind, Service, double, std::size_t>, 9> want = {{
      {AssetKind::kSubstation, Service::kPower, 400, 1},
      {AssetKind::kPumpingStation, Service::kWater, 250, 1},
      {AssetKind::kWaterMain, Service::kWater, 900, 2},
      {AssetKind::kBoilerHouse, Service::kHeat, 300, 1},
      {AssetKind::kHeatMain, Service::kHeat, -1, 2},  // the line's length (about 1112 m)
      {AssetKind::kGasLine, Service::kGas, 2000, 2},
      {AssetKind::kCommsMast, Service::kComms, 50, 1},
      {AssetKind::kMemorial, Service::kNone, 120, 1},
      {AssetKind::kPublicBuilding, Service::kNone, 600, 1},
  }};
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(s.assets[i].id);
    const auto& [kind, service, quantity, points] = want[i];
    EXPECT_EQ(s.assets[i].kind, kind);
    EXPECT_EQ(s.assets[i].service, service);
    if (quantity > 0) {
      EXPECT_EQ(s.assets[i].quantity, quantity);
    }
    EXPECT_EQ(s.assets[i].geometry.size(), points);
  }
  EXPECT_NEAR(s.assets[4].quantity, 1112, 2);
}

TEST(ScenarioDamage, BadKindsQuantitiesAndGeometry) {
  auto with = [](json feature) {
    json doc = minimal();
    doc["damage"] = fc({std::move(feature)});
    return error_of(doc);
  };
  EXPECT_EQ(with(point(36.0, 49.0, {{"id", "P"}, {"kind", "pumping_station"}, {"site_m2", 0}})),
            "scenario.json: damage[0]: site_m2 must be > 0");
  EXPECT_EQ(with(point(36.0, 49.0, {{"id", "M"}, {"kind", "memorial"}, {"area_m2", -5}})),
            "scenario.json: damage[0]: area_m2 must be > 0");
  EXPECT_EQ(with(point(36.0, 49.0, {{"id", "M"}, {"kind", "memorial"}, {"floor_m2", 5}})),
            "scenario.json: damage[0]: missing 'area_m2'");
  EXPECT_EQ(with(point(36.0, 49.0, {{"id", "W"}, {"kind", "water_main"}, {"length_m", 5}})),
            "scenario.json: damage[0]: geometry must be a LineString, not 'Point'");
  EXPECT_EQ(
      with(point(
          36.0, 49.0,
          {{"id", "B"}, {"kind", "public_building"}, {"building", "church"}, {"floor_m2", 5}})),
      "scenario.json: damage[0]: building: unknown value 'church' (expected one of: school, "
      "clinic, administration)");
  EXPECT_THAT(with(point(36.0, 49.0, {{"id", "X"}, {"kind", "tower"}})),
              HasSubstr("kind: unknown value 'tower' (expected one of: road_section, bridge, "
                        "comms_line, power_line, public_building, substation, pumping_station, "
                        "water_main, boiler_house, heat_main, gas_line, comms_mast, memorial)"));
}

json chain(json a_deps, json b_deps, json c_deps) {
  json doc = minimal();
  auto station = [](const char* id, json deps) {
    json p = {{"id", id}, {"kind", "substation"}, {"site_m2", 100}};
    if (!deps.is_null()) p["depends_on"] = std::move(deps);
    return point(36.0, 49.0, p);
  };
  doc["damage"] = fc({station("A", std::move(a_deps)), station("B", std::move(b_deps)),
                      station("C", std::move(c_deps))});
  return doc;
}

TEST(ScenarioDamage, DependsOnOneOrSeveralAssets) {
  Scenario s = read(chain("B", json::array({"C"}), json::array()));
  EXPECT_EQ(s.assets[0].depends_on, (std::vector<std::string>{"B"}));
  EXPECT_EQ(s.assets[1].depends_on, (std::vector<std::string>{"C"}));
  EXPECT_TRUE(s.assets[2].depends_on.empty());
  s = read(chain(json::array({"B", "C"}), "C", nullptr));
  EXPECT_EQ(s.assets[0].depends_on, (std::vector<std::string>{"B", "C"}));
}

TEST(ScenarioDamage, DependsOnErrors) {
  EXPECT_EQ(error_of(chain("Q", nullptr, nullptr)),
            "scenario.json: damage[0] 'A': depends_on: unknown asset 'Q'");
  EXPECT_EQ(error_of(chain(json::array({"B", "B"}), nullptr, nullptr)),
            "scenario.json: damage[0] 'A': depends_on: 'B' listed twice");
  EXPECT_EQ(error_of(chain(json::array({"B", 3.5}), nullptr, nullptr)),
            "scenario.json: damage[0] 'A': depends_on must be an asset id or an array of asset "
            "ids");
  // Cycles name the assets of the loop, from the first one listed.
  EXPECT_EQ(error_of(chain(nullptr, "B", nullptr)),
            "scenario.json: damage[1] 'B': depends_on forms a cycle: 'B' -> 'B'");
  EXPECT_EQ(error_of(chain("B", "C", "A")),
            "scenario.json: damage[0] 'A': depends_on forms a cycle: 'A' -> 'B' -> 'C' -> 'A'");
  EXPECT_EQ(error_of(chain(nullptr, "C", json::array({"A", "B"}))),
            "scenario.json: damage[1] 'B': depends_on forms a cycle: 'B' -> 'C' -> 'B'");
}

TEST(ScenarioDamage, DueDates) {
  json doc = minimal();
  doc["parameters"]["start_date"] = "2027-04-01";
  doc["damage"] = fc(
      {point(36.0, 49.0,
             {{"id", "A"}, {"kind", "substation"}, {"site_m2", 100}, {"due_date", "2027-04-01"}}),
       point(36.0, 49.0, {{"id", "B"}, {"kind", "substation"}, {"site_m2", 100}})});
  Scenario s = read(doc);
  EXPECT_EQ(s.assets[0].due_date, std::optional<std::string>("2027-04-01"));
  EXPECT_FALSE(s.assets[1].due_date);
  for (const char* bad : {"2027-02-30", "2027-4-1", "01.05.2027", "2027-13-01"}) {
    SCOPED_TRACE(bad);
    props(doc, "damage", 0)["due_date"] = bad;
    EXPECT_EQ(error_of(doc),
              std::string("scenario.json: damage[0] 'A': due_date must be a calendar "
                          "date YYYY-MM-DD, not '") +
                  bad + "'");
  }
  props(doc, "damage", 0)["due_date"] = "2027-03-31";
  EXPECT_EQ(error_of(doc),
            "scenario.json: damage[0] 'A': due_date '2027-03-31' is before start_date "
            "'2027-04-01'");
}

}  // namespace
}  // namespace gw
