#include "sched/solver.hpp"

#include <algorithm>
#include <memory>

#include "sched/bnb.hpp"
#include "sched/bounds.hpp"
#include "sched/mode_bnb.hpp"
#include "sched/problem.hpp"
#include "sched/rcpsp_decoder.hpp"
#include "sched/search.hpp"

namespace gw::sched {

SolveResult solve(const Instance& inst, const SolveOptions& opt) {
  // `budget`: the calling thread on the chosen basis; GA islands on other threads (threads > 1)
  // measure their own CPU time, added in `ga_elsewhere` (the caller only waits meanwhile).
  const Stopwatch budget(opt.time_basis);
  const Stopwatch own_cpu(TimeBasis::kThreadCpu);
  double ga_elsewhere = 0.0;
  double ga_cpu_elsewhere = 0.0;
  auto elapsed = [&] { return budget.seconds() + ga_elsewhere; };
  SolveResult res;
  auto finish = [&] {
    res.seconds = budget.wall_seconds();
    res.cpu_seconds = own_cpu.seconds() + ga_cpu_elsewhere;
  };
  auto p = std::make_shared<Problem>(compile(inst));
  if (p->infeasible) {
    res.proven_infeasible = true;
    res.infeasible_reason = p->infeasible_reason;
    finish();
    return res;
  }
  std::vector<int> seed_modes;
  bool exact = true;
  if (!find_nonrenewable_feasible_modes(*p, seed_modes, &exact) && exact) {
    res.proven_infeasible = true;
    res.infeasible_reason = "no mode assignment respects the non-renewable budgets";
    finish();
    return res;
  }
  // The destructive bound gets at most a tenth of the time limit.
  const double lb_time = opt.time_limit_s > 0 ? std::min(0.5, 0.1 * opt.time_limit_s) : 0.5;
  const LowerBounds lb = lower_bounds(*p, lb_time, opt.time_basis);
  res.lower_bound = lb.best();
  res.critical_path_bound = lb.critical_path;

  RcpspDecoder proto(p);
  SearchParams sp;
  const bool timed_single = opt.time_limit_s > 0 && !p->multi_mode();
  sp.population = opt.population > 0             ? opt.population
                  : (timed_single && p->n <= 40) ? 500
                  : (timed_single && p->n <= 64) ? 1000
                                                 : 40;
  sp.fresh_restart_ratio = std::max(0.0, opt.fresh_restart_ratio);
  sp.initial_samples = opt.initial_samples > 0        ? opt.initial_samples
                       : (timed_single && p->n <= 40) ? 30 * sp.population
                                                      : 0;
  sp.threads = opt.threads;
  sp.time_basis = opt.time_basis;
  sp.seed = opt.seed;
  sp.max_schedules = opt.max_schedules;
  sp.time_limit_s = opt.time_limit_s > 0 ? std::max(0.0, opt.time_limit_s - elapsed()) : 0.0;
  if (opt.time_limit_s > 0 && sp.time_limit_s <= 0) sp.time_limit_s = 1e-3;
  // Small single-mode projects: the GA gets a share of the time, then the exact branch and bound
  // starts from its best makespan (only with a time limit: the B&B has no schedule budget).
  const bool use_bnb = opt.time_limit_s > 0 && !p->multi_mode() && p->n <= 64;
  const bool use_mode_bnb = opt.time_limit_s > 0 && p->multi_mode() && p->n <= 64;
  const double total_left = sp.time_limit_s;
  if (use_bnb) {
    const double share = opt.exact_ga_share >= 0 ? opt.exact_ga_share : (p->n <= 40 ? 0.3 : 0.9);
    sp.time_limit_s = total_left * std::min(1.0, share);
  }
  if (use_mode_bnb) {
    const double share = opt.mode_exact_ga_share >= 0 ? opt.mode_exact_ga_share : 0.5;
    sp.time_limit_s = total_left * std::min(1.0, share);
  }
  // A zero share must not turn into "no time limit" for the GA.
  if (opt.time_limit_s > 0) sp.time_limit_s = std::max(sp.time_limit_s, 1e-3);
  sp.target = proto.target_for(res.lower_bound);
  if (proto.aux_size() > 0) {
    // Seed with the budget-feasible mode assignment, over a topological list.
    Genome g;
    g.order.resize(static_cast<std::size_t>(p->n));
    for (int j = 0; j < p->n; ++j)
      g.order[static_cast<std::size_t>(p->rank[static_cast<std::size_t>(j)])] = j;
    g.aux = seed_modes;
    sp.seeds.push_back(g);
  }
  // Multi-mode with a time limit: independent searches (fresh populations, own seeds) share the
  // time. The GA settles in one mode assignment's basin and its restarts keep the best genome, so
  // more time rarely leaves it (mm j16 misses at 1 s stayed at 3 s) while another seed often
  // starts in the right one (the 14 misses of mm j16 at 1 s: 9 found with 4 runs, 11 with 8).
  // Larger single-mode projects with a time limit likewise: a run with population 1000 keeps
  // improving for about a second and then stalls in its basin (j60), so the time is split over
  // SolveOptions::single_mode_runs independent runs.
  const int runs = opt.multi_mode_runs > 0                      ? opt.multi_mode_runs
                   : (p->multi_mode() && opt.time_limit_s > 0)  ? 8
                   : (timed_single && opt.single_mode_runs > 0) ? opt.single_mode_runs
                   : (timed_single && p->n > 40)                ? 3
                                                                : 1;
  SearchResult sr;
  for (int run = 0; run < runs && !sr.reached_target; ++run) {
    SearchParams spr = sp;
    if (sp.time_limit_s > 0) spr.time_limit_s = sp.time_limit_s / runs;
    spr.seed = sp.seed + static_cast<std::uint64_t>(run) * 0x9E3779B97F4A7C15ULL;
    SearchResult x = genetic_search(proto, spr);
    if (sp.threads > 1) {
      ga_cpu_elsewhere += x.cpu_seconds;
      if (opt.time_basis == TimeBasis::kThreadCpu) ga_elsewhere += x.seconds;
    }
    const std::uint64_t schedules = sr.schedules + x.schedules;
    if (run == 0 || x.cost < sr.cost) sr = std::move(x);
    sr.schedules = schedules;
  }
  res.schedules = sr.schedules;
  RcpspDecoder dec(p);
  Genome best = sr.best;
  if (best.order.empty() || sr.cost > proto.target_for(p->horizon)) {
    finish();
    res.infeasible_reason = "no feasible schedule found within the limits";
    return res;
  }
  res.makespan = dec.makespan_of(dec.decode(best));
  res.feasible = true;
  res.optimal = res.makespan <= res.lower_bound;
  res.schedule.starts = dec.starts();
  std::vector<int> modes = dec.modes();
  if (dec.aux_size() == 0) modes.assign(static_cast<std::size_t>(p->n), 0);
  if (use_mode_bnb && !res.optimal) {
    const double left = opt.time_limit_s - elapsed();
    if (left > 0) {
      const ModeExactResult mr =
          mode_branch_and_bound(*p, res.makespan, res.lower_bound, modes, left, opt.time_basis);
      res.exact_nodes = mr.bnb_nodes;
      res.mode_assignments = mr.assignments;
      if (mr.improved) {
        res.makespan = mr.makespan;
        res.schedule.starts = mr.starts;
        modes = mr.modes;
      }
      if (mr.complete) {
        res.optimal = true;
        res.lower_bound = std::max(res.lower_bound, res.makespan);
      }
    }
  }
  if (use_bnb && !res.optimal) {
    const double left = opt.time_limit_s - elapsed();
    if (left > 0) {
      const ExactResult er = branch_and_bound(*p, res.makespan, res.lower_bound, left,
                                              res.schedule.starts, opt.time_basis);
      res.exact_nodes = er.nodes;
      if (er.improved) {
        res.makespan = er.makespan;
        res.schedule.starts = er.starts;
      }
      if (er.complete) {
        // Exhaustive search: nothing below the makespan exists.
        res.optimal = true;
        res.lower_bound = std::max(res.lower_bound, res.makespan);
      }
    }
  }
  res.schedule.modes.resize(static_cast<std::size_t>(p->n));
  for (int j = 0; j < p->n; ++j) {
    const int m = modes[static_cast<std::size_t>(j)];
    res.schedule.modes[static_cast<std::size_t>(j)] =
        p->mode_orig[static_cast<std::size_t>(p->jm(j, m))];
  }
  finish();
  return res;
}

}  // namespace gw::sched
