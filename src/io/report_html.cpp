// report.html: one self-contained page. Key figures and tables are rendered here as HTML; the
// curves as inline SVG drawn here; the crew Gantt chart (thousands of bars) is drawn by a small
// inline script into a <canvas> from a compact embedded JSON array. No network access at all.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/report_html_assets.hpp"
#include "model/evaluation.hpp"

namespace gw::io {

using nlohmann::json;
using namespace detail;

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v, int decimals = 0) { return grouped(v, decimals, "−"); }

std::string pct(double share) { return num(share * 100, 1) + " %"; }

Minutes day_to_min(double d) { return static_cast<Minutes>(std::llround(d * kMinutesPerDay)); }

std::string day_and_date(const std::string& d0, std::optional<double> d) {
  if (!d) return "<span class=\"muted\">not reached</span>";
  return "day " + num(*d, *d == std::floor(*d) ? 0 : 1) + " <span class=\"muted\">(" +
         iso_date(d0, day_to_min(*d)) + ")</span>";
}

double nice_step(double range, int target) {
  if (range <= 0) return 1;
  const double raw = range / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * mag) return m * mag;
  }
  return 10 * mag;
}

// -------------------------------------------------------------------------------------------
// Inline SVG line charts

struct Series {
  std::string label;
  std::string color;
  std::vector<double> y;  // one value per day from day 0
  bool dashed = false;
};

struct Mark {  // a vertical marker at a day
  double day;
  std::string label;
};

struct HLine {
  double y;
  std::string label;
};

std::string fmt_tick(double v, double step) {
  if (step >= 1 || v == 0) return num(v, 0);
  return num(v, step >= 0.1 ? 1 : 2);
}

std::string line_chart(const std::string& aria, const std::string& y_label, int x_max_days,
                       double y_max, const std::vector<Series>& series,
                       const std::vector<Mark>& marks, const std::vector<HLine>& hlines,
                       const std::string& d0) {
  const double W = 1000, H = 330, L = 78, R = 44, T = 16, B = 58;
  const double pw = W - L - R, ph = H - T - B;
  if (y_max <= 0) y_max = 1;
  const double ystep = nice_step(y_max, 6);
  y_max = std::ceil(y_max / ystep - 1e-9) * ystep;
  const double xmax = std::max(1, x_max_days);
  auto X = [&](double d) { return L + d / xmax * pw; };
  auto Y = [&](double v) { return T + ph - v / y_max * ph; };
  char buf[256];
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 1000 330\" role=\"img\" aria-label=\"" +
                  esc(aria) + "\">";
  // Grid and y axis.
  for (double v = 0; v <= y_max + 1e-9; v += ystep) {
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                  L, L + pw, Y(v), Y(v), L - 8, Y(v) + 4);
    s += buf + fmt_tick(v, ystep) + "</text>";
  }
  // x axis: days, with the date of each tick below.
  const double xstep = nice_step(xmax, 10);
  for (double d = 0; d <= xmax + 1e-9; d += xstep) {
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                  X(d), X(d), T, T + ph, X(d), T + ph + 16);
    s += buf + num(d) + "</text>";
    std::snprintf(buf, sizeof buf,
                  "<text class=\"tick date\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", X(d),
                  T + ph + 30);
    s += buf + iso_date(d0, day_to_min(d)) + "</text>";
  }
  std::snprintf(buf, sizeof buf,
                "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
                L, L + pw, T + ph, T + ph, L, L, T, T + ph);
  s += buf;
  std::snprintf(buf, sizeof buf,
                "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", L + pw / 2,
                H - 6);
  s += std::string(buf) + "Days from the start of the plan (date below)</text>";
  std::snprintf(buf, sizeof buf,
                "<text class=\"label\" transform=\"translate(16 %.1f) rotate(-90)\" "
                "text-anchor=\"middle\">",
                T + ph / 2);
  s += buf + esc(y_label) + "</text>";
  // Horizontal reference lines.
  for (const HLine& h : hlines) {
    if (h.y > y_max) continue;
    std::snprintf(buf, sizeof buf,
                  "<line class=\"ref\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"reflabel\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                  L, L + pw, Y(h.y), Y(h.y), L + pw - 4, Y(h.y) - 4);
    s += buf + esc(h.label) + "</text>";
  }
  // Series.
  for (const Series& se : series) {
    std::string pts;
    const std::size_t n = std::min<std::size_t>(se.y.size(), static_cast<std::size_t>(xmax) + 1);
    for (std::size_t d = 0; d < n; ++d) {
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", X(static_cast<double>(d)),
                    Y(std::clamp(se.y[d], 0.0, y_max)));
      pts += buf;
    }
    s += "<polyline fill=\"none\" stroke=\"" + se.color + "\" stroke-width=\"2.2\"" +
         (se.dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + pts + "\"/>";
  }
  // Vertical markers.
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    if (m.day > xmax) continue;
    std::snprintf(buf, sizeof buf,
                  "<line class=\"mark\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"marklabel\" x=\"%.1f\" y=\"%.1f\">",
                  X(m.day), X(m.day), T, T + ph, X(m.day) + 4,
                  T + ph - 8 - 14 * static_cast<double>(marks.size() - 1 - i));
    s += buf + esc(m.label) + "</text>";
  }
  s += "</svg>";
  // Legend.
  s += "<div class=\"legend\">";
  for (const Series& se : series) {
    s += "<span><i style=\"background:" + se.color + "\"></i>" + esc(se.label) + "</span>";
  }
  s += "</div>";
  return s;
}

