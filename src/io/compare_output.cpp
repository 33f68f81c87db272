#include "io/compare_output.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "io/outputs_util.hpp"

namespace gw::io {

using detail::grouped;
using detail::opt_days;
using detail::round_to;
using nlohmann::json;

namespace {

std::string days(const std::optional<double>& d, int decimals = 1) {
  return d ? grouped(*d, decimals) : "never";
}

std::string signed_num(double v, int decimals) {
  const std::string s = grouped(v, decimals);
  return v > 0 && s.find_first_not_of("0.,") != std::string::npos ? "+" + s : s;
}

std::string change_of(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return a == b ? "" : (b ? "reached" : "not reached");
  return signed_num(*b - *a, 1);
}

std::string relative(double a, double b) {
  if (a == 0) return "";
  return " (" + signed_num(100.0 * (b - a) / a, 1) + " %)";
}

void line(std::string& out, const std::string& what, const std::string& a, const std::string& b,
          const std::string& change) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %-34s %16s %16s   %s\n", what.c_str(), a.c_str(), b.c_str(),
                change.c_str());
  out += buf;
}

void settlement_lines(std::string& out, const std::vector<AccessChange>& list, std::size_t top) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "    %-14s %-22s %10s %9s %9s %9s %14s\n", "id", "name", "people",
                "day A", "day B", "days", "people-days");
  out += buf;
  for (std::size_t i = 0; i < std::min(top, list.size()); ++i) {
    const auto& c = list[i];
    std::snprintf(buf, sizeof buf, "    %-14s %-22s %10s %9s %9s %9s %14s\n",
                  c.id.substr(0, 14).c_str(), c.name.substr(0, 22).c_str(),
                  grouped(static_cast<double>(c.population), 0).c_str(), days(c.day_a, 2).c_str(),
                  days(c.day_b, 2).c_str(), signed_num(c.days_gained, 2).c_str(),
                  signed_num(c.people_days_gained, 0).c_str());
    out += buf;
  }
  if (list.size() > top) out += "    ... and " + std::to_string(list.size() - top) + " more\n";
}

json figures_json(const PlanFigures& f) {
  json j;
  j["label"] = f.label;
  j["population"] = f.population;
  j["objective"] = {{"kind", f.objective}, {"value", round_to(f.objective_value, 1e3)}};
  j["people_days_without_access"] = f.people_days_without_access;
  j["lower_bound_people_days"] =
      f.lower_bound_people_days ? json(*f.lower_bound_people_days) : json(nullptr);
  for (Service sv : kRestorableServices) {
    j["people_days_without_" + std::string(name(sv))] =
        f.people_days_without_service[static_cast<std::size_t>(sv)];
  }
  j["days_to_access_50"] = opt_days(f.days_to_access_50);
  j["days_to_access_90"] = opt_days(f.days_to_access_90);
  j["days_to_access_100"] = opt_days(f.days_to_access_100);
  j["hectares_released_month_6"] = round_to(f.hectares_released_month_6, 1e3);
  j["hectares_released_month_12"] = round_to(f.hectares_released_month_12, 1e3);
  j["hectares_released"] = round_to(f.hectares_released, 1e3);
  j["makespan_days"] = round_to(f.makespan_days, 1e3);
  j["crews"] = f.crews;
  j["demining_crews"] = f.demining_crews;
  j["building_crews"] = f.building_crews;
  j["deminers"] = f.deminers;
  j["builders"] = f.builders;
  j["tasks"] = f.tasks;
  return j;
}

json changes_json(const std::vector<AccessChange>& list, std::size_t top) {
  json out = json::array();
  for (std::size_t i = 0; i < std::min(top, list.size()); ++i) {
    const auto& c = list[i];
    out.push_back({{"id", c.id},
                   {"name", c.name},
                   {"population", c.population},
                   {"day_a", opt_days(c.day_a)},
                   {"day_b", opt_days(c.day_b)},
                   {"days_gained", round_to(c.days_gained, 1e3)},
                   {"people_days_gained", round_to(c.people_days_gained, 1e3)}});
  }
  return out;
}

}  // namespace

