// plan.gpkg's layers of issue 14 (docs/qgis.md): the settlements' return dates, the projects layer
// and the table of people back by month, from the hand-made plan of tiny_plan.hpp; and the people
// back per settlement (ReturnCurves) against the rule of docs/model.md §7, heating season
// included.
#include <gdal_priv.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "temp_dir.hpp"
#include "tiny_plan.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

std::string date_of(OGRFeature& f, const char* field) {
  const int i = f.GetFieldIndex(field);
  EXPECT_GE(i, 0) << field;
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return "null";
  int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
  float sec = 0;
  f.GetFieldAsDateTime(i, &y, &m, &d, &h, &mi, &sec, &tz);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, m, d, h, mi);
  return buf;
}

TEST(PlanGpkgReturn, SettlementsProjectsAndReturnsByMonth) {
  const auto x = test::make_tiny_plan();
  TempDir dir;
  const fs::path file = dir.path / "plan.gpkg";
  io::write_plan_gpkg_file(file, x.s, x.t, x.p, x.ev);
  GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetLayerCount(), static_cast<int>(io::kPlanGpkgLayers.size()));
  for (std::size_t i = 0; i < io::kPlanGpkgLayers.size(); ++i)
    EXPECT_EQ(ds->GetLayer(static_cast<int>(i))->GetName(), io::kPlanGpkgLayers[i]);

  OGRLayer* st = ds->GetLayerByName("settlements");
  ASSERT_EQ(st->GetFeatureCount(), 2);
  for (auto& f : *st) {
    if (std::string(f->GetFieldAsString("id")) != "S1") {
      EXPECT_EQ(date_of(*f, "return_at"), "null");
      continue;
    }
    EXPECT_EQ(f->GetFieldAsInteger64("population_displaced"), 600);
    EXPECT_EQ(f->GetFieldAsInteger64("dwellings_damaged"), 36);
    EXPECT_EQ(date_of(*f, "return_at"), "2027-04-11T00:00");
    EXPECT_EQ(date_of(*f, "ready_at"), "2027-04-11T00:00");
    EXPECT_EQ(date_of(*f, "returned_all_at"), "null");
    EXPECT_EQ(date_of(*f, "residential_released_at"), "2027-04-01T00:00");
    EXPECT_EQ(date_of(*f, "power_at"), "2027-04-11T00:00");
    EXPECT_EQ(date_of(*f, "gas_at"), "2027-04-01T00:00");
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("return_day"), 10);
  }

  OGRLayer* pr = ds->GetLayerByName("projects");
  ASSERT_EQ(pr->GetFeatureCount(), 2);  // the bridge and S1's housing
  for (auto& f : *pr) {
    const std::string kind = f->GetFieldAsString("kind");
    if (kind == "bridge") {
      EXPECT_STREQ(f->GetFieldAsString("asset"), "BR1");
      EXPECT_EQ(f->GetFieldAsInteger("steps"), 1);
      EXPECT_EQ(f->GetFieldAsInteger("packages"), 1);
      EXPECT_EQ(date_of(*f, "start_at"), "2027-04-04T00:00");
      EXPECT_EQ(date_of(*f, "end_at"), "2027-04-06T12:00");
      EXPECT_EQ(date_of(*f, "due_date"), "2027-04-05T00:00");
      EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("lateness_days"), 1.5);
      EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbPoint);
    } else {
      EXPECT_EQ(kind, "housing");
      EXPECT_STREQ(f->GetFieldAsString("settlement"), "S1");
      EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("quantity"), 36);
      EXPECT_STREQ(f->GetFieldAsString("unit"), "dwelling");
      EXPECT_EQ(date_of(*f, "start_at"), "2027-04-07T00:00");
      EXPECT_EQ(date_of(*f, "end_at"), "2027-04-09T00:00");
      EXPECT_EQ(date_of(*f, "due_date"), "null");
    }
  }

  OGRLayer* rb = ds->GetLayerByName("returned_by_month");
  EXPECT_EQ(rb->GetGeomType(), wkbNone);
  ASSERT_EQ(rb->GetFeatureCount(), 2);  // S1 at days 30 and 60; S2 displaced nobody
  std::map<int, double> back;
  for (auto& f : *rb) {
    EXPECT_STREQ(f->GetFieldAsString("settlement"), "S1");
    back[f->GetFieldAsInteger("month_end_day")] = f->GetFieldAsDouble("people_back");
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("still_away"), 600 - f->GetFieldAsDouble("people_back"));
  }
  EXPECT_EQ(back, (std::map<int, double>{{30, 560}, {60, 560}}));

  OGRLayer* tasks = ds->GetLayerByName("tasks");
  OGRFeatureUniquePtr housing(tasks->GetFeature(5));  // FIDs start at 1
  ASSERT_TRUE(housing);
  EXPECT_STREQ(housing->GetFieldAsString("kind"), "housing");
  EXPECT_STREQ(housing->GetFieldAsString("settlement"), "S1");
  EXPECT_STREQ(housing->GetFieldAsString("activity"), "house_light");
  EXPECT_EQ(housing->GetFieldAsInteger64("dwellings"), 20);
}

