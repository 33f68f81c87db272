// A forecast's ranges in the planned plan's outputs (docs/uncertainty.md, "Outputs"): report.html's
// forecast section (fan charts, the district at P90, the least certain dates), plan.gpkg's
// settlement fields and forecast.json's curves, from a hand-made forecast of tiny_plan.hpp's plan.
#include <gdal_priv.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "io/forecast_output.hpp"
#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "model/forecast.hpp"
#include "temp_dir.hpp"
#include "tiny_plan.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// 20 samples of the tiny plan (horizon 60 days): S1's people return between days 8 and 14.5,
// S2 (nobody displaced) has access from day 6 to beyond the horizon.
Forecast tiny_forecast() {
  Forecast f;
  f.samples = 20;
  f.seed = 7;
  f.headline = "people_days_displaced";
  f.people_days_displaced = {7000, 8000, 9500};
  f.people_days_without_access = {33000, 35500, std::nullopt};
  f.makespan_days = {7.5, 8, 9.25};
  f.planned_people_days_displaced = 8000;
  f.planned_people_days_without_access = 35500;
  f.planned_makespan_days = 8;
  f.settlements.resize(2);
  f.settlements[0].return_day = {8, 10, 14.5};
  f.settlements[0].access_day = {5, 5.5, 6};
  f.settlements[1].access_day = {6, 7, std::nullopt};
  f.hazard_release_day = {{3, 4, 5}};
  f.asset_done_day = {{5, 5.5, 6}};
  f.asset_works_day = {{5, 5.5, 6}};
  f.edges = {EdgeId(1), EdgeId(2)};
  f.edge_open_day = {{5, 5.5, 6}, {}};
  f.sensitivity = {{"hazard effort (area-weighted work factor)", 0.81, 0.42}};
  f.least_certain = {0};
  ForecastCurves& c = f.curves;
  c.days = {0, 7, 14, 21, 28, 35, 42, 49, 56, 60};
  for (std::size_t i = 0; i < c.days.size(); ++i) {
    const int d = c.days[i];
    c.returned.planned.push_back(d >= 10 ? 0.9333 : 0);
    c.returned.p10.push_back(d >= 14 ? 0.5 : 0);
    c.returned.p50.push_back(d >= 14 ? 0.9 : (d >= 7 ? 0.25 : 0));
    c.returned.p90.push_back(d >= 7 ? 0.95 : 0);
    c.access.planned.push_back(d >= 6 ? 2.0 / 3 : 0);
    c.access.p10.push_back(d >= 7 ? 0.6 : 0);
    c.access.p50.push_back(d >= 7 ? 2.0 / 3 : 0);
    c.access.p90.push_back(d >= 7 ? 1.0 : 0);
  }
  return f;
}

io::OutputMeta meta_with(const Forecast* f) {
  io::OutputMeta m{"impact", "Tiny district", 0.5};
  m.forecast = f;
  return m;
}

TEST(ForecastOutputs, ReportHasFanChartsTheP90MapAndTheLeastCertainDates) {
  const auto x = test::make_tiny_plan();
  const Forecast f = tiny_forecast();
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta_with(&f));
  EXPECT_THAT(html, HasSubstr("<section id=\"forecast\">"));
  EXPECT_THAT(html, HasSubstr("forecast over 20 samples"));
  // The figures' ranges: people-days without access at P90 beyond the horizon shows "–".
  EXPECT_THAT(html, HasSubstr("<tr><td>People-days displaced</td><td class=\"n\">8,000</td>"
                              "<td class=\"n\">7,000</td><td class=\"n\">8,000</td>"
                              "<td class=\"n\">9,500</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"n\">35,500</td><td class=\"n\">–</td></tr>"));
  // Two fan charts, each a P10–P90 band (a filled polygon), a P50 line and the planned line.
  EXPECT_THAT(html, HasSubstr("aria-label=\"Fan chart: share of the displaced back home by day\""));
  EXPECT_THAT(html, HasSubstr("aria-label=\"Fan chart: share of the population with road access by "
                              "day\""));
  EXPECT_THAT(html, HasSubstr("<polygon fill=\"#17a589\" fill-opacity=\"0.22\""));
  EXPECT_THAT(html, HasSubstr("<polygon fill=\"#1f4e79\" fill-opacity=\"0.22\""));
  EXPECT_THAT(html, HasSubstr("P10–P90 of the samples"));
  EXPECT_THAT(html, HasSubstr("P50 of the samples"));
  EXPECT_THAT(html, HasSubstr("The plan as if the district were known"));
  // The district at P90: S1 by its P90 return day, the unopened road beyond the horizon.
  EXPECT_THAT(html, HasSubstr("Alpha: 1,000 people, 600 displaced; P90 return from day 14.5"));
  EXPECT_THAT(html, HasSubstr("beyond the horizon at P90"));
  // The least certain dates: S1's return, 14.5 − 8 days wide, its swatch in the 0–30 days colour.
  EXPECT_THAT(html, HasSubstr("The least certain dates"));
  EXPECT_THAT(html, HasSubstr("background:#1a9850\"></i>Alpha"));
  EXPECT_THAT(html, HasSubstr("<td class=\"n\">6.5 days</td>"));
  EXPECT_THAT(html, HasSubstr("hazard effort (area-weighted work factor)</td><td class=\"n\">"
                              "0.81</td>"));
  // Still self-contained.
  EXPECT_THAT(html, Not(HasSubstr("http")));
}

