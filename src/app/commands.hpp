// Each subcommand of the groundwork CLI lives in its own cmd_<name>.cpp and registers itself here.
// Front ends only parse, call one library entry point and write; they never hold domain logic.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gw::app {

// A registered subcommand sets `run` to the action to perform once parsing succeeded; the action
// returns the process exit status.
using Action = std::function<int()>;

void register_generate(CLI::App& app, Action& run);
void register_plan(CLI::App& app, Action& run);
void register_validate(CLI::App& app, Action& run);
void register_demo(CLI::App& app, Action& run);
void register_rcpsp(CLI::App& app, Action& run);
void register_synth(CLI::App& app, Action& run);
void register_compare(CLI::App& app, Action& run);
void register_serve(CLI::App& app, Action& run);
void register_forecast(CLI::App& app, Action& run);
void register_simulate(CLI::App& app, Action& run);
void register_replan(CLI::App& app, Action& run);

}  // namespace gw::app
