#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "io/plan_reader.hpp"
#include "io/scenario_json.hpp"
#include "io/truth_json.hpp"
#include "model/truth.hpp"
#include "validate/validate.hpp"

namespace gw::app {

void register_validate(CLI::App& app, Action& run) {
  auto* cmd =
      app.add_subcommand("validate", "Re-check a plan against its scenario with independent code");
  auto scenario = std::make_shared<std::string>();
  auto plan = std::make_shared<std::string>();
  auto objective = std::make_shared<std::string>();
  auto truth = std::make_shared<std::string>();
  auto threads = std::make_shared<unsigned>(0);
  cmd->add_option("scenario", *scenario, "Scenario file (JSON)")->required();
  cmd->add_option("plan", *plan, "plan.json written by groundwork plan")->required();
  cmd->add_option(
         "--objective", *objective,
         "Objective to recompute: return, access, weighted or makespan (default: the scenario's)")
      ->check(CLI::IsMember({"access", "weighted", "makespan", "return"}));
  cmd->add_option("--truth", *truth,
                  "truth.json written by groundwork simulate: check the executed plan against "
                  "the district as that truth makes it (docs/uncertainty.md)");
  cmd->add_option("--threads", *threads,
                  "Threads for the travel checks (default: every core; the report is the same)")
      ->check(CLI::Range(0U, 1024U));
  cmd->callback([&run, scenario, plan, objective, truth, threads] {
    run = [scenario, plan, objective, truth, threads] {
      Scenario s = io::read_scenario(*scenario);
      if (!truth->empty()) apply_truth(s, io::read_truth_json(*truth, s));
      if (!objective->empty())
        s.params.objective.kind = *enum_from_name<ObjectiveKind>(*objective, kObjectiveKindNames);
      const auto [tasks, p] = io::read_plan_json(*plan, s);
      validate::Workspace checks(*threads);
      const validate::Report r = validate::validate_plan(s, tasks, p, checks);
      for (const auto& v : r.violations) std::cout << v << '\n';
      const auto& m = r.measures;
      std::printf("%s: %zu violations; people-days without safe access %.0f; makespan %.1f days\n",
                  r.valid() ? "valid" : "INVALID", r.violations.size(),
                  m.people_days_without_access, m.makespan_days);
      double land = 0;
      for (const double x : m.hectare_days_contaminated) land += x;
      std::printf("objective %s: %.3f\n", std::string(name(s.params.objective.kind)).c_str(),
                  m.objective);
      std::printf("  weighted people-days without access %.3f\n",
                  m.weighted_people_days_without_access);
      for (const Service sv : kRestorableServices) {
        std::printf("  weighted people-days without %s %.3f\n", std::string(name(sv)).c_str(),
                    m.weighted_people_days_without_service[static_cast<std::size_t>(sv)]);
      }
      std::printf("  hectare-days contaminated %.3f:", land);
      for (std::size_t k = 0; k < kLandUseNames.size(); ++k) {
        std::printf(" %s %.3f", std::string(kLandUseNames[k]).c_str(),
                    m.hectare_days_contaminated[k]);
      }
      std::printf("\n  road km-days closed %.3f\n  makespan %.3f days\n", m.road_km_days_closed,
                  m.makespan_days);
      return r.valid() ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
    };
  });
}

}  // namespace gw::app
