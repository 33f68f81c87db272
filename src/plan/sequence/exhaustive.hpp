// The exact method for small scenarios: every way to split the tasks among the crews able to do
// them and to order each crew's share, each executed (executor.hpp) and measured; the best is
// optimal among the plans the executor makes (every task as early as its crew's order allows),
// which include an optimal plan for the regular objectives (each only grows when a task ends
// later).
#pragma once

#include <cstdint>
#include <optional>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/sequence/executor.hpp"

namespace gw::plan::sequence {

struct ExactBest {
  Plan plan;
  double value = 0;
  std::uint64_t evaluations = 0;
};

// The best sequences of a small scenario, or nullopt when it has more than `limit` candidate
// sequences (or no complete one).
std::optional<ExactBest> best_sequences(const Scenario& s, const TaskSet& ts, Executor& exec,
                                        std::uint64_t limit);

// The number of candidate sequences (saturating at limit + 1).
std::uint64_t count_sequences(const Scenario& s, const TaskSet& ts, std::uint64_t limit);

}  // namespace gw::plan::sequence
