// The flow shared by `plan` and `demo`: read, link, plan, validate, write. Front-end glue only.
#pragma once

#include <filesystem>

#include "flow/plan_run.hpp"

namespace gw::app {

struct PlanFlowOptions {
  std::filesystem::path scenario;
  std::filesystem::path out_dir;
  bool quiet = false;
  flow::PlanRunOptions run;  // what to plan and check; compare_rules also prints both rules
};

// Returns the process exit status.
int run_plan_flow(const PlanFlowOptions& opt);

}  // namespace gw::app