// Population with (or without) something per day, from per-settlement times in minutes.
std::vector<double> population_without_by_day(const Scenario& s, const std::vector<Minutes>& when,
                                              int days) {
  std::vector<double> gained(static_cast<std::size_t>(days) + 2, 0);
  double total = 0;
  for (std::size_t i = 0; i < s.settlements.size() && i < when.size(); ++i) {
    const auto pop = static_cast<double>(s.settlements[i].population);
    total += pop;
    if (when[i] == kNever) continue;
    // Has it at day d when when[i] <= d * 1440.
    const Minutes d = (when[i] + kMinutesPerDay - 1) / kMinutesPerDay;
    if (d <= days) gained[static_cast<std::size_t>(d)] += pop;
  }
  std::vector<double> out(static_cast<std::size_t>(days) + 1);
  double have = 0;
  for (std::size_t d = 0; d < out.size(); ++d) {
    have += gained[d];
    out[d] = total - have;
  }
  return out;
}

// -------------------------------------------------------------------------------------------
// The page

constexpr std::array<const char*, kTaskKindCount> kKindColors = {
    "#e0a31b", "#c0392b", "#7d3c98", "#e67e9f", "#2471a3", "#27ae60"};
constexpr std::array<const char*, kServiceCount> kServiceColors = {
    "#1f4e79", "#e67e22", "#16a085", "#c0392b", "#8e44ad", "#2e86c1", "#d35400", "#7f8c8d"};

// JSON safe to embed in a <script> element: '<', '>' and '&' only occur inside JSON strings, where
// their \u escapes are equivalent.
std::string script_json(const json& j) {
  const std::string raw = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string row(const std::string& k, const std::string& v, const std::string& note = "") {
  return "<tr><td>" + k + "</td><td class=\"n\">" + v + "</td><td class=\"muted\">" + note +
         "</td></tr>";
}

}  // namespace

