// A crew's choice of its next task, in named steps: near candidates (the local search), far
// candidates (far_lookup.cpp), hot candidates, the pick, its exact travel, the assignment.
#include <algorithm>
#include <bit>
#include <tuple>

#include "plan/dispatch/dispatcher.hpp"

namespace gw::plan::dispatcher {

bool Dispatcher::assign_next(std::uint32_t c, Minutes now) {
  const Crew& crew = s_.crews[c];
  const ClassSet& cap = scorer_.capable(static_cast<std::size_t>(crew.trade));
  cands_.begin(board_.size());
  ++stats_.dispatches;
  const SourceTable* table = travel_.table(crews_.node(c), roads_.version(), stats_.table_nodes);
  const bool searched = near_candidates(c, cap, table, work_nearby(c, cap));
  if (cands_.list.empty()) far_candidates(c, crew, cap);
  if (opt_.rule == Rule::kImpact) hot_candidates(c, cap);
  if (cands_.list.empty()) return false;
  Candidate chosen = cands_.list[pick(crew, now)];
  if (!chosen.exact) resolve_travel(c, chosen, table, searched);
  commit(c, chosen, now, table);
  return true;
}

// When no task the crew can do lies in its grid cell or the eight around it (at least one cell
// width, 5 km, in every direction) within its component, the local search would spend its whole
// budget of nodes and find nothing, or at best a task just beyond, which the far lookup ranks as
// well: the choice goes straight to the far lookup.
bool Dispatcher::work_nearby(std::uint32_t c, const ClassSet& cap) {
  bool near_work = false;
  const std::uint32_t root = roads_.root(crews_.node(c).index());
  const ClassMask capmask = class_mask(cap);
  grid_.for_cells_around(crews_.node(c).value, 1, [&](std::size_t cell) {
    for (ClassMask m = grid_.cell_classes(cell) & capmask; m != 0 && !near_work; m &= m - 1) {
      const auto& list =
          grid_.entries(static_cast<std::size_t>(std::countr_zero(m)) * grid_.cells() + cell);
      for (std::size_t i = 0; i < list.size() && !near_work; ++i) {
        near_work = list[i].dead == 0 &&
                    (roads_.root(list[i].u_node) == root || roads_.root(list[i].v_node) == root);
      }
    }
  });
  return near_work;
}

bool Dispatcher::near_candidates(std::uint32_t c, const ClassSet& cap, const SourceTable* table,
                                 bool nearby) {
  const std::size_t want = opt_.rule == Rule::kNearest ? 1 : opt_.candidates;
  // Candidates are compared within a window of travel beyond the nearest one: further tasks would
  // only win on an implausible benefit, and the search must stay local on a country network.
  const Seconds window = opt_.compare_window_s;
  Seconds first = -1;
  std::size_t settled = 0;
  std::size_t found = 0;  // candidates found, twins included (see below)
  auto visit = [&](NodeId x, Seconds d) {
    if (first >= 0 && d > first + window) return false;
    if (++settled > kSearchNodes) return false;
    if (!grid_.node_busy(x.value)) return true;
    std::uint32_t prev = kNoTask;
    for (const std::uint32_t* t = grid_.node_begin(x.value); t != grid_.node_end(x.value); ++t) {
      if (!cap[*t & TaskGrid::kClassMask]) continue;
      const std::uint32_t ti = *t >> TaskBoard::kClassBits;
      if (cands_.seen(ti)) continue;
      cands_.mark(ti);
      ++found;
      if (first < 0) first = d;
      // The work packages of one hazard part lie at one node in task order: one that is the twin
      // of the candidate before it (same site, class, work, priority and slowdown limit) scores
      // exactly as that one, reached at the same time, and cannot be picked before it (the first
      // of equals wins), so it is not ranked: ranking every package would cost the packages of a
      // hazard at every choice near it.
      if (prev != kNoTask && twins(prev, ti)) continue;
      cands_.list.push_back({ti, x, d});
      prev = ti;
    }
    return found < want;
  };
  if (table != nullptr) {
    for (const auto& [x, d] : table->order) {
      if (!visit(NodeId(x), d)) break;
    }
    return false;
  }
  if (nearby) {
    travel_.search().run(crews_.node(c), visit);
    return true;
  }
  ++stats_.local_searches_skipped;
  return false;
}

bool Dispatcher::twins(std::uint32_t a, std::uint32_t b) const {
  return board_.ends(a) == board_.ends(b) && board_.cls(a) == board_.cls(b) &&
         board_.work(a) == board_.work(b) && priority(a) == priority(b) &&
         scorer_.same_limit(a, b) && scorer_.same_keeper(a, b);
}

void Dispatcher::hot_candidates(std::uint32_t c, const ClassSet& cap) {
  // The available tasks that matter most for access anywhere in the crew's component compete
  // too, with an estimated travel time.
  const std::uint32_t root = roads_.root(crews_.node(c).index());
  add_listed(hot_, TaskState::kAvailable, false, c, root, cap);
  // Look-ahead: access tasks whose predecessors are all under way. A crew may set off now and
  // wait at the site, so that the chain loses no travel time at each hand-over.
  if (opt_.look_ahead) add_listed(soon_, TaskState::kWaiting, true, c, root, cap);
}

// Adds to the candidates up to hot_candidates tasks per class the crew can do from `lists` (per
// class, by falling priority, among the first hot_scan_limit live ones) that lie in the crew's
// component within their far limit. Entries no
// longer in `listed` state are dropped from the lists on the way.
void Dispatcher::add_listed(HotLists& lists, TaskState listed, bool ahead, std::uint32_t c,
                            std::uint32_t root, const ClassSet& cap) {
  for (std::size_t k = 0; k < kTaskClassCount; ++k) {
    if (!cap[k]) continue;
    auto& list = lists[k];
    std::size_t added = 0, keep = 0, i = 0;
    for (; i < list.size(); ++i) {
      if (keep >= opt_.hot_scan_limit) break;  // the rest stays listed, unscanned
      const std::uint32_t t = list[i];
      if (!ahead) ++stats_.hot_scanned;
      if (board_.state(t) != listed) continue;  // taken (or, ahead, available): dropped
      list[keep++] = t;
      if (added >= opt_.hot_candidates || cands_.seen(t)) continue;
      const auto [u, v] = board_.ends(t);
      if (roads_.root(u) != root && roads_.root(v) != root) continue;
      const Seconds est = travel_.estimate_s(crews_.node(c), u, v);
      if (static_cast<double>(est) > far_limit_s(t)) continue;  // work for crews based nearer
      cands_.mark(t);
      cands_.list.push_back({t, NodeId{}, est, false, ahead});
      ++added;
    }
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(keep),
               list.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

std::size_t Dispatcher::pick(const Crew& crew, Minutes now) {
  std::size_t best = 0;
  if (opt_.rule != Rule::kImpact) return best;  // nearest: the first (the nearest) candidate
  double best_score = -1;
  const auto& list = cands_.list;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::uint32_t t = list[i].task;
    const double sc = scorer_.choice_score(crew, t, priority(t), list[i].travel_s,
                                           list[i].ahead ? wait_min(t, now, list[i].travel_s) : 0);
    if (sc > best_score) {
      best_score = sc;
      best = i;
    }
  }
  return best;
}

void Dispatcher::resolve_travel(std::uint32_t c, Candidate& chosen, const SourceTable* table,
                                bool searched) {
  // The local search may already have reached the site: its path is a real one.
  const auto [u, v] = board_.ends(chosen.task);
  const NodeId from = crews_.node(c);
  const std::uint32_t root = roads_.root(from.index());
  Seconds du = 0, dv = 0;
  auto reached = [&](std::uint32_t n, Seconds& d) {
    if (table == nullptr) return searched && travel_.search().reached(NodeId(n), d);
    if (table->dist[n] == SourceTable::kUnreached) return false;
    d = table->dist[n];
    return true;
  };
  const bool ru = roads_.root(u) == root && reached(u, du);
  const bool rv = roads_.root(v) == root && reached(v, dv);
  if (ru && (!rv || du <= dv)) {
    chosen.entry = NodeId(u);
    chosen.travel_s = du;
  } else if (rv) {
    chosen.entry = NodeId(v);
    chosen.travel_s = dv;
  } else {
    targets_.clear();
    if (roads_.root(u) == root) targets_.emplace_back(u);
    if (v != u && roads_.root(v) == root) targets_.emplace_back(v);
    std::tie(chosen.entry, chosen.travel_s) = travel_.exact(from, targets_);
    ++stats_.far_trips;
  }
}

void Dispatcher::commit(std::uint32_t c, const Candidate& chosen, Minutes now,
                        const SourceTable* table) {
  const Crew& crew = s_.crews[c];
  Assignment a;
  a.task = TaskId(chosen.task);
  a.crew = CrewId(c);
  a.depart = now;
  a.travel_min = (chosen.travel_s + 59) / 60;
  a.start = now + a.travel_min;
  if (chosen.ahead) {
    a.start = std::max(a.start, board_.ready_at(chosen.task));
    ++stats_.ahead_assignments;
  }
  a.end = scorer_.end(crew, chosen.task, a.start);
  a.from_node = crews_.node(c);
  a.entry_node = chosen.entry;
  // The trip's route, from the search (or table) that timed it: the plan carries it, so that the
  // validator checks one path instead of searching for one (docs/model.md §5).
  if (!travel_.route(a.from_node, a.entry_node, chosen.travel_s, table, a.route)) {
    a.route.clear();
    ++stats_.trips_without_route;
  }
  const Minutes end = a.end;
  if (prio_) prio_->task_assigned(chosen.task, end);
  assignments_.push_back(std::move(a));
  if (!chosen.ahead) {
    const auto [u, v] = board_.ends(chosen.task);
    roads_.count(u, v, board_.cls(chosen.task), -1);
    grid_.remove(chosen.task);
  }
  board_.set_state(chosen.task, TaskState::kAssigned);
  if (!return_task_.empty() && return_task_[chosen.task] != 0) --return_left_;
  if (opt_.look_ahead) under_way(chosen.task, end);
  crews_.move(c, chosen.entry);
  board_.push({end, chosen.task, c});
}

}  // namespace gw::plan::dispatcher
