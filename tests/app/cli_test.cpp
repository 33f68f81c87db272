// End-to-end tests of the groundwork CLI: the golden example under docs/examples and one clear
// error, a non-zero exit and no partial output for each kind of bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using gw::test::CmdResult;
using gw::test::slurp;

CmdResult run(const std::string& args) { return gw::test::run_groundwork(args); }

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("gw_cli_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

json example() {
  std::ifstream in(fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json");
  return json::parse(in);
}

// Writes `doc` as scenario.json, plans it into out/ and expects failure with `message`.
void expect_rejected(const std::string& name, const json& doc, const std::string& message) {
  SCOPED_TRACE(name);
  const fs::path d = fresh_dir(name);
  std::ofstream(d / "scenario.json") << doc.dump();
  const CmdResult r =
      run("plan " + (d / "scenario.json").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line expected: " << r.err;
  EXPECT_FALSE(fs::exists(d / "out") && !fs::is_empty(d / "out")) << "partial output written";
  fs::remove_all(d);
}

TEST(Cli, GoldenSmallExample) {
  const fs::path src(GW_SOURCE_DIR);
  const fs::path d = fresh_dir("golden");
  const CmdResult r =
      run("plan " + (src / "docs/examples/small/scenario.json").string() + " --out " + d.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("validator: plan valid"), std::string::npos) << r.out;
  const json got = json::parse(slurp(d / "summary.json"));
  const json want = json::parse(slurp(src / "docs/examples/small/expected_summary.json"));
  for (const auto& [key, value] : want.items()) {
    ASSERT_TRUE(got.contains(key)) << key;
    if (value.is_number_float()) {
      EXPECT_NEAR(got[key].get<double>(), value.get<double>(),
                  1e-6 * std::max(1.0, std::abs(value.get<double>())))
          << key;
    } else {
      EXPECT_EQ(got[key], value) << key;
    }
  }
  // The written plan passes the validator from the command line too.
  const CmdResult v = run("validate " + (src / "docs/examples/small/scenario.json").string() + " " +
                          (d / "plan.json").string());
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  for (const char* f : {"plan.json", "schedule.csv", "roads.geojson", "hazards.geojson",
                        "settlements.geojson", "report.html"}) {
    EXPECT_TRUE(fs::exists(d / f)) << f;
  }
  fs::remove_all(d);
}

TEST(Cli, MissingFile) {
  const fs::path d = fresh_dir("missing");
  const CmdResult r = run("plan " + (d / "nope.json").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("nope.json': no such file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out"));
  fs::remove_all(d);
}

TEST(Cli, MalformedJson) {
  const fs::path d = fresh_dir("malformed");
  std::ofstream(d / "scenario.json") << "{ \"roads\": [1, 2,, }";
  const CmdResult r =
      run("plan " + (d / "scenario.json").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("scenario.json: malformed JSON"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out"));
  fs::remove_all(d);
}

TEST(Cli, UnknownEnumValue) {
  json doc = example();
  doc["hazards"]["features"][1]["properties"]["terrain"] = "jungle";
  expect_rejected("enum", doc, "scenario.json: hazards[1]: terrain: unknown value 'jungle'");
}

TEST(Cli, NegativeArea) {
  json doc = example();
  doc["hazards"]["features"][2]["properties"]["area_m2"] = -5;
  expect_rejected("area", doc, "scenario.json: hazards[2]: area_m2 must be > 0");
}

TEST(Cli, NegativeProductivity) {
  json doc = example();
  doc["parameters"]["rates_m2_per_person_day"] = {{"manual", {{"clearance", -3}}}};
  expect_rejected("rate", doc,
                  "scenario.json: parameters: rates_m2_per_person_day: manual: clearance: must be "
                  "a number between 0 and 1000000");
}

TEST(Cli, NegativeCrewSize) {
  json doc = example();
  doc["crews"][1]["people"] = -10;
  expect_rejected("people", doc,
                  "scenario.json: crews[1]: people must be a whole number between 1 and 1000000");
}

TEST(Cli, CrewBasedOffTheNetwork) {
  json doc = example();
  // A separate road far east with a village on it, not connected to the hub's roads.
  doc["roads"]["features"].push_back(
      {{"type", "Feature"},
       {"geometry", {{"type", "LineString"}, {"coordinates", {{36.2, 49.0}, {36.21, 49.0}}}}},
       {"properties", {{"id", 99}, {"class", "track"}, {"speed_kmh", 20}}}});
  doc["settlements"]["features"].push_back(
      {{"type", "Feature"},
       {"geometry", {{"type", "Point"}, {"coordinates", {36.2, 49.0}}}},
       {"properties", {{"id", "far"}, {"population", 10}}}});
  doc["crews"][0]["base"] = "far";
  expect_rejected("offnet", doc,
                  "scenario.json: crews[0] 'survey-1': base 'far' is off the network");
}

TEST(Cli, SettlementWithNoRoad) {
  json doc = example();
  doc["settlements"]["features"][1]["geometry"]["coordinates"] = {37.5, 49.0};
  expect_rejected("noroad", doc, "scenario.json: settlements[1] 's2': no road within max_snap_m");
}

TEST(Cli, NegativeObjectiveWeight) {
  json doc = example();
  doc["parameters"]["objective"] = {{"weights", {{"land_hectare_day", {{"agriculture", -1}}}}}};
  expect_rejected(
      "objweight", doc,
      "scenario.json: parameters: objective: weights: land_hectare_day: agriculture must be "
      "between 0 and 1000000000");
}

// `plan --objective` overrides the scenario's kind; summary.json's objective is the mix of its
// components by its weights, and `validate` recomputes the same value.
TEST(Cli, ObjectiveOverrideAndSummary) {
  json doc = example();
  doc["parameters"]["objective"] = {
      {"kind", "makespan"},
      {"weights", {{"road_km_day", 3}, {"service_people_day", {{"school", 2}}}}}};
  doc["roads"]["features"][0]["properties"]["weight"] = 4;
  const fs::path d = fresh_dir("objective");
  std::ofstream(d / "scenario.json") << doc.dump();
  const CmdResult r = run("plan " + (d / "scenario.json").string() + " --out " +
                          (d / "out").string() + " --objective weighted");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("objective weighted:"), std::string::npos) << r.out;
  const json sum = json::parse(slurp(d / "out" / "summary.json"));
  const json& o = sum["objective"];
  EXPECT_EQ(o["kind"], "weighted");
  const json& w = o["weights"];
  const json& c = o["components"];
  double want = w["access_people_day"].get<double>() *
                    c["weighted_people_days_without_access"].get<double>() +
                w["road_km_day"].get<double>() * c["road_km_days_closed"].get<double>();
  for (const auto& [use, x] : c["hectare_days_contaminated_by_land_use"].items())
    want += w["land_hectare_day"][use].get<double>() * x.get<double>();
  for (const auto& [sv, x] : w["service_people_day"].items())
    want += x.get<double>() * c["weighted_people_days_without_" + sv].get<double>();
  EXPECT_NEAR(o["value"].get<double>(), want, 1e-6 * std::max(1.0, want));
  EXPECT_EQ(w["road_km_day"], 3);
  EXPECT_EQ(c["people_days_without_access"], sum["people_days_without_access"]);
  EXPECT_GT(c["road_km_days_closed"].get<double>(), 0);
  ASSERT_TRUE(o["baseline"].is_number());
  EXPECT_LE(o["value"].get<double>(), o["baseline"].get<double>() * (1 + 1e-12));
  ASSERT_TRUE(o["lower_bound"].is_number());
  EXPECT_LE(o["lower_bound"].get<double>(), o["value"].get<double>() * (1 + 1e-12));

  // validate recomputes it (the scenario's kind is makespan: override it the same way).
  const CmdResult v = run("validate " + (d / "scenario.json").string() + " " +
                          (d / "out" / "plan.json").string() + " --objective weighted");
  ASSERT_EQ(v.status, 0) << v.out << v.err;
  const auto at = v.out.find("objective weighted: ");
  ASSERT_NE(at, std::string::npos) << v.out;
  EXPECT_NEAR(std::stod(v.out.substr(at + 20)), o["value"].get<double>(), 1e-3 + 1e-6 * want);
  // Without the override, the scenario's makespan.
  const CmdResult m =
      run("validate " + (d / "scenario.json").string() + " " + (d / "out" / "plan.json").string());
  ASSERT_EQ(m.status, 0) << m.out << m.err;
  const auto mk = m.out.find("objective makespan: ");
  ASSERT_NE(mk, std::string::npos) << m.out;
  EXPECT_NEAR(std::stod(m.out.substr(mk + 20)), sum["makespan_days"].get<double>(), 1e-3);
  fs::remove_all(d);
}

}  // namespace
