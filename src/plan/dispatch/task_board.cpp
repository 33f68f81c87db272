#include "plan/dispatch/task_board.hpp"

#include <string>

#include "model/error.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

Csr<std::uint32_t> invert(const Csr<TaskId>& rel, std::size_t item_count) {
  std::vector<std::vector<std::uint32_t>> rows(item_count);
  for (std::size_t k = 0; k < rel.size(); ++k) {
    for (const TaskId* t = rel.begin(k); t != rel.end(k); ++t)
      rows[t->index()].push_back(static_cast<std::uint32_t>(k));
  }
  Csr<std::uint32_t> out;
  for (auto& r : rows) out.push_row(r);
  return out;
}

TaskBoard::TaskBoard(const TaskSet& ts, const RoadNetwork& net,
                     const std::vector<float>* believed_effort) {
  const std::size_t n = ts.tasks.size();
  state_.assign(n, TaskState::kWaiting);
  pred_left_.resize(n);
  for (std::size_t t = 0; t < n; ++t) pred_left_[t] = static_cast<std::uint32_t>(ts.preds.count(t));
  preds_open_ = pred_left_;
  ready_at_.assign(n, 0);
  succs_ = invert(ts.preds, n);
  blocks_ = invert(ts.edge_blockers, n);
  cls_.resize(n);
  ends_.resize(n);
  work_.resize(n);
  true_work_.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    cls_[t] = static_cast<std::uint8_t>(task_class(ts.tasks[t]));
    true_work_[t] = ts.tasks[t].work * ts.tasks[t].effort;
    work_[t] = believed_effort != nullptr
                   ? ts.tasks[t].work * static_cast<double>((*believed_effort)[t])
                   : true_work_[t];
    const EdgeId e = ts.tasks[t].site_edge;
    ends_[t] = {net.edge_from[e.index()].value, net.edge_to[e.index()].value};
  }
  if (n > kMaxTasks) {
    throw Error(ErrorCode::kUnsupported,
                "dispatch: more than " + std::to_string(kMaxTasks) + " tasks");
  }
}

}  // namespace gw::plan::dispatcher
