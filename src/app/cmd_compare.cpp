// groundwork compare: plan two scenarios (or one and its what-if changes), validate both and print
// the key figures side by side with the settlements that gain or lose access.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "dist/dist.hpp"
#include "flow/compare_run.hpp"
#include "model/error.hpp"

namespace gw::app {

namespace {

int run_compare(flow::CompareRunOptions o, bool json) {
  o.text = !json;
  o.warn = [](const std::string& w) { std::cerr << "groundwork: warning: " << w << '\n'; };
  // Under mpirun the ranks share a batch's variants; rank 0 prints what they gathered.
  const dist::Session mpi;
  o.rank = mpi.rank();
  o.ranks = mpi.size();
  o.gather_strings = [&mpi](const std::vector<std::string>& v) { return mpi.gather(v); };
  const flow::CompareRun r = flow::compare_scenarios(o);
  if (mpi.rank() != 0) return kExitSuccess;
  if (o.variants.empty()) {
    const flow::CompareItem& item = r.items.front();
    if (json) {
      std::cout << item.comparison.dump(2) << '\n';
    } else {
      std::cout << item.text
                << "\n  validator: " << (item.valid ? "both plans valid" : "A PLAN IS INVALID")
                << '\n';
    }
  } else {
    nlohmann::json out;
    out["a"] = r.a_label;
    out["ranks"] = r.ranks;
    out["variants"] = nlohmann::json::array();
    for (const flow::CompareItem& item : r.items) {
      if (!json) {
        std::cout << "== variant: " << item.variant << '\n'
                  << item.text
                  << "\n  validator: " << (item.valid ? "both plans valid" : "A PLAN IS INVALID")
                  << "\n\n";
      }
      out["variants"].push_back(
          {{"variant", item.variant}, {"valid", item.valid}, {"comparison", item.comparison}});
    }
    if (json) std::cout << out.dump(2) << '\n';
  }
  return r.valid ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
}

}  // namespace

void register_compare(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "compare",
      "Plan two scenarios, or one and what-if changes, and compare the key figures side by side");
  auto opt = std::make_shared<flow::CompareRunOptions>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("scenarios", opt->scenarios, "SCENARIO_A [SCENARIO_B] (JSON)")
      ->required()
      ->expected(1, 2);
  cmd->add_option(
      "--change", opt->changes,
      "A change to B, e.g. \"+500 builders\" or \"+200 deminers in manual teams\" (repeatable)");
  cmd->add_option("--variant", opt->variants,
                  "A batch of what-ifs: B is SCENARIO_A with these changes, separated by ';', "
                  "e.g. \"+500 builders; -10% deminers\" (repeatable: one comparison each; under "
                  "mpirun the ranks share them)");
  cmd->add_option("--rule", opt->rule, "Dispatch rule: nearest or impact")
      ->check(CLI::IsMember({"nearest", "impact"}));
  cmd->add_option("--time-limit", opt->time_limit_s,
                  "Seconds the optimiser may spend on each side's plan (0: the dispatch rule only)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", opt->threads, "Optimiser threads (default: every core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", opt->seed, "Optimiser seed");

  cmd->add_option("--top", opt->top,
                  "How many settlements to list among those gaining and losing most");
  cmd->add_flag("--json", *json, "Print one JSON object instead of the table");
  auto objective = std::make_shared<std::string>();
  cmd->add_option("--objective", *objective,
                  "What both plans minimise: return, access, weighted or makespan (default: each "
                  "scenario's parameters.objective.kind)")
      ->check(CLI::IsMember({"access", "weighted", "makespan", "return"}));
  cmd->callback([&run, opt, objective, json] {
    if (!objective->empty())
      opt->objective = enum_from_name<ObjectiveKind>(*objective, kObjectiveKindNames);
    run = [opt, json] { return run_compare(*opt, *json); };
  });
}

}  // namespace gw::app
