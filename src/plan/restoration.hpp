// What task end times restore (docs/model.md §7), on the planner's side: when each asset's project
// is done and when it works (its supply chain with it), when each settlement regains each service
// and its residential land, and the return of its displaced people. Shared by evaluate() (a plan's
// ends) and the lower bound (the earliest ends any plan can reach): every time here only comes
// earlier when a task ends earlier.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/evaluation.hpp"
#include "model/parameters.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/calendar.hpp"

namespace gw::plan {

struct Restoration {
  std::vector<Minutes> asset_done;   // per asset: its last package's end
  std::vector<Minutes> asset_works;  // per asset: it and, recursively, its dependencies work
  std::array<std::vector<Minutes>, kServiceCount> service;  // [service][settlement]
  std::vector<Minutes> residential;  // per settlement: its built-up hazards released
};

// `task_end` per task (kNever: never ends).
Restoration restoration_times(const Scenario& s, const TaskSet& ts,
                              const std::vector<Minutes>& task_end);

// Fills the return measures of `ev` (residential_released, settlement_ready, return_first,
// return_all, population_displaced, people_days_displaced and its weighted form, days_to_return_*,
// dwellings_damaged, dwellings_repaired, returned_by_day over `days` days) from the settlements'
// access times, the restoration and the housing packages' ends.
// `housing`, when given, replaces the settlements' housing packages by (time, dwellings) events
// (the lower bound's: at most that many dwellings habitable by then).
void evaluate_returns(
    const Scenario& s, const TaskSet& ts, const Calendar& cal, const std::vector<Minutes>& access,
    const Restoration& r, const std::vector<Minutes>& task_end, std::size_t days, Evaluation& ev,
    const std::vector<std::vector<std::pair<Minutes, std::int64_t>>>* housing = nullptr);

// Fills ev.milestones and ev.milestone_days_late from the assets' done times.
void evaluate_milestones(const Scenario& s, const Calendar& cal, const Restoration& r,
                         Evaluation& ev);

}  // namespace gw::plan
