// The pipeline behind `groundwork replan` (docs/replanning.md): read the scenario, the plan being
// followed and the field reports, derive the state at --as-of, plan the rest from it, validate the
// new plan from that state and write it with diff.json. Every input is checked before anything is
// written.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/evaluation.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/replan.hpp"

namespace gw::flow {

struct ReplanRunOptions {
  std::vector<std::filesystem::path> reports;
  std::string as_of;       // YYYY-MM-DD
  double stability = 0.5;  // preference for the crew the plan gave a task (0: none)
};

struct ReplanRun {
  Scenario scenario;  // linked, with the work factors the reports imply
  TaskSet tasks;
  Plan plan;  // the done work (reported) and the rest re-planned
  Evaluation evaluation;
  Evaluation before;  // the plan being followed, as planned
  plan::ReportedState state;
  bool valid = false;
  std::vector<std::string> violations;
};

ReplanRun replan_scenario_file(const std::filesystem::path& scenario,
                               const std::filesystem::path& plan_file,
                               const std::filesystem::path& out_dir, const ReplanRunOptions& opt);

}  // namespace gw::flow
