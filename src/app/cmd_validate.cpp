#include "app/commands.hpp"

namespace gw::app {

void register_validate(CLI::App& app, Action& /*run*/) {
  app.add_subcommand("validate", "not yet implemented");
}

}  // namespace gw::app
