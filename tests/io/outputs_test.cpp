#include "io/outputs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/plan_reader.hpp"
#include "model/error.hpp"
#include "temp_dir.hpp"
#include "tiny_plan.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

using test::TempDir;

io::OutputMeta meta() { return {"nearest", "Tiny district", 1.25}; }

TEST(Dates, IsoDateTimesFromStartDate) {
  EXPECT_EQ(io::iso_datetime("2027-04-01", 0), "2027-04-01T00:00");
  EXPECT_EQ(io::iso_datetime("2027-04-01", 1440 + 61), "2027-04-02T01:01");
  EXPECT_EQ(io::iso_datetime("2027-12-31", 1440 * 2 - 1), "2028-01-01T23:59");
  EXPECT_EQ(io::iso_date("2028-02-28", 1440), "2028-02-29");  // leap year
  EXPECT_EQ(io::day_or_null(kNever), json(nullptr));
  EXPECT_DOUBLE_EQ(io::day_or_null(720).get<double>(), 0.5);
  EXPECT_THROW(io::iso_date("2027-13-01", 0), Error);
  EXPECT_THROW(io::iso_date("April", 0), Error);
}

TEST(PlanJson, HasDefinitionsAssignmentsAndDays) {
  const auto x = test::make_tiny_plan();
  const json j = io::plan_json(x.s, x.t, x.p);
  EXPECT_EQ(j["rule"], "nearest");
  ASSERT_EQ(j["tasks"].size(), 5U);
  EXPECT_EQ(j["version"], 2);
  const json& t0 = j["tasks"][0];
  EXPECT_EQ(t0["id"], 0);
  EXPECT_EQ(t0["kind"], "survey");
  EXPECT_EQ(t0["hazard"], "HZ1");
  EXPECT_TRUE(t0["asset"].is_null());
  EXPECT_TRUE(t0["corridor_edge"].is_null());
  EXPECT_EQ(t0["site_edge"], 1);
  EXPECT_EQ(t0["crew"], "C1");
  EXPECT_EQ(t0["start"], 15);
  EXPECT_EQ(t0["end"], 1455);
  EXPECT_EQ(t0["travel_min"], 15);
  EXPECT_EQ(t0["from_node"], 0);
  EXPECT_EQ(t0["entry_node"], 1);
  EXPECT_DOUBLE_EQ(t0["end_day"].get<double>(), 1.01);
  EXPECT_EQ(j["tasks"][1]["corridor_edge"], 1);
  EXPECT_TRUE(j["tasks"][2]["crew"].is_null());
  EXPECT_EQ(j["tasks"][3]["asset"], "BR1");
  EXPECT_EQ(j["tasks"][3]["unit"], "m");
  EXPECT_EQ(j["tasks"][3]["activity"], "deck");
  EXPECT_EQ(j["tasks"][3]["step"], 2);
  EXPECT_TRUE(j["tasks"][3]["dwellings"].is_null());
  EXPECT_TRUE(j["tasks"][3]["settlement"].is_null());
  EXPECT_TRUE(t0["activity"].is_null());
  EXPECT_TRUE(t0["step"].is_null());
  const json& t4 = j["tasks"][4];
  EXPECT_EQ(t4["kind"], "housing");
  EXPECT_EQ(t4["settlement"], "S1");
  EXPECT_TRUE(t4["asset"].is_null());
  EXPECT_TRUE(t4["hazard"].is_null());
  EXPECT_EQ(t4["activity"], "house_light");
  EXPECT_EQ(t4["step"], 0);
  EXPECT_EQ(t4["dwellings"], 20);
  EXPECT_EQ(t4["unit"], "dwelling");
}