std::string report_html(const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                        const OutputMeta& meta) {
  check_size(ev.crew_use.size(), s.crews.size(), "evaluation.crew_use");
  check_size(ev.edge_open.size(), s.roads.num_edges(), "evaluation.edge_open");
  check_size(ev.settlement_access.size(), s.settlements.size(), "evaluation.settlement_access");
  check_size(ev.hazard_cleared.size(), s.hazards.size(), "evaluation.hazard_cleared");
  const std::string& d0 = s.params.start_date;
  const std::string rule = meta.rule.empty() ? p.rule : meta.rule;
  const std::string title = meta.scenario_name.empty() ? "Plan report" : meta.scenario_name;
  const int horizon = std::max(1, s.params.horizon_days);
  const auto pop_total = static_cast<double>(ev.population_total);

  // Days shown on the curves: the plan's span with a margin, within the horizon.
  double last_event = ev.makespan_days;
  if (ev.days_to_access_100) last_event = std::max(last_event, *ev.days_to_access_100);
  int x_days = static_cast<int>(std::ceil(std::max(last_event, 1.0) * 1.08)) + 1;
  x_days = std::clamp(x_days, std::min(10, horizon), horizon);
  const double x_step = nice_step(x_days, 10);
  x_days = std::min(horizon, static_cast<int>(std::ceil(x_days / x_step) * x_step));

  // Access at the end of the plan.
  double pop_with_access = 0;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    if (ev.settlement_access[i] != kNever) {
      pop_with_access += static_cast<double>(s.settlements[i].population);
    }
  }
  std::size_t edges_opened = 0, edges_never = 0, edges_blocked = 0;
  for (Minutes m : ev.edge_open) {
    if (m != 0) ++edges_blocked;
    if (m == kNever)
      ++edges_never;
    else if (m > 0)
      ++edges_opened;
  }
  std::size_t hazards_done = 0;
  for (Minutes m : ev.hazard_cleared) hazards_done += m != kNever;
  std::array<std::size_t, kTaskKindCount> kind_count{};
  for (const Task& task : t.tasks) ++kind_count[static_cast<std::size_t>(task.kind)];
  const CrewUse& u = ev.crew_use_total;
  const auto use_total = static_cast<double>(u.working + u.travelling + u.idle);
  auto share = [](Minutes m, double total) {
    return total > 0 ? static_cast<double>(m) / total : 0.0;
  };

  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
       esc(title) + " — groundwork plan report</title>\n<style>" + report_assets::kStyle +
       "</style>\n</head>\n<body>\n";
  h += "<header class=\"top\"><div class=\"kicker\">groundwork · demining and reconstruction "
       "plan</div>"
       "<h1>" +
       esc(title) + "</h1><div class=\"meta\">Rule <b>" + esc(rule) + "</b> · Day 0 = <b>" +
       esc(d0) + "</b> · Horizon " + num(horizon) + " days · " +
       num(static_cast<double>(t.tasks.size())) + " tasks, " +
       num(static_cast<double>(s.crews.size())) + " crews · planned in " + num(meta.seconds, 2) +
       " s</div></header>\n<main>\n";

  // Key figures as cards.
  auto kpi = [&](const std::string& k, const std::string& v, const std::string& sub) {
    h += "<div class=\"kpi\"><div class=\"k\">" + k + "</div><div class=\"v\">" + v +
         "</div><div class=\"s\">" + sub + "</div></div>";
  };
  h += "<div class=\"kpis\">";
  kpi("Population", num(pop_total),
      num(static_cast<double>(s.settlements.size())) + " settlements");
  kpi("With road access at the end", pop_total > 0 ? pct(pop_with_access / pop_total) : "–",
      num(pop_with_access) + " people");
  kpi("90 % with access",
      ev.days_to_access_90 ? "day " + num(*ev.days_to_access_90, 1) : "not reached",
      ev.days_to_access_90 ? iso_date(d0, day_to_min(*ev.days_to_access_90)) : "within the plan");
  kpi("People-days without access", num(ev.people_days_without_access),
      meta.lower_bound_people_days
          ? "at most " +
                num(gap_percent(ev.people_days_without_access, *meta.lower_bound_people_days), 1) +
                " % above the best possible"
          : "until access, or day " + num(horizon));
  kpi("Land released", num(ev.hectares_released, 1) + " ha",
      num(ev.hectares_cancelled, 1) + " ha cancelled by survey");
  kpi("Plan duration", num(ev.makespan_days, 1) + " days",
      "ends " + iso_date(d0, day_to_min(ev.makespan_days)));
  h += "</div>\n";

  // Key figures table and crew utilisation side by side.
  h += "<div class=\"cols\"><section><h2>Key figures</h2><p class=\"note\">Measures as defined in "
       "the planning model (docs/model.md §7). Days count from day 0 = " +
       esc(d0) +
       ".</p><table class=\"figures\">"
       "<tr><th>Measure</th><th style=\"text-align:right\">Value</th><th>Note</th></tr>";
  h += "<tr class=\"group\"><td colspan=\"3\">Access</td></tr>";
  h += row("Population", num(pop_total),
           num(static_cast<double>(s.settlements.size())) + " settlements");
  h += row("People-days without road access", num(ev.people_days_without_access),
           "never-connected people count until day " + num(horizon));
  if (meta.lower_bound_people_days) {
    h += row("Lower bound (no valid plan does better)", num(*meta.lower_bound_people_days),
             "gap " +
                 num(gap_percent(ev.people_days_without_access, *meta.lower_bound_people_days), 1) +
                 " % of this plan's value");
  }
  if (meta.baseline_people_days) {
    const double base = *meta.baseline_people_days;
    const double diff = base > 0 ? 100.0 * (base - ev.people_days_without_access) / base : 0.0;
    h += row("Best dispatch rule (baseline)", num(base),
             diff >= 0 ? "this plan: " + num(diff, 1) + " % fewer"
                       : "this plan: " + num(-diff, 1) + " % more");
  }
  if (s.params.objective.kind != ObjectiveKind::kAccess) {
    const std::string kind(name(s.params.objective.kind));
    h += row("Objective (" + kind + ")", num(ev.objective, 1),
             meta.lower_bound_objective
                 ? "lower bound " + num(*meta.lower_bound_objective, 1) + ", gap " +
                       num(gap_percent(ev.objective, *meta.lower_bound_objective), 1) + " %"
                 : "no valid lower bound computed");
    if (meta.baseline_objective) {
      h += row("Best dispatch rule by the objective", num(*meta.baseline_objective, 1));
    }
  }
  h += row("50 % of people with access", day_and_date(d0, ev.days_to_access_50));
  h += row("90 % of people with access", day_and_date(d0, ev.days_to_access_90));
  h += row("100 % of people with access", day_and_date(d0, ev.days_to_access_100));
  h += "<tr class=\"group\"><td colspan=\"3\">Services</td></tr>";
  for (Service sv : kRestorableServices) {
    h += row("People-days without " + std::string(name(sv)),
             num(ev.people_days_without_service[static_cast<std::size_t>(sv)]));
  }
  h += "<tr class=\"group\"><td colspan=\"3\">Land</td></tr>";
  h += row("Cancelled by non-technical survey", num(ev.hectares_cancelled, 2) + " ha");
  h += row("Cleared", num(ev.hectares_released - ev.hectares_cancelled, 2) + " ha");
  h += row("Released (cancelled + cleared)", num(ev.hectares_released, 2) + " ha");
  h += row("Hazards fully released", num(static_cast<double>(hazards_done)) + " of " +
                                         num(static_cast<double>(s.hazards.size())));
  h += "<tr class=\"group\"><td colspan=\"3\">Roads and work</td></tr>";
  h += row("Road edges blocked at the start",
           num(static_cast<double>(edges_blocked)) + " of " +
               num(static_cast<double>(s.roads.num_edges())),
           num(static_cast<double>(edges_opened)) + " opened by the plan, " +
               num(static_cast<double>(edges_never)) + " never");
  h += row("Plan duration (makespan)", "day " + num(ev.makespan_days, 1),
           iso_date(d0, day_to_min(ev.makespan_days)));
  std::string kinds;
  for (std::size_t k = 0; k < kTaskKindCount; ++k) {
    if (kind_count[k] == 0) continue;
    if (!kinds.empty()) kinds += ", ";
    kinds += num(static_cast<double>(kind_count[k])) + " " + std::string(kTaskKindNames[k]);
  }
  h += row(
      "Tasks", num(static_cast<double>(t.tasks.size())),
      kinds + (p.assignments.size() < t.tasks.size()
                   ? " · <b>" + num(static_cast<double>(t.tasks.size() - p.assignments.size())) +
                         " unassigned</b>"
                   : ""));
  h += row("Assets to repair", num(static_cast<double>(s.assets.size())));
  h += "</table></section>\n";

  h += "<section><h2>Crew utilisation</h2><p class=\"note\">Share of each crew's time from day 0 "
       "to the end of the plan: working, travelling between sites, "
       "idle.</p><table><tr><th>Trade</th>"
       "<th style=\"text-align:right\">Crews</th><th style=\"text-align:right\">Tasks</th>"
       "<th>Working · travelling · idle</th><th style=\"text-align:right\">Working</th></tr>";
  const auto [by_trade, crews_of] = crew_use_by_trade(s, ev);
  auto use_row = [&](const std::string& label, const CrewUse& cu, std::size_t crews, bool bold) {
    const auto tot = static_cast<double>(cu.working + cu.travelling + cu.idle);
    char bar[320];
    std::snprintf(
        bar, sizeof bar,
        "<div class=\"bar\" title=\"working %.1f %%, travelling %.1f %%, idle %.1f %%\">"
        "<span class=\"w\" style=\"width:%.2f%%\"></span><span class=\"t\" "
        "style=\"width:%.2f%%\"></span><span class=\"i\" style=\"width:%.2f%%\"></span></div>",
        100 * share(cu.working, tot), 100 * share(cu.travelling, tot), 100 * share(cu.idle, tot),
        100 * share(cu.working, tot), 100 * share(cu.travelling, tot), 100 * share(cu.idle, tot));
    const std::string b0 = bold ? "<b>" : "", b1 = bold ? "</b>" : "";
    h += "<tr><td>" + b0 + label + b1 + "</td><td class=\"n\">" + num(static_cast<double>(crews)) +
         "</td><td class=\"n\">" + num(static_cast<double>(cu.tasks)) + "</td><td>" + bar +
         "</td><td class=\"n\">" + b0 + pct(share(cu.working, tot)) + b1 + "</td></tr>";
  };
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (crews_of[tr] > 0) use_row(std::string(kTradeNames[tr]), by_trade[tr], crews_of[tr], false);
  }
  use_row("All crews", u, s.crews.size(), true);
  h += "</table><div class=\"legend\" style=\"margin-left:0\"><span><i class=\"w\"></i>working " +
       pct(share(u.working, use_total)) + "</span><span><i class=\"t\"></i>travelling " +
       pct(share(u.travelling, use_total)) + "</span><span><i class=\"i\"></i>idle " +
       pct(share(u.idle, use_total)) + "</span></div></section></div>\n";

  // Accessibility curve.
  {
    std::vector<double> with(ev.access_by_day.begin(), ev.access_by_day.end());
    std::vector<Mark> marks;
    const std::array<std::pair<const std::optional<double>*, const char*>, 3> levels = {
        {{&ev.days_to_access_50, "50 %"},
         {&ev.days_to_access_90, "90 %"},
         {&ev.days_to_access_100, "100 %"}}};
    for (const auto& [d, label] : levels) {
      if (*d) marks.push_back({**d, std::string(label) + " · day " + num(**d, 1)});
    }
    std::vector<HLine> hl;
    if (pop_total > 0) {
      hl = {{pop_total * 0.5, "50 %"},
            {pop_total * 0.9, "90 %"},
            {pop_total, "100 % · " + num(pop_total)}};
    }
    h += "<section id=\"access\"><h2>Population with road access</h2><p class=\"note\">People in "
         "settlements "
         "connected by open roads to a district centre or exit, by day. Dashed red lines: the days "
         "50 %, 90 % and 100 % of the population have access.</p>";
    h += line_chart("Population with road access by day", "People with access", x_days, pop_total,
                    {{"Population with access", kServiceColors[0], with, false}}, marks, hl, d0);
    h += "</section>\n";
  }
  // Land.
  {
    double ymax = 0;
    for (double v : ev.released_ha_by_day) ymax = std::max(ymax, v);
    for (double v : ev.cancelled_ha_by_day) ymax = std::max(ymax, v);
    h += "<section><h2>Land cancelled and released</h2><p class=\"note\">Cumulative hectares: "
         "cancelled by non-technical survey, and released in total (cancelled + cleared).</p>";
    h += line_chart("Hectares cancelled and released by day", "Hectares (cumulative)", x_days, ymax,
                    {{"Released (cancelled + cleared)", "#2e7d32", ev.released_ha_by_day, false},
                     {"Cancelled by survey", "#e0a31b", ev.cancelled_ha_by_day, true}},
                    {}, {}, d0);
    h += "</section>\n";
  }
  // People without access and services.
  {
    std::vector<Series> ss;
    ss.push_back({"Without road access", kServiceColors[0],
                  population_without_by_day(s, ev.settlement_access, x_days), false});
    for (Service sv : kRestorableServices) {
      const auto& v = ev.service_restored[static_cast<std::size_t>(sv)];
      if (v.size() != s.settlements.size()) continue;
      ss.push_back({"Without " + std::string(name(sv)),
                    kServiceColors[static_cast<std::size_t>(sv)],
                    population_without_by_day(s, v, x_days), true});
    }
    h += "<section><h2>People without access and services</h2><p class=\"note\">People whose "
         "settlement lacks road access or a service (power, communications, clinic, school), by "
         "day. A service counts once every asset providing it, and what that asset depends on, is "
         "repaired.</p>";
    h += line_chart("People without access and services by day", "People without", x_days,
                    pop_total, ss, {}, {}, d0);
    h += "</section>\n";
  }

  // Gantt.
  {
    std::vector<std::size_t> order(s.crews.size());
    for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s.crews[a].trade < s.crews[b].trade;
    });
    std::vector<std::size_t> row_of(s.crews.size());
    json crews = json::array();
    for (std::size_t r = 0; r < order.size(); ++r) {
      row_of[order[r]] = r;
      const Crew& c = s.crews[order[r]];
      crews.push_back(json::array({c.id, static_cast<int>(c.trade), c.people}));
    }
    json targets = json::array();
    for (const Hazard& hz : s.hazards) targets.push_back(hz.id);
    for (const Asset& a : s.assets) targets.push_back(a.id);
    json tasks = json::array();
    Minutes max_end = 0;
    for (const Assignment& a : p.assignments) {
      if (!a.crew.valid() || a.crew.index() >= s.crews.size() || !a.task.valid() ||
          a.task.index() >= t.tasks.size()) {
        continue;
      }
      const Task& task = t.tasks[a.task.index()];
      std::size_t target = 0;
      if (task.kind == TaskKind::kRepair)
        target = s.hazards.size() + task.asset.index();
      else
        target = task.hazard.index();
      for (const auto v :
           {static_cast<std::int64_t>(row_of[a.crew.index()]), static_cast<std::int64_t>(task.kind),
            a.depart, a.start, a.end, static_cast<std::int64_t>(target),
            static_cast<std::int64_t>(a.task.value)}) {
        tasks.push_back(v);
      }
      max_end = std::max(max_end, a.end);
    }
    targets.push_back("");  // for tasks without a valid target
    json data;
    int y = 2000;
    unsigned mo = 1, dd = 1;
    if (std::sscanf(d0.c_str(), "%d-%u-%u", &y, &mo, &dd) != 3) {
      y = 2000;
      mo = 1;
      dd = 1;
    }
    data["y"] = y;
    data["m"] = mo;
    data["d"] = dd;
    data["xmax"] = std::max<double>(1, std::ceil(static_cast<double>(max_end) / kMinutesPerDay));
    data["crews"] = std::move(crews);
    data["targets"] = std::move(targets);
    data["tasks"] = std::move(tasks);
    data["kinds"] = kTaskKindNames;
    data["trades"] = kTradeNames;
    data["colors"] = kKindColors;
    h += "<section id=\"schedule\"><h2>Crew schedule</h2><p class=\"note\">One row per crew, "
         "grouped by trade; "
         "one bar per task, coloured by kind; a thin grey line is travel to the site. Hover a bar "
         "for details. The time axis is in days from day 0, with dates.</p><div class=\"legend\" "
         "style=\"margin:0 0 10px\">";
    for (std::size_t k = 0; k < kTaskKindCount; ++k) {
      if (kind_count[k] == 0) continue;
      h += "<span><i style=\"background:" + std::string(kKindColors[k]) + "\"></i>" +
           std::string(kTaskKindNames[k]) + "</span>";
    }
    h += "<span><i class=\"line\" style=\"background:#9aa5b1\"></i>travel</span></div>"
         "<div id=\"gantt-wrap\"><canvas id=\"gantt-axis\"></canvas><div id=\"gantt-scroll\">"
         "<canvas id=\"gantt\"></canvas></div><div id=\"gantt-tip\"></div></div>"
         "<noscript><p class=\"muted\">The schedule chart needs JavaScript; schedule.csv has the "
         "same data.</p></noscript></section>\n";
    h += "<script type=\"application/json\" id=\"gantt-data\">" + script_json(data) + "</script>\n";
  }

  h += "</main>\n<footer>Made with groundwork · rule " + esc(rule) + " · day 0 = " + esc(d0);
  if (meta.roads_from_osm) h += " · Road data © OpenStreetMap contributors (ODbL)";
  h += "</footer>\n<script>" + std::string(report_assets::kGanttScript) +
       "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace gw::io
