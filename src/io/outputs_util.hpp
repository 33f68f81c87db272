// Internal helpers shared by the output writers (outputs.cpp, report_html.cpp). Not a public API.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evaluation.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::io::detail {

double round_to(double x, double scale);
// Days rounded to 3 decimals, or null.
nlohmann::json opt_days(const std::optional<double>& d);
// 1234567.891 -> "1,234,567.9" with `decimals` digits after the point; a negative value starts
// with `minus`; "–" when not finite.
std::string grouped(double v, int decimals, std::string_view minus = "-");
nlohmann::json lonlat_json(LonLat p);  // [lon, lat] rounded to 7 decimals
// Throws gw::Error(kInternal) when an evaluation array does not match the scenario.
void check_size(std::size_t got, std::size_t want, std::string_view what);
// Unit of a task's work: "m2" for demining and survey; its activity's unit for repair and
// housing ("m2", "m" or "dwelling").
std::string_view work_unit(const Scenario& s, const Task& task);
// Id of the hazard (demining, survey), asset (repair) or settlement (housing) a task works on; ""
// when none.
std::string task_target(const Scenario& s, const Task& task);
// Per task, its assignment or nullptr. Throws kInternal on an out-of-range or repeated task.
std::vector<const Assignment*> assignments_by_task(const TaskSet& t, const Plan& p);
std::vector<const Assignment*> assignments_by_crew_start(const Plan& p);
// `obj` as JSON with one top-level key per line and one item of obj[array_key] per line.
std::string dump_lines(const nlohmann::json& obj, std::string_view array_key);
// Crew utilisation summed by trade, and the number of crews of each trade.
struct TradeUse {
  std::array<CrewUse, kTradeCount> use{};
  std::array<std::size_t, kTradeCount> crews{};
};
TradeUse crew_use_by_trade(const Scenario& s, const Evaluation& ev);

}  // namespace gw::io::detail
