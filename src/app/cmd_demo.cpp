#include "app/commands.hpp"

namespace gw::app {

void register_demo(CLI::App& app, Action& /*run*/) {
  app.add_subcommand("demo", "not yet implemented");
}

}  // namespace gw::app
