// The parameters of issue 14 (docs/scenario.md, "Parameters"): household size, built-up radius,
// heating season, housing packages, activity rates, templates and seasons. Partial overrides, one
// clear error per kind of bad value, the old repair rates refused, and an exact round trip of a
// scenario that sets every new field.
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
using test::point;

using nlohmann::json;
using ::testing::HasSubstr;

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

json minimal() {
  json road = {
      {"type", "Feature"},
      {"geometry", {{"type", "LineString"}, {"coordinates", {{36.0, 49.0}, {36.01, 49.0}}}}},
      {"properties", {{"class", "track"}, {"speed_kmh", 20}}}};
  return {{"roads", fc({road})},
          {"settlements", fc({point(36.01, 49.0, {{"id", "s1"}, {"population", 10}})})},
          {"hubs", fc({point(36.0, 49.0, {{"id", "h1"}})})}};
}

Parameters params_of(const json& parameters) {
  json doc = minimal();
  doc["parameters"] = parameters;
  return io::scenario_from_json(doc, "scenario.json").params;
}

std::string error_of(const json& parameters) {
  json doc = minimal();
  doc["parameters"] = parameters;
  try {
    (void)io::scenario_from_json(doc, "scenario.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

TEST(ScenarioTables, DefaultsOfTheModel) {
  const Parameters p = params_of(json::object());
  const Parameters d;
  EXPECT_EQ(p.household_size, 2.6);
  EXPECT_EQ(p.built_up_radius_m, 1000);
  EXPECT_EQ(p.heating_season_from.month, 10);
  EXPECT_EQ(p.heating_season_from.day, 15);
  EXPECT_EQ(p.heating_season_to.month, 4);
  EXPECT_EQ(p.heating_season_to.day, 15);
  EXPECT_EQ(p.housing_package_dwellings, d.housing_package_dwellings);
  EXPECT_EQ(p.activity_rate, d.activity_rate);
  EXPECT_EQ(p.season_percent, d.season_percent);
  EXPECT_EQ(p.templates[idx(AssetKind::kBridge)].size(), 4U);
}

TEST(ScenarioTables, ScalarsAndSeasonAndPackages) {
  const Parameters p =
      params_of({{"household_size", 3.1},
                 {"built_up_radius_m", 0},
                 {"heating_season", {{"from", "11-01"}, {"to", "03-31"}}},
                 {"housing_package_dwellings", {{"heavy", 10}, {"comment", "bigger lots"}}}});
  EXPECT_EQ(p.household_size, 3.1);
  EXPECT_EQ(p.built_up_radius_m, 0);
  EXPECT_EQ(p.heating_season_from.month, 11);
  EXPECT_EQ(p.heating_season_from.day, 1);
  EXPECT_EQ(p.heating_season_to.month, 3);
  EXPECT_EQ(p.heating_season_to.day, 31);
  EXPECT_EQ(p.housing_package_dwellings, (std::array<int, 3>{8, 10, 2}));
}

TEST(ScenarioTables, ScalarsAndSeasonAndPackagesErrors) {
  const std::string w = "scenario.json: parameters: ";
  EXPECT_EQ(error_of({{"household_size", 0.2}}),
            w + "household_size must be between 0.5 and 20, not 0.2");
  EXPECT_EQ(error_of({{"built_up_radius_m", 60000}}),
            w + "built_up_radius_m must be between 0 and 50000, not 60000");
  EXPECT_EQ(error_of({{"heating_season", {{"from", "02-29"}, {"to", "04-01"}}}}),
            w + "heating_season: from must be a month and day MM-DD (29 February is not "
                "accepted), not '02-29'");
  EXPECT_THAT(error_of({{"heating_season", {{"from", "10-15"}, {"to", "13-01"}}}}),
              HasSubstr("heating_season: to must be a month and day MM-DD"));
  EXPECT_THAT(error_of({{"heating_season", {{"from", "10-15"}, {"to", "4-15"}}}}),
              HasSubstr("heating_season: to must be a month and day MM-DD"));
  EXPECT_EQ(error_of({{"heating_season", {{"from", "10-15"}}}}),
            w + "heating_season: missing 'to'");
  EXPECT_EQ(error_of({{"heating_season", {{"from", "10-15"}, {"to", "10-15"}}}}),
            w + "heating_season: from and to must differ (both are '10-15')");
  EXPECT_EQ(error_of({{"heating_season", {{"from", "10-15"}, {"to", "04-15"}, {"len", 3}}}}),
            w + "heating_season: unknown key 'len' (expected from, to)");
  EXPECT_EQ(error_of({{"housing_package_dwellings", {{"light", 0}}}}),
            w + "housing_package_dwellings: light must be a whole number between 1 and 10000, "
                "not 0");
  EXPECT_EQ(error_of({{"housing_package_dwellings", {{"ruined", 3}}}}),
            w + "housing_package_dwellings: unknown key 'ruined' (expected one of: light, heavy, "
                "destroyed)");
}

TEST(ScenarioTables, ActivityRatesArePartialOverrides) {
  const Parameters d;
  const Parameters p = params_of(
      {{"activity_rates_per_person_day", {{"road", {{"pipe", 3}}}, {"general", {{"deck", 0}}}}}});
  EXPECT_EQ(p.activity_rate[idx(Trade::kRoad)][idx(ActivityKind::kPipe)], 3);
  EXPECT_EQ(p.activity_rate[idx(Trade::kRoad)][idx(ActivityKind::kCraterFill)],
            d.activity_rate[idx(Trade::kRoad)][idx(ActivityKind::kCraterFill)]);
  EXPECT_EQ(p.activity_rate[idx(Trade::kGeneral)][idx(ActivityKind::kDeck)], 0);
  EXPECT_THAT(error_of({{"activity_rates_per_person_day", {{"road", {{"paving", 3}}}}}}),
              HasSubstr("parameters: activity_rates_per_person_day: road: unknown activity "
                        "'paving' (expected one of: debris, structure, roof"));
  EXPECT_THAT(error_of({{"activity_rates_per_person_day", {{"road", {{"pipe", -3}}}}}}),
              HasSubstr("activity_rates_per_person_day: road: pipe: must be a number between 0 "
                        "and 1000000"));
  EXPECT_EQ(error_of({{"repair_rates_per_person_day", {{"road", {{"road_section", 10}}}}}}),
            "scenario.json: parameters: repair_rates_per_person_day was replaced by "
            "activity_rates_per_person_day and templates: each damaged asset is now a project of "
            "steps (docs/scenario.md, \"Templates\")");
}

TEST(ScenarioTables, ATemplateReplacesItsKindOnly) {
  const Parameters d;
  const Parameters p =
      params_of({{"templates",
                  {{"bridge",
                    {{{"activity", "debris"}, {"per_unit", 4}},
                     {{"activity", "deck"}, {"after", {0}}, {"max_crews", 5}, {"crew_share", 2.5}},
                     {{"activity", "approach"}, {"after", {0, 1}}, {"opens", false}}}}}}});
  const auto& b = p.templates[idx(AssetKind::kBridge)];
  ASSERT_EQ(b.size(), 3U);
  EXPECT_EQ(b[0].activity, ActivityKind::kDebris);
  EXPECT_EQ(b[0].per_unit, 4);
  EXPECT_TRUE(b[0].after.empty());
  EXPECT_EQ(b[0].max_crews, 1);
  EXPECT_EQ(b[0].crew_share, 0);
  EXPECT_TRUE(b[0].opens);
  EXPECT_EQ(b[1].per_unit, 1);
  EXPECT_EQ(b[1].after, (std::vector<std::uint8_t>{0}));
  EXPECT_EQ(b[1].max_crews, 5);
  EXPECT_EQ(b[1].crew_share, 2.5);
  EXPECT_EQ(b[2].after, (std::vector<std::uint8_t>{0, 1}));
  EXPECT_FALSE(b[2].opens);
  // The other kinds keep their defaults.
  EXPECT_EQ(p.templates[idx(AssetKind::kRoadSection)].size(),
            d.templates[idx(AssetKind::kRoadSection)].size());
}

TEST(ScenarioTables, TemplateErrorsNameTheKindAndTheStep) {
  auto with = [](json steps) {
    return error_of({{"templates", {{"memorial", std::move(steps)}}}});
  };
  const std::string w = "scenario.json: parameters: templates: ";
  EXPECT_EQ(with(json::array()), w + "memorial: must be an array of 1 to 64 steps");
  EXPECT_EQ(with({{{"activity", "paint"}}}),
            w + "memorial[0]: activity: unknown value 'paint' (expected one of: debris, "
                "structure, roof, fit_out, crater_fill, resurfacing, substructure, deck, "
                "approach, power_line, comms_line, pipe, power_equipment, water_equipment, "
                "heat_equipment, comms_equipment, house_light, house_heavy, house_rebuild, "
                "memorial)");
  EXPECT_EQ(with({{{"per_unit", 2}}}), w + "memorial[0]: missing 'activity'");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"after", {0}}}}),
            w + "memorial[0]: after must be empty for the first step, not '[0]'");
  EXPECT_EQ(with({{{"activity", "debris"}}, {{"activity", "memorial"}, {"after", {1}}}}),
            w + "memorial[1]: after: '1' is not the index of an earlier step (0 to 0): a step "
                "comes after earlier steps only");
  EXPECT_EQ(with({{{"activity", "debris"}}, {{"activity", "memorial"}, {"after", {0, 0}}}}),
            w + "memorial[1]: after: step 0 listed twice");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"per_unit", 0}}}),
            w + "memorial[0]: per_unit must be > 0");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"max_crews", 0}}}),
            w + "memorial[0]: max_crews must be a whole number between 1 and 1000, not 0");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"crew_share", -1}}}),
            w + "memorial[0]: crew_share must be between 0 and 1e+12, not -1");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"opens", "yes"}}}),
            w + "memorial[0]: opens must be true or false");
  EXPECT_EQ(with({{{"activity", "memorial"}, {"crews", 2}}}),
            w + "memorial[0]: unknown key 'crews' (expected activity, per_unit, after, max_crews, "
                "crew_share, opens)");
  EXPECT_THAT(error_of({{"templates", {{"tower", {{{"activity", "debris"}}}}}}}),
              HasSubstr("templates: unknown asset kind 'tower' (expected one of: road_section"));
}

