// The planning pipeline behind `groundwork plan`, `demo` and the server's planning jobs: read a
// scenario file, link it, plan (dispatch rule or optimiser), validate independently, compute the
// baseline and the lower bound, and write the outputs. Front ends print; this file decides nothing
// about text or HTTP. Progress and warnings go through hooks so that each front end shows them its
// own way (a terminal bar, Server-Sent Events).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "model/enums.hpp"
#include "model/scenario.hpp"
#include "plan/baseline.hpp"
#include "plan/dispatch.hpp"
#include "plan/link.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"

namespace gw::flow {

struct PlanRunOptions {
  plan::Rule rule = plan::Rule::kImpact;
  bool validate = true;
  // Plan with the other dispatch rule too, for baseline_people_days (the better rule's value);
  // the optimiser plans with both anyway.
  bool baseline = true;
  bool compare_rules = false;  // compute both rules' plans even without the baseline
  bool lower_bound = true;     // compute the lower bound and the gap
  // The optimiser runs when either limit is set (> 0): it starts from the better rule.
  double time_limit_s = 0;
  std::uint64_t evaluations = 0;
  int threads = 0;  // 0: every core
  std::uint64_t seed = 1;
  // Overrides the scenario's parameters.objective.kind (its weights stay the scenario's).
  std::optional<ObjectiveKind> objective;
};

// Every hook is optional. They are called from the thread that runs plan_scenario_file(), except
// on_improvement, which the optimiser calls from a search thread (serialised).
struct PlanRunHooks {
  // A phase begins: "read", "link", "plan", "validate", "baseline", "bound", "write".
  std::function<void(std::string_view phase)> on_phase;
  std::function<void(const std::string& warning)> on_warning;
  // Each of the validator's findings, as it is found (also kept in PlanRun::validation_errors).
  std::function<void(const std::string& finding)> on_invalid;
  // Around plan::optimise() (with the objective it minimises), and its own callbacks.
  std::function<void(ObjectiveKind)> on_optimise_begin;
  std::function<void()> on_optimise_end;
  std::function<void(const plan::OptimiseProgress&)> on_improvement;
  std::function<void()> on_search_start;
  std::function<void()> on_search_end;
};

struct PlanRun {
  Scenario scenario;  // as linked and planned (objective override applied)
  io::ScenarioSources sources;
  plan::LinkReport link;
  ObjectiveKind objective = ObjectiveKind::kAccess;
  plan::PlanResult result;
  std::optional<plan::OptimiseResult> optimised;
  std::optional<plan::Baseline> baseline;  // when computed (or taken from the optimiser)
  double bound_seconds = 0;
  io::OutputMeta meta;
  double seconds = 0;  // wall-clock time from reading to the end of planning
  // The validator's findings, one message each ("invalid plan: ..." or a measure that differs
  // from the planner's); empty when the plan is valid or was not validated.
  std::vector<std::string> validation_errors;
  bool valid = true;  // false when the validator rejected the plan (validation_errors say why)
};

// Plans `scenario` (a scenario file; its layer references resolve against its directory) and
// writes every output into `out_dir` atomically (io::write_outputs plus plan.gpkg). Throws
// gw::Error as the readers, the planner and the writers do.
PlanRun plan_scenario_file(const std::filesystem::path& scenario,
                           const std::filesystem::path& out_dir, const PlanRunOptions& opt,
                           const PlanRunHooks& hooks = {});

// The what-if comparison of two plans already written by plan_scenario_file(): each scenario is
// read and linked again, its plan.json read back and evaluated, then plan::compare_plans() says
// what B gains over A. `label_a`/`label_b` name the sides.
nlohmann::json compare_plan_files(const std::filesystem::path& scenario_a,
                                  const std::filesystem::path& plan_a, const std::string& label_a,
                                  const std::filesystem::path& scenario_b,
                                  const std::filesystem::path& plan_b, const std::string& label_b,
                                  std::size_t top);

}  // namespace gw::flow
