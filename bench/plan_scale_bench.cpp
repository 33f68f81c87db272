// Plans generated districts at several scales, each in a fresh child process so that its peak
// memory (getrusage RUSAGE_CHILDREN max RSS) is its own, and prints one row per scale.
//
//   plan_scale_bench [--rule impact|nearest] [--seed N] [--reps N] SCALE...   (default: 1 4 16)
//   plan_scale_bench --by-package [--rule R] [--seed N] [--reps N] PACKAGE_M2...
// With --by-package the district is the default one (scale 1) and each value is its largest
// clearance work package in m2 (parameters.work_package_m2): smaller packages, more tasks on the
// same district, which is how the planner's growth with the number of tasks alone is measured.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "gen/district.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"

namespace {

struct Row {
  double scale = 0;
  std::size_t edges = 0, tasks = 0, crews = 0;
  double gen_s = 0, link_s = 0, tasks_s = 0, dispatch_s = 0, evaluate_s = 0, plan_s = 0,
         plan_cpu_s = 0, people_days = 0;
  gw::plan::DispatchStats st;
};

Row run_one(double scale, std::uint64_t seed, gw::plan::Rule rule, bool by_package) {
  using clock = std::chrono::steady_clock;
  Row row;
  row.scale = scale;
  const auto t0 = clock::now();
  gw::gen::DistrictOptions o;
  o.scale = by_package ? 1.0 : scale;
  o.seed = seed;
  gw::Scenario s = gw::gen::generate_district(o);
  if (by_package) s.params.work_package_m2 = scale;
  const auto t1 = clock::now();
  auto cpu = [] {
    struct rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  };
  const double c0 = cpu();
  gw::plan::link_scenario(s, "generated");
  row.link_s = std::chrono::duration<double>(clock::now() - t1).count();
  gw::plan::DispatchOptions opt;
  opt.rule = rule;
  const gw::plan::PlanResult r = gw::plan::plan_linked(s, opt);
  const auto t2 = clock::now();
  row.plan_cpu_s = cpu() - c0;
  row.edges = s.roads.num_edges();
  row.tasks = r.tasks.tasks.size();
  row.crews = s.crews.size();
  row.gen_s = std::chrono::duration<double>(t1 - t0).count();
  row.plan_s = std::chrono::duration<double>(t2 - t1).count();
  row.people_days = r.evaluation.people_days_without_access;
  row.st = r.stats;
  row.tasks_s = r.times.tasks_s;
  row.dispatch_s = r.times.dispatch_s;
  row.evaluate_s = r.times.evaluate_s;
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> scales;
  std::uint64_t seed = 1;
  auto rule = gw::plan::Rule::kImpact;
  int reps = 3;
  bool by_package = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--by-package") == 0) {
      by_package = true;
    } else if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--rule") == 0 && i + 1 < argc) {
      const auto r = gw::plan::rule_from_name(argv[++i]);
      if (!r) {
        std::fprintf(stderr, "unknown rule %s\n", argv[i]);
        return 2;
      }
      rule = *r;
    } else {
      char* end = nullptr;
      const double k = std::strtod(argv[i], &end);
      if (end == argv[i] || *end != '\0' || !(k > 0)) {
        std::fprintf(stderr,
                     "usage: plan_scale_bench [--by-package] [--rule impact|nearest] [--seed N] "
                     "[--reps N] SCALE...   (default scales: 1 4 16)\n");
        return std::strcmp(argv[i], "--help") == 0 ? 0 : 2;
      }
      scales.push_back(k);
    }
  }
  if (scales.empty()) scales = {1, 4, 16};
  if (by_package) std::printf("(the default district; the first column is work_package_m2)\n");
  std::printf("%-6s %10s %8s %6s %8s %9s %9s %12s %10s %14s\n", "scale", "edges", "tasks", "crews",
              "gen_s", "plan_s", "plan_cpu_s", "people_days", "peak_MiB", "nodes_settled");
  // Each scale runs `reps` times, each in a child process (its own peak memory). The rounds go
  // through the scales in turn (1, 4, 16, 1, 4, 16, ...), so that every scale sees the same
  // stretches of a shared machine's load. The row shown is the run with the least CPU time (the
  // least disturbed), the median beside it; the last line compares each scale with the first
  // round by round.
  std::printf(
      "(each scale %d times, in rounds; times are the run with the least CPU time, median "
      "beside)\n",
      reps);
  auto run_child = [&](double scale, Row& row, long& peak_kib) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      const Row r = run_one(scale, seed, rule, by_package);
      if (write(fds[1], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(1);
      _exit(0);
    }
    close(fds[1]);
    const bool ok = read(fds[0], &row, sizeof row) == static_cast<ssize_t>(sizeof row);
    close(fds[0]);
    int status = 0;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    peak_kib = std::max(peak_kib, ru.ru_maxrss);
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  };
  std::vector<std::vector<Row>> runs(scales.size());
  std::vector<std::vector<double>> paired(
      scales.size());  // cpu / cpu of the first scale, per round
  std::vector<long> peak_kib(scales.size(), 0);
  for (int rep = 0; rep < reps; ++rep) {
    double first_cpu = 0;
    for (std::size_t i = 0; i < scales.size(); ++i) {
      Row row;
      if (!run_child(scales[i], row, peak_kib[i])) continue;
      runs[i].push_back(row);
      if (i == 0) first_cpu = row.plan_cpu_s;
      if (first_cpu > 0) paired[i].push_back(row.plan_cpu_s / first_cpu);
    }
  }
  auto median = [](std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  double base = 0, base_cpu = 0, base_median = 0;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    if (runs[i].empty()) {
      std::printf("%-6g failed\n", scales[i]);
      continue;
    }
    std::vector<double> cpus;
    for (const Row& r : runs[i]) cpus.push_back(r.plan_cpu_s);
    const Row row =
        *std::min_element(runs[i].begin(), runs[i].end(),
                          [](const Row& a, const Row& b) { return a.plan_cpu_s < b.plan_cpu_s; });
    const double median_cpu = median(cpus);
    if (base == 0) {
      base = row.plan_s;
      base_cpu = row.plan_cpu_s;
      base_median = median_cpu;
    }
    std::printf(
        "%-6g %10zu %8zu %6zu %8.2f %9.2f %9.2f %12.0f %10.0f %14llu   (x%.1f wall, x%.1f cpu time "
        "of the first scale; median cpu %.2f s, x%.1f)\n",
        row.scale, row.edges, row.tasks, row.crews, row.gen_s, row.plan_s, row.plan_cpu_s,
        row.people_days, static_cast<double>(peak_kib[i]) / 1024.0,
        static_cast<unsigned long long>(row.st.nodes_settled), row.plan_s / base,
        row.plan_cpu_s / base_cpu, median_cpu, median_cpu / base_median);
    const gw::plan::DispatchStats& st = row.st;
    auto u = [](std::uint64_t x) { return static_cast<unsigned long long>(x); };
    std::printf(
        "       phases: link %.2f s, tasks %.2f s, dispatch %.2f s, evaluate %.2f s; dispatches "
        "%llu, far lookups %llu over %llu grid cells ranking %llu tasks (%llu in widening rings), "
        "hot-list entries scanned %llu, local searches skipped %llu\n",
        row.link_s, row.tasks_s, row.dispatch_s, row.evaluate_s, u(st.dispatches),
        u(st.far_lookups), u(st.window_cells), u(st.far_scanned), u(st.far_scanned_everywhere),
        u(st.hot_scanned), u(st.local_searches_skipped));
    std::printf(
        "       far trips %llu settling %llu nodes; day-0 travel tables %llu nodes; priority "
        "updates %llu\n",
        u(st.far_trips), u(st.far_trip_nodes), u(st.table_nodes), u(st.priority_updates));
  }
  if (scales.size() > 1 && reps > 1) {
    std::printf("cpu time over the first scale's in the same round (median of %d rounds):", reps);
    for (std::size_t i = 1; i < scales.size(); ++i)
      std::printf("  scale %g x%.1f", scales[i], median(paired[i]));
    std::printf("\n");
  }
  return 0;
}
