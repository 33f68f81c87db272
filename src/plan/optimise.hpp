// The district optimiser: starts from the better of the two dispatch rules and searches, with the
// scheduling engine's genetic search (src/sched/search.hpp), over per-task priority factors that
// the impact rule's dispatcher decodes into a plan. See docs/algorithms.md, "The optimiser".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "plan/planner.hpp"

namespace gw::plan {

// Values are the scenario's objective (s.params.objective; Evaluation::objective).
struct OptimiseProgress {
  double elapsed_s = 0;
  double best_value = 0;
  double baseline_value = 0;
  std::uint64_t evaluations = 0;
};

struct OptimiseOptions {
  double time_limit_s = 60;  // <= 0: only the dispatch rules
  std::uint64_t max_evaluations =
      0;            // 0: no limit; with one thread, a limit makes a run repeatable
  int threads = 1;  // islands of the genetic search (0: one per core)
  std::uint64_t seed = 1;
  // Base options; the rule is impact during the search, with its weights set from the scenario's
  // objective (dispatch_for_objective, objective.hpp).
  DispatchOptions dispatch;
  // Called from a search thread (serialised) on every new best.
  std::function<void(const OptimiseProgress&)> on_improvement;
  // Plans of the same task set to start from (each assignment's crew an index of this scenario's
  // crews): the result is never worse than the best of them. `compare` passes the plan of the
  // scenario it changes, so that more crews never make the optimised plan worse.
  std::vector<Plan> seed_plans;
  // Called when the search starts (after the dispatch rules and the lower bound) and when it ends
  // (before the best genome's full plan).
  std::function<void()> on_search_start;
  std::function<void()> on_search_end;
};

struct OptimiseResult {
  PlanResult best;          // the full plan (every task), ready to validate and write
  std::string best_source;  // "nearest", "impact" or "optimiser"
  // The two rules' plans: people-days without access and objective values.
  double nearest_people_days = 0;
  double impact_people_days = 0;
  double nearest_value = 0;
  double impact_value = 0;
  // The better rule by the objective (impact on a tie): its people-days and objective value.
  double baseline_people_days = 0;
  double baseline_value = 0;
  std::string baseline_rule;
  double lower_bound_people_days = 0;  // plan::lower_bound's (lower_bound.hpp)
  // objective_lower_bound() (objective.hpp): nullopt when no valid bound exists.
  std::optional<double> lower_bound_value;
  std::size_t focus_tasks = 0;    // tasks whose priority the search varies
  std::uint64_t evaluations = 0;  // priority searches' dispatches
  // Genomes the priority search measured, repeats included: a genome met before is not dispatched
  // again, so this may exceed `evaluations`.
  std::uint64_t genomes = 0;
  std::uint64_t sequence_evaluations = 0;  // sequence searches' executions
  std::uint64_t sequence_improvements = 0;
  double search_seconds = 0;
};

// Plans a linked scenario: both dispatch rules, then the search within the limits, minimising the
// scenario's objective (s.params.objective).
OptimiseResult optimise(const Scenario& s, const OptimiseOptions& opt);

}  // namespace gw::plan