TEST(PlanJson, RoundTripsThroughReader) {
  const auto x = test::make_tiny_plan();
  TempDir dir;
  io::write_outputs(dir.path, x.s, x.t, x.p, x.ev, meta());
  const auto [tasks, plan] = io::read_plan_json(dir.path / "plan.json", x.s);
  ASSERT_EQ(tasks.size(), x.t.tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    SCOPED_TRACE(i);
    const Task& a = tasks[i];
    const Task& b = x.t.tasks[i];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.hazard, b.hazard);
    EXPECT_EQ(a.asset, b.asset);
    EXPECT_EQ(a.corridor_edge, b.corridor_edge);
    EXPECT_EQ(a.package, b.package);
    EXPECT_EQ(a.work, b.work);  // exact
    EXPECT_EQ(a.terrain, b.terrain);
    EXPECT_EQ(a.site_edge, b.site_edge);
    EXPECT_EQ(a.site, b.site);  // exact, not rounded
    EXPECT_EQ(a.activity, b.activity);
    EXPECT_EQ(a.step, b.step);
    EXPECT_EQ(a.settlement, b.settlement);
    EXPECT_EQ(a.dwellings, b.dwellings);
  }
  EXPECT_EQ(plan.rule, "nearest");
  ASSERT_EQ(plan.assignments.size(), x.p.assignments.size());
  for (std::size_t i = 0; i < plan.assignments.size(); ++i) {
    SCOPED_TRACE(i);
    const Assignment& a = plan.assignments[i];
    const Assignment& b = x.p.assignments[i];
    EXPECT_EQ(a.task, b.task);
    EXPECT_EQ(a.crew, b.crew);
    EXPECT_EQ(a.depart, b.depart);
    EXPECT_EQ(a.start, b.start);
    EXPECT_EQ(a.end, b.end);
    EXPECT_EQ(a.from_node, b.from_node);
    EXPECT_EQ(a.entry_node, b.entry_node);
    EXPECT_EQ(a.travel_min, b.travel_min);
  }
}

