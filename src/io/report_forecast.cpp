// report.html's forecast section (report_html_internal.hpp): what `groundwork forecast` adds to the
// planned plan's report (docs/uncertainty.md): the ranges of its figures, fan charts of the return
// and access curves over the samples, the district coloured by P90 dates (the pessimistic map),
// the least certain dates and which uncertain inputs move the headline figure most.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/report_html_internal.hpp"

namespace gw::io::report {

namespace {

constexpr const char* kReturnColor = "#17a589";   // as the plan's return chart
constexpr const char* kAccessColor = "#1f4e79";   // as the plan's access chart
constexpr const char* kPlannedColor = "#5d6b7a";  // the plan made as if the district were known

Minutes min_of(const std::optional<double>& d) { return d ? day_to_min(*d) : kNever; }

std::string day_cell(const std::string& d0, const std::optional<double>& d) {
  if (!d) return "<span class=\"muted\">beyond the horizon</span>";
  return day_and_date(d0, d);
}

std::string q_cells(const std::string& d0, const Quantiles& q) {
  return "<td>" + day_cell(d0, q.p10) + "</td><td>" + day_cell(d0, q.p50) + "</td><td>" +
         day_cell(d0, q.p90) + "</td>";
}

std::string figure_cell(const std::optional<double>& v, int decimals) {
  return "<td class=\"n\">" + (v ? num(*v, decimals) : std::string("–")) + "</td>";
}

// The span of a fan chart in days: up to the first day of the grid from which none of its curves
// (planned, P10, P50, P90) changes any more, with a margin, so that a curve that settles in weeks
// is not squeezed against the axis; at least two steps of the grid and at most its last day (the
// horizon).
int fan_span(const std::vector<int>& days, const CurveBand& b) {
  if (days.empty()) return 1;
  int settled = 0;
  for (const std::vector<double>* v : {&b.planned, &b.p10, &b.p50, &b.p90}) {
    if (v->empty()) continue;
    std::size_t i = v->size() - 1;
    while (i > 0 && (*v)[i - 1] == v->back()) --i;
    if (i < days.size()) settled = std::max(settled, days[i]);
  }
  const int last = days.back();
  int span = std::max(2 * kCurveStepDays, static_cast<int>(std::ceil(settled * 1.08)) + 1);
  const double step = nice_step(span, 10);
  span = static_cast<int>(std::ceil(span / step) * step);
  return std::clamp(span, 1, std::max(1, last));
}

std::vector<double> percent(const std::vector<double>& v) {
  std::vector<double> out(v.size());
  std::transform(v.begin(), v.end(), out.begin(), [](double x) { return x * 100; });
  return out;
}

// A fan chart: the samples' P10–P90 band, their P50 and the planned curve, in percent.
std::string fan_chart(const std::string& aria, const std::string& y_label, const ForecastCurves& c,
                      const CurveBand& b, const char* color, const std::string& d0) {
  const int span = fan_span(c.days, b);
  const std::vector<double> x(c.days.begin(), c.days.end());
  const std::vector<Band> bands = {
      {"P10–P90 of the samples", color, x, percent(b.p10), percent(b.p90)}};
  const std::vector<Series> series = {
      {"P50 of the samples", color, percent(b.p50), false, x},
      {"The plan as if the district were known", kPlannedColor, percent(b.planned), true, x}};
  const std::vector<HLine> lines = {{50, "50 %"}, {90, "90 %"}};
  return line_chart(aria, y_label, span, 100, series, {}, lines, d0, bands);
}

// The district at P90: every date at its pessimistic value.
MapDays p90_map(const Scenario& s, const Forecast& f, bool by_return) {
  MapDays m;
  m.edge_open.assign(s.roads.num_edges(), 0);
  for (std::size_t k = 0; k < f.edges.size() && k < f.edge_open_day.size(); ++k) {
    if (f.edges[k].index() < m.edge_open.size())
      m.edge_open[f.edges[k].index()] = min_of(f.edge_open_day[k].p90);
  }
  for (const Quantiles& q : f.hazard_release_day) m.hazard_released.push_back(min_of(q.p90));
  for (const SettlementForecast& sf : f.settlements)
    m.settlement.push_back(min_of(by_return ? sf.return_day.p90 : sf.access_day.p90));
  m.every_settlement = !by_return;
  m.aria = by_return ? "Map of the district at P90: roads, hazards and the return of each "
                       "settlement's people by their P90 days"
                     : "Map of the district at P90: roads, hazards and each settlement's road "
                       "access by their P90 days";
  m.settlement_title =
      by_return ? "Settlements: people start to return (P90)" : "Settlements: road access (P90)";
  m.settlement_what = by_return ? "P90 return from day " : "P90 access from day ";
  m.settlement_never = "beyond the horizon at P90";
  m.never = "beyond the horizon at P90";
  return m;
}

void least_certain_table(std::string& h, const Scenario& s, const Evaluation& ev, const Forecast& f,
                         bool by_return, const std::string& d0) {
  if (f.least_certain.empty()) return;
  const std::string what = by_return ? "return" : "road access";
  h += "<h3>The least certain dates</h3><p class=\"note\">The settlements whose " + what +
       " date has the widest range from P10 to P90 (beyond the horizon at P90 first). The "
       "swatch is the P90 date's colour on the map.</p><table><tr><th>Settlement</th>"
       "<th style=\"text-align:right\">" +
       std::string(by_return ? "Displaced" : "Population") +
       "</th><th>Planned</th><th>P10</th><th>P50</th><th>P90</th>"
       "<th style=\"text-align:right\">P10–P90</th></tr>";
  for (const std::size_t i : f.least_certain) {
    if (i >= s.settlements.size() || i >= f.settlements.size()) continue;
    const Settlement& st = s.settlements[i];
    const Quantiles& q = by_return ? f.settlements[i].return_day : f.settlements[i].access_day;
    const std::vector<Minutes>& planned = by_return ? ev.return_first : ev.settlement_access;
    const Minutes pm = i < planned.size() ? planned[i] : kNever;
    const std::optional<double> pd =
        pm == kNever ? std::nullopt : std::optional<double>(minutes_to_days(pm));
    const std::string width =
        q.p10 && q.p90 ? num(*q.p90 - *q.p10, 1) + " days"
                       : std::string(q.p10 ? "open-ended" : "<span class=\"muted\">–</span>");
    h += "<tr><td><i class=\"swatch\" style=\"display:inline-block;width:10px;height:10px;"
         "margin-right:6px;background:" +
         std::string(day_color(min_of(q.p90))) + "\"></i>" + esc(st.name) +
         " <span class=\"muted\">" + esc(st.id) + "</span></td><td class=\"n\">" +
         num(static_cast<double>(by_return ? st.displaced : st.population)) + "</td><td>" +
         day_cell(d0, pd) + "</td>" + q_cells(d0, q) + "<td class=\"n\">" + width + "</td></tr>";
  }
  h += "</table>";
}

}  // namespace

std::string forecast_section(const Scenario& s, const Evaluation& ev, const Forecast& f,
                             const std::string& d0) {
  const bool by_return = f.headline == "people_days_displaced";
  std::string h =
      "<section id=\"forecast\"><h2>Forecast: how sure are these dates?</h2><p class=\"note\">"
      "The plan's policy executed against " +
      num(static_cast<double>(f.samples)) + " drawn truths of the district (seed " +
      std::to_string(f.seed) +
      "; docs/uncertainty.md): how much land holds ordnance, how dense, how fast each crew "
      "works, the weather, the damage found on site. P10, P50 and P90 are the values 10 %, 50 % "
      "and 90 % of the samples reach; a date beyond the horizon in that share of samples is "
      "shown so. The plan above is made as if the district were known.";
  if (f.invalid_samples > 0) {
    h += " <b>" + num(static_cast<double>(f.invalid_samples)) +
         " executed plans broke the rules (validator)</b>.";
  }
  h += "</p><table class=\"figures\"><tr><th>Measure</th><th style=\"text-align:right\">Planned"
       "</th><th style=\"text-align:right\">P10</th><th style=\"text-align:right\">P50</th>"
       "<th style=\"text-align:right\">P90</th></tr>";
  auto figure = [&](const std::string& label, double planned, const Quantiles& q, int decimals) {
    h += "<tr><td>" + label + "</td><td class=\"n\">" + num(planned, decimals) + "</td>" +
         figure_cell(q.p10, decimals) + figure_cell(q.p50, decimals) +
         figure_cell(q.p90, decimals) + "</tr>";
  };
  if (ev.population_displaced > 0)
    figure("People-days displaced", f.planned_people_days_displaced, f.people_days_displaced, 0);
  figure("People-days without road access", f.planned_people_days_without_access,
         f.people_days_without_access, 0);
  figure("Plan duration (days)", f.planned_makespan_days, f.makespan_days, 1);
  h += "</table>";

  if (!f.curves.returned.planned.empty()) {
    h += "<h3>Return of the displaced</h3><p class=\"note\">Share of the displaced people back "
         "home, every " +
         std::to_string(kCurveStepDays) +
         " days: the band holds the middle 80 % of the samples (P10 to P90), the solid line "
         "their median, the dashed line the plan.</p>";
    h += fan_chart("Fan chart: share of the displaced back home by day", "Displaced back home (%)",
                   f.curves, f.curves.returned, kReturnColor, d0);
  }
  h += "<h3>Population with road access</h3><p class=\"note\">Share of the population with "
       "safe road access, every " +
       std::to_string(kCurveStepDays) +
       " days: the band holds the middle 80 % of the samples (P10 to P90), the solid line their "
       "median, the dashed line the plan.</p>";
  h += fan_chart("Fan chart: share of the population with road access by day",
                 "Population with access (%)", f.curves, f.curves.access, kAccessColor, d0);

  h += "<h3>The district at P90</h3><p class=\"note\">The pessimistic map: roads by the day 90 % "
       "of the samples have opened them, hazards by their P90 release, settlements by their P90 " +
       std::string(by_return ? "return" : "road access") +
       " date. Hover a settlement for its day.</p>";
  h += district_map(s, p90_map(s, f, by_return));
  least_certain_table(h, s, ev, f, by_return, d0);

  if (!f.sensitivity.empty()) {
    h += "<h3>What moves the headline most</h3><p class=\"note\">Spearman's rank correlation over "
         "the samples of each uncertain input with the " +
         std::string(by_return ? "people-days displaced" : "people-days without road access") +
         " and with the plan's duration.</p><table><tr><th>Input</th><th style=\"text-align:"
         "right\">With the headline</th><th style=\"text-align:right\">With the duration</th>"
         "</tr>";
    for (const Sensitivity& x : f.sensitivity) {
      h += "<tr><td>" + esc(x.input) + "</td><td class=\"n\">" + num(x.rho_headline, 2) +
           "</td><td class=\"n\">" + num(x.rho_makespan, 2) + "</td></tr>";
    }
    h += "</table>";
  }
  return h + "</section>\n";
}

}  // namespace gw::io::report
