// A local search over crews' task sequences (docs/algorithms.md, "Sequence search"): starting from
// a plan, it moves tasks earlier within their crew's sequence or onto another capable crew's,
// re-executes the sequences (executor.hpp) and keeps a move when the scenario's objective falls.
// Moves aim at what makes the objective late: the tasks that end exactly when a settlement's last
// condition of return (or access) is met, and, up their chains, the tasks they waited for.
// Small scenarios are solved exactly instead (exhaustive.hpp). This lets the optimiser reorder a
// crew's own work, which priorities alone cannot: a corridor package before the land package of
// the same hazard, for example.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan::sequence {

struct SearchOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::uint64_t max_evaluations = 0;  // 0: no limit (then a deadline is needed)
  std::uint64_t seed = 1;
  // Scenarios with at most this many candidate sequences are solved exactly (exhaustive.hpp);
  // 0: never.
  std::uint64_t exhaustive_limit = 200000;
  // Called on each new best with its objective value.
  std::function<void(double)> on_improvement;
};

struct SearchOutcome {
  Plan plan;         // the best plan found (the start when nothing beat it)
  double value = 0;  // its objective value (Evaluation::objective)
  std::uint64_t evaluations = 0;
  std::uint64_t improvements = 0;
};

// `start` must assign tasks of `ts` to crews able to do them.
SearchOutcome improve_sequences(const Scenario& s, const TaskSet& ts, const Plan& start,
                                const SearchOptions& opt);

}  // namespace gw::plan::sequence
