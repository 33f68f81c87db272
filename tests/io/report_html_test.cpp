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

TEST(ReportHtml, ReturnCurveHomeStackMapMilestonesAndTradeGantt) {
  const auto x = test::make_tiny_plan();
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta());
  // Key figures of the return.
  EXPECT_THAT(html, HasSubstr("Displaced on day 0"));
  EXPECT_THAT(html, HasSubstr("8,000"));   // people-days displaced
  EXPECT_THAT(html, HasSubstr("93.3 %"));  // 560 of 600 back at the end
  // The return curve and the stack of people at home by month (2 months: 3 layers each).
  EXPECT_THAT(html, HasSubstr("aria-label=\"Displaced people back home by day\""));
  EXPECT_THAT(html, HasSubstr("aria-label=\"People at home and displaced by month\""));
  EXPECT_THAT(html, HasSubstr("At home, never left: 900"));  // 1500 − 600
  EXPECT_THAT(html, HasSubstr("Back home: 560"));
  EXPECT_THAT(html, HasSubstr("Still displaced: 40"));
  // The map: roads by opening class (edge 1 opens on day 5.5, edge 2 never), the settlement with
  // its return day, a legend.
  EXPECT_THAT(html, HasSubstr("<svg class=\"map\""));
  EXPECT_THAT(html, HasSubstr("Alpha: 1,000 people, 600 displaced; return from day 10"));
  EXPECT_THAT(html, HasSubstr("nobody displaced</title>"));
  EXPECT_THAT(html, HasSubstr("<b>Roads open</b>"));
  EXPECT_THAT(html, HasSubstr("stroke-dasharray=\"4 3\""));  // a road never opened
  // Milestones.
  EXPECT_THAT(html, HasSubstr("<td>BR1</td><td>bridge</td><td>2027-04-05</td><td>2027-04-06</td>"
                              "<td class=\"n\"><b>1.5</b></td>"));
  // One button per trade with crews, and the housing task in the Gantt data with its activity.
  EXPECT_THAT(html, HasSubstr("<button type=\"button\" data-trade=\"0\">survey</button>"));
  EXPECT_THAT(html, HasSubstr("<button type=\"button\" data-trade=\"5\">bridge</button>"));
  EXPECT_THAT(html, Not(HasSubstr(">manual</button>")));
  EXPECT_THAT(html, HasSubstr("\"house_light\""));
  EXPECT_THAT(html, Not(HasSubstr("http")));
}

TEST(ReportHtml, NobodyDisplaced) {
  auto x = test::make_tiny_plan();
  x.s.settlements[0].displaced = 0;
  x.ev.population_displaced = 0;
  x.ev.returned_by_day.assign(61, 0);
  const std::string html = io::report_html(x.s, x.t, x.p, x.ev, meta());
  EXPECT_THAT(html, HasSubstr("Nobody is displaced on day 0 in this scenario."));
  EXPECT_THAT(html, Not(HasSubstr("Displaced on day 0")));
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