// The people of S1 back over time (docs/model.md §7) in cases that move each term of the rule.
TEST(ReturnCurves, FollowTheRuleOfTheModel) {
  auto x = test::make_tiny_plan();
  const Minutes day = kMinutesPerDay;
  auto back = [&](Minutes m) {
    return io::detail::ReturnCurves(x.s, x.t, x.ev, 400).returned(0, m);
  };
  // Ready on day 10 (power): 364 habitable dwellings and 20 more from day 8 hold 960 people,
  // 400 never left: 560 of the 600 back.
  EXPECT_EQ(back(10 * day - 1), 0);
  EXPECT_EQ(back(10 * day), 560);
  EXPECT_EQ(back(300 * day), 560);
  // The housing package ends after the settlement is ready: 510 first, 560 from its end.
  x.ev.task_end[4] = 20 * day;
  EXPECT_EQ(back(15 * day), 510);
  EXPECT_EQ(back(20 * day), 560);
  // A housing task that never ends adds nothing.
  x.ev.task_end[4] = kNever;
  EXPECT_EQ(back(300 * day), 510);
  x.ev.task_end[4] = 8 * day;
  // Room for everyone: all 600 back.
  x.s.settlements[0].damaged_dwellings = {0, 0, 0};
  EXPECT_EQ(back(10 * day), 600);
  // Residential land released late, then never.
  x.ev.residential_released[0] = 30 * day;
  EXPECT_EQ(back(29 * day), 0);
  EXPECT_EQ(back(30 * day), 600);
  x.ev.residential_released[0] = kNever;
  EXPECT_EQ(back(300 * day), 0);
  x.ev.residential_released[0] = 0;
  // Water late.
  x.ev.service_restored[static_cast<std::size_t>(Service::kWater)][0] = 40 * day;
  EXPECT_EQ(back(39 * day), 0);
  EXPECT_EQ(back(40 * day), 600);
  x.ev.service_restored[static_cast<std::size_t>(Service::kWater)][0] = 0;
  // Heat on day 300. The heating season (default 15 October to 14 April) holds days 0 to 13
  // (2027-04-01 to 04-14) and starts again on day 197 (2027-10-15). Ready from day 10 but in the
  // season without heat: people come back on day 14, when it ends, and stay through the winter.
  // Not ready before the next season (power on day 200): nobody comes back until heat on day
  // 300, though the season has not ended then.
  x.ev.service_restored[static_cast<std::size_t>(Service::kHeat)][0] = 300 * day;
  EXPECT_EQ(back(10 * day), 0);
  EXPECT_EQ(back(14 * day - 1), 0);
  EXPECT_EQ(back(14 * day), 600);
  EXPECT_EQ(back(250 * day), 600);
  x.ev.service_restored[static_cast<std::size_t>(Service::kPower)][0] = 200 * day;
  EXPECT_EQ(back(199 * day), 0);
  EXPECT_EQ(back(250 * day), 0);
  EXPECT_EQ(back(300 * day), 600);
  // Electric heating: heat is power (day 200), so they come back on day 200 in the season.
  x.s.settlements[0].heating = Heating::kElectric;
  EXPECT_EQ(back(200 * day), 600);
  // Power before the season but heat never: back on day 150, and they stay.
  x.s.settlements[0].heating = Heating::kNetwork;
  x.ev.service_restored[static_cast<std::size_t>(Service::kPower)][0] = 150 * day;
  x.ev.service_restored[static_cast<std::size_t>(Service::kHeat)][0] = kNever;
  EXPECT_EQ(back(150 * day), 600);
  EXPECT_EQ(back(399 * day), 600);
  // The settlement nobody left: always 0.
  EXPECT_EQ(io::detail::ReturnCurves(x.s, x.t, x.ev, 400).returned(1, 300 * day), 0);
  // Month ends of a 61-day curve and of a 91-day one.
  EXPECT_EQ(io::detail::month_end_days(61), (std::vector<std::size_t>{30, 60}));
  EXPECT_EQ(io::detail::month_end_days(75), (std::vector<std::size_t>{30, 60, 74}));
  EXPECT_TRUE(io::detail::month_end_days(1).empty());
}

}  // namespace
}  // namespace gw
