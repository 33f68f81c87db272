#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/outputs.hpp"
#include "tiny_plan.hpp"

namespace gw {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

io::OutputMeta meta() { return {"nearest", "Tiny district", 1.25}; }

TEST(ReportHtml, SelfContainedWithFigures) {
  const auto x = test::make_tiny_plan();
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta());
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("Tiny district"));
  EXPECT_THAT(html, HasSubstr("nearest"));
  EXPECT_THAT(html, HasSubstr("1,500"));       // population
  EXPECT_THAT(html, HasSubstr("35,500"));      // people-days without access
  EXPECT_THAT(html, HasSubstr("2027-04-01"));  // start date
  EXPECT_THAT(html, HasSubstr("2027-04-06"));  // day 5.5: 50 % with access, and the end
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("<canvas"));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("OpenStreetMap")));
  // Names are escaped.
  EXPECT_THAT(html, Not(HasSubstr("Beta \"upper\"<")));
}

TEST(ReportHtml, OsmCreditOnlyWhenRoadsComeFromOsm) {
  const auto x = test::make_tiny_plan();
  auto m = meta();
  m.roads_from_osm = true;
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, m);
  EXPECT_THAT(html, HasSubstr("© OpenStreetMap contributors"));
}

TEST(ReportHtml, ScriptDataCannotCloseTheScriptElement) {
  auto x = test::make_tiny_plan();
  x.s.hazards[0].id = "</script><b>";
  x.s.crews[0].id = "<C1>";
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta());
  EXPECT_THAT(html, Not(HasSubstr("</script><b>")));
}

}  // namespace
}  // namespace gw
