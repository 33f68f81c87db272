// report.html: one self-contained page. Key figures and tables are rendered here as HTML; the
// curves, the bars by month and the district map as inline SVG (report_charts.cpp,
// report_map.cpp); the crew Gantt chart (thousands of bars) is drawn by a small inline script into
// a <canvas> from a compact embedded JSON array, one trade at a time or all of them. No network
// access at all.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/report_html_assets.hpp"
#include "io/report_html_internal.hpp"
#include "model/evaluation.hpp"

namespace gw::io {

using nlohmann::json;
using namespace detail;
using namespace report;

namespace {

// Indexed by TaskKind.
constexpr std::array<const char*, kTaskKindCount> kKindColors = {"#e0a31b", "#c0392b", "#7d3c98",
                                                                 "#e67e9f", "#2471a3", "#17a589"};
// Road access, then indexed by Service (kNone unused).
constexpr const char* kAccessColor = "#1f4e79";
constexpr std::array<const char*, kServiceNames.size()> kServiceColors = {
    "#1f4e79", "#e67e22", "#16a085", "#c0392b", "#8e44ad", "#2e86c1", "#b03a2e", "#7f8c8d"};

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

double share(Minutes m, double total) { return total > 0 ? static_cast<double>(m) / total : 0.0; }

// Everything the sections of the page read.
struct Page {
  Page(const Scenario& s_, const TaskSet& t_, const Plan& p_, const Evaluation& ev_,
       const OutputMeta& meta_)
      : s(s_), t(t_), p(p_), ev(ev_), meta(meta_) {}
  const Scenario& s;
  const TaskSet& t;
  const Plan& p;
  const Evaluation& ev;
  const OutputMeta& meta;
  std::string d0;
  std::string rule;
  int horizon = 1;
  int x_days = 1;  // the span of the daily curves
  double pop_total = 0;
  double displaced = 0;
  std::array<std::size_t, kTaskKindCount> kind_count{};
  std::string h;  // the page so far

