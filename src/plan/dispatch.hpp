// Planner v1: an event-driven simulation in which each crew, when free, picks its next task by a
// dispatch rule (docs/algorithms.md). The implementation lives in src/plan/dispatch/ (its parts are
// listed in dispatch/dispatcher.hpp).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan {

enum class Rule : std::uint8_t {
  kNearest,  // the naive baseline: the nearest task the crew can do
  kImpact,   // what the task unlocks per crew-day: access (people), services, land released
};
std::string_view rule_name(Rule r);
std::optional<Rule> rule_from_name(std::string_view s);

struct DispatchOptions {
  Rule rule = Rule::kImpact;
  // Impact rule weights, in people per hectare released and per person regaining a service,
  // relative to one person regaining road access.
  double land_weight_people_per_ha = 10.0;
  double service_weight = 0.25;
  // Per displaced person brought home (docs/model.md §7), relative to one person regaining road
  // access: shared over the work their return waits for (return_priorities.hpp).
  double return_weight = 1.0;
  // Optional, one per settlement: multiplies the return gains of its work (1 = neutral). The
  // district optimiser searches over these.
  const std::vector<float>* settlement_factor = nullptr;
  // When positive, the return gains look ahead (the ATC rule's slack; Vepsalainen & Morton 1987):
  // the work of a settlement's return whose earliest end is estimated to come well before the
  // settlement's gate can end (the line of a substation that has months of work left; the housing
  // of a village still waiting for its power) gains exp(-slack / return_slack_days) of its share.
  // Estimates count the tasks under way at their ends and the others at their nominal days from
  // their predecessors' ends. 0: no look-ahead. The district optimiser searches over it.
  double return_slack_days = 0.0;
  // Multipliers set from the weighted objective (plan/objective.hpp; 1 = neutral): on the access
  // gains, on the land weight by the hazard's land use, and on the service weight by the asset's
  // service (indexed by gw::Service).
  double access_weight = 1.0;
  // Per displaced person of a settlement waiting for road access (their return needs it), added to
  // the access gain (0: access counts the population only).
  double access_displaced_weight = 0.0;
  std::array<double, kLandUseCount> land_use_weight{1, 1, 1, 1, 1, 1};
  std::array<double, kServiceCount> service_factor{1, 1, 1, 1, 1, 1, 1, 1};
  // Per kilometre of blocked road times the edge's weight: added, divided by the nominal days of
  // the edge's closure, to the priority of every task in it (0 = off).
  double road_weight_per_km = 0.0;
  // How many reachable candidate tasks a crew compares (impact rule).
  std::size_t candidates = 10;
  // ... found within this many seconds of travel beyond the nearest one,
  Seconds compare_window_s = 900;
  // ... plus this many of the available tasks that matter most for access in the crew's component.
  std::size_t hot_candidates = 16;
  // ... looked for among at most this many live entries of each class's hot list (by falling
  // priority): on a country network most of a list lies beyond a crew's far limit, and scanning it
  // all for every choice made the return objective's lists (every housing package) quadratic.
  std::size_t hot_scan_limit = 256;
  // Work estimated further than this is left to crews based nearer, unless a crew has nothing
  // else it can do.
  Seconds far_travel_s = 3600;
  // Optional, one per task: multiplies the task's priority under the impact rule (1 = neutral).
  // The district optimiser searches over these.
  const std::vector<float>* priority_factor = nullptr;
  // Optional, one per task: the effort (Task::effort) the rules compare tasks by. A forecast's
  // sample (docs/uncertainty.md) gives the planned scenario's efforts here and the drawn truth's
  // in the tasks, so that the dispatcher chooses by what it believes and the work takes what it
  // really takes. nullptr: the rules see the true effort.
  const std::vector<float>* believed_effort = nullptr;
  // Re-planning (plan/replan.hpp): work already done, fixed as given (each ending by
  // release_at; per crew in start order), and the moment from which crews choose (every crew is
  // free then, where its fixed work left it, or at its base).
  const std::vector<Assignment>* fixed = nullptr;
  Minutes release_at = 0;
  // Optional, one per task: the crew (index) the plan being followed gave it, or -1. A crew
  // scores the tasks it was given `1 + stability` times higher, so that a re-plan keeps what
  // still makes sense (docs/replanning.md).
  const std::vector<std::int32_t>* planned_crew = nullptr;
  double stability = 0;
  // Optional, one per task: multiplies far_travel_s for the task when it is on a restoration path
  // (crews from further away may take it).
  const std::vector<float>* reach_factor = nullptr;
  // Optional, one per task (0 = no limit): a crew whose duration for the task is more than this
  // many times the fastest crew's ranks it below every other candidate, so that a slow crew does
  // not hold a critical task for days that a faster one would clear in hours.
  const std::vector<float>* slowdown_limit = nullptr;
  // Stop as soon as every settlement has road access to a hub. The plan then holds only the
  // tasks started until then: enough to measure people-days without access, nothing more.
  bool stop_when_all_access = false;
  // Stop once every task the displaced people's return waits for (return_priorities.hpp: each
  // settlement's gate and housing) is assigned and every settlement has access (impact rule with
  // return_weight > 0): the returns are then fixed, so people-days displaced are exact, and the
  // rest of the plan is not made. For an optimiser whose objective is the return alone.
  bool stop_when_all_returned = false;
  // Optional: the run gives up once this moment has passed (DispatchResult::aborted), so that a
  // search with a time limit is not held up by a long decode on a country network.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // Impact rule: a crew may also take an access task whose predecessors are all under way,
  // travel now and wait at the site for them to end (no travel lost at each hand-over).
  bool look_ahead = false;
  // Crews that choose at the same moment choose in chain order: survey teams, then machines, then
  // manual and dog teams, then builders (instead of crew order). With the look-ahead, the next
  // crew of a chain then sees its task as soon as the task before it is taken.
  bool chain_order = false;
};