TEST(ForecastOutputs, WithoutAForecastTheReportHasNoForecastSection) {
  const auto x = test::make_tiny_plan();
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta_with(nullptr));
  EXPECT_THAT(html, Not(HasSubstr("id=\"forecast\"")));
  EXPECT_THAT(html, Not(HasSubstr("Fan chart")));
  EXPECT_THAT(html, Not(HasSubstr("<polygon")));
}

TEST(ForecastOutputs, NobodyDisplacedGivesOnlyTheAccessFanAndAccessDates) {
  auto x = test::make_tiny_plan();
  x.s.settlements[0].displaced = 0;
  x.ev.population_displaced = 0;
  x.ev.returned_by_day.assign(61, 0);
  Forecast f = tiny_forecast();
  f.headline = "people_days_without_access";
  f.settlements[0].return_day = {};
  f.curves.returned = {};
  f.least_certain = {1, 0};
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta_with(&f));
  EXPECT_THAT(html, Not(HasSubstr("Fan chart: share of the displaced")));
  EXPECT_THAT(html, HasSubstr("Fan chart: share of the population with road access by day"));
  // Every settlement by its P90 access day, beyond the horizon too.
  EXPECT_THAT(html, HasSubstr("Alpha: 1,000 people; P90 access from day 6.0</title>"));
  EXPECT_THAT(html, HasSubstr("people; beyond the horizon at P90</title>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"n\">open-ended</td>"));  // S2: P90 beyond the horizon

  const nlohmann::json j = io::forecast_json(x.s, f, {});
  EXPECT_TRUE(j["curves"]["return"].is_null());
  EXPECT_EQ(j["curves"]["access"]["p90"].size(), f.curves.days.size());
  ASSERT_EQ(j["least_certain"].size(), 2U);
  EXPECT_EQ(j["least_certain"][0]["id"], "S2");
  EXPECT_EQ(j["least_certain"][0]["date"], "access_day");
}

TEST(ForecastOutputs, ForecastJsonCarriesTheCurves) {
  const auto x = test::make_tiny_plan();
  const Forecast f = tiny_forecast();
  const nlohmann::json j = io::forecast_json(x.s, f, {});
  const nlohmann::json& c = j["curves"];
  EXPECT_EQ(c["days"], nlohmann::json(f.curves.days));
  for (const char* k : {"planned", "p10", "p50", "p90"}) {
    EXPECT_EQ(c["return"][k].size(), f.curves.days.size()) << k;
    EXPECT_EQ(c["access"][k].size(), f.curves.days.size()) << k;
  }
  EXPECT_DOUBLE_EQ(c["return"]["p50"][1].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(c["access"]["planned"][1].get<double>(), 0.6667);  // four decimals
  ASSERT_EQ(j["least_certain"].size(), 1U);
  EXPECT_EQ(j["least_certain"][0]["id"], "S1");
  EXPECT_EQ(j["least_certain"][0]["range"]["p90"], 14.5);
}

double field(OGRFeature& f, const char* name, bool* null) {
  const int i = f.GetFieldIndex(name);
  EXPECT_GE(i, 0) << name;
  *null = i < 0 || !f.IsFieldSetAndNotNull(i);
  return *null ? 0 : f.GetFieldAsDouble(i);
}

TEST(ForecastOutputs, PlanGpkgSettlementsCarryTheRanges) {
  const auto x = test::make_tiny_plan();
  const Forecast f = tiny_forecast();
  test::TempDir dir;
  const fs::path with = dir.path / "with.gpkg";
  const fs::path without = dir.path / "without.gpkg";
  io::write_plan_gpkg_file(with, x.s, x.t, x.p, x.ev, &f);
  io::write_plan_gpkg_file(without, x.s, x.t, x.p, x.ev);

  GDALDatasetUniquePtr ds(GDALDataset::Open(with.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetLayerCount(), static_cast<int>(io::kPlanGpkgLayers.size()));
  OGRLayer* st = ds->GetLayerByName("settlements");
  ASSERT_NE(st, nullptr);
  ASSERT_EQ(st->GetFeatureCount(), 2);
  int seen = 0;
  for (auto& ft : *st) {
    bool null = false;
    const std::string id = ft->GetFieldAsString("id");
    if (id == "S1") {
      ++seen;
      EXPECT_DOUBLE_EQ(field(*ft, "return_p10", &null), 8);
      EXPECT_DOUBLE_EQ(field(*ft, "return_p50", &null), 10);
      EXPECT_DOUBLE_EQ(field(*ft, "return_p90", &null), 14.5);
      EXPECT_DOUBLE_EQ(field(*ft, "access_p10", &null), 5);
      EXPECT_DOUBLE_EQ(field(*ft, "access_p50", &null), 5.5);
      EXPECT_DOUBLE_EQ(field(*ft, "access_p90", &null), 6);
      EXPECT_FALSE(null);
      EXPECT_DOUBLE_EQ(ft->GetFieldAsDouble("return_day"), 10);  // the planned date stays
    } else {
      ++seen;
      field(*ft, "return_p50", &null);
      EXPECT_TRUE(null) << "nobody displaced: no return date";
      EXPECT_DOUBLE_EQ(field(*ft, "access_p50", &null), 7);
      field(*ft, "access_p90", &null);
      EXPECT_TRUE(null) << "beyond the horizon";
    }
  }
  EXPECT_EQ(seen, 2);

  GDALDatasetUniquePtr plain(GDALDataset::Open(without.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(plain);
  OGRFeatureDefn* defn = plain->GetLayerByName("settlements")->GetLayerDefn();
  EXPECT_LT(defn->GetFieldIndex("return_p90"), 0);
  EXPECT_GE(defn->GetFieldIndex("return_day"), 0);
}

}  // namespace
}  // namespace gw
