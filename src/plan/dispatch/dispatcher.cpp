#include "plan/dispatch/dispatcher.hpp"

#include <algorithm>
#include <chrono>
#include <string>

namespace gw::plan::dispatcher {

Dispatcher::Dispatcher(const Scenario& s, const TaskSet& ts, const DispatchOptions& opt)
    : s_(s),
      ts_(ts),
      opt_(opt),
      net_(s.roads),
      board_(ts, net_, opt.believed_effort),
      roads_(net_, ts),
      travel_(net_),
      crews_(s, net_),
      scorer_(s, ts, board_, opt),
      grid_(net_, board_, opt.rule == Rule::kImpact) {
  for (std::size_t e = 0; e < roads_.num_edges(); ++e) {
    if (!roads_.is_open(e)) travel_.set_open(EdgeId::from_index(e), false);
  }
  for (const Hub& h : s.hubs) hub_nodes_.push_back(h.node);
  if (opt.rule == Rule::kImpact) prio_.emplace(s, ts, net_, opt, board_, roads_.blocked_at_start());
}

// True when every settlement is in a component with a hub; drops those found connected.
bool Dispatcher::all_have_access() {
  checked_version_ = roads_.version();
  std::vector<std::uint32_t> hub_roots;
  for (NodeId h : hub_nodes_) hub_roots.push_back(roads_.root(h.index()));
  std::erase_if(waiting_nodes_, [&](std::uint32_t n) {
    return std::find(hub_roots.begin(), hub_roots.end(), roads_.root(n)) != hub_roots.end();
  });
  return waiting_nodes_.empty();
}

DispatchResult Dispatcher::run() {
  for (const Settlement& st : s_.settlements) waiting_nodes_.push_back(st.node.value);
  const bool stop_at_returns = opt_.stop_when_all_returned && prio_ && prio_->has_return();
  if (stop_at_returns) {
    return_task_.assign(board_.size(), 0);
    for (const auto* csr : {&prio_->return_work().gate, &prio_->return_work().housing}) {
      for (const std::uint32_t t : csr->items) {
        if (return_task_[t] == 0) ++return_left_;
        return_task_[t] = 1;
      }
    }
  }
  for (std::uint32_t t = 0; t < board_.size(); ++t) {
    if (board_.has_no_preds(t)) make_available(t);
  }
  std::vector<std::uint32_t> ready(s_.crews.size());
  for (std::size_t c = 0; c < ready.size(); ++c) ready[c] = static_cast<std::uint32_t>(c);
  // Re-planning: the done work is fixed, and every crew first chooses at release_at.
  std::vector<char> fixed_task;
  if (opt_.fixed != nullptr || opt_.release_at > 0) {
    fixed_task.assign(board_.size(), 0);
    std::vector<Minutes> free_at(s_.crews.size(), opt_.release_at);
    if (opt_.fixed != nullptr) {
      for (const Assignment& a : *opt_.fixed) {
        commit_fixed(a);
        fixed_task[a.task.index()] = 1;
        free_at[a.crew.index()] = std::max(free_at[a.crew.index()], a.end);
      }
    }
    for (const std::uint32_t c : ready) board_.push({free_at[c], kNoTask, c});
    ready.clear();
  }
  if (prio_) update_priorities(0);
  dispatch_all(0, ready);
  while (!board_.no_events()) {
    const Minutes now = board_.next_event().time;
    ready.clear();
    while (!board_.no_events() && board_.next_event().time == now) {
      const Event ev = board_.next_event();
      board_.pop_event();
      if (ev.task == kNoTask) {  // a crew released (re-planning)
        // Reported history may have left it where the roads open now do not reach its base
        // (work the plan counted on is not done): it starts again from its base
        // (docs/model.md §5).
        const NodeId base = s_.crews[ev.crew].base_node;
        if (roads_.root(crews_.node(ev.crew).index()) != roads_.root(base.index()))
          crews_.move(ev.crew, base);
        ready.push_back(ev.crew);
        continue;
      }
      finish(ev.task);
      // The crew of fixed work waits for its release instead.
      if (fixed_task.empty() || fixed_task[ev.task] == 0) ready.push_back(ev.crew);
    }
    if (opt_.stop_when_all_access && roads_.version() != checked_version_ && all_have_access()) {
      stopped_early_ = true;
      break;
    }
    if (stop_at_returns && return_left_ == 0 && all_have_access()) {
      stopped_early_ = true;
      break;
    }
    if (opt_.deadline && (++deadline_tick_ & 255U) == 0 &&
        std::chrono::steady_clock::now() > *opt_.deadline) {
      aborted_ = true;
      break;
    }
    if (prio_ && prio_->due()) update_priorities(now);
    // Idle crews woken because work they can do appeared in their component join the crews just
    // freed.
    crews_.take_woken(ready);
    std::sort(ready.begin(), ready.end());
    ready.erase(std::unique(ready.begin(), ready.end()), ready.end());
    dispatch_all(now, ready);
  }
  DispatchResult result;
  stats_.nodes_settled = travel_.search().settled();
  stats_.far_trip_nodes = travel_.search().settled_by_astar();
  if (prio_) {
    stats_.priority_updates = prio_->updates();
    result.access_tasks = prio_->take_access_tasks();
  }
  result.stats = stats_;
  result.stopped_early = stopped_early_;
  result.aborted = aborted_;
  result.plan.rule = std::string(rule_name(opt_.rule));
  result.plan.assignments = std::move(assignments_);
  std::stable_sort(result.plan.assignments.begin(), result.plan.assignments.end(),
                   [](const Assignment& a, const Assignment& b) {
                     return a.crew != b.crew ? a.crew < b.crew : a.start < b.start;
                   });
  for (std::uint32_t t = 0; t < board_.size(); ++t) {
    if (board_.state(t) != TaskState::kDone) result.unassigned.push_back(TaskId::from_index(t));
  }
  return result;
}

void Dispatcher::make_available(std::uint32_t t) {
  if (board_.state(t) != TaskState::kWaiting) return;  // already taken ahead (look-ahead)
  board_.set_state(t, TaskState::kAvailable);
  const auto [u, v] = board_.ends(t);
  const std::size_t k = board_.cls(t);
  roads_.count(u, v, k, +1);
  grid_.add(t, priority(t));
  if (prio_ && prio_->on_path(t)) insert_hot(hot_[k], t, *prio_);
  // One idle crew of each capable trade in the component(s) the site touches may now work.
  const std::uint32_t ru = roads_.root(u), rv = roads_.root(v);
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (!scorer_.capable(tr)[k]) continue;
    crews_.wake_nearest(ru, tr, u);
    if (rv != ru) crews_.wake_nearest(rv, tr, u);
  }
}

