// The district optimiser: starts from the better of the two dispatch rules and searches, with the
// scheduling engine's genetic search (src/sched/search.hpp), over per-task priority factors that
// the impact rule's dispatcher decodes into a plan. See docs/algorithms.md, "The optimiser".
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "plan/planner.hpp"

namespace gw::plan {

struct OptimiseProgress {
  double elapsed_s = 0;
  double best_people_days = 0;
  double baseline_people_days = 0;
  std::uint64_t evaluations = 0;
};

struct OptimiseOptions {
  double time_limit_s = 60;  // <= 0: only the dispatch rules
  std::uint64_t max_evaluations =
      0;            // 0: no limit; with one thread, a limit makes a run repeatable
  int threads = 1;  // islands of the genetic search
  std::uint64_t seed = 1;
  DispatchOptions dispatch;  // base options; the rule is impact during the search
  // Called from a search thread (serialised) on every new best.
  std::function<void(const OptimiseProgress&)> on_improvement;
};

struct OptimiseResult {
  PlanResult best;          // the full plan (every task), ready to validate and write
  std::string best_source;  // "nearest", "impact" or "optimiser"
  double nearest_people_days = 0;
  double impact_people_days = 0;
  double baseline_people_days = 0;  // the better rule's
  std::string baseline_rule;
  double lower_bound_people_days = 0;  // plan::lower_bound's (lower_bound.hpp)
  std::size_t focus_tasks = 0;         // tasks whose priority the search varies
  std::uint64_t evaluations = 0;
  double search_seconds = 0;
};

// Plans a linked scenario: both dispatch rules, then the search within the limits.
OptimiseResult optimise(const Scenario& s, const OptimiseOptions& opt);

}  // namespace gw::plan