TEST(ScenarioTables, SeasonFactorsInWholePercent) {
  const Parameters d;
  const Parameters p =
      params_of({{"season_factors", {{"road", {0, 0, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.504, 0.006}}}}});
  EXPECT_EQ(p.season_percent[idx(Trade::kRoad)],
            (std::array<std::uint8_t, 12>{0, 0, 50, 100, 100, 100, 100, 100, 100, 100, 50, 1}));
  EXPECT_EQ(p.season_percent[idx(Trade::kManual)], d.season_percent[idx(Trade::kManual)]);
  const std::string w = "scenario.json: parameters: season_factors: ";
  EXPECT_EQ(error_of({{"season_factors", {{"road", {1, 1, 1}}}}}),
            w + "road: must be an array of 12 numbers in [0, 1], January first");
  EXPECT_EQ(error_of({{"season_factors", {{"dog", {1, 1, 1, 1, 1, 1, 1.2, 1, 1, 1, 1, 1}}}}}),
            w + "dog: month 7 must be a number in [0, 1], not '1.2'");
  EXPECT_EQ(error_of({{"season_factors", {{"dog", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.004}}}}}),
            w + "dog: every month is 0 (in whole percent): a trade must work in some month");
  EXPECT_EQ(error_of({{"season_factors", {{"miners", json::array()}}}}),
            w.substr(0, w.size() - 2) + ": unknown trade 'miners'");
}