void Dispatcher::open_edge(std::size_t e) {
  const auto [a, b] = roads_.open(e);
  travel_.set_open(EdgeId::from_index(e), true);
  travel_.road_opened();
  if (prio_) prio_->road_opened();
  if (a == b) return;
  // Crews idle on one side may now reach the work waiting on the other.
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    const ClassSet& cap = scorer_.capable(tr);
    const std::size_t work_a = roads_.capable_count(a, cap), work_b = roads_.capable_count(b, cap);
    if (work_b > 0) crews_.wake(a, tr, work_b);
    if (work_a > 0) crews_.wake(b, tr, work_a);
  }
  const auto [keep, gone] = roads_.join(a, b);
  crews_.merge(keep, gone);
}

void Dispatcher::finish(std::uint32_t t) {
  board_.set_state(t, TaskState::kDone);
  if (prio_) prio_->task_done(t);
  for (const std::uint32_t* e = board_.blocks_begin(t); e != board_.blocks_end(t); ++e) {
    if (roads_.unblock(*e)) open_edge(*e);
  }
  for (const std::uint32_t* u = board_.succs_begin(t); u != board_.succs_end(t); ++u) {
    if (board_.pred_done(*u)) make_available(*u);
  }
}

void Dispatcher::commit_fixed(const Assignment& a) {
  const auto t = static_cast<std::uint32_t>(a.task.index());
  if (board_.state(t) == TaskState::kAvailable) {
    const auto [u, v] = board_.ends(t);
    roads_.count(u, v, board_.cls(t), -1);
    grid_.remove(t);
  }
  board_.set_state(t, TaskState::kAssigned);
  if (!return_task_.empty() && return_task_[t] != 0) --return_left_;
  if (prio_) prio_->task_assigned(t, a.end);
  assignments_.push_back(a);
  crews_.move(static_cast<std::uint32_t>(a.crew.index()), a.entry_node);
  board_.push({a.end, t, static_cast<std::uint32_t>(a.crew.index())});
}

void Dispatcher::park(std::uint32_t c) {
  const Crew& crew = s_.crews[c];
  crews_.park(c, roads_.root(crew.base_node.index()), static_cast<std::size_t>(crew.trade));
}

namespace {

// DispatchOptions::chain_order: among crews choosing at the same moment, those whose work usually
// comes first in a chain (survey, then machines, then manual and dog teams, then builders) choose
// first, so that the next crew of a chain sees its task as a look-ahead candidate (its
// predecessors under way) in the same round rather than after its own next task.
int chain_rank(Trade t) {
  switch (t) {
    case Trade::kSurvey:
      return 0;
    case Trade::kMechanical:
      return 1;
    case Trade::kManual:
    case Trade::kDog:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

void Dispatcher::dispatch_all(Minutes now, std::vector<std::uint32_t>& crews) {
  if (opt_.chain_order) {
    std::stable_sort(crews.begin(), crews.end(), [&](std::uint32_t a, std::uint32_t b) {
      return chain_rank(s_.crews[a].trade) < chain_rank(s_.crews[b].trade);
    });
  }
  for (const std::uint32_t c : crews) {
    // Whether the crew's home component holds work it can do (counted at its base).
    const Crew& crew = s_.crews[c];
    const bool has_work = roads_.has_work(roads_.root(crew.base_node.index()),
                                          scorer_.capable(static_cast<std::size_t>(crew.trade)));
    if (!(has_work && assign_next(c, now))) park(c);
  }
}

void Dispatcher::update_priorities(Minutes now) {
  if (prio_->update(board_, roads_, hub_nodes_, now)) {
    rebuild_hot(hot_, board_, *prio_,
                [&](std::uint32_t t) { return board_.state(t) == TaskState::kAvailable; });
    if (opt_.look_ahead) {
      rebuild_hot(soon_, board_, *prio_, [&](std::uint32_t t) {
        return board_.state(t) == TaskState::kWaiting && board_.preds_open(t) == 0;
      });
    }
  } else {
    for (auto& list : hot_) list.clear();
  }
  grid_.refresh(prio_->priority());
}

void Dispatcher::under_way(std::uint32_t t, Minutes end) {
  for (const std::uint32_t* u = board_.succs_begin(t); u != board_.succs_end(t); ++u) {
    if (board_.pred_under_way(*u, end) && board_.state(*u) == TaskState::kWaiting && prio_ &&
        prio_->on_path(*u))
      insert_hot(soon_[board_.cls(*u)], *u, *prio_);
  }
}

}  // namespace gw::plan::dispatcher
