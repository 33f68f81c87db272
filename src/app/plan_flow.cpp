#include "app/plan_flow.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/exit_status.hpp"
#include "app/plan_summary.hpp"
#include "flow/plan_run.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"

namespace gw::app {

namespace {
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

}  // namespace

int run_plan_flow(const PlanFlowOptions& opt) {
  // The bar lives while the optimiser runs, as before the flow moved to src/flow.
  std::unique_ptr<ProgressBar> bar;
  std::string unit;
  flow::PlanRunHooks hooks;
  hooks.on_warning = [](const std::string& w) {
    std::cerr << "groundwork: warning: " << w << '\n';
  };
  hooks.on_invalid = [](const std::string& f) { std::cerr << "groundwork: " << f << '\n'; };
  hooks.on_optimise_begin = [&](ObjectiveKind k) {
    unit = objective_unit(k);
    bar = std::make_unique<ProgressBar>(opt.run.time_limit_s, unit,
                                        !opt.quiet && isatty(STDERR_FILENO) != 0);
  };
  hooks.on_optimise_end = [&] { bar.reset(); };
  hooks.on_improvement = [&bar](const plan::OptimiseProgress& p) {
    if (bar) bar->update(p);
  };
  hooks.on_search_start = [&bar] {
    if (bar) bar->search_started();
  };
  hooks.on_search_end = [&bar] {
    if (bar) bar->search_ended();
  };
  const flow::PlanRun run = flow::plan_scenario_file(opt.scenario, opt.out_dir, opt.run, hooks);
  const Scenario& s = run.scenario;
  const plan::PlanResult& r = run.result;
  const io::OutputMeta& meta = run.meta;
  const ObjectiveKind objective = run.objective;
  const std::optional<plan::OptimiseResult>& optimised = run.optimised;
  const std::optional<plan::Baseline>& base = run.baseline;
  const auto& sources = run.sources;
  const auto& link = run.link;
  const double bound_seconds = run.bound_seconds;
  unit = objective_unit(objective);
  const int status = run.valid ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);

  const PlanSummary summary{opt,  s,         sources, link,          r,
                            meta, optimised, base,    bound_seconds, run.valid};
  if (!opt.quiet) print_plan_summary(summary);
  if (opt.run.compare_rules && base) print_rule_comparison(summary);
  return status;
}

}  // namespace gw::app
