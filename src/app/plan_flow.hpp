// The flow shared by `plan` and `demo`: read, link, plan, validate, write. Front-end glue only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "model/enums.hpp"
#include "plan/dispatch.hpp"

namespace gw::app {

struct PlanFlowOptions {
  std::filesystem::path scenario;
  std::filesystem::path out_dir;
  plan::Rule rule = plan::Rule::kImpact;
  bool validate = true;
  bool quiet = false;
  bool compare_rules = false;  // print the people-days of both dispatch rules
  // Plan with the other dispatch rule too, for baseline_people_days (the better rule's value);
  // the optimiser plans with both anyway.
  bool baseline = true;
  bool lower_bound = true;  // compute the lower bound and the gap
  // The optimiser runs when either limit is set (> 0): it starts from the better rule.
  double time_limit_s = 0;
  std::uint64_t evaluations = 0;
  int threads = 0;  // 0: every core
  std::uint64_t seed = 1;
  // Overrides the scenario's parameters.objective.kind (its weights stay the scenario's).
  std::optional<ObjectiveKind> objective;
};

// Returns the process exit status.
int run_plan_flow(const PlanFlowOptions& opt);

}  // namespace gw::app
