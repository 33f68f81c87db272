#include "app/commands.hpp"

namespace gw::app {

void register_rcpsp(CLI::App& app, Action& /*run*/) {
  app.add_subcommand("rcpsp", "not yet implemented");
}

}  // namespace gw::app
