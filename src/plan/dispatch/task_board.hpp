// The dispatcher's task state machine and event queue: each task's state (waiting for its
// predecessors, available, assigned, done), its precedence counters, the compact per-task data the
// hot paths read (class, site-edge ends, work), and the crews' task ends in time order.
#pragma once

#include <cstdint>
#include <queue>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"

namespace gw::plan::dispatcher {

enum class TaskState : std::uint8_t { kWaiting, kAvailable, kAssigned, kDone };

// A crew's task ends at `time`. Ties end in task order, so that a run is repeatable.
struct Event {
  Minutes time;
  std::uint32_t task;
  std::uint32_t crew;
  bool operator>(const Event& o) const { return time != o.time ? time > o.time : task > o.task; }
};

// Inverts a CSR relation key -> items into item -> keys.
Csr<std::uint32_t> invert(const Csr<TaskId>& rel, std::size_t item_count);

class TaskBoard {
 public:
  // Entries of the per-node lists pack task << kClassBits | class (task_grid.hpp).
  static constexpr std::uint32_t kClassBits = 6;
  static constexpr std::size_t kMaxTasks = std::size_t{1} << (32 - kClassBits);

  // Throws Error(kUnsupported) beyond kMaxTasks tasks.
  // believed_effort (optional, one per task): the effort the rules compare tasks by, when the
  // dispatcher does not know the true one (DispatchOptions::believed_effort).
  TaskBoard(const TaskSet& ts, const RoadNetwork& net,
            const std::vector<float>* believed_effort = nullptr);

  [[nodiscard]] std::size_t size() const { return state_.size(); }
  [[nodiscard]] TaskState state(std::uint32_t t) const { return state_[t]; }
  void set_state(std::uint32_t t, TaskState st) { state_[t] = st; }
  [[nodiscard]] std::uint8_t cls(std::uint32_t t) const { return cls_[t]; }
  // The end nodes of the task's site edge (one read rather than three scattered ones).
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> ends(std::uint32_t t) const {
    return ends_[t];
  }
  // The work × effort the rules compare (the believed effort when one is given) ...
  [[nodiscard]] double work(std::uint32_t t) const { return work_[t]; }
  // ... and the work × effort the task really takes: its end follows this one.
  [[nodiscard]] double true_work(std::uint32_t t) const { return true_work_[t]; }
  [[nodiscard]] std::uint32_t pack(std::uint32_t t) const { return t << kClassBits | cls_[t]; }

  // Precedence. Tasks with no predecessors are available from the start.
  [[nodiscard]] bool has_no_preds(std::uint32_t t) const { return pred_left_[t] == 0; }
  // One predecessor of u has ended: true when it was the last.
  bool pred_done(std::uint32_t u) { return --pred_left_[u] == 0; }
  [[nodiscard]] const std::uint32_t* succs_begin(std::uint32_t t) const { return succs_.begin(t); }
  [[nodiscard]] const std::uint32_t* succs_end(std::uint32_t t) const { return succs_.end(t); }
  // The edges the task blocks.
  [[nodiscard]] const std::uint32_t* blocks_begin(std::uint32_t t) const {
    return blocks_.begin(t);
  }
  [[nodiscard]] const std::uint32_t* blocks_end(std::uint32_t t) const { return blocks_.end(t); }

  // Look-ahead (DispatchOptions::look_ahead): predecessors not yet assigned, and the latest end of
  // the assigned ones.
  [[nodiscard]] std::uint32_t preds_open(std::uint32_t t) const { return preds_open_[t]; }
  [[nodiscard]] Minutes ready_at(std::uint32_t t) const { return ready_at_[t]; }
  // Predecessor t of u was assigned to end at `end`: true when u's predecessors are all under way.
  bool pred_under_way(std::uint32_t u, Minutes end) {
    if (end > ready_at_[u]) ready_at_[u] = end;
    return --preds_open_[u] == 0;
  }

  // The event queue.
  void push(const Event& e) { events_.push(e); }
  [[nodiscard]] bool no_events() const { return events_.empty(); }
  [[nodiscard]] const Event& next_event() const { return events_.top(); }
  void pop_event() { events_.pop(); }

 private:
  std::vector<TaskState> state_;
  std::vector<std::uint32_t> pred_left_;
  std::vector<std::uint32_t> preds_open_;
  std::vector<Minutes> ready_at_;
  Csr<std::uint32_t> succs_;   // task -> successor tasks
  Csr<std::uint32_t> blocks_;  // task -> edges it blocks
  std::vector<std::uint8_t> cls_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends_;
  std::vector<double> work_;
  std::vector<double> true_work_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
};

}  // namespace gw::plan::dispatcher
