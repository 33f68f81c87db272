// groundwork: plans demining and reconstruction crews over a road network.
#include <cstdio>
#include <exception>
#include <string>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "model/error.hpp"

namespace {

int run_groundwork(int argc, char** argv) {
  CLI::App app{
      "groundwork: plans the clearance of explosive hazards and the repair of what war broke"};
  app.set_version_flag("--version", std::string("groundwork ") + GW_VERSION);
  app.require_subcommand(1);
  gw::app::Action run;
  gw::app::register_generate(app, run);
  gw::app::register_plan(app, run);
  gw::app::register_validate(app, run);
  gw::app::register_demo(app, run);
  gw::app::register_rcpsp(app, run);
  gw::app::register_synth(app, run);
  gw::app::register_compare(app, run);
  gw::app::register_serve(app, run);
  gw::app::register_forecast(app, run);
  gw::app::register_simulate(app, run);
  gw::app::register_replan(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return run ? run() : gw::app::kExitSuccess;
  } catch (const gw::Error& e) {
    std::fprintf(stderr, "groundwork: error: %s\n", e.what());
    return gw::app::exit_status(e.code());
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Whatever escapes a command is a bug, reported as one (stdio, which does not throw).
  try {
    return run_groundwork(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "groundwork: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "groundwork: internal error: unknown exception\n");
  }
  return gw::app::kExitUnexpected;
}