// A scenario that sets every field of issue 14 to something other than its default, written and
// read back: the same scenario, and the same file again.
TEST(ScenarioTables, RoundTripIsExact) {
  json doc = minimal();
  doc["parameters"] = {
      {"start_date", "2028-01-15"},
      {"household_size", 3.3},
      {"built_up_radius_m", 750.5},
      {"heating_season", {{"from", "11-20"}, {"to", "03-01"}}},
      {"housing_package_dwellings", {{"light", 12}, {"heavy", 3}, {"destroyed", 1}}},
      {"activity_rates_per_person_day", {{"comms", {{"pipe", 0.37}}}}},
      {"templates",
       {{"gas_line",
         {{{"activity", "debris"}, {"per_unit", 0.3}, {"max_crews", 2}, {"crew_share", 77.7}},
          {{"activity", "pipe"}, {"after", {0}}, {"max_crews", 9}, {"opens", false}}}}}},
      {"season_factors", {{"bridge", {0.01, 0.2, 0.33, 1, 1, 1, 1, 1, 1, 1, 0.5, 0}}}},
      {"objective",
       {{"kind", "weighted"}, {"weights", {{"return_people_day", 3}, {"milestone_day", 7}}}}}};
  doc["settlements"]["features"][0]["properties"].update({{"displaced", 7},
                                                          {"dwellings", 5},
                                                          {"dwellings_light", 1},
                                                          {"dwellings_heavy", 1},
                                                          {"dwellings_destroyed", 2},
                                                          {"heating", "electric"}});
  doc["hazards"] = fc({{{"type", "Feature"},
                        {"geometry",
                         {{"type", "Polygon"},
                          {"coordinates",
                           {{{36.004, 49.0002},
                             {36.005, 49.0002},
                             {36.005, 49.0008},
                             {36.004, 49.0008},
                             {36.004, 49.0002}}}}}},
                        {"properties",
                         {{"id", "Z"},
                          {"status", "suspected"},
                          {"contamination", "uxo"},
                          {"terrain", "built_up"},
                          {"land_use", "residential"},
                          {"settlement", "s1"}}}}});
  doc["damage"] =
      fc({point(36.0, 49.0, {{"id", "SUB"}, {"kind", "substation"}, {"site_m2", 420.5}}),
          point(36.0, 49.0,
                {{"id", "ADM"},
                 {"kind", "public_building"},
                 {"building", "administration"},
                 {"floor_m2", 300},
                 {"due_date", "2028-06-30"}}),
          {{"type", "Feature"},
           {"geometry", {{"type", "LineString"}, {"coordinates", {{36.0, 49.0}, {36.01, 49.0}}}}},
           {"properties",
            {{"id", "GAS"},
             {"kind", "gas_line"},
             {"length_m", 731.4},
             {"serves", {"s1"}},
             {"depends_on", {"SUB", "ADM"}}}}}});
  const Scenario s = io::scenario_from_json(doc, "scenario.json");
  const json written = io::scenario_to_json(s);
  const Scenario b = io::scenario_from_json(written, "back.json");
  EXPECT_EQ(io::scenario_to_json(b), written);

  const Parameters& p = s.params;
  const Parameters& q = b.params;
  EXPECT_EQ(q.household_size, p.household_size);
  EXPECT_EQ(q.built_up_radius_m, p.built_up_radius_m);
  EXPECT_EQ(q.heating_season_from.month, 11);
  EXPECT_EQ(q.heating_season_from.day, 20);
  EXPECT_EQ(q.heating_season_to.month, 3);
  EXPECT_EQ(q.heating_season_to.day, 1);
  EXPECT_EQ(q.housing_package_dwellings, p.housing_package_dwellings);
  EXPECT_EQ(q.activity_rate, p.activity_rate);
  EXPECT_EQ(q.activity_rate[idx(Trade::kComms)][idx(ActivityKind::kPipe)], 0.37);
  EXPECT_EQ(q.season_percent, p.season_percent);
  EXPECT_EQ(q.season_percent[idx(Trade::kBridge)][2], 33);
  for (std::size_t k = 0; k < kAssetKindCount; ++k) {
    SCOPED_TRACE(kAssetKindNames[k]);
    ASSERT_EQ(q.templates[k].size(), p.templates[k].size());
    for (std::size_t i = 0; i < p.templates[k].size(); ++i) {
      const TemplateStep& x = p.templates[k][i];
      const TemplateStep& y = q.templates[k][i];
      EXPECT_EQ(y.activity, x.activity);
      EXPECT_EQ(y.per_unit, x.per_unit);
      EXPECT_EQ(y.after, x.after);
      EXPECT_EQ(y.max_crews, x.max_crews);
      EXPECT_EQ(y.crew_share, x.crew_share);
      EXPECT_EQ(y.opens, x.opens);
    }
  }
  EXPECT_EQ(q.templates[idx(AssetKind::kGasLine)][0].crew_share, 77.7);
  EXPECT_EQ(q.objective.kind, ObjectiveKind::kWeighted);
  EXPECT_EQ(q.objective.weights.return_people_day, 3);
  EXPECT_EQ(q.objective.weights.milestone_day, 7);

  const Settlement& st = b.settlements[0];
  EXPECT_EQ(st.displaced, 7);
  EXPECT_EQ(st.dwellings, 5);
  EXPECT_EQ(st.damaged_dwellings, (std::array<std::int64_t, 3>{1, 1, 2}));
  EXPECT_EQ(st.heating, Heating::kElectric);
  EXPECT_EQ(b.hazards[0].settlement, std::optional<std::string>("s1"));
  ASSERT_EQ(b.assets.size(), 3U);
  EXPECT_EQ(b.assets[0].quantity, 420.5);
  EXPECT_EQ(b.assets[0].service, Service::kPower);
  EXPECT_EQ(b.assets[1].service, Service::kNone);
  EXPECT_EQ(b.assets[1].kind, AssetKind::kPublicBuilding);
  EXPECT_EQ(b.assets[1].due_date, std::optional<std::string>("2028-06-30"));
  EXPECT_EQ(b.assets[2].depends_on, (std::vector<std::string>{"SUB", "ADM"}));
  EXPECT_EQ(b.assets[2].quantity, 731.4);
  EXPECT_EQ(b.assets[2].serves, (std::vector<std::string>{"s1"}));

  // The defaults round trip as well (every table written in full).
  const Scenario plain = io::scenario_from_json(minimal(), "scenario.json");
  const Scenario back = io::scenario_from_json(io::scenario_to_json(plain), "back.json");
  const Parameters d;
  EXPECT_EQ(back.params.activity_rate, d.activity_rate);
  EXPECT_EQ(back.params.season_percent, d.season_percent);
  EXPECT_EQ(back.settlements[0].dwellings, plain.settlements[0].dwellings);
  EXPECT_EQ(io::scenario_to_json(back), io::scenario_to_json(plain));
}

}  // namespace
}  // namespace gw
