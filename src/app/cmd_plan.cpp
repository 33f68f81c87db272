#include "app/commands.hpp"

namespace gw::app {

void register_plan(CLI::App& app, Action& /*run*/) {
  app.add_subcommand("plan", "not yet implemented");
}

}  // namespace gw::app
