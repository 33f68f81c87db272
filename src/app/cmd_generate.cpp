#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "gen/district.hpp"
#include "io/scenario_json.hpp"

namespace gw::app {

void register_generate(CLI::App& app, Action& run) {
  auto* cmd =
      app.add_subcommand("generate", "Write the built-in default district as a scenario file");
  auto scale = std::make_shared<double>(1.0);
  auto seed = std::make_shared<std::uint64_t>(1);
  auto out = std::make_shared<std::string>();
  cmd->add_option("--scale", *scale,
                  "Multiplies area, roads, settlements, hazards, damage and crews")
      ->check(CLI::Range(0.01, 1000.0));
  cmd->add_option("--seed", *seed, "Random seed (the district is deterministic for a seed)");
  cmd->add_option("--out", *out, "Scenario file to write")->required();
  cmd->callback([&run, scale, seed, out] {
    run = [scale, seed, out] {
      gen::DistrictOptions o;
      o.scale = *scale;
      o.seed = *seed;
      const Scenario s = gen::generate_district(o);
      io::write_scenario(*out, s);
      std::cout << "groundwork generate: " << s.roads.num_edges() << " road edges, "
                << s.settlements.size() << " settlements, " << s.hazards.size() << " hazards, "
                << s.assets.size() << " damaged assets, " << s.crews.size() << " crews -> " << *out
                << '\n';
      return kExitSuccess;
    };
  });
}

}  // namespace gw::app
