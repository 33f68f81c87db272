#include "plan/sequence/exhaustive.hpp"

#include <functional>
#include <vector>

#include "plan/evaluate.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::sequence {

namespace {

std::vector<std::vector<std::uint32_t>> capable_crews(const Scenario& s, const TaskSet& ts) {
  std::vector<std::vector<std::uint32_t>> out(ts.tasks.size());
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    for (std::size_t c = 0; c < s.crews.size(); ++c) {
      if (daily_rate(s, s.crews[c], ts.tasks[t]) > 0)
        out[t].push_back(static_cast<std::uint32_t>(c));
    }
  }
  return out;
}

}  // namespace

std::uint64_t count_sequences(const Scenario& s, const TaskSet& ts, std::uint64_t limit) {
  // Placing the tasks one by one, task i goes to a capable crew at any of its places: at most
  // (i + 1) places over all crews for the i-th task, times the number of its crews.
  const auto capable = capable_crews(s, ts);
  std::uint64_t n = 1;
  for (std::size_t i = 0; i < capable.size(); ++i) {
    const std::uint64_t ways = capable[i].size() * (i + 1);
    if (ways == 0) return limit + 1;  // a task no crew can do: not for the exact method
    if (n > limit / ways) return limit + 1;
    n *= ways;
  }
  return n;
}

std::optional<ExactBest> best_sequences(const Scenario& s, const TaskSet& ts, Executor& exec,
                                        std::uint64_t limit) {
  if (ts.tasks.empty() || count_sequences(s, ts, limit) > limit) return std::nullopt;
  const auto capable = capable_crews(s, ts);
  Sequences seq;
  seq.by_crew.resize(s.crews.size());
  std::optional<ExactBest> best;
  std::uint64_t evaluations = 0;
  // Every way of inserting task i into the sequence of one of its crews, at every place.
  std::function<void(std::size_t)> place = [&](std::size_t i) {
    if (i == ts.tasks.size()) {
      Execution e = exec.run(seq);
      ++evaluations;
      if (!e.complete) return;
      const double v = evaluate(s, ts, e.plan).objective;
      if (!best || v < best->value - 1e-9) best = ExactBest{std::move(e.plan), v, 0};
      return;
    }
    for (const std::uint32_t c : capable[i]) {
      auto& row = seq.by_crew[c];
      for (std::size_t q = 0; q <= row.size(); ++q) {
        row.insert(row.begin() + static_cast<std::ptrdiff_t>(q), static_cast<std::uint32_t>(i));
        place(i + 1);
        row.erase(row.begin() + static_cast<std::ptrdiff_t>(q));
      }
    }
  };
  place(0);
  if (best) {
    best->evaluations = evaluations;
    best->plan.rule = "optimiser";
  }
  return best;
}

}  // namespace gw::plan::sequence
