// parameters.objective and the road weight in the scenario file (docs/scenario.md, "Objective"):
// defaults, partial overrides, a faithful round trip, and one clear error per kind of bad value.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "io/scenario_json.hpp"
#include "model/error.hpp"

namespace gw {
namespace {

using nlohmann::json;

json minimal() {
  auto point = [](double lon, double lat, json props) {
    return json{{"type", "Feature"},
                {"geometry", {{"type", "Point"}, {"coordinates", {lon, lat}}}},
                {"properties", std::move(props)}};
  };
  json road = {
      {"type", "Feature"},
      {"geometry", {{"type", "LineString"}, {"coordinates", {{36.0, 49.0}, {36.01, 49.0}}}}},
      {"properties", {{"class", "track"}, {"speed_kmh", 20}}}};
  return {
      {"roads", {{"type", "FeatureCollection"}, {"features", {road}}}},
      {"settlements",
       {{"type", "FeatureCollection"},
        {"features", {point(36.01, 49.0, {{"id", "s1"}, {"population", 10}})}}}},
      {"hubs", {{"type", "FeatureCollection"}, {"features", {point(36.0, 49.0, {{"id", "h1"}})}}}}};
}

std::string error_of(const json& doc) {
  try {
    io::scenario_from_json(doc, "scenario.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    return e.what();
  }
  return "no error";
}

TEST(ObjectiveJson, DefaultsWhenAbsent) {
  const Scenario s = io::scenario_from_json(minimal(), "scenario.json");
  const Parameters d;
  EXPECT_EQ(s.params.objective.kind, ObjectiveKind::kAccess);
  EXPECT_EQ(s.params.objective.weights.access_people_day, 1.0);
  EXPECT_EQ(s.params.objective.weights.road_km_day, 0.0);
  EXPECT_EQ(s.params.objective.weights.land_hectare_day, d.objective.weights.land_hectare_day);
  EXPECT_EQ(
      s.params.objective.weights.land_hectare_day[static_cast<std::size_t>(LandUse::kAgriculture)],
      1.0);
  EXPECT_EQ(
      s.params.objective.weights.service_people_day[static_cast<std::size_t>(Service::kClinic)],
      0.5);
  EXPECT_EQ(s.roads.edge_weight.at(0), 1.0);
}

TEST(ObjectiveJson, PartialOverridesAndRoadWeight) {
  json doc = minimal();
  doc["parameters"]["objective"] = {{"kind", "weighted"},
                                    {"comment", "clinics first"},
                                    {"weights",
                                     {{"access_people_day", 2},
                                      {"land_hectare_day", {{"residential", 4}}},
                                      {"service_people_day", {{"clinic", 3}}},
                                      {"road_km_day", 0.5}}}};
  doc["roads"]["features"][0]["properties"]["weight"] = 5;
  const Scenario s = io::scenario_from_json(doc, "scenario.json");
  const Parameters d;
  const auto& w = s.params.objective.weights;
  EXPECT_EQ(s.params.objective.kind, ObjectiveKind::kWeighted);
  EXPECT_EQ(w.access_people_day, 2);
  EXPECT_EQ(w.land_hectare_day[static_cast<std::size_t>(LandUse::kResidential)], 4);
  EXPECT_EQ(w.land_hectare_day[static_cast<std::size_t>(LandUse::kPasture)],
            d.objective.weights.land_hectare_day[static_cast<std::size_t>(LandUse::kPasture)]);
  EXPECT_EQ(w.service_people_day[static_cast<std::size_t>(Service::kClinic)], 3);
  EXPECT_EQ(w.service_people_day[static_cast<std::size_t>(Service::kPower)],
            d.objective.weights.service_people_day[static_cast<std::size_t>(Service::kPower)]);
  EXPECT_EQ(w.road_km_day, 0.5);
  EXPECT_EQ(s.roads.edge_weight.at(0), 5);

  // Written and read back: the same objective and road weight.
  const Scenario back = io::scenario_from_json(io::scenario_to_json(s), "back.json");
  EXPECT_EQ(back.params.objective.kind, ObjectiveKind::kWeighted);
  EXPECT_EQ(back.params.objective.weights.access_people_day, w.access_people_day);
  EXPECT_EQ(back.params.objective.weights.land_hectare_day, w.land_hectare_day);
  EXPECT_EQ(back.params.objective.weights.service_people_day, w.service_people_day);
  EXPECT_EQ(back.params.objective.weights.road_km_day, w.road_km_day);
  EXPECT_EQ(back.roads.edge_weight.at(0), 5);
}

TEST(ObjectiveJson, ReturnKindItsWeightsAndEveryService) {
  json doc = minimal();
  doc["parameters"]["objective"] = {
      {"kind", "return"},
      {"weights",
       {{"return_people_day", 2.5},
        {"milestone_day", 40},
        {"service_people_day", {{"water", 0.3}, {"heat", 0.2}, {"gas", 0.05}}}}}};
  const Scenario s = io::scenario_from_json(doc, "scenario.json");
  const auto& w = s.params.objective.weights;
  EXPECT_EQ(s.params.objective.kind, ObjectiveKind::kReturn);
  EXPECT_EQ(w.return_people_day, 2.5);
  EXPECT_EQ(w.milestone_day, 40);
  EXPECT_EQ(w.service_people_day[static_cast<std::size_t>(Service::kWater)], 0.3);
  EXPECT_EQ(w.service_people_day[static_cast<std::size_t>(Service::kHeat)], 0.2);
  EXPECT_EQ(w.service_people_day[static_cast<std::size_t>(Service::kGas)], 0.05);
  const Scenario back = io::scenario_from_json(io::scenario_to_json(s), "back.json");
  EXPECT_EQ(back.params.objective.kind, ObjectiveKind::kReturn);
  EXPECT_EQ(back.params.objective.weights.return_people_day, 2.5);
  EXPECT_EQ(back.params.objective.weights.milestone_day, 40);
  EXPECT_EQ(back.params.objective.weights.service_people_day, w.service_people_day);
}

// Without parameters.objective.kind: `return` when anyone is displaced, else `access`.
TEST(ObjectiveJson, DefaultKindFollowsTheDisplaced) {
  json doc = minimal();
  EXPECT_EQ(io::scenario_from_json(doc, "scenario.json").params.objective.kind,
            ObjectiveKind::kAccess);
  doc["settlements"]["features"][0]["properties"]["displaced"] = 4;
  EXPECT_EQ(io::scenario_from_json(doc, "scenario.json").params.objective.kind,
            ObjectiveKind::kReturn);
  doc["parameters"]["objective"] = {{"weights", {{"milestone_day", 1}}}};
  EXPECT_EQ(io::scenario_from_json(doc, "scenario.json").params.objective.kind,
            ObjectiveKind::kReturn);
  doc["parameters"]["objective"]["kind"] = "access";
  EXPECT_EQ(io::scenario_from_json(doc, "scenario.json").params.objective.kind,
            ObjectiveKind::kAccess);
}

TEST(ObjectiveJson, BadValuesAreClearErrors) {
  auto with = [](const json& objective) {
    json doc = minimal();
    doc["parameters"]["objective"] = objective;
    return error_of(doc);
  };
  EXPECT_EQ(with({{"kind", "fast"}}),
            "scenario.json: parameters: objective: kind: unknown value 'fast' (expected one of: "
            "access, weighted, makespan, return)");
  EXPECT_EQ(
      with({{"weights", {{"access_people_day", -1}}}}),
      "scenario.json: parameters: objective: weights: access_people_day must be between 0 and "
      "1000000000, not -1");
  EXPECT_EQ(with({{"weights", {{"road_km_day", "a lot"}}}}),
            "scenario.json: parameters: objective: weights: road_km_day must be a number");
  EXPECT_EQ(with({{"weights", {{"land_hectare_day", {{"agriculture", -0.5}}}}}}),
            "scenario.json: parameters: objective: weights: land_hectare_day: agriculture must be "
            "between 0 and 1000000000, not -0.5");
  EXPECT_EQ(
      with({{"weights", {{"land_hectare_day", {{"orchard", 1}}}}}}),
      "scenario.json: parameters: objective: weights: land_hectare_day: unknown key 'orchard' "
      "(expected one of: agriculture, pasture, forestry, residential, transport, other)");
  EXPECT_EQ(with({{"weights", {{"service_people_day", {{"none", 1}}}}}}),
            "scenario.json: parameters: objective: weights: service_people_day: unknown key 'none' "
            "(expected one of: power, comms, clinic, school, water, heat, gas)");
  EXPECT_EQ(with({{"weights", {{"people", 1}}}}),
            "scenario.json: parameters: objective: weights: unknown key 'people' (expected "
            "access_people_day, land_hectare_day, service_people_day, road_km_day, "
            "return_people_day, milestone_day)");
  EXPECT_EQ(with({{"weights", {{"milestone_day", -1}}}}),
            "scenario.json: parameters: objective: weights: milestone_day must be between 0 and "
            "1000000000, not -1");
  EXPECT_EQ(with({{"target", "access"}}),
            "scenario.json: parameters: objective: unknown key 'target' (expected kind, weights)");
  EXPECT_EQ(with("access"), "scenario.json: parameters: objective: must be an object");

  json doc = minimal();
  doc["roads"]["features"][0]["properties"]["weight"] = -2;
  EXPECT_EQ(error_of(doc), "scenario.json: roads[0]: weight must be between 0 and 1000000, not -2");
}

}  // namespace
}  // namespace gw
