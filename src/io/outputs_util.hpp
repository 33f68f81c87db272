// Internal helpers shared by the output writers (outputs*.cpp, gpkg_writer.cpp, report*.cpp). Not a
// public API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// The month ends of a daily curve of `curve_days` points: days 30, 60, ... and the last day when
// it is not one of them (the planner's *_by_month series use the same days).
std::vector<std::size_t> month_end_days(std::size_t curve_days);

// The people of each settlement back home at a given time (docs/model.md §7), from the
// evaluation's per-settlement times (access, residential land released, power, water and heat)
// and the ends of its housing packages (Evaluation::task_end). The planner sums the same over
// the settlements as Evaluation::returned_by_day; the writers need it per settlement (plan.gpkg's
// table of returns by month).
class ReturnCurves {
 public:
  // `days`: the span of days that returned() is asked about (the curves' length).
  ReturnCurves(const Scenario& s, const TaskSet& t, const Evaluation& ev, std::size_t days);
  // People of settlement `i` back home at minute `m` (m < days × 1440).
  [[nodiscard]] double returned(std::size_t i, Minutes m) const;

 private:
  struct Town {
    double displaced = 0;
    double stayed = 0;       // people who never left: population − displaced
    double habitable = 0;    // dwellings habitable on day 0
    Minutes ready = kNever;  // access, residential land, power and water, all of them
    Minutes heat = kNever;
    std::vector<std::pair<Minutes, double>> housed;  // (end, dwellings so far), by end
  };
  double household_ = 1;
  std::vector<Town> towns_;
  std::vector<std::uint32_t> season_start_;  // per day in the heating season: its first day
  std::vector<bool> in_season_;              // per day
};

}  // namespace gw::io::detail
