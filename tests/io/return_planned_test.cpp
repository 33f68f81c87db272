// The writers of issue 14 on a plan the planner made: the small example with people displaced,
// damaged dwellings, a residential hazard and a heat supply chain. The per-settlement returns the
// writers compute for plan.gpkg (ReturnCurves) must sum to the planner's curve; plan.json must read
// back with its housing and repair steps; every output must be written.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/plan_reader.hpp"
#include "io/scenario_json.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json example_with_returns() {
  std::ifstream in(fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json");
  json doc = json::parse(in);
  auto& st = doc["settlements"]["features"];
  st[0]["properties"].update({{"displaced", 500},
                              {"dwellings_light", 40},
                              {"dwellings_heavy", 12},
                              {"dwellings_destroyed", 6}});
  st[1]["properties"].update({{"displaced", 200}, {"heating", "electric"}});
  doc["hazards"]["features"][0]["properties"].update(
      {{"land_use", "residential"}, {"settlement", "s1"}});
  auto point = [](double lon, double lat, json props) {
    return json{{"type", "Feature"},
                {"geometry", {{"type", "Point"}, {"coordinates", {lon, lat}}}},
                {"properties", std::move(props)}};
  };
  auto& dm = doc["damage"]["features"];
  dm.push_back(point(36.01, 49.0, {{"id", "gas1"}, {"kind", "substation"}, {"site_m2", 150}}));
  dm.push_back(point(36.012, 49.0,
                     {{"id", "boil1"},
                      {"kind", "boiler_house"},
                      {"floor_m2", 200},
                      {"serves", {"s1"}},
                      {"depends_on", "gas1"},
                      {"due_date", "2027-06-01"}}));
  dm.push_back(point(36.012, 49.001,
                     {{"id", "pump1"},
                      {"kind", "pumping_station"},
                      {"site_m2", 120},
                      {"serves", {"s1", "s2"}},
                      {"depends_on", json::array({"gas1"})}}));
  doc["crews"].push_back(
      {{"id", "general-2"}, {"trade", "general"}, {"people", 25}, {"base", "h1"}});
  doc["parameters"]["horizon_days"] = 730;
  return doc;
}

TEST(ReturnPlanned, WritersAgreeWithThePlannersCurve) {
  Scenario s = io::scenario_from_json(example_with_returns(), "scenario.json");
  ASSERT_EQ(s.params.objective.kind, ObjectiveKind::kReturn);  // the default with people displaced
  plan::link_scenario(s, "scenario.json");
  const plan::PlanResult r = plan::plan_linked(s, {});
  const Evaluation& ev = r.evaluation;
  ASSERT_EQ(ev.population_displaced, 700);
  ASSERT_GT(ev.returned_by_day.size(), 700U);

  // Σ over settlements of the writers' people back = the planner's curve, every day.
  const io::detail::ReturnCurves curves(s, r.tasks, ev, ev.returned_by_day.size());
  std::size_t housing = 0;
  for (const Task& t : r.tasks.tasks) housing += t.kind == TaskKind::kHousing;
  EXPECT_GT(housing, 0U);
  double last = 0;
  for (std::size_t d = 0; d < ev.returned_by_day.size(); ++d) {
    double sum = 0;
    for (std::size_t i = 0; i < s.settlements.size(); ++i)
      sum += curves.returned(i, static_cast<Minutes>(d) * kMinutesPerDay);
    ASSERT_NEAR(sum, ev.returned_by_day[d], 1e-6) << "day " << d;
    last = sum;
  }
  EXPECT_GT(last, 0) << "someone comes back within the horizon";

  // Every output, plan.gpkg included, written; plan.json read back task for task.
  const fs::path dir =
      fs::temp_directory_path() / ("gw_return_planned_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  io::write_outputs(dir, s, r.tasks, r.plan, ev, {"impact", "returns", 0},
                    {io::plan_gpkg_output(s, r.tasks, r.plan, ev)});
  const auto [tasks, plan] = io::read_plan_json(dir / "plan.json", s);
  ASSERT_EQ(tasks.size(), r.tasks.tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tasks[i].kind, r.tasks.tasks[i].kind);
    EXPECT_EQ(tasks[i].asset, r.tasks.tasks[i].asset);
    EXPECT_EQ(tasks[i].settlement, r.tasks.tasks[i].settlement);
    EXPECT_EQ(tasks[i].work, r.tasks.tasks[i].work);
    if (tasks[i].kind == TaskKind::kRepair || tasks[i].kind == TaskKind::kHousing) {
      EXPECT_EQ(tasks[i].activity, r.tasks.tasks[i].activity);
      EXPECT_EQ(tasks[i].step, r.tasks.tasks[i].step);
      EXPECT_EQ(tasks[i].dwellings, r.tasks.tasks[i].dwellings);
    }
  }
  EXPECT_EQ(plan.assignments.size(), r.plan.assignments.size());
  std::ifstream sj(dir / "summary.json");
  const json summary = json::parse(sj);
  EXPECT_EQ(summary["population_displaced"], 700);
  EXPECT_EQ(summary["milestones"].size(), 1U);
  EXPECT_EQ(summary["objective"]["kind"], "return");
  GDALDatasetUniquePtr ds(
      GDALDataset::Open((dir / "plan.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  // One project per asset and one for s1's housing.
  EXPECT_EQ(ds->GetLayerByName("projects")->GetFeatureCount(),
            static_cast<GIntBig>(s.assets.size() + 1));
  EXPECT_GT(ds->GetLayerByName("returned_by_month")->GetFeatureCount(), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gw
