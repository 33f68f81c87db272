// The earliest-event relaxation of district planning: every task starts as soon as its
// predecessors have ended and one end of its site edge can be reached from any crew base over
// roads already open, done by the fastest crew able to do it, with as many such crews as needed
// and no travel time. No real plan does anything sooner, so its times are lower bounds: on each
// task's end, each edge's opening and each settlement's access (docs/algorithms.md, "Lower
// bound"). The optimiser also takes its restoration paths as the tasks worth steering.
#pragma once

#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"
#include "plan/evaluate.hpp"

namespace gw::plan {

struct Relaxation {
  std::vector<Minutes> task_end;           // kNever: the task can never be done
  std::vector<Minutes> edge_open;          // kNever: never opens
  std::vector<Minutes> settlement_access;  // kNever: never reaches a hub
  // Per settlement: the blocked edges of a path to a hub that opens earliest (empty when the
  // settlement has access at day 0 or never).
  std::vector<std::vector<EdgeId>> access_path;
  double people_days_without_access = 0;  // the lower bound, in the evaluator's measure
};

Relaxation relax(const Scenario& s, const TaskSet& ts);

}  // namespace gw::plan
