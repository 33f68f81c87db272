// What `plan` and `demo` print about a plan once its outputs are written: the front end's part of
// the plan flow (app/plan_flow.cpp), kept apart from the flow itself.
#pragma once

#include <optional>
#include <string>

#include "app/plan_flow.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "model/scenario.hpp"
#include "plan/baseline.hpp"
#include "plan/link.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"

namespace gw::app {

// The objective's unit, for messages: "people-days", "(weighted objective)", "days (makespan)".
std::string objective_unit(ObjectiveKind k);

// Everything the summary reports, as the flow left it.
struct PlanSummary {
  const PlanFlowOptions& opt;
  const Scenario& scenario;  // linked, with the objective `opt` chose
  const io::ScenarioSources& sources;
  const plan::LinkReport& link;
  const plan::PlanResult& result;
  const io::OutputMeta& meta;
  const std::optional<plan::OptimiseResult>& optimised;  // when the optimiser ran
  const std::optional<plan::Baseline>& baseline;         // when both rules were planned
  double bound_seconds = 0;                              // the lower bound's time
  bool valid = true;                                     // the validator accepted the plan
};

// The summary on stdout (unless --quiet): the scenario, the layers and snapping, the plan's
// measures and objective, the rules or the optimiser, the lower bounds, the validator's verdict.
void print_plan_summary(const PlanSummary& s);
// With --compare-rules: the other dispatch rule's people-days (and objective), from the baseline.
void print_rule_comparison(const PlanSummary& s);

}  // namespace gw::app
