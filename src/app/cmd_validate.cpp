#include <cstdio>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "io/plan_reader.hpp"
#include "io/scenario_json.hpp"
#include "validate/validate.hpp"

namespace gw::app {

void register_validate(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand("validate", "Re-check a plan against its scenario with independent code");
  auto scenario = std::make_shared<std::string>();
  auto plan = std::make_shared<std::string>();
  cmd->add_option("scenario", *scenario, "Scenario file (JSON)")->required();
  cmd->add_option("plan", *plan, "plan.json written by groundwork plan")->required();
  cmd->callback([&run, scenario, plan] {
    run = [scenario, plan] {
      const Scenario s = io::read_scenario(*scenario);
      const auto [tasks, p] = io::read_plan_json(*plan, s);
      const validate::Report r = validate::validate_plan(s, tasks, p);
      for (const auto& v : r.violations) std::cout << v << '\n';
      const auto& m = r.measures;
      std::printf("%s: %zu violations; people-days without safe access %.0f; makespan %.1f days\n",
                  r.valid() ? "valid" : "INVALID", r.violations.size(), m.people_days_without_access,
                  m.makespan_days);
      return r.valid() ? 0 : 8;
    };
  });
}

}  // namespace gw::app
