// The impact rule's priorities, in people (weighted) per day of work: static parts for the land a
// task releases and the services it restores, plus, for the tasks on each settlement's cheapest
// restoration path to a hub, the settlement's population over the work still blocking the path
// (Smith's rule). docs/algorithms.md, "The impact rule".
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/dispatch/return_priorities.hpp"
#include "plan/dispatch/road_state.hpp"
#include "plan/dispatch/task_board.hpp"

namespace gw::plan::dispatcher {

class ImpactPriorities {
 public:
  ImpactPriorities(const Scenario& s, const TaskSet& ts, const RoadNetwork& net,
                   const DispatchOptions& opt, const TaskBoard& board, std::size_t blocked_edges);

  [[nodiscard]] const std::vector<double>& priority() const { return priority_; }
  [[nodiscard]] double operator[](std::uint32_t t) const { return priority_[t]; }
  // Falling priority, then task order.
  [[nodiscard]] bool hotter(std::uint32_t a, std::uint32_t b) const {
    return priority_[a] != priority_[b] ? priority_[a] > priority_[b] : a < b;
  }
  // On a restoration path at the last update.
  [[nodiscard]] bool on_path(std::uint32_t t) const { return !on_path_.empty() && on_path_[t]; }
  // The tasks on a restoration path at the first update.
  [[nodiscard]] std::vector<TaskId> take_access_tasks() { return std::move(access_tasks_); }
  [[nodiscard]] std::uint64_t updates() const { return updates_; }
  // The work each settlement's return waits for (empty without a return part).
  [[nodiscard]] bool has_return() const { return has_return_; }
  [[nodiscard]] const ReturnWork& return_work() const { return return_work_; }

  // A road opened. Updates are due once a fiftieth of the edges closed at the start have opened,
  // or, when people wait to return, a hundredth of the tasks have ended.
  void road_opened() { ++opened_since_update_; }
  void task_done(std::uint32_t t) {
    if (!has_return_) return;
    done_[t] = 1;
    ++done_since_update_;
  }
  // A crew took task t, to end at `end` (DispatchOptions::return_slack_days).
  void task_assigned(std::uint32_t t, Minutes end) {
    if (!end_.empty()) end_[t] = end;
  }
  [[nodiscard]] bool due() const {
    return opened_since_update_ >= update_every_ ||
           (has_return_ && done_since_update_ >= return_update_every_);
  }
  // Recomputes the priorities from the state of the tasks and roads at time `now`. Returns false
  // when every settlement had access and no return waits for work (the static priorities alone
  // remain, no task is on a path).
  bool update(const TaskBoard& board, RoadState& roads, const std::vector<NodeId>& hubs,
              Minutes now);

 private:
  void apply_factors();

  const Scenario& s_;
  const TaskSet& ts_;
  const RoadNetwork& net_;
  const DispatchOptions& opt_;
  std::vector<double> nominal_days_;  // a task's work at the mean rate of the capable crews
  std::vector<double> static_priority_;
  std::vector<double> priority_;
  Csr<TaskId> closure_;  // per edge: its blockers and, transitively, their predecessors
  std::vector<char> on_path_;
  std::vector<TaskId> access_tasks_;
  std::uint64_t updates_ = 0;
  std::size_t update_every_ = 1;
  std::size_t opened_since_update_ = 0;
  // The return part (return_priorities.hpp): per settlement the work its return waits for, the
  // tasks done, and the completions since the last update.
  ReturnWork return_work_;
  bool has_return_ = false;
  std::vector<char> done_;
  std::size_t done_since_update_ = 0;
  std::size_t return_update_every_ = 1;
  // With DispatchOptions::return_slack_days: the tasks in precedence order, each task's end once a
  // crew took it (-1 before), and the last update's estimated ends.
  std::vector<std::uint32_t> order_;
  std::vector<Minutes> end_;
  std::vector<double> ends_;
  // update()'s buffers, kept between calls.
  struct Arc {
    std::uint32_t head;
    std::uint32_t edge;
  };
  std::vector<Arc> arcs_;  // the adjacency, packed
  std::vector<double> remaining_, cost_, dist_;
  std::vector<std::uint32_t> closed_;  // edges closed at the last update
  std::vector<EdgeId> parent_;
  std::vector<std::pair<double, std::uint32_t>> heap_;
};

}  // namespace gw::plan::dispatcher