  [[nodiscard]] std::string day_of(std::optional<double> d) const { return day_and_date(d0, d); }
};

void kpis(Page& g) {
  const Evaluation& ev = g.ev;
  auto kpi = [&](const std::string& k, const std::string& v, const std::string& sub) {
    g.h += "<div class=\"kpi\"><div class=\"k\">" + k + "</div><div class=\"v\">" + v +
           "</div><div class=\"s\">" + sub + "</div></div>";
  };
  double pop_with_access = 0;
  for (std::size_t i = 0; i < g.s.settlements.size(); ++i) {
    if (ev.settlement_access[i] != kNever)
      pop_with_access += static_cast<double>(g.s.settlements[i].population);
  }
  g.h += "<div class=\"kpis\">";
  kpi("Population", num(g.pop_total),
      num(static_cast<double>(g.s.settlements.size())) + " settlements");
  if (g.displaced > 0) {
    const double back = ev.returned_by_day.empty() ? 0 : ev.returned_by_day.back();
    kpi("Displaced on day 0", num(g.displaced), pct(g.displaced / g.pop_total) + " of the people");
    kpi("Back home at the end", pct(back / g.displaced), num(back) + " people");
    kpi("90 % back home",
        ev.days_to_return_90 ? "day " + num(*ev.days_to_return_90, 1) : "not reached",
        ev.days_to_return_90 ? iso_date(g.d0, day_to_min(*ev.days_to_return_90))
                             : "within the plan");
    kpi("People-days displaced", num(ev.people_days_displaced),
        "until return, or day " + num(g.horizon));
  }
  kpi("With road access at the end", g.pop_total > 0 ? pct(pop_with_access / g.pop_total) : "–",
      num(pop_with_access) + " people");
  kpi("90 % with access",
      ev.days_to_access_90 ? "day " + num(*ev.days_to_access_90, 1) : "not reached",
      ev.days_to_access_90 ? iso_date(g.d0, day_to_min(*ev.days_to_access_90)) : "within the plan");
  kpi("People-days without access", num(ev.people_days_without_access),
      g.meta.lower_bound_people_days
          ? "at most " +
                num(gap_percent(ev.people_days_without_access, *g.meta.lower_bound_people_days),
                    1) +
                " % above the best possible"
          : "until access, or day " + num(g.horizon));
  kpi("Land released", num(ev.hectares_released, 1) + " ha",
      num(ev.hectares_cancelled, 1) + " ha cancelled by survey");
  kpi("Plan duration", num(ev.makespan_days, 1) + " days",
      "ends " + iso_date(g.d0, day_to_min(ev.makespan_days)));
  g.h += "</div>\n";
}

void figures(Page& g) {
  const Evaluation& ev = g.ev;
  const OutputMeta& meta = g.meta;
  std::string& h = g.h;
  h += "<section><h2>Key figures</h2><p class=\"note\">Measures as defined in the planning model "
       "(docs/model.md §7). Days count from day 0 = " +
       esc(g.d0) +
       ".</p><table class=\"figures\">"
       "<tr><th>Measure</th><th style=\"text-align:right\">Value</th><th>Note</th></tr>";
  if (ev.population_displaced > 0 || ev.dwellings_damaged > 0) {
    h += "<tr class=\"group\"><td colspan=\"3\">Return of the displaced</td></tr>";
    h += row("People displaced on day 0", num(static_cast<double>(ev.population_displaced)),
             pct(g.pop_total > 0 ? g.displaced / g.pop_total : 0) + " of the population");
    h += row("People-days displaced", num(ev.people_days_displaced),
             "people not back count until day " + num(g.horizon));
    h += row("50 % back home", g.day_of(ev.days_to_return_50));
    h += row("90 % back home", g.day_of(ev.days_to_return_90));
    h += row("100 % back home", g.day_of(ev.days_to_return_100));
    h += row("Dwellings damaged", num(static_cast<double>(ev.dwellings_damaged)),
             num(static_cast<double>(ev.dwellings_repaired)) + " made habitable by the plan");
  }
  h += "<tr class=\"group\"><td colspan=\"3\">Access</td></tr>";
  h += row("Population", num(g.pop_total),
           num(static_cast<double>(g.s.settlements.size())) + " settlements");
  h += row("People-days without road access", num(ev.people_days_without_access),
           "never-connected people count until day " + num(g.horizon));
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
  if (g.s.params.objective.kind != ObjectiveKind::kAccess) {
    const std::string kind(name(g.s.params.objective.kind));
    h += row("Objective (" + kind + ")", num(ev.objective, 1),
             meta.lower_bound_objective
                 ? "lower bound " + num(*meta.lower_bound_objective, 1) + ", gap " +
                       num(gap_percent(ev.objective, *meta.lower_bound_objective), 1) + " %"
                 : "no valid lower bound computed");
    if (meta.baseline_objective) {
      h += row("Best dispatch rule by the objective", num(*meta.baseline_objective, 1));
    }
  }
  h += row("50 % of people with access", g.day_of(ev.days_to_access_50));
  h += row("90 % of people with access", g.day_of(ev.days_to_access_90));
  h += row("100 % of people with access", g.day_of(ev.days_to_access_100));
  h += "<tr class=\"group\"><td colspan=\"3\">Services</td></tr>";
  for (Service sv : kRestorableServices) {
    h += row("People-days without " + std::string(name(sv)),
             num(ev.people_days_without_service[static_cast<std::size_t>(sv)]));
  }
  h += "<tr class=\"group\"><td colspan=\"3\">Land</td></tr>";
  std::size_t hazards_done = 0;
  for (Minutes m : ev.hazard_cleared) hazards_done += m != kNever;
  h += row("Cancelled by non-technical survey", num(ev.hectares_cancelled, 2) + " ha");
  h += row("Cleared", num(ev.hectares_released - ev.hectares_cancelled, 2) + " ha");
  h += row("Released (cancelled + cleared)", num(ev.hectares_released, 2) + " ha");
  h += row("Hazards fully released", num(static_cast<double>(hazards_done)) + " of " +
                                         num(static_cast<double>(g.s.hazards.size())));
  h += "<tr class=\"group\"><td colspan=\"3\">Roads and work</td></tr>";
  std::size_t edges_opened = 0, edges_never = 0, edges_blocked = 0;
  for (Minutes m : ev.edge_open) {
    if (m != 0) ++edges_blocked;
    if (m == kNever)
      ++edges_never;
    else if (m > 0)
      ++edges_opened;
  }
  h += row("Road edges blocked at the start",
           num(static_cast<double>(edges_blocked)) + " of " +
               num(static_cast<double>(g.s.roads.num_edges())),
           num(static_cast<double>(edges_opened)) + " opened by the plan, " +
               num(static_cast<double>(edges_never)) + " never");
  h += row("Plan duration (makespan)", "day " + num(ev.makespan_days, 1),
           iso_date(g.d0, day_to_min(ev.makespan_days)));
  std::string kinds;
  for (std::size_t k = 0; k < kTaskKindCount; ++k) {
    if (g.kind_count[k] == 0) continue;
    if (!kinds.empty()) kinds += ", ";
    kinds += num(static_cast<double>(g.kind_count[k])) + " " + std::string(kTaskKindNames[k]);
  }
  const std::size_t unassigned =
      g.t.tasks.size() - std::min(g.t.tasks.size(), g.p.assignments.size());
  h += row(
      "Tasks", num(static_cast<double>(g.t.tasks.size())),
      kinds + (unassigned > 0 ? " · <b>" + num(static_cast<double>(unassigned)) + " unassigned</b>"
                              : ""));
  h += row("Assets to repair", num(static_cast<double>(g.s.assets.size())),
           ev.milestones.empty()
               ? ""
               : num(static_cast<double>(ev.milestones.size())) + " with a due date, " +
                     num(ev.milestone_days_late, 1) + " days late in all");
  h += "</table></section>\n";
}

void crew_use(Page& g) {
  std::string& h = g.h;
  h += "<section><h2>Crew utilisation</h2><p class=\"note\">Share of each crew's time from day 0 "
       "to the end of the plan: working, travelling between sites, "
       "idle.</p><table><tr><th>Trade</th>"
       "<th style=\"text-align:right\">Crews</th><th style=\"text-align:right\">Tasks</th>"
       "<th>Working · travelling · idle</th><th style=\"text-align:right\">Working</th></tr>";
  const auto [by_trade, crews_of] = crew_use_by_trade(g.s, g.ev);
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
  const CrewUse& u = g.ev.crew_use_total;
  const auto use_total = static_cast<double>(u.working + u.travelling + u.idle);
  use_row("All crews", u, g.s.crews.size(), true);
  h += "</table><div class=\"legend\" style=\"margin-left:0\"><span><i class=\"w\"></i>working " +
       pct(share(u.working, use_total)) + "</span><span><i class=\"t\"></i>travelling " +
       pct(share(u.travelling, use_total)) + "</span><span><i class=\"i\"></i>idle " +
       pct(share(u.idle, use_total)) + "</span></div></section>\n";
}

// Marks at the days a curve reaches 50, 90 and 100 %, and lines at those levels of `total`.
void levels(const std::optional<double>& d50, const std::optional<double>& d90,
            const std::optional<double>& d100, double total, std::vector<Mark>& marks,
            std::vector<HLine>& lines) {
  for (const auto& [d, label] : {std::pair{&d50, "50 %"}, {&d90, "90 %"}, {&d100, "100 %"}}) {
    if (*d) marks.push_back({**d, std::string(label) + " · day " + num(**d, 1)});
  }
  if (total > 0)
    lines = {{total * 0.5, "50 %"}, {total * 0.9, "90 %"}, {total, "100 % · " + num(total)}};
}

void return_sections(Page& g) {
  const Evaluation& ev = g.ev;
  if (!(g.displaced > 0)) {
    g.h +=
        "<section id=\"return\"><h2>Return of the displaced</h2><p class=\"note\">Nobody is "
        "displaced on day 0 in this scenario.</p></section>\n";
    return;
  }
  std::vector<Mark> marks;
  std::vector<HLine> lines;
  levels(ev.days_to_return_50, ev.days_to_return_90, ev.days_to_return_100, g.displaced, marks,
         lines);
  g.h +=
      "<section id=\"return\"><h2>Return of the displaced</h2><p class=\"note\">People back "
      "home, by day. A settlement takes its people back while it has road access, its built-up "
      "land is released, it has power and water, and heat in the heating season, as far as its "
      "habitable dwellings have room (docs/model.md §7). Dashed red lines: the days 50 %, 90 % "
      "and 100 % of the displaced are back.</p>";
  g.h +=
      line_chart("Displaced people back home by day", "People back home", g.x_days, g.displaced,
                 {{"People back home", "#17a589", ev.returned_by_day, false}}, marks, lines, g.d0);
  g.h += "</section>\n";
  // People at home by month: those who never left, those back, those still away.
  const std::vector<std::size_t> ends = month_end_days(ev.returned_by_day.size());
  const double stayed = g.pop_total - g.displaced;
  Stack home{"At home, never left", "#1f4e79", {}};
  Stack back{"Back home", "#17a589", {}};
  Stack away{"Still displaced", "#e59866", {}};
  for (std::size_t d : ends) {
    home.y.push_back(stayed);
    back.y.push_back(ev.returned_by_day[d]);
    away.y.push_back(g.displaced - ev.returned_by_day[d]);
  }
  g.h +=
      "<section id=\"home\"><h2>People at home by month</h2><p class=\"note\">At the end of "
      "each 30-day month: the people who never left, the displaced back home and those still "
      "away. Hover a bar for its figures.</p>";
  g.h += stacked_bars("People at home and displaced by month", "People", ends, {home, back, away},
                      g.d0);
  g.h += "</section>\n";
}

void curves(Page& g) {
  const Evaluation& ev = g.ev;
  {
    std::vector<double> with(ev.access_by_day.begin(), ev.access_by_day.end());
    std::vector<Mark> marks;
    std::vector<HLine> lines;
    levels(ev.days_to_access_50, ev.days_to_access_90, ev.days_to_access_100, g.pop_total, marks,
           lines);
    g.h +=
        "<section id=\"access\"><h2>Population with road access</h2><p class=\"note\">People "
        "in settlements connected by open roads to a district centre or exit, by day. Dashed "
        "red lines: the days 50 %, 90 % and 100 % of the population have access.</p>";
    g.h += line_chart("Population with road access by day", "People with access", g.x_days,
                      g.pop_total, {{"Population with access", kAccessColor, with, false}}, marks,
                      lines, g.d0);
    g.h += "</section>\n";
  }
  {
    double ymax = 0;
    for (double v : ev.released_ha_by_day) ymax = std::max(ymax, v);
    for (double v : ev.cancelled_ha_by_day) ymax = std::max(ymax, v);
    g.h +=
        "<section><h2>Land cancelled and released</h2><p class=\"note\">Cumulative hectares: "
        "cancelled by non-technical survey, and released in total (cancelled + cleared).</p>";
    g.h += line_chart("Hectares cancelled and released by day", "Hectares (cumulative)", g.x_days,
                      ymax,
                      {{"Released (cancelled + cleared)", "#2e7d32", ev.released_ha_by_day, false},
                       {"Cancelled by survey", "#e0a31b", ev.cancelled_ha_by_day, true}},
                      {}, {}, g.d0);
    g.h += "</section>\n";
  }
  {
    std::vector<Series> ss;
    ss.push_back({"Without road access", kAccessColor,
                  population_without_by_day(g.s, ev.settlement_access, g.x_days), false});
    for (Service sv : kRestorableServices) {
      const auto& v = ev.service_restored[static_cast<std::size_t>(sv)];
      if (v.size() != g.s.settlements.size()) continue;
      ss.push_back({"Without " + std::string(name(sv)),
                    kServiceColors[static_cast<std::size_t>(sv)],
                    population_without_by_day(g.s, v, g.x_days), true});
    }
    g.h +=
        "<section><h2>People without access and services</h2><p class=\"note\">People whose "
        "settlement lacks road access or a service (power, communications, clinic, school, "
        "water, heat, gas), by day. A service counts once every asset providing it, and every "
        "asset of its supply chain (what it depends on), is repaired.</p>";
    g.h += line_chart("People without access and services by day", "People without", g.x_days,
                      g.pop_total, ss, {}, {}, g.d0);
    g.h += "</section>\n";
  }
}

void map_section(Page& g) {
  g.h +=
      "<section id=\"map\"><h2>The district</h2><p class=\"note\">Roads coloured by the day "
      "they open (grey: open from day 0), hazardous areas by the day they are released, "
      "settlements (sized by population) by the day their displaced people start to return. "
      "Hover a settlement or a hub for its name.</p>";
  g.h += district_map(g.s, g.ev);
  g.h += "</section>\n";
}

void milestones(Page& g) {
  if (g.ev.milestones.empty()) return;
  g.h +=
      "<section id=\"milestones\"><h2>Milestones</h2><p class=\"note\">Assets with a due date: "
      "when their project is planned to be done, and how late.</p><table><tr><th>Asset</th>"
      "<th>Kind</th><th>Due</th><th>Planned</th><th style=\"text-align:right\">Days late</th>"
      "</tr>";
  for (const Evaluation::Milestone& m : g.ev.milestones) {
    if (!m.asset.valid() || m.asset.index() >= g.s.assets.size()) continue;
    const Asset& a = g.s.assets[m.asset.index()];
    const std::string late =
        m.lateness_days ? (*m.lateness_days > 0 ? "<b>" + num(*m.lateness_days, 1) + "</b>" : "0")
                        : "<b>never done</b>";
    g.h += "<tr><td>" + esc(a.id) + "</td><td>" + std::string(name(a.kind)) + "</td><td>" +
           iso_date(g.d0, m.due) + "</td><td>" +
           (m.done == kNever ? std::string("–") : iso_date(g.d0, m.done)) +
           "</td><td class=\"n\">" + late + "</td></tr>";
  }
  g.h += "</table></section>\n";
}

void gantt(Page& g) {
  const Scenario& s = g.s;
  std::vector<std::size_t> order(s.crews.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.crews[a].trade < s.crews[b].trade;
  });
  std::vector<std::size_t> row_of(s.crews.size());
  json crews = json::array();
  std::array<bool, kTradeCount> has_trade{};
  for (std::size_t r = 0; r < order.size(); ++r) {
    row_of[order[r]] = r;
    const Crew& c = s.crews[order[r]];
    crews.push_back(json::array({c.id, static_cast<int>(c.trade), c.people}));
    has_trade[static_cast<std::size_t>(c.trade)] = true;
  }
  // Targets: hazards, then assets, then settlements (housing), then "" for none.
  json targets = json::array();
  for (const Hazard& hz : s.hazards) targets.push_back(hz.id);
  for (const Asset& a : s.assets) targets.push_back(a.id);
  for (const Settlement& st : s.settlements) targets.push_back(st.id);
  const std::size_t no_target = targets.size();
  targets.push_back("");
  json tasks = json::array();
  Minutes max_end = 0;
  for (const Assignment& a : g.p.assignments) {
    if (!a.crew.valid() || a.crew.index() >= s.crews.size() || !a.task.valid() ||
        a.task.index() >= g.t.tasks.size()) {
      continue;
    }
    const Task& task = g.t.tasks[a.task.index()];
    std::size_t target = no_target;
    int activity = -1;
    if (task.kind == TaskKind::kRepair) {
      if (task.asset.valid()) target = s.hazards.size() + task.asset.index();
      activity = static_cast<int>(task.activity);
    } else if (task.kind == TaskKind::kHousing) {
      if (task.settlement.valid())
        target = s.hazards.size() + s.assets.size() + task.settlement.index();
      activity = static_cast<int>(task.activity);
    } else if (task.hazard.valid()) {
      target = task.hazard.index();
    }
    for (const auto v :
         {static_cast<std::int64_t>(row_of[a.crew.index()]), static_cast<std::int64_t>(task.kind),
          a.depart, a.start, a.end, static_cast<std::int64_t>(std::min(target, no_target)),
          static_cast<std::int64_t>(a.task.value), static_cast<std::int64_t>(activity)}) {
      tasks.push_back(v);
    }
    max_end = std::max(max_end, a.end);
  }
  json data;
  int y = 2000;
  unsigned mo = 1, dd = 1;
  if (std::sscanf(g.d0.c_str(), "%d-%u-%u", &y, &mo, &dd) != 3) {
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
  data["activities"] = kActivityKindNames;
  data["trades"] = kTradeNames;
  data["colors"] = kKindColors;
  std::string& h = g.h;
  h += "<section id=\"schedule\"><h2>Crew schedule</h2><p class=\"note\">One row per crew, "
       "grouped by trade; choose a trade to see its Gantt chart alone. One bar per task, "
       "coloured by kind; a thin grey line is travel to the site. Hover a bar for details. The "
       "time axis is in days from day 0, with dates.</p><div class=\"trades\" id=\"gantt-trades\">"
       "<button type=\"button\" data-trade=\"-1\" class=\"on\">All trades</button>";
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (!has_trade[tr]) continue;
    h += "<button type=\"button\" data-trade=\"" + std::to_string(tr) + "\">" +
         std::string(kTradeNames[tr]) + "</button>";
  }
  h += "</div><div class=\"legend\" style=\"margin:0 0 10px\">";
  for (std::size_t k = 0; k < kTaskKindCount; ++k) {
    if (g.kind_count[k] == 0) continue;
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

}  // namespace

std::string report_html(const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                        const OutputMeta& meta) {
  check_size(ev.crew_use.size(), s.crews.size(), "evaluation.crew_use");
  check_size(ev.edge_open.size(), s.roads.num_edges(), "evaluation.edge_open");
  check_size(ev.settlement_access.size(), s.settlements.size(), "evaluation.settlement_access");
  check_size(ev.hazard_cleared.size(), s.hazards.size(), "evaluation.hazard_cleared");
  check_size(ev.return_first.size(), s.settlements.size(), "evaluation.return_first");
  Page g(s, t, p, ev, meta);
  g.d0 = s.params.start_date;
  g.rule = meta.rule.empty() ? p.rule : meta.rule;
  g.horizon = std::max(1, s.params.horizon_days);
  g.pop_total = static_cast<double>(ev.population_total);
  g.displaced = static_cast<double>(ev.population_displaced);
  for (const Task& task : t.tasks) ++g.kind_count[static_cast<std::size_t>(task.kind)];
  // Days shown on the curves: the plan's span with a margin, within the horizon.
  double last_event = ev.makespan_days;
  if (ev.days_to_access_100) last_event = std::max(last_event, *ev.days_to_access_100);
  if (ev.days_to_return_100) last_event = std::max(last_event, *ev.days_to_return_100);
  int x_days = static_cast<int>(std::ceil(std::max(last_event, 1.0) * 1.08)) + 1;
  x_days = std::clamp(x_days, std::min(10, g.horizon), g.horizon);
  const double x_step = nice_step(x_days, 10);
  g.x_days = std::min(g.horizon, static_cast<int>(std::ceil(x_days / x_step) * x_step));

  const std::string title = meta.scenario_name.empty() ? "Plan report" : meta.scenario_name;
  std::string& h = g.h;
  h.reserve(1 << 18);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
       esc(title) + " — groundwork plan report</title>\n<style>" + report_assets::kStyle +
       "</style>\n</head>\n<body>\n";
  h += "<header class=\"top\"><div class=\"kicker\">groundwork · demining and reconstruction "
       "plan</div><h1>" +
       esc(title) + "</h1><div class=\"meta\">Rule <b>" + esc(g.rule) + "</b> · Day 0 = <b>" +
       esc(g.d0) + "</b> · Horizon " + num(g.horizon) + " days · " +
       num(static_cast<double>(t.tasks.size())) + " tasks, " +
       num(static_cast<double>(s.crews.size())) + " crews · planned in " + num(meta.seconds, 2) +
       " s" +
       (meta.forecast != nullptr
            ? " · forecast over " + num(static_cast<double>(meta.forecast->samples)) + " samples"
            : std::string()) +
       "</div></header>\n<main>\n";
  kpis(g);
  if (meta.forecast != nullptr) h += forecast_section(s, ev, *meta.forecast, g.d0);
  h += "<div class=\"cols\">";
  figures(g);
  crew_use(g);
  h += "</div>\n";
  return_sections(g);
  map_section(g);
  curves(g);
  milestones(g);
  gantt(g);
  h += "</main>\n<footer>Made with groundwork · rule " + esc(g.rule) + " · day 0 = " + esc(g.d0);
  if (meta.roads_from_osm) h += " · Road data © OpenStreetMap contributors (ODbL)";
  h += "</footer>\n<script>" + std::string(report_assets::kGanttScript) +
       "</script>\n</body>\n</html>\n";
  return std::move(g.h);
}

}  // namespace gw::io
