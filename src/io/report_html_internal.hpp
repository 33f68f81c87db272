// Private to report.html's sources (report_html.cpp, report_charts.cpp, report_map.cpp): the
// inline SVG charts, the district map and the formatting helpers they share. Not a public API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evaluation.hpp"
#include "model/forecast.hpp"
#include "model/scenario.hpp"
#include "model/types.hpp"

namespace gw::io::report {

// HTML-escaped text.
std::string esc(std::string_view s);
// 1234567.8 -> "1,234,568" (a real minus sign for negative values).
std::string num(double v, int decimals = 0);
std::string pct(double share);  // 0.123 -> "12.3 %"
Minutes day_to_min(double d);
// "day 12 (2027-04-13)", or "not reached".
std::string day_and_date(const std::string& d0, std::optional<double> d);
// A round step (1, 2, 2.5, 5 × 10^k) that cuts `range` into about `target` parts.
double nice_step(double range, int target);

struct Series {
  std::string label;
  std::string color;
  std::vector<double> y;  // one value per day from day 0, or one per day of `x`
  bool dashed = false;
  std::vector<double> x{};  // the day of each value of y; empty: 0, 1, 2, ...
};
// A shaded range between two curves (a fan chart's P10–P90), drawn under the series.
struct Band {
  std::string label;
  std::string color;
  std::vector<double> x, lo, hi;  // the day of each point, the lower and the upper value
};
struct Mark {  // a vertical marker at a day
  double day;
  std::string label;
};
struct HLine {  // a horizontal reference line
  double y;
  std::string label;
};

// A line chart of daily values from day 0 to `x_max_days`, with the dates under the day ticks,
// and shaded `bands` under the series.
std::string line_chart(const std::string& aria, const std::string& y_label, int x_max_days,
                       double y_max, const std::vector<Series>& series,
                       const std::vector<Mark>& marks, const std::vector<HLine>& hlines,
                       const std::string& d0, const std::vector<Band>& bands = {});

// One layer of a stacked bar chart: a value per bar.
struct Stack {
  std::string label;
  std::string color;
  std::vector<double> y;
};
// Stacked bars, one per month end (`days`: the day of each bar), the first layer at the bottom.
std::string stacked_bars(const std::string& aria, const std::string& y_label,
                         const std::vector<std::size_t>& days, const std::vector<Stack>& layers,
                         const std::string& d0);

// Population without something per day, from per-settlement times in minutes.
std::vector<double> population_without_by_day(const Scenario& s, const std::vector<Minutes>& when,
                                              int days);

// The district as an inline SVG map: roads coloured by the day they open, hazards by the day they
// are released, settlements by the day their displaced people start to return (sized by
// population), hubs; with its legend as HTML.
std::string district_map(const Scenario& s, const Evaluation& ev);

// What a district map colours: per edge, per hazard and per settlement a time in minutes (kNever:
// never or beyond the horizon; an edge at 0 is open from day 0), and the words for them.
struct MapDays {
  std::vector<Minutes> edge_open, hazard_released, settlement;
  // Settlements coloured by `settlement` even when nobody there is displaced (an access date).
  bool every_settlement = false;
  std::string aria;              // the map's description for screen readers
  std::string settlement_title;  // legend title of the settlements' colours
  std::string settlement_what;   // the tooltip's words before the day ("return from day ")
  std::string settlement_never;  // the tooltip's words for kNever
  std::string never;             // the legend's words for kNever
};
std::string district_map(const Scenario& s, const MapDays& m);
// The map's colour of a day (kNever: never), for tables that match the map.
const char* day_color(Minutes m);

// report.html's forecast section (`groundwork forecast`): the figures' ranges, fan charts of the
// return and access curves, the district coloured by P90 dates, the least certain dates and the
// sensitivity.
std::string forecast_section(const Scenario& s, const Evaluation& ev, const Forecast& f,
                             const std::string& d0);

}  // namespace gw::io::report
