#include "app/plan_flow.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "plan/baseline.hpp"
#include "plan/feasibility.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw::app {

namespace {
std::string days(const std::optional<double>& d) {
  if (!d) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}
// A one-line progress bar on stderr, redrawn a few times a second while the optimiser runs; only
// on a terminal, so that piped or redirected output holds nothing but results.
class ProgressBar {
 public:
  ProgressBar(double limit_s, std::string unit, bool enabled)
      : limit_s_(limit_s), unit_(std::move(unit)), enabled_(enabled) {
    if (enabled_) ticker_ = std::thread([this] { loop(); });
  }
  ~ProgressBar() {
    if (!enabled_) return;
    {
      const std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    ticker_.join();
    std::fprintf(stderr, "\n");
  }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void update(const plan::OptimiseProgress& p) {
    const std::lock_guard<std::mutex> lock(mu_);
    best_ = p.best_value;
    baseline_ = p.baseline_value;
  }
  // The phases around the search: the bar counts the search's own time against its limit.
  void search_started() {
    const std::lock_guard<std::mutex> lock(mu_);
    phase_ = Phase::kSearch;
    search_t0_ = std::chrono::steady_clock::now();
  }
  void search_ended() {
    const std::lock_guard<std::mutex> lock(mu_);
    phase_ = Phase::kFinal;
  }

 private:
  void loop() {
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mu_);
    while (!done_) {
      const auto now = std::chrono::steady_clock::now();
      if (phase_ != Phase::kSearch) {
        // Padded: the line overwrites a longer progress line.
        std::fprintf(stderr, "\r  %-50s %5.0f s%50s",
                     phase_ == Phase::kRules ? "planning the dispatch rules and the lower bound"
                                             : "planning every task with the best priorities",
                     std::chrono::duration<double>(now - t0).count(), "");
        std::fflush(stderr);
        cv_.wait_for(lock, std::chrono::milliseconds(250));
        continue;
      }
      const double el = std::chrono::duration<double>(now - search_t0_).count();
      const int width = 30;
      const int filled =
          limit_s_ > 0 ? std::min(width, static_cast<int>(el / limit_s_ * width)) : 0;
      std::string bar(static_cast<std::size_t>(filled), '#');
      bar.resize(static_cast<std::size_t>(width), '.');
      if (best_ >= 0) {
        std::fprintf(stderr,
                     "\r  optimising [%s] %5.0f / %.0f s  best %.*f %s (%+.1f %% vs the "
                     "best rule)  ",
                     bar.c_str(), el, limit_s_, best_ < 100 ? 1 : 0, best_, unit_.c_str(),
                     baseline_ > 0 ? 100.0 * (best_ - baseline_) / baseline_ : 0.0);
      } else {
        std::fprintf(stderr, "\r  optimising [%s] %5.0f / %.0f s  ", bar.c_str(), el, limit_s_);
      }
      std::fflush(stderr);
      cv_.wait_for(lock, std::chrono::milliseconds(250));
    }
  }
  double limit_s_;
  std::string unit_;
  bool enabled_;
  std::thread ticker_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  double best_ = -1, baseline_ = 0;
  enum class Phase { kRules, kSearch, kFinal } phase_ = Phase::kRules;
  std::chrono::steady_clock::time_point search_t0_;
};

// The objective's unit, for messages.
std::string objective_unit(ObjectiveKind k) {
  switch (k) {
    case ObjectiveKind::kAccess:
      return "people-days";
    case ObjectiveKind::kWeighted:
      return "(weighted objective)";
    case ObjectiveKind::kMakespan:
      return "days (makespan)";
  }
  return "";
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

}  // namespace

int run_plan_flow(const PlanFlowOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  io::ScenarioSources sources;
  Scenario s = io::read_scenario(opt.scenario, &sources);
  const std::string source = opt.scenario.filename().string();
  const plan::LinkReport link = plan::link_scenario(s, source);
  for (const auto& w : link.warnings) std::cerr << "groundwork: warning: " << w << '\n';
  // Before any planning: tasks that no crew can ever do make the scenario infeasible (exit 6),
  // named with the reason, instead of an "invalid plan" after the work.
  plan::require_feasible(s, plan::generate_tasks(s));

  if (opt.objective) s.params.objective.kind = *opt.objective;
  const ObjectiveKind objective = s.params.objective.kind;
  const std::string unit = objective_unit(objective);
  plan::DispatchOptions dopt = plan::dispatch_for_objective({}, s.params.objective);
  dopt.rule = opt.rule;
  const bool optimising = opt.time_limit_s > 0 || opt.evaluations > 0;
  plan::PlanResult r;
  std::string rule_used(plan::rule_name(opt.rule));
  std::optional<plan::OptimiseResult> optimised;
  if (optimising) {
    plan::OptimiseOptions oo;
    oo.time_limit_s = opt.time_limit_s;
    oo.max_evaluations = opt.evaluations;
    oo.threads = opt.threads > 0
                     ? opt.threads
                     : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    oo.seed = opt.seed;
    oo.dispatch = dopt;
    ProgressBar bar(opt.time_limit_s, unit, !opt.quiet && isatty(STDERR_FILENO) != 0);
    oo.on_improvement = [&bar](const plan::OptimiseProgress& p) { bar.update(p); };
    oo.on_search_start = [&bar] { bar.search_started(); };
    oo.on_search_end = [&bar] { bar.search_ended(); };
    optimised = plan::optimise(s, oo);
    r = std::move(optimised->best);
    rule_used = optimised->best_source;
  } else {
    r = plan::plan_linked(s, dopt);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& w : r.warnings) std::cerr << "groundwork: warning: " << w << '\n';

  int status = 0;
  if (opt.validate) {
    const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
    if (!rep.valid()) {
      for (const auto& v : rep.violations) std::cerr << "groundwork: invalid plan: " << v << '\n';
      status = 8;
    } else if (!close(rep.measures.people_days_without_access,
                      r.evaluation.people_days_without_access)) {
      std::cerr << "groundwork: the validator's people-days ("
                << rep.measures.people_days_without_access << ") differ from the planner's ("
                << r.evaluation.people_days_without_access << ")\n";
      status = 8;
    } else if (!close(rep.measures.objective, r.evaluation.objective)) {
      std::cerr << "groundwork: the validator's objective (" << rep.measures.objective
                << ") differs from the planner's (" << r.evaluation.objective << ")\n";
      status = 8;
    }
  }

  io::OutputMeta meta;
  meta.rule = rule_used;
  meta.scenario_name = s.name.empty() ? opt.scenario.stem().string() : s.name;
  meta.seconds = seconds;
  meta.roads_from_osm = sources.roads_from_osm;
  std::optional<plan::Baseline> base;
  if (optimised) {  // the optimiser planned with both rules already
    base = plan::Baseline{};
    base->nearest_people_days = optimised->nearest_people_days;
    base->impact_people_days = optimised->impact_people_days;
    base->nearest_value = optimised->nearest_value;
    base->impact_value = optimised->impact_value;
    base->people_days = optimised->baseline_people_days;
    base->value = optimised->baseline_value;
    base->rule = plan::rule_from_name(optimised->baseline_rule).value_or(plan::Rule::kImpact);
  } else if (opt.baseline || opt.compare_rules) {
    base = plan::best_dispatch(s, r.tasks, dopt, &r);
  }
  if (base && (opt.baseline || optimised)) {
    meta.baseline_people_days = base->people_days;
    meta.baseline_objective = base->value;
  }
  double bound_seconds = 0;
  if (opt.lower_bound) {
    const plan::LowerBound lb = plan::lower_bound(s, r.tasks);
    meta.lower_bound_people_days = lb.people_days;
    meta.lower_bound_objective = plan::objective_lower_bound(s, r.tasks, lb);
    bound_seconds = lb.seconds;
  }
  io::write_outputs(opt.out_dir, s, r.tasks, r.plan, r.evaluation, meta,
                    {io::plan_gpkg_output(s, r.tasks, r.plan, r.evaluation)});

  if (!opt.quiet) {
    const auto& ev = r.evaluation;
    std::printf("groundwork plan: %s, rule %s\n", meta.scenario_name.c_str(), meta.rule.c_str());
    std::printf(
        "  roads %zu edges, %zu settlements (%lld people), %zu hazards, %zu damaged assets, %zu "
        "crews\n",
        s.roads.num_edges(), s.settlements.size(), static_cast<long long>(ev.population_total),
        s.hazards.size(), s.assets.size(), s.crews.size());
    for (const auto& l : sources.layers) {
      std::printf("  %s: %zu features from %s (CRS %s)\n", l.key.c_str(), l.features,
                  l.label.c_str(), l.crs.c_str());
    }
    for (const auto& n : sources.notes) std::printf("  %s\n", n.c_str());
    for (const auto& sn : link.snaps) {
      std::printf("  snapped %zu %s: median %.0f m, max %.0f m (%s)%s\n", sn.count,
                  sn.layer == "damage" ? "road sections and bridges" : sn.layer.c_str(),
                  sn.median_m, sn.max_m, sn.farthest.c_str(),
                  sn.over_warning > 0
                      ? (", " + std::to_string(sn.over_warning) + " beyond snap_warning_m").c_str()
                      : "");
    }
    std::printf("  tasks %zu (%zu unassigned), planned in %.2f s\n", r.tasks.tasks.size(),
                r.unassigned.size(), seconds);
    std::printf("  people-days without safe access: %.0f\n", ev.people_days_without_access);
    std::printf("  days to access: 50%% %s, 90%% %s, 100%% %s\n",
                days(ev.days_to_access_50).c_str(), days(ev.days_to_access_90).c_str(),
                days(ev.days_to_access_100).c_str());
    std::printf("  hectares cancelled %.1f, released %.1f; makespan %.1f days\n",
                ev.hectares_cancelled, ev.hectares_released, ev.makespan_days);
    if (objective != ObjectiveKind::kAccess) {
      double land = 0;
      for (const double x : ev.hectare_days_contaminated) land += x;
      std::printf(
          "  objective %s: %.1f (weighted people-days without access %.0f, hectare-days "
          "contaminated %.0f, road km-days closed %.1f)\n",
          std::string(name(objective)).c_str(), ev.objective,
          ev.weighted_people_days_without_access, land, ev.road_km_days_closed);
    }
    if (optimised) {
      std::printf(
          "  dispatch rules: nearest %.1f, impact %.1f %s; optimiser: %.1f (%+.1f %% vs "
          "%s), "
          "%llu evaluations in %.1f s over %zu focus tasks\n",
          optimised->nearest_value, optimised->impact_value, unit.c_str(), ev.objective,
          optimised->baseline_value > 0
              ? 100.0 * (ev.objective - optimised->baseline_value) / optimised->baseline_value
              : 0.0,
          optimised->baseline_rule.c_str(), static_cast<unsigned long long>(optimised->evaluations),
          optimised->search_seconds, optimised->focus_tasks);
    } else if (base) {
      std::printf("  best dispatch rule (baseline): %s, %.1f %s\n",
                  std::string(plan::rule_name(base->rule)).c_str(), base->value, unit.c_str());
    }
    if (meta.lower_bound_people_days) {
      std::printf(
          "  lower bound: %.0f people-days (no valid plan does better); gap %.1f %% (bound in %.2f "
          "s)\n",
          *meta.lower_bound_people_days,
          plan::gap_percent(ev.people_days_without_access, *meta.lower_bound_people_days),
          bound_seconds);
    }
    if (objective != ObjectiveKind::kAccess && opt.lower_bound) {
      if (meta.lower_bound_objective) {
        std::printf("  objective lower bound: %.1f; gap %.1f %%\n", *meta.lower_bound_objective,
                    plan::gap_percent(ev.objective, *meta.lower_bound_objective));
      } else {
        std::printf("  objective lower bound: none (some task can never be done)\n");
      }
    }
    if (opt.validate) std::printf("  validator: %s\n", status == 0 ? "plan valid" : "PLAN INVALID");
    std::printf("  outputs in %s\n", opt.out_dir.string().c_str());
  }
  if (opt.compare_rules && base) {
    const plan::Rule other =
        opt.rule == plan::Rule::kImpact ? plan::Rule::kNearest : plan::Rule::kImpact;
    std::printf(
        "  for comparison, rule %s: %.0f people-days without safe access\n",
        std::string(plan::rule_name(other)).c_str(),
        other == plan::Rule::kNearest ? base->nearest_people_days : base->impact_people_days);
    if (objective != ObjectiveKind::kAccess) {
      std::printf("  ... and objective %.1f\n",
                  other == plan::Rule::kNearest ? base->nearest_value : base->impact_value);
    }
  }
  return status;
}

}  // namespace gw::app
