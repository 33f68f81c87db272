#include "app/commands.hpp"

namespace gw::app {

void register_generate(CLI::App& app, Action& /*run*/) {
  app.add_subcommand("generate", "not yet implemented");
}

}  // namespace gw::app
