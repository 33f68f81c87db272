// The engine's entry point: preprocess, bound, search, and return a schedule in the Instance's own
// terms (original mode indices).
#pragma once

#include <cstdint>
#include <string>

#include "sched/clock.hpp"
#include "sched/instance.hpp"

namespace gw::sched {

struct SolveOptions {
  double time_limit_s = 1.0;  // <= 0: none (then max_schedules must be set)
  // What time_limit_s measures. kWall: elapsed real time of the call. kThreadCpu: CPU time of the
  // solving thread (with threads > 1: of the calling thread outside the GA plus, for the GA, each
  // island's own thread), so that a limit means the same work whatever else runs on the machine.
  TimeBasis time_basis = TimeBasis::kWall;
  std::uint64_t max_schedules = 0;  // 0: none
  int threads = 1;
  std::uint64_t seed = 1;
  // GA population; <= 0: automatic. Single-mode with a time limit: 500 up to 40 jobs, 1000 up to
  // 64 (then restarts are rare and the GA stays diverse; hard j30 cells at 1 s: 49/50 twice at 500,
  // 48 at 1000, 46-47 at 100-300, 44-45 at 20-40; j60 every 8th at 5 s, % above CPM: 15.17 at 40,
  // 15.12 at 150, 14.91 at 500, 14.85 at 1000, 14.92 at 2000). Otherwise 40 (not re-tuned:
  // multi-mode, larger projects, schedule budgets).
  int population = 0;
  // Single-mode projects of at most 64 jobs with a time limit: share of the time given to the GA
  // before the exact branch and bound takes over (see bnb.hpp). Negative: automatic, 0.3 up to 40
  // jobs (j30: the B&B proves most instances), 0.9 beyond (j60 sample: the GA's time matters more).
  double exact_ga_share = -1.0;
  // Multi-mode projects with a time limit: independent GA runs sharing the time (<= 0: automatic,
  // 8). Each starts from a fresh population with its own seed.
  int multi_mode_runs = 0;
  // Multi-mode projects of at most 64 jobs with a time limit: share of the time given to the GA
  // runs before the exact search over mode assignments (mode_bnb.hpp) takes the rest. Negative:
  // automatic (see solver.cpp).
  double mode_exact_ga_share = -1.0;
  // Stall-based fresh restarts of the GA (SearchParams::fresh_restart_ratio; 0: off, the default).
  // Measured (docs/algorithms-rcpsp.md): on j60 they cut runs short (hard-cell sample 55-100 units
  // above the best known against 60 without); on j30 they find j3029_4's optimum with every seed
  // tried but lose j3029_8's, so they are not on by default.
  double fresh_restart_ratio = 0.0;
  // Single-mode projects with a time limit: independent GA runs sharing the GA's time, each a
  // fresh population with its own seed. <= 0: automatic, 1 up to 40 jobs, 3 beyond (a j60 run
  // with population 1000 converges within about a second and then stalls in its basin).
  int single_mode_runs = 0;
  // Fresh genomes drawn for each run's initial population, the best `population` kept
  // (SearchParams::initial_samples). <= 0: automatic, 30 x population for single-mode projects of
  // at most 40 jobs with a time limit (a j30 run's basin is decided by its start), none otherwise.
  int initial_samples = 0;
};

struct SolveResult {
  bool feasible = false;  // a feasible schedule was found
  bool proven_infeasible = false;
  std::string infeasible_reason;
  bool optimal = false;  // makespan == our own lower bound
  int makespan = 0;
  int lower_bound = 0;
  int critical_path_bound = 0;
  Schedule schedule;                   // original (0-based) mode indices
  std::uint64_t schedules = 0;         // schedules generated (each SGS pass counts one)
  double seconds = 0.0;                // wall time of the call
  double cpu_seconds = 0.0;            // CPU time of the call (every search thread)
  std::uint64_t exact_nodes = 0;       // branch-and-bound nodes (0: not run)
  std::uint64_t mode_assignments = 0;  // assignments tried by the multi-mode exact search
};

// Throws gw::Error(kInvalidInput) for inconsistent instances. Infeasibility is reported in the
// result, not thrown.
SolveResult solve(const Instance& inst, const SolveOptions& opt);

}  // namespace gw::sched
