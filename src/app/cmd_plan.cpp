#include <memory>

#include "app/commands.hpp"
#include "app/plan_flow.hpp"
#include "model/error.hpp"

namespace gw::app {

void register_plan(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "plan", "Plan a scenario (dispatch rule, optionally optimised) and write the outputs");
  auto opt = std::make_shared<PlanFlowOptions>();
  auto rule = std::make_shared<std::string>("impact");
  cmd->add_option("scenario", opt->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--out", opt->out_dir, "Output directory")->required();
  cmd->add_option("--rule", *rule, "Dispatch rule: nearest or impact")
      ->check(CLI::IsMember({"nearest", "impact"}));
  cmd->add_flag(
      "--no-validate", [opt](std::int64_t) { opt->run.validate = false; },
      "Skip the independent validation");
  cmd->add_flag("--quiet", opt->quiet, "Print nothing but errors (no progress bar)");
  cmd->add_option(
         "--time-limit", opt->run.time_limit_s,
         "Seconds for the optimiser, which starts from the better dispatch rule (0: rules only)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option(
      "--evaluations", opt->run.evaluations,
      "Stop the optimiser after this many plan evaluations (with --threads 1: repeatable)");
  cmd->add_option("--threads", opt->run.threads, "Optimiser threads (default: every core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", opt->run.seed, "Optimiser seed");
  cmd->add_flag(
      "--no-baseline", [opt](std::int64_t) { opt->run.baseline = false; },
      "Skip planning with the other dispatch rule (summary.json: baseline_people_days null)");
  cmd->add_flag(
      "--no-bound", [opt](std::int64_t) { opt->run.lower_bound = false; },
      "Skip the lower bound (summary.json: lower_bound_people_days and gap_percent null)");
  auto objective = std::make_shared<std::string>();
  cmd->add_option("--objective", *objective,
                  "What to minimise: return (people-days displaced), access, weighted or makespan "
                  "(default: the scenario's "
                  "parameters.objective.kind, else return when anyone is displaced, else access)")
      ->check(CLI::IsMember({"access", "weighted", "makespan", "return"}));
  cmd->callback([&run, opt, rule, objective] {
    opt->run.rule = *plan::rule_from_name(*rule);
    if (!objective->empty())
      opt->run.objective = enum_from_name<ObjectiveKind>(*objective, kObjectiveKindNames);
    run = [opt] { return run_plan_flow(*opt); };
  });
}

}  // namespace gw::app