struct DispatchStats {
  std::uint64_t dispatches = 0;              // crews choosing a task
  std::uint64_t nodes_settled = 0;           // by the local searches and the A* trips
  std::uint64_t far_trips = 0;               // tasks reached by A* (beyond the local search)
  std::uint64_t far_trip_nodes = 0;          // nodes settled by those A* searches
  std::uint64_t priority_updates = 0;        // impact rule: recomputations of the access priorities
  std::uint64_t far_scanned = 0;             // available tasks ranked by straight-line estimate
  std::uint64_t far_scanned_everywhere = 0;  // of which in the scan of every cell (nothing near)
  std::uint64_t hot_scanned = 0;             // impact rule: hot-list entries looked at
  std::uint64_t far_lookups = 0;             // dispatches that found nothing by the local search
  std::uint64_t window_cells = 0;            // grid cells those lookups looked at
  std::uint64_t table_nodes = 0;             // nodes settled building day-0 travel tables
  std::uint64_t local_searches_skipped = 0;  // no capable task in the cells around the crew
  std::uint64_t ahead_assignments = 0;       // tasks taken before they were available
  std::uint64_t trips_without_route = 0;     // committed trips whose route no search held (0)
};

struct DispatchResult {
  Plan plan;
  DispatchStats stats;
  std::vector<TaskId> unassigned;  // tasks no crew could do (no capable trade, or never reachable)
  // Impact rule: the tasks on a settlement's restoration path at day 0 (the optimiser's focus).
  std::vector<TaskId> access_tasks;
  // stop_when_all_access or stop_when_all_returned took effect; `unassigned` is then moot
  bool stopped_early = false;
  bool aborted = false;  // the deadline passed: the plan is incomplete, not to be used
};

// Plans every crew over time. The scenario must be linked and `tasks` generated from it.
DispatchResult dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt);

}  // namespace gw::plan
