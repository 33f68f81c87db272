// For each district (generated at a scale, or read from a scenario file): people-days without
// access of the `nearest` and `impact` rules, of the optimiser within a time limit, and the lower
// bound; the optimiser's plan is validated. Each district runs in a fresh child process so that
// its peak memory (max RSS) is its own.
//
//   district_opt_bench [--time-limit S] [--threads T] [--seed N] [--scale K]... [--scenario
//   FILE]... (default: --time-limit 60 --threads 2 --scale 1 --scale 4)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "gen/district.hpp"
#include "io/scenario_json.hpp"
#include "plan/link.hpp"
#include "plan/optimise.hpp"
#include "validate/validate.hpp"

namespace {

struct Row {
  double nearest = 0, impact = 0, look_ahead = 0, optimiser = 0, lower_bound = 0, seconds = 0,
         search_s = 0;
  unsigned long long evaluations = 0;
  std::size_t edges = 0, tasks = 0, crews = 0;
  bool valid = false;
};

Row run_one(const std::string& what, double time_limit, int threads, std::uint64_t seed) {
  gw::Scenario s;
  if (what.rfind("scale=", 0) == 0) {
    gw::gen::DistrictOptions o;
    o.scale = std::strtod(what.c_str() + 6, nullptr);
    s = gw::gen::generate_district(o);
  } else {
    s = gw::io::read_scenario(what);
  }
  gw::plan::link_scenario(s, what);
  const auto t0 = std::chrono::steady_clock::now();
  gw::plan::OptimiseOptions oo;
  oo.time_limit_s = time_limit;
  oo.threads = threads;
  oo.seed = seed;
  const gw::plan::OptimiseResult r = gw::plan::optimise(s, oo);
  Row row;
  row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  row.nearest = r.nearest_people_days;
  row.impact = r.impact_people_days;
  row.optimiser = r.best.evaluation.people_days_without_access;
  row.lower_bound = r.lower_bound_people_days;
  row.search_s = r.search_seconds;
  row.evaluations = r.evaluations;
  row.edges = s.roads.num_edges();
  row.tasks = r.best.tasks.tasks.size();
  row.crews = s.crews.size();
  row.valid = gw::validate::validate_plan(s, r.best.tasks.tasks, r.best.plan).valid();
  // The optimiser's decoder before any search (impact with look-ahead, neutral genes): how much
  // of the gain is the look-ahead alone.
  gw::plan::DispatchOptions ahead;
  ahead.look_ahead = true;
  const gw::plan::PlanResult la = gw::plan::plan_linked(s, ahead);
  row.look_ahead = la.evaluation.people_days_without_access;
  row.valid = row.valid && gw::validate::validate_plan(s, la.tasks.tasks, la.plan).valid();
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  double time_limit = 60;
  int threads = 2;
  std::uint64_t seed = 1;
  std::vector<std::string> runs;
  for (int i = 1; i < argc; ++i) {
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (std::strcmp(argv[i], "--time-limit") == 0) {
      time_limit = std::strtod(next(), nullptr);
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      threads = std::atoi(next());
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(next(), nullptr, 10);
    } else if (std::strcmp(argv[i], "--scale") == 0) {
      runs.push_back(std::string("scale=") + next());
    } else if (std::strcmp(argv[i], "--scenario") == 0) {
      runs.emplace_back(next());
    } else {
      std::fprintf(stderr, "unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  if (runs.empty()) runs = {"scale=1", "scale=4"};
  std::printf("optimiser: %.0f s on %d threads, seed %llu\n", time_limit, threads,
              static_cast<unsigned long long>(seed));
  std::printf("%-28s %8s %7s %6s %12s %12s %12s %12s %8s %12s %7s %6s %8s %6s %8s\n", "district",
              "edges", "tasks", "crews", "nearest", "impact", "look_ahead", "optimiser", "vs best",
              "lower_bound", "gap%", "valid", "evals", "s", "peak_MiB");
  int status = 0;
  for (const std::string& what : runs) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      int code = 0;
      try {
        const Row row = run_one(what, time_limit, threads, seed);
        if (write(fds[1], &row, sizeof row) != static_cast<ssize_t>(sizeof row)) code = 1;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", what.c_str(), e.what());
        code = 1;
      }
      _exit(code);
    }
    close(fds[1]);
    Row row;
    const bool ok = read(fds[0], &row, sizeof row) == static_cast<ssize_t>(sizeof row);
    close(fds[0]);
    int st = 0;
    struct rusage ru {};
    wait4(pid, &st, 0, &ru);
    if (!ok || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      std::printf("%-28s failed\n", what.c_str());
      status = 1;
      continue;
    }
    const double best_rule = std::min(row.nearest, row.impact);
    std::printf(
        "%-28s %8zu %7zu %6zu %12.0f %12.0f %12.0f %12.0f %7.1f%% %12.0f %6.1f%% %6s %8llu %6.0f "
        "%8.0f\n",
        what.c_str(), row.edges, row.tasks, row.crews, row.nearest, row.impact, row.look_ahead,
        row.optimiser, best_rule > 0 ? 100.0 * (row.optimiser - best_rule) / best_rule : 0.0,
        row.lower_bound,
        row.optimiser > 0 ? 100.0 * (row.optimiser - row.lower_bound) / row.optimiser : 0.0,
        row.valid ? "yes" : "NO", row.evaluations, row.seconds,
        static_cast<double>(ru.ru_maxrss) / 1024.0);
    if (!row.valid) status = 1;
  }
  return status;
}
