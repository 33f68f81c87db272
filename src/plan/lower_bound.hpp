// A lower bound on people-days without safe access that holds for every plan the validator accepts
// on the planner's task set (docs/algorithms.md, "Lower bound"). Two relaxations, each valid alone:
//  - the chain bound: every task at its shortest duration by any capable crew, as soon as its
//    predecessors end and some capable crew could have reached its site over roads opened by then
//    (crews of one trade may be everywhere at once); an edge opens when its last blocker could
//    end; a settlement connects at the bottleneck (min over paths of the max opening time);
//  - the work bound: the work on a settlement's path to a hub, per trade group, done by every crew
//    of the group at once from the earliest time any of that work could start.
// A settlement's bound is the larger of the two; people-days are summed as evaluate() does.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"

namespace gw::plan {

struct LowerBound {
  double people_days = 0;  // Σ population × min(settlement_access days, horizon)
  // Per settlement: no valid plan connects it to a hub earlier (kNever: none can, ever).
  std::vector<Minutes> settlement_access;
  std::vector<Minutes> access_by_chain;  // the chain bound alone
  std::vector<Minutes> access_by_work;   // the work bound alone (0 when it gives nothing)
  // Per task and per edge: no valid plan ends the task / opens the edge earlier (kNever: never).
  std::vector<Minutes> task_end;
  std::vector<Minutes> edge_open;
  double seconds = 0;  // wall-clock time spent computing the bound
};

// The scenario must be linked and `tasks` generated from it (generate_tasks).
LowerBound lower_bound(const Scenario& s, const TaskSet& tasks);

}  // namespace gw::plan
