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
  const fs::path d = fs::temp_directory_path() / ("gw_cli_" + std::to_string(::getpid()) + "_" + name);
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
  const CmdResult r = run("plan " + (d / "scenario.json").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line expected: " << r.err;
  EXPECT_FALSE(fs::exists(d / "out") && !fs::is_empty(d / "out")) << "partial output written";
  fs::remove_all(d);
}

TEST(Cli, GoldenSmallExample) {
  const fs::path src(GW_SOURCE_DIR);
  const fs::path d = fresh_dir("golden");
  const CmdResult r = run("plan " + (src / "docs/examples/small/scenario.json").string() + " --out " + d.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("validator: plan valid"), std::string::npos) << r.out;
  const json got = json::parse(slurp(d / "summary.json"));
  const json want = json::parse(slurp(src / "docs/examples/small/expected_summary.json"));
  for (const auto& [key, value] : want.items()) {
    ASSERT_TRUE(got.contains(key)) << key;
    if (value.is_number_float()) {
      EXPECT_NEAR(got[key].get<double>(), value.get<double>(), 1e-6 * std::max(1.0, std::abs(value.get<double>()))) << key;
    } else {
      EXPECT_EQ(got[key], value) << key;
    }
  }
  // The written plan passes the validator from the command line too.
  const CmdResult v = run("validate " + (src / "docs/examples/small/scenario.json").string() + " " + (d / "plan.json").string());
  EXPECT_EQ(v.status, 0) << v.out << v.err;
  for (const char* f : {"plan.json", "schedule.csv", "roads.geojson", "hazards.geojson", "settlements.geojson", "report.html"}) {
    EXPECT_TRUE(fs::exists(d / f)) << f;
  }
  fs::remove_all(d);
}

TEST(Cli, MissingFile) {
  const fs::path d = fresh_dir("missing");
  const CmdResult r = run("plan " + (d / "nope.json").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("nope.json: cannot open file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out"));
  fs::remove_all(d);
}

TEST(Cli, MalformedJson) {
  const fs::path d = fresh_dir("malformed");
  std::ofstream(d / "scenario.json") << "{ \"roads\": [1, 2,, }";
  const CmdResult r = run("plan " + (d / "scenario.json").string() + " --out " + (d / "out").string());
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
  expect_rejected("rate", doc, "scenario.json: parameters: rates_m2_per_person_day: manual: clearance: must be a number >= 0");
}

TEST(Cli, NegativeCrewSize) {
  json doc = example();
  doc["crews"][1]["people"] = -10;
  expect_rejected("people", doc, "scenario.json: crews[1]: people must be a whole number >= 1");
}

TEST(Cli, CrewBasedOffTheNetwork) {
  json doc = example();
  // A separate road far east with a village on it, not connected to the hub's roads.
  doc["roads"]["features"].push_back({{"type", "Feature"},
                                      {"geometry", {{"type", "LineString"}, {"coordinates", {{36.2, 49.0}, {36.21, 49.0}}}}},
                                      {"properties", {{"id", 99}, {"class", "track"}, {"speed_kmh", 20}}}});
  doc["settlements"]["features"].push_back({{"type", "Feature"},
                                            {"geometry", {{"type", "Point"}, {"coordinates", {36.2, 49.0}}}},
                                            {"properties", {{"id", "far"}, {"population", 10}}}});
  doc["crews"][0]["base"] = "far";
  expect_rejected("offnet", doc, "scenario.json: crews[0] 'survey-1': base 'far' is off the network");
}

TEST(Cli, SettlementWithNoRoad) {
  json doc = example();
  doc["settlements"]["features"][1]["geometry"]["coordinates"] = {37.5, 49.0};
  expect_rejected("noroad", doc, "scenario.json: settlements[1] 's2': no road within max_snap_m");
}

}  // namespace