TEST(SummaryJson, KeysAndValues) {
  const auto x = test::make_tiny_plan();
  const json j = io::summary_json(x.s, x.t, x.p, x.ev, meta());
  for (const char* key : {"people_days_without_access",
                          "population_total",
                          "days_to_access_50",
                          "days_to_access_90",
                          "days_to_access_100",
                          "hectares_cancelled",
                          "hectares_released",
                          "makespan_days",
                          "tasks",
                          "crews",
                          "rule",
                          "people_days_without_power",
                          "people_days_without_comms",
                          "people_days_without_clinic",
                          "people_days_without_school",
                          "hectares_cancelled_by_month",
                          "hectares_released_by_month",
                          "crew_utilisation",
                          "settlements",
                          "hazards",
                          "assets",
                          "edges",
                          "seconds"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["rule"], "nearest");
  EXPECT_EQ(j["scenario"], "Tiny district");
  EXPECT_EQ(j["population_total"], 1500);
  EXPECT_DOUBLE_EQ(j["people_days_without_access"].get<double>(), 35500);
  EXPECT_DOUBLE_EQ(j["days_to_access_50"].get<double>(), 5.5);
  EXPECT_TRUE(j["days_to_access_90"].is_null());
  EXPECT_TRUE(j["days_to_access_100"].is_null());
  EXPECT_DOUBLE_EQ(j["people_days_without_power"].get<double>(), 40000);
  EXPECT_DOUBLE_EQ(j["people_days_without_clinic"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(j["hectares_released"].get<double>(), 0.400025);
  EXPECT_EQ(j["hectares_released_by_month"].size(), 2U);
  EXPECT_DOUBLE_EQ(j["makespan_days"].get<double>(), 8);
  EXPECT_EQ(j["end_date"], "2027-04-09");
  EXPECT_EQ(j["tasks"], 5);
  EXPECT_EQ(j["tasks_assigned"], 4);
  EXPECT_EQ(j["tasks_by_kind"]["clearance"], 2);
  EXPECT_EQ(j["tasks_by_kind"]["housing"], 1);
  EXPECT_EQ(j["crews"], 2);
  EXPECT_EQ(j["settlements"], 2);
  EXPECT_EQ(j["hazards"], 1);
  EXPECT_EQ(j["assets"], 1);
  EXPECT_EQ(j["edges"], 3);
  EXPECT_DOUBLE_EQ(j["seconds"].get<double>(), 1.25);
  const json& u = j["crew_utilisation"];
  EXPECT_NEAR(u["working"].get<double>() + u["travelling"].get<double>() + u["idle"].get<double>(),
              1.0, 1e-3);
  // 2 crews over 8 days = 23,040 min; working (4305 + 6480) / 23040.
  EXPECT_NEAR(u["working"].get<double>(), 10785.0 / 23040.0, 1e-4);
  ASSERT_TRUE(u["by_trade"].contains("survey"));
  ASSERT_TRUE(u["by_trade"].contains("bridge"));
  EXPECT_FALSE(u["by_trade"].contains("manual"));
  EXPECT_EQ(u["by_trade"]["bridge"]["crews"], 1);
  EXPECT_NEAR(u["by_trade"]["bridge"]["working"].get<double>(), 6480.0 / 11520.0, 1e-4);
}

TEST(SummaryJson, ReturnMilestonesAndObjectiveComponents) {
  const auto x = test::make_tiny_plan();
  const json j = io::summary_json(x.s, x.t, x.p, x.ev, meta());
  EXPECT_EQ(j["population_displaced"], 600);
  EXPECT_DOUBLE_EQ(j["people_days_displaced"].get<double>(), 8000);
  EXPECT_DOUBLE_EQ(j["days_to_return_50"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(j["days_to_return_90"].get<double>(), 10);
  EXPECT_TRUE(j["days_to_return_100"].is_null());
  EXPECT_EQ(j["dwellings_damaged"], 36);
  EXPECT_EQ(j["dwellings_repaired"], 20);
  // Month ends: days 30 and 60 of the 61-day curves.
  EXPECT_EQ(j["returned_by_month"], json::array({560.0, 560.0}));
  for (const char* sv : {"power", "comms", "clinic", "school", "water", "heat", "gas"}) {
    EXPECT_TRUE(j.contains(std::string("people_days_without_") + sv)) << sv;
  }
  ASSERT_EQ(j["milestones"].size(), 1U);
  const json& m = j["milestones"][0];
  EXPECT_EQ(m["asset"], "BR1");
  EXPECT_EQ(m["kind"], "bridge");
  EXPECT_EQ(m["due_date"], "2027-04-05");
  EXPECT_EQ(m["planned_date"], "2027-04-06");
  EXPECT_DOUBLE_EQ(m["planned_day"].get<double>(), 5.5);
  EXPECT_DOUBLE_EQ(m["lateness_days"].get<double>(), 1.5);
  const json& c = j["objective"]["components"];
  EXPECT_DOUBLE_EQ(c["people_days_displaced"].get<double>(), 8000);
  EXPECT_DOUBLE_EQ(c["weighted_people_days_displaced"].get<double>(), 8000);
  EXPECT_DOUBLE_EQ(c["milestone_days_late"].get<double>(), 1.5);
  EXPECT_TRUE(c.contains("weighted_people_days_without_gas"));
  EXPECT_DOUBLE_EQ(j["objective"]["weights"]["milestone_day"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(j["objective"]["weights"]["return_people_day"].get<double>(), 1);

  // A milestone never done: no planned date and no lateness.
  auto y = test::make_tiny_plan();
  y.ev.milestones[0].done = kNever;
  y.ev.milestones[0].lateness_days.reset();
  const json n = io::summary_json(y.s, y.t, y.p, y.ev, meta())["milestones"][0];
  EXPECT_TRUE(n["planned_date"].is_null());
  EXPECT_TRUE(n["lateness_days"].is_null());
}

TEST(ScheduleCsv, HeaderAndRows) {
  const auto x = test::make_tiny_plan();
  const auto lines = lines_of(io::schedule_csv(x.s, x.t, x.p));
  ASSERT_EQ(lines.size(), 5U);  // header + 4 assignments
  EXPECT_EQ(lines[0],
            "task,kind,hazard,asset,settlement,crew,trade,depart_day,start_day,end_day,depart_at,"
            "start_at,end_at,travel_min,work,unit,activity");
  EXPECT_EQ(lines[1],
            "0,survey,HZ1,,,C1,survey,0.000,0.010,1.010,2027-04-01T00:00,2027-04-01T00:15,"
            "2027-04-02T00:15,15,31900.00,m2,");
  EXPECT_EQ(lines[2],
            "1,clearance,HZ1,,,C1,survey,1.010,1.010,3.000,2027-04-02T00:15,2027-04-02T00:15,"
            "2027-04-04T00:00,0,4000.25,m2,");
  EXPECT_EQ(lines[3],
            "3,repair,,BR1,,C2,bridge,0.000,3.000,5.500,2027-04-01T00:00,2027-04-04T00:00,"
            "2027-04-06T12:00,12,12.00,m,deck");
  EXPECT_EQ(lines[4],
            "4,housing,,,S1,C2,bridge,5.500,6.000,8.000,2027-04-06T12:00,2027-04-07T00:00,"
            "2027-04-09T00:00,30,20.00,dwelling,house_light");
}

TEST(ScheduleCsv, QuotesFieldsWithCommas) {
  auto x = test::make_tiny_plan();
  x.s.crews[0].id = "C,1";
  const auto lines = lines_of(io::schedule_csv(x.s, x.t, x.p));
  EXPECT_THAT(lines[1], HasSubstr(",\"C,1\",survey,"));
}

void expect_position(const json& c) {
  ASSERT_TRUE(c.is_array());
  ASSERT_EQ(c.size(), 2U);
  EXPECT_TRUE(c[0].is_number());
  EXPECT_TRUE(c[1].is_number());
  EXPECT_GE(c[0].get<double>(), -180);
  EXPECT_LE(c[0].get<double>(), 180);
  EXPECT_GE(c[1].get<double>(), -90);
  EXPECT_LE(c[1].get<double>(), 90);
}

TEST(GeoJson, Roads) {
  const auto x = test::make_tiny_plan();
  const json j = io::roads_geojson(x.s, x.ev);
  EXPECT_EQ(j["type"], "FeatureCollection");
  ASSERT_EQ(j["features"].size(), 3U);
  const json& f0 = j["features"][0];
  EXPECT_EQ(f0["type"], "Feature");
  EXPECT_EQ(f0["geometry"]["type"], "LineString");
  ASSERT_EQ(f0["geometry"]["coordinates"].size(), 3U);
  for (const json& c : f0["geometry"]["coordinates"]) expect_position(c);
  EXPECT_EQ(j["features"][1]["geometry"]["coordinates"].size(), 2U);
  EXPECT_EQ(f0["properties"]["edge"], 0);
  EXPECT_EQ(f0["properties"]["class"], "primary");
  EXPECT_EQ(f0["properties"]["open_day"], 0);
  EXPECT_EQ(f0["properties"]["blocked"], false);
  EXPECT_EQ(j["features"][1]["properties"]["bridge"], true);
  EXPECT_DOUBLE_EQ(j["features"][1]["properties"]["open_day"].get<double>(), 5.5);
  EXPECT_EQ(j["features"][1]["properties"]["blocked"], true);
  EXPECT_TRUE(j["features"][2]["properties"]["open_day"].is_null());
  EXPECT_EQ(j["features"][2]["properties"]["blocked"], true);
}

TEST(GeoJson, HazardsAreClosedCounterclockwisePolygons) {
  const auto x = test::make_tiny_plan();
  const json j = io::hazards_geojson(x.s, x.ev);
  ASSERT_EQ(j["features"].size(), 1U);
  const json& f = j["features"][0];
  EXPECT_EQ(f["geometry"]["type"], "Polygon");
  const json& ring = f["geometry"]["coordinates"][0];
  ASSERT_EQ(ring.size(), 5U);
  EXPECT_EQ(ring.front(), ring.back());
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    expect_position(ring[i]);
    twice_area += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                  ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  }
  EXPECT_GT(twice_area, 0);  // counterclockwise (RFC 7946 §3.1.6)
  EXPECT_EQ(f["properties"]["id"], "HZ1");
  EXPECT_EQ(f["properties"]["status"], "suspected");
  EXPECT_EQ(f["properties"]["terrain"], "verge");
  EXPECT_EQ(f["properties"]["land_use"], "transport");
  EXPECT_DOUBLE_EQ(f["properties"]["area_m2"].get<double>(), 31900);
  EXPECT_TRUE(f["properties"]["cancelled_day"].is_null());
  EXPECT_TRUE(f["properties"]["cleared_day"].is_null());
}

TEST(GeoJson, SettlementsWithAccessAndServiceDays) {
  const auto x = test::make_tiny_plan();
  const json j = io::settlements_geojson(x.s, x.ev);
  ASSERT_EQ(j["features"].size(), 2U);
  const json& a = j["features"][0];
  EXPECT_EQ(a["geometry"]["type"], "Point");
  expect_position(a["geometry"]["coordinates"]);
  EXPECT_EQ(a["properties"]["name"], "Alpha");
  EXPECT_EQ(a["properties"]["population"], 1000);
  EXPECT_DOUBLE_EQ(a["properties"]["access_day"].get<double>(), 5.5);
  EXPECT_DOUBLE_EQ(a["properties"]["power_day"].get<double>(), 10);
  EXPECT_EQ(a["properties"]["school_day"], 0);
  const json& b = j["features"][1];
  EXPECT_TRUE(b["properties"]["access_day"].is_null());
  EXPECT_TRUE(b["properties"]["power_day"].is_null());
  // Return and dwellings.
  const json& ap = a["properties"];
  EXPECT_EQ(ap["population_displaced"], 600);
  EXPECT_EQ(ap["dwellings"], 400);
  EXPECT_EQ(ap["dwellings_damaged"], 36);
  EXPECT_EQ(ap["dwellings_light"], 20);
  EXPECT_EQ(ap["dwellings_heavy"], 10);
  EXPECT_EQ(ap["dwellings_destroyed"], 6);
  EXPECT_EQ(ap["heating"], "network");
  EXPECT_DOUBLE_EQ(ap["return_day"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(ap["ready_day"].get<double>(), 10);
  EXPECT_TRUE(ap["returned_day_100"].is_null());
  EXPECT_EQ(ap["residential_released_day"], 0);
  for (const char* sv : {"water_day", "heat_day", "gas_day", "comms_day", "clinic_day"}) {
    EXPECT_EQ(ap[sv], 0) << sv;
  }
  EXPECT_EQ(b["properties"]["population_displaced"], 0);
  EXPECT_TRUE(b["properties"]["return_day"].is_null());
}

TEST(GeoJson, CoordinatesRoundedToSevenDecimals) {
  auto x = test::make_tiny_plan();
  x.s.settlements[0].pos = {30.123456789, 50.987654321};
  const json j = io::settlements_geojson(x.s, x.ev);
  EXPECT_EQ(j["features"][0]["geometry"]["coordinates"].dump(), "[30.1234568,50.9876543]");
}

TEST(GeoJson, MismatchedEvaluationIsAnInternalError) {
  auto x = test::make_tiny_plan();
  x.ev.edge_open.pop_back();
  try {
    (void)io::roads_geojson(x.s, x.ev);
    FAIL() << "expected gw::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInternal);
    EXPECT_THAT(e.what(), HasSubstr("edge_open"));
  }
}

TEST(WriteOutputs, WritesEveryFileAndNoTemporaries) {
  const auto x = test::make_tiny_plan();
  TempDir dir;
  const fs::path out = dir.path / "nested" / "out";  // created if missing
  io::write_outputs(out, x.s, x.t, x.p, x.ev, meta());
  for (std::string_view f : io::kOutputFiles) {
    EXPECT_TRUE(fs::is_regular_file(out / std::string(f))) << f;
    EXPECT_GT(fs::file_size(out / std::string(f)), 0U) << f;
  }
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    ++n;
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
  }
  EXPECT_EQ(n, io::kOutputFiles.size());
  // Every JSON file parses; the large layers are one feature per line.
  for (const char* f :
       {"plan.json", "summary.json", "roads.geojson", "hazards.geojson", "settlements.geojson"}) {
    EXPECT_TRUE(json::accept(slurp(out / f))) << f;
  }
  EXPECT_EQ(lines_of(slurp(out / "roads.geojson")).size(), 2U + 1U + 3U + 2U);
  EXPECT_EQ(json::parse(slurp(out / "summary.json"))["rule"], "nearest");
}

TEST(WriteOutputs, DirectoryUnderARegularFileFailsAndCreatesNothing) {
  const auto x = test::make_tiny_plan();
  TempDir dir;
  const fs::path file = dir.path / "a_file";
  std::ofstream(file) << "x";
  try {
    io::write_outputs(file / "out", x.s, x.t, x.p, x.ev, meta());
    FAIL() << "expected gw::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_THAT(e.what(), HasSubstr("a_file"));
  }
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++n;
  EXPECT_EQ(n, 1U);
  EXPECT_TRUE(fs::is_regular_file(file));
}

TEST(WriteOutputs, AFailedFileLeavesNoPartialOutput) {
  const auto x = test::make_tiny_plan();
  TempDir dir;
  // A directory where the temporary of report.html (the last file) would go makes its write fail
  // after the six other files were written to their temporaries.
  fs::create_directories(dir.path / "report.html.tmp");
  EXPECT_THROW(io::write_outputs(dir.path, x.s, x.t, x.p, x.ev, meta()), Error);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(left, ::testing::ElementsAre("report.html.tmp"));
}

TEST(WriteOutputs, AnInvalidEvaluationWritesNothing) {
  auto x = test::make_tiny_plan();
  x.ev.hazard_cleared.clear();
  TempDir dir;
  const fs::path out = dir.path / "out";
  EXPECT_THROW(io::write_outputs(out, x.s, x.t, x.p, x.ev, meta()), Error);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace gw
