#include <filesystem>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/plan_flow.hpp"
#include "gen/district.hpp"
#include "io/scenario_json.hpp"

namespace gw::app {

void register_demo(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "demo", "Generate the default district, plan it, validate and write the outputs");
  auto out = std::make_shared<std::string>("out");
  auto seed = std::make_shared<std::uint64_t>(1);
  cmd->add_option("--out", *out, "Output directory");
  cmd->add_option("--seed", *seed, "Seed of the default district");
  cmd->callback([&run, out, seed] {
    run = [out, seed] {
      std::filesystem::create_directories(*out);
      gen::DistrictOptions o;
      o.seed = *seed;
      const std::filesystem::path scenario = std::filesystem::path(*out) / "scenario.json";
      // The plan is made from the file, so that `groundwork validate out/scenario.json
      // out/plan.json` sees exactly what the planner saw.
      io::write_scenario(scenario, gen::generate_district(o));
      PlanFlowOptions p;
      p.scenario = scenario;
      p.out_dir = *out;
      p.run.rule = plan::Rule::kImpact;
      p.run.compare_rules = true;
      return run_plan_flow(p);
    };
  });
}

}  // namespace gw::app
