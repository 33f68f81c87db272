// Field reports read from CSV through GDAL: every bad field named with its file and row.
#include "io/field_reports.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gen/district.hpp"
#include "model/error.hpp"

namespace gw::io {
namespace {

namespace fs = std::filesystem;

Scenario small() {
  gen::DistrictOptions o;
  o.scale = 0.05;
  o.seed = 7;
  return gen::generate_district(o);
}

fs::path write_csv(const std::string& name, const std::string& text) {
  fs::path p =
      fs::temp_directory_path() / ("gw_reports_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p) << text;
  return p;
}

std::string error_of(const fs::path& p, const Scenario& s) {
  try {
    (void)read_field_reports(p, s);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(FieldReports, ReadsHazardAndAssetRows) {
  const Scenario s = small();
  const std::string h = s.hazards[0].id, a = s.assets[0].id, c = s.crews[0].id;
  const fs::path p = write_csv(
      "ok.csv",
      "date,hazard,asset,area_cleared_m2,area_cancelled_m2,items_found,quantity_done,crew,"
      "crew_days_lost\n"
      "2027-05-01," +
          h + ",,1200.5,300,4,," + c +
          ",2.5\n"
          "2027-05-02,," +
          a + ",,,,12.5,,\n");
  const auto rows = read_field_reports(p, s);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(*rows[0].hazard, h);
  EXPECT_DOUBLE_EQ(rows[0].area_cleared_m2, 1200.5);
  EXPECT_DOUBLE_EQ(rows[0].area_cancelled_m2, 300);
  EXPECT_EQ(rows[0].items_found, 4);
  EXPECT_EQ(*rows[0].crew, c);
  EXPECT_DOUBLE_EQ(rows[0].crew_days_lost, 2.5);
  EXPECT_DOUBLE_EQ(rows[1].crew_days_lost, 0);
  EXPECT_EQ(*rows[1].asset, a);
  EXPECT_DOUBLE_EQ(rows[1].quantity_done, 12.5);
  fs::remove(p);
}

TEST(FieldReports, NamesTheFileTheRowAndTheField) {
  const Scenario s = small();
  const std::string h = s.hazards[0].id;
  const std::string head = "date,hazard,asset,area_cleared_m2,quantity_done,crew,crew_days_lost\n";
  struct Case {
    std::string row, want;
  };
  const std::vector<Case> cases = {
      {"2027-05-01,nowhere,,10,,,", "FID 1: hazard: unknown hazard 'nowhere'"},
      {"2027-05-01," + h + ",,-5,,,", "FID 1: area_cleared_m2: must be a number >= 0"},
      {"2027-02-30," + h + ",,5,,,", "FID 1: date: must be a date YYYY-MM-DD"},
      {"," + h + ",,5,,,", "FID 1: date: missing"},
      {"2027-05-01,,,5,,,", "FID 1: hazard, asset: names neither"},
      {"2027-05-01," + h + ",,5,3,,", "FID 1: quantity_done: is for asset reports"},
      {"2027-05-01," + h + ",,5,,ghost,", "FID 1: crew: unknown crew 'ghost'"},
      {"2027-05-01," + h + ",,1e12,,,", "FID 1: area_cleared_m2: must be at most"},
      {"2027-05-01," + h + ",,5,,,-1", "FID 1: crew_days_lost: must be a number >= 0"},
      {"2027-05-01," + h + ",,5,,,4000", "FID 1: crew_days_lost: must be at most 3660"},
  };
  for (const Case& c : cases) {
    const fs::path p = write_csv("bad.csv", head + c.row + "\n");
    const std::string m = error_of(p, s);
    EXPECT_NE(m.find("bad.csv"), std::string::npos) << m;
    EXPECT_NE(m.find(c.want), std::string::npos) << c.row << " -> " << m;
    fs::remove(p);
  }
  EXPECT_NE(error_of("/nonexistent/reports.csv", s).find("reports.csv"), std::string::npos);
}

}  // namespace
}  // namespace gw::io
