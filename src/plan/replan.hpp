// Re-planning from field reports (docs/replanning.md): the state of the district at a date, as the
// plan being followed and the reports tell it, and the options that make the dispatcher plan the
// rest from that state.
#pragma once

#include <string>
#include <vector>

#include "model/field_report.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"
#include "plan/dispatch.hpp"

namespace gw::plan {

struct ReportedState {
  Minutes as_of = 0;
  // The work done by as_of: one reported assignment per task done (end at most as_of), per crew
  // in start order, each from_node the crew's previous entry node (or its base).
  std::vector<Assignment> done;
  std::vector<char> task_done;  // per task
  // The work under way at as_of, finished by the crew doing it: each task the plan started before
  // as_of and ends after it, not done, every predecessor done. Its assignment is the plan's,
  // reported (its start is history), its end projected: the rest of its planned time at the pace
  // reported for its hazard or asset.
  std::vector<Assignment> under_way;
  // done and under_way together, per crew in start order, from_node chained: the work the
  // re-plan keeps.
  std::vector<Assignment> kept;
  // The work factors to plan the rest with: the scenario's, times what the reports show of the
  // pace (the planned progress by as_of over the reported one), per hazard and per asset.
  std::vector<double> hazard_factor;
  std::vector<double> asset_factor;
  // Why the state differs from the plan, one line per hazard or asset reported off plan.
  std::vector<std::string> notes;
};

// The state at `as_of` (minutes from day 0) of a district planned by `plan` (tasks `ts`, scenario
// `s` linked), given `reports` dated `report_minute` (each report's date at 00:00, in minutes from
// day 0, in the order of `reports`):
//  - the plan's history (its reported tasks ending by plan.as_of) is done;
//  - a hazard or asset with reports (every report so far: they add up): its tasks the plan had
//    started before as_of are done, in the order the plan ends them, as far as the reported area
//    (cleared + cancelled) or quantity covers their work, to within 1 unit per report row (its
//    survey too once any area is reported); the history takes its work from the reports dated
//    before plan.as_of only; a task partly covered stays to do, whole;
//  - the pace of a reported subject is its progress planned from plan.as_of to as_of over the one
//    reported since, and multiplies the work factors the plan was made with (its
//    hazard_work_factor / asset_work_factor, else the scenario's);
//  - any other task is done when the plan ends it by as_of;
//  - a task is done only when every predecessor is;
//  - a task under way (started before as_of, not done, ending after it) is kept with its crew.
// Throws gw::Error(kInvalidInput) naming the report and its field: a date before day 0 or not
// before as_of, work on a hazard or asset the plan does not start before the report's date.
ReportedState reported_state(const Scenario& s, const TaskSet& ts, const Plan& plan,
                             const std::vector<FieldReport>& reports,
                             const std::vector<Minutes>& report_minute, Minutes as_of);

// The dispatch options that plan the rest from `state`: the done work fixed, and the work under
// way too when `keep_under_way`; every crew free at as_of (or at the end of its work under way)
// where its kept work left it, and (stability > 0) each crew preferring the tasks the plan gave
// it. `planned_crew` must outlive the options (one entry per task).
DispatchOptions replan_options(DispatchOptions base, const ReportedState& state, const Plan& plan,
                               std::size_t tasks, double stability,
                               std::vector<std::int32_t>& planned_crew, bool keep_under_way = true);

struct Replanned {
  DispatchResult result;
  bool stopped_under_way = false;  // some work under way was stopped: planning it again paid
  // Tasks under way the re-dispatched plan stops (all, or task by task), kept or not (a repair
  // stops none).
  std::size_t stopped_tasks = 0;
  bool repaired = false;           // the plan being followed, re-timed, was kept (no crew moves)
  double kept_objective = 0;       // re-dispatched with the work under way finished
  double stopped_objective = 0;    // and all stopped (equal to kept when nothing is under way)
  double chosen_objective = 0;     // the re-dispatched plan: finished, stopped, or in part
  double repaired_objective = -1;  // the plan being followed re-timed (< 0: it could not be)
};

// Plans the rest from `state` over `s` (the district as the reports show it; `ts` with its
// efforts), docs/replanning.md:
//  - re-dispatched: the work under way is finished unless stopping it pays, that is unless
//    planning its tasks again with their crews free at as_of (their progress lost: a task is done
//    whole) gives a lower objective (docs/model.md §7) than finishing them: all of it at once,
//    else task by task, among the kStopCandidates tasks under way that end last (each stopped on
//    top of those whose stopping paid);
//  - repaired: each crew keeps the rest of its tasks in the plan being followed, in their order,
//    re-timed from the state (the sequence executor, least-travel trips), the work under way
//    finished.
// With stability > 0, the repaired plan is kept unless the re-dispatched one's objective is lower
// by more than stability × kRepairMargin of it; with stability 0, the lower objective wins.
inline constexpr double kRepairMargin = 0.02;
// Tasks under way weighed one by one (each a dispatch of the rest): an **assumption**, bounding a
// re-plan's cost to 10 dispatches.
inline constexpr std::size_t kStopCandidates = 8;
Replanned replan_rest(const Scenario& s, const TaskSet& ts, const DispatchOptions& base,
                      const ReportedState& state, const Plan& plan, double stability);

}  // namespace gw::plan
