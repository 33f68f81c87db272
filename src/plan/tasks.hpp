// Task generation (docs/model.md §2–§4) and the durations of §6, on the planner's side.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/calendar.hpp"

namespace gw::plan {

// Whether NTS cancels a suspected hazard, for a seed (docs/model.md §2).
bool nts_cancels(std::uint64_t seed, std::string_view hazard_id, double cancel_share);

// Guards (docs/scenario.md, "Limits"): generate_tasks throws gw::Error(kInvalidInput) rather than
// make more work packages than this for one hazard, or more tasks than this in all.
inline constexpr double kMaxPackagesPerHazard = 100000;
inline constexpr std::size_t kMaxTasks = 5000000;

// Builds every task with its precedence and road-blocking relations. The scenario must be linked.
TaskSet generate_tasks(const Scenario& s);

// Capability classes: a demining kind on a terrain, or a reconstruction activity. Two tasks of
// one class can be done by exactly the same trades at rates in the same proportion.
inline constexpr std::size_t kDeminingClassCount = 4 * kTerrainCount;
inline constexpr std::size_t kTaskClassCount = kDeminingClassCount + kActivityKindCount;
std::size_t task_class(const Task& t);
inline bool is_reconstruction(TaskKind k) {
  return k == TaskKind::kRepair || k == TaskKind::kHousing;
}

// One person's daily rate of a trade on a task class, in the class's work unit (0 when the
// trade cannot do it).
double per_person_rate(const Parameters& p, Trade trade, std::size_t task_class);
// A crew's daily rate from the per-person rate.
inline double daily_rate(const Crew& c, double per_person) {
  return static_cast<double>(c.people) * per_person * c.productivity_factor;
}
// A crew's daily rate on a task in the task's work unit (0 when the trade cannot do it).
double daily_rate(const Scenario& s, const Crew& c, const Task& t);
// The nominal minutes of `work` at `rate` per day, before the calendar (docs/model.md §6).
double nominal_minutes(const Parameters& p, double work, double rate);
// Whole nominal minutes (at 100 % of the rate every day): what the scoring estimates use. Requires
// rate > 0.
Minutes work_minutes(const Parameters& p, double work, double rate);
// The percent-minutes the task needs from the crew (docs/model.md §6). Requires daily_rate > 0.
std::int64_t need_percent_minutes(const Scenario& s, const Crew& c, const Task& t);

}  // namespace gw::plan
