// diff.json of `groundwork replan` (docs/replanning.md): what the re-plan changes against the plan
// being followed, and why.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/evaluation.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::io {

// `before` is the plan being followed and `eb` its measures; `after` the re-plan from as_of and
// `ea` its measures (tasks `ts` for both). Holds: as_of_day; the counts of tasks done, kept (same
// crew), moved to another crew; the instability (Σ |start after − start before| in days over the
// tasks still to do, Lambrechts et al. 2008); the crews whose work changes, with their tasks
// gained and lost; settlements whose access or return day moves, by how much; people-days
// (displaced, without access) before and after; and `why`, the notes of the reported state.
nlohmann::json replan_diff_json(const Scenario& s, const TaskSet& ts, const Plan& before,
                                const Evaluation& eb, const Plan& after, const Evaluation& ea,
                                Minutes as_of, const std::vector<char>& task_done,
                                const std::vector<std::string>& why);

}  // namespace gw::io