std::string compare_text(const Comparison& c, std::size_t top) {
  const PlanFigures& a = c.a;
  const PlanFigures& b = c.b;
  std::string out = "groundwork compare\n  A: " + a.label + "\n  B: " + b.label + "\n";
  for (const auto& n : c.notes) out += "     " + n + "\n";
  out += "\n";
  line(out, "", "A", "B", "B - A");
  // The objective the plans were made for, when it is not people-days without access itself.
  if (a.objective != "access" || b.objective != "access") {
    const std::string what = a.objective == b.objective
                                 ? "objective (" + a.objective + ")"
                                 : "objective (" + a.objective + " / " + b.objective + ")";
    line(out, what, grouped(a.objective_value, a.objective == "makespan" ? 1 : 0),
         grouped(b.objective_value, b.objective == "makespan" ? 1 : 0),
         a.objective == b.objective ? signed_num(b.objective_value - a.objective_value,
                                                 a.objective == "makespan" ? 1 : 0) +
                                          relative(a.objective_value, b.objective_value)
                                    : "");
  }
  line(out, "people-days without safe access", grouped(a.people_days_without_access, 0),
       grouped(b.people_days_without_access, 0),
       signed_num(b.people_days_without_access - a.people_days_without_access, 0) +
           relative(a.people_days_without_access, b.people_days_without_access));
  if (a.lower_bound_people_days && b.lower_bound_people_days) {
    line(out, "  lower bound (no plan does better)", grouped(*a.lower_bound_people_days, 0),
         grouped(*b.lower_bound_people_days, 0),
         signed_num(*b.lower_bound_people_days - *a.lower_bound_people_days, 0));
  }
  for (Service sv : kRestorableServices) {
    const auto k = static_cast<std::size_t>(sv);
    line(out, "people-days without " + std::string(name(sv)),
         grouped(a.people_days_without_service[k], 0), grouped(b.people_days_without_service[k], 0),
         signed_num(b.people_days_without_service[k] - a.people_days_without_service[k], 0) +
             relative(a.people_days_without_service[k], b.people_days_without_service[k]));
  }
  line(out, "days to 50 % with access", days(a.days_to_access_50), days(b.days_to_access_50),
       change_of(a.days_to_access_50, b.days_to_access_50));
  line(out, "days to 90 % with access", days(a.days_to_access_90), days(b.days_to_access_90),
       change_of(a.days_to_access_90, b.days_to_access_90));
  line(out, "days to 100 % with access", days(a.days_to_access_100), days(b.days_to_access_100),
       change_of(a.days_to_access_100, b.days_to_access_100));
  line(out, "hectares released by month 6", grouped(a.hectares_released_month_6, 1),
       grouped(b.hectares_released_month_6, 1),
       signed_num(b.hectares_released_month_6 - a.hectares_released_month_6, 1));
  line(out, "hectares released by month 12", grouped(a.hectares_released_month_12, 1),
       grouped(b.hectares_released_month_12, 1),
       signed_num(b.hectares_released_month_12 - a.hectares_released_month_12, 1));
  line(out, "makespan (days)", grouped(a.makespan_days, 1), grouped(b.makespan_days, 1),
       signed_num(b.makespan_days - a.makespan_days, 1));
  auto count = [](std::size_t n) { return grouped(static_cast<double>(n), 0); };
  auto diff = [](double x, double y) { return signed_num(y - x, 0); };
  line(out, "crews", count(a.crews), count(b.crews),
       diff(static_cast<double>(a.crews), static_cast<double>(b.crews)));
  line(out, "  demining crews (people)",
       count(a.demining_crews) + " (" + count(static_cast<std::size_t>(a.deminers)) + ")",
       count(b.demining_crews) + " (" + count(static_cast<std::size_t>(b.deminers)) + ")",
       diff(static_cast<double>(a.deminers), static_cast<double>(b.deminers)) + " people");
  line(out, "  building crews (people)",
       count(a.building_crews) + " (" + count(static_cast<std::size_t>(a.builders)) + ")",
       count(b.building_crews) + " (" + count(static_cast<std::size_t>(b.builders)) + ")",
       diff(static_cast<double>(a.builders), static_cast<double>(b.builders)) + " people");
  line(out, "tasks", count(a.tasks), count(b.tasks),
       diff(static_cast<double>(a.tasks), static_cast<double>(b.tasks)));

  out += "\n  settlements with access earlier in B: " + std::to_string(c.gains.size()) + " (" +
         grouped(c.people_days_gained, 0) +
         " people-days gained); later: " + std::to_string(c.losses.size()) + " (" +
         grouped(c.people_days_lost, 0) +
         " people-days lost); unchanged: " + std::to_string(c.unchanged) + "\n";
  if (c.only_in_a + c.only_in_b > 0) {
    out += "  settlements in one scenario only (not compared): " + std::to_string(c.only_in_a) +
           " in A, " + std::to_string(c.only_in_b) + " in B\n";
  }
  if (!c.gains.empty()) {
    out += "\n  gaining the most (days capped at the horizon, " + std::to_string(c.horizon_days) +
           "):\n";
    settlement_lines(out, c.gains, top);
  }
  if (!c.losses.empty()) {
    out += "\n  losing the most:\n";
    settlement_lines(out, c.losses, top);
  }
  return out;
}

json compare_json(const Comparison& c, std::size_t top) {
  json j;
  j["a"] = figures_json(c.a);
  j["b"] = figures_json(c.b);
  j["changes"] = c.notes;
  j["horizon_days"] = c.horizon_days;
  json st;
  st["gained"] = c.gains.size();
  st["lost"] = c.losses.size();
  st["unchanged"] = c.unchanged;
  st["only_in_a"] = c.only_in_a;
  st["only_in_b"] = c.only_in_b;
  st["people_days_gained"] = round_to(c.people_days_gained, 1e3);
  st["people_days_lost"] = round_to(c.people_days_lost, 1e3);
  st["top_gains"] = changes_json(c.gains, top);
  st["top_losses"] = changes_json(c.losses, top);
  j["settlements"] = std::move(st);
  return j;
}

}  // namespace gw::io
