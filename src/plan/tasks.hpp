// Task generation (docs/model.md §2–§4) and the durations of §6, on the planner's side.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan {

// Whether NTS cancels a suspected hazard, for a seed (docs/model.md §2).
bool nts_cancels(std::uint64_t seed, std::string_view hazard_id, double cancel_share);

// Builds every task with its precedence and road-blocking relations. The scenario must be linked.
TaskSet generate_tasks(const Scenario& s);

// A crew's daily rate on a task in the task's work unit (0 when the trade cannot do it).
double daily_rate(const Scenario& s, const Crew& c, const Task& t);
// The task's duration for the crew, in whole minutes (docs/model.md §6). Requires daily_rate > 0.
Minutes duration_min(const Scenario& s, const Crew& c, const Task& t);

// Capability classes: a demining kind on a terrain, or the repair of an asset kind. Two tasks of
// one class can be done by exactly the same trades at rates in the same proportion.
inline constexpr std::size_t kTaskClassCount = 4 * kTerrainCount + kAssetKindCount;
std::size_t task_class(const Scenario& s, const Task& t);

}  // namespace gw::plan
