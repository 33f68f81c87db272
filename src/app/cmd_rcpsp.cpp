// groundwork rcpsp FILE: solve a PSPLIB project-scheduling instance (.sm or .mm).
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "io/psplib.hpp"
#include "model/error.hpp"
#include "sched/solver.hpp"

namespace gw::app {

namespace {
struct RcpspArgs {
  std::string file;
  double time_limit = 1.0;
  std::uint64_t schedules = 0;
  int threads = 1;
  std::uint64_t seed = 1;
  bool json = false;
  bool cpu_time = false;
};
}  // namespace

void register_rcpsp(CLI::App& app, Action& run) {
  auto args = std::make_shared<RcpspArgs>();
  CLI::App* sub =
      app.add_subcommand("rcpsp", "solve a PSPLIB project scheduling instance (.sm or .mm)");
  sub->add_option("file", args->file, "PSPLIB instance file")->required();
  sub->add_option("--time-limit", args->time_limit,
                  "time limit in seconds of elapsed (wall-clock) time, or of CPU time with "
                  "--cpu-time (0: none)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag(
      "--cpu-time", args->cpu_time,
      "measure --time-limit in CPU seconds of each search thread instead of wall-clock seconds "
      "(reproducible on a loaded machine; the PSPLIB benchmark figures use it)");
  sub->add_option("--schedules", args->schedules,
                  "stop after this many generated schedules (0: none)");
  sub->add_option("--threads", args->threads, "search threads")->check(CLI::Range(1, 256));
  sub->add_option("--seed", args->seed, "random seed");
  sub->add_flag("--json", args->json, "print one JSON object");
  sub->callback([args, &run] {
    run = [args]() -> int {
      const sched::Instance inst = io::read_psplib(args->file);
      sched::SolveOptions opt;
      opt.time_limit_s = args->time_limit;
      opt.max_schedules = args->schedules;
      if (opt.time_limit_s <= 0 && opt.max_schedules == 0) opt.max_schedules = 50000;
      opt.threads = args->threads;
      if (args->cpu_time) opt.time_basis = sched::TimeBasis::kThreadCpu;
      opt.seed = args->seed;
      const sched::SolveResult r = sched::solve(inst, opt);
      if (!r.feasible) {
        const std::string why =
            r.proven_infeasible ? "infeasible: " + r.infeasible_reason : r.infeasible_reason;
        if (args->json) {
          nlohmann::json j{{"instance", inst.name},
                           {"feasible", false},
                           {"proven_infeasible", r.proven_infeasible},
                           {"reason", why}};
          std::cout << j.dump() << '\n';
        } else {
          std::cout << inst.name << ": " << why << '\n';
        }
        return exit_status(ErrorCode::kInfeasible);
      }
      if (args->json) {
        nlohmann::json modes = nlohmann::json::array();
        for (int m : r.schedule.modes) modes.push_back(m + 1);
        nlohmann::json j{{"instance", inst.name},
                         {"feasible", true},
                         {"makespan", r.makespan},
                         {"lower_bound", r.lower_bound},
                         {"critical_path_bound", r.critical_path_bound},
                         {"optimal", r.optimal},
                         {"starts", r.schedule.starts},
                         {"modes", modes},
                         {"schedules", r.schedules},
                         {"seconds", r.seconds},
                         {"cpu_seconds", r.cpu_seconds}};
        std::cout << j.dump() << '\n';
      } else {
        std::cout << inst.name << ": makespan " << r.makespan << ", lower bound " << r.lower_bound
                  << (r.optimal ? " (optimal)" : "") << ", " << r.schedules << " schedules in "
                  << r.seconds << " s\n";
      }
      return kExitSuccess;
    };
  });
}

}  // namespace gw::app
