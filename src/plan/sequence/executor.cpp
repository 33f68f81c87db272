#include "plan/sequence/executor.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "model/evaluation.hpp"
#include "plan/sequence/open_components.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::sequence {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFU;
// A crew that could leave now may do better to wait for a road about to open: it tries the next
// few openings already known, each only while it would still arrive earlier.
constexpr int kLaterDepartures = 3;

Csr<std::uint32_t> invert(const Csr<TaskId>& rel, std::size_t items) {
  std::vector<std::vector<std::uint32_t>> rows(items);
  for (std::size_t k = 0; k < rel.size(); ++k) {
    for (const TaskId* t = rel.begin(k); t != rel.end(k); ++t)
      rows[t->index()].push_back(static_cast<std::uint32_t>(k));
  }
  Csr<std::uint32_t> out;
  for (auto& r : rows) out.push_row(r);
  return out;
}

}  // namespace

Sequences sequences_of(const Plan& plan, std::size_t crews) {
  std::vector<std::vector<std::pair<Minutes, std::uint32_t>>> rows(crews);
  for (const Assignment& a : plan.assignments)
    rows[a.crew.index()].emplace_back(a.start, a.task.value);
  Sequences s;
  s.by_crew.resize(crews);
  for (std::size_t c = 0; c < crews; ++c) {
    std::stable_sort(rows[c].begin(), rows[c].end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [start, t] : rows[c]) s.by_crew[c].push_back(t);
  }
  return s;
}

double least_travel_kmh(const RoadNetwork& roads) {
  double top = 1;
  for (const double v : roads.edge_speed_kmh) {
    if (v > top && std::isfinite(v)) top = v;
  }
  return top;
}

Executor::Executor(const Scenario& s, const TaskSet& ts, double heuristic_speed_kmh)
    : s_(s),
      ts_(ts),
      calendar_(s.params),
      search_(s.roads),
      heuristic_speed_kmh_(heuristic_speed_kmh) {
  const std::size_t n = ts.tasks.size();
  blocks_ = invert(ts.edge_blockers, n);
  blockers_.resize(s.roads.num_edges());
  for (std::size_t e = 0; e < blockers_.size(); ++e)
    blockers_[e] = static_cast<std::uint32_t>(ts.edge_blockers.count(e));
}

Execution Executor::run(const Sequences& seq,
                        std::optional<std::chrono::steady_clock::time_point> deadline,
                        const History& history) {
  const std::size_t n = ts_.tasks.size(), nc = s_.crews.size(), ne = blockers_.size();
  Execution ex;
  std::vector<Minutes> end(n, kNever);
  std::vector<std::uint8_t> scheduled(n, 0);
  std::vector<std::uint32_t> left = blockers_;
  std::vector<Minutes> edge_open(ne, 0);
  OpenComponents roads_open(s_.roads);
  for (std::size_t e = 0; e < ne; ++e) {
    search_.set_usable(EdgeId::from_index(e), left[e] == 0);
    if (left[e] == 0) roads_open.open(EdgeId::from_index(e));
  }
  std::priority_queue<Wake, std::vector<Wake>, std::greater<>> wakes;
  std::priority_queue<Opening, std::vector<Opening>, std::greater<>> openings;
  std::vector<std::size_t> next(nc, 0);
  std::vector<NodeId> at(nc);
  std::vector<std::uint32_t> wait_head(n, kNone), wait_next(nc, kNone);
  // A crew may have several wakes pending (a timer and a road about to open); the first to come
  // acts and makes the others stale: each wake carries the crew's count of wakes acted on when it
  // was set.
  std::vector<std::uint32_t> acted(nc, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> road_waiters;  // (crew, acted)
  std::size_t total = 0, done = 0;
  const std::uint64_t settled0 = search_.settled();
  std::vector<NodeId> targets(2);
  std::vector<Opening> tried;
  std::vector<EdgeId> tried_edges;
  std::vector<EdgeId> route;  // of the trip being decided
  auto fail = [&](std::string why) {
    ex.why = std::move(why);
    ex.complete = false;
    ex.nodes_settled = search_.settled() - settled0;
    return ex;
  };
  std::vector<Minutes> free_at(nc, history.release_at);
  // Where its fixed work left each crew, until its first trip after it is committed.
  std::vector<NodeId> from_history(nc, NodeId{});
  for (std::size_t c = 0; c < nc; ++c) at[c] = s_.crews[c].base_node;
  if (history.fixed != nullptr) {
    for (const Assignment& a : *history.fixed) {
      const std::size_t t = a.task.index(), c = a.crew.index();
      if (t >= n || c >= nc || scheduled[t] != 0)
        return fail("fixed work names a task twice or one that does not exist");
      scheduled[t] = 1;
      end[t] = a.end;
      at[c] = a.entry_node;
      from_history[c] = a.entry_node;
      free_at[c] = std::max(free_at[c], a.end);
      ex.plan.assignments.push_back(a);
      for (const std::uint32_t* e = blocks_.begin(t); e != blocks_.end(t); ++e) {
        edge_open[*e] = std::max(edge_open[*e], end[t]);
        if (--left[*e] == 0) openings.push({edge_open[*e], *e});
      }
    }
  }
  for (std::size_t c = 0; c < nc; ++c) {
    if (c < seq.by_crew.size() && !seq.by_crew[c].empty()) {
      total += seq.by_crew[c].size();
      wakes.push({free_at[c], static_cast<std::uint32_t>(c), 0});
    }
  }
  std::uint32_t tick = 0;
  while (!wakes.empty()) {
    if (deadline && (++tick & 255U) == 0 && std::chrono::steady_clock::now() > *deadline)
      return fail("deadline");
    const Wake w = wakes.top();
    wakes.pop();
    const Minutes now = w.time;
    while (!openings.empty() && openings.top().time <= now) {
      search_.set_usable(EdgeId(openings.top().edge), true);
      roads_open.open(EdgeId(openings.top().edge));
      openings.pop();
    }
    const std::uint32_t c = w.crew;
    if (w.acted != acted[c]) continue;  // stale
    ++acted[c];
    const auto& mine = seq.by_crew[c];
    if (next[c] >= mine.size()) continue;
    const std::uint32_t t = mine[next[c]];
    if (t >= n || scheduled[t]) {
      return fail("task " + std::to_string(t) + " is in the sequences twice or does not exist");
    }
    Minutes ready = 0;
    bool blocked = false;
    for (const TaskId* p = ts_.preds.begin(t); p != ts_.preds.end(t); ++p) {
      if (!scheduled[p->index()]) {  // wait until its predecessor is given a time
        wait_next[c] = wait_head[p->index()];
        wait_head[p->index()] = c;
        blocked = true;
        break;
      }
      ready = std::max(ready, end[p->index()]);
    }
    if (blocked) continue;
    const Crew& crew = s_.crews[c];
    const Task& task = ts_.tasks[t];
    if (!(daily_rate(s_, crew, task) > 0)) {
      return fail("crew " + crew.id + " cannot do task " + std::to_string(t));
    }
    if (from_history[c].valid()) {
      // Reported history may have left the crew where the roads open at its departure do not
      // reach its base: it starts again from its base (docs/model.md §5). Checked at each wake
      // until the trip is committed, which departs then.
      targets[0] = targets[1] = s_.crews[c].base_node;
      const bool home = roads_open.connected(from_history[c], targets);
      at[c] = home ? from_history[c] : s_.crews[c].base_node;
    }
    const EdgeId site = task.site_edge;
    targets[0] = s_.roads.edge_from[site.index()];
    targets[1] = s_.roads.edge_to[site.index()];
    // No search where no open road leads (it would flood the crew's component to learn that).
    auto [hit, secs] = roads_open.connected(at[c], targets)
                           ? search_.to_nearest_target(at[c], targets, heuristic_speed_kmh_)
                           : std::pair<NodeId, Seconds>{NodeId{}, 0};
    Minutes depart = now;
    Minutes travel = hit.valid() ? (secs + 59) / 60 : 0;
    // The route of the trip kept (docs/model.md §5), taken from its search before the next one.
    route.clear();
    if (hit.valid()) search_.path_to(hit, route);
    // Later departures over roads about to open.
    tried.clear();
    tried_edges.clear();
    while (static_cast<int>(tried.size()) < kLaterDepartures && !openings.empty() &&
           (!hit.valid() || openings.top().time < depart + travel)) {
      const Opening o = openings.top();
      openings.pop();
      tried.push_back(o);
      tried_edges.emplace_back(o.edge);
      search_.set_usable(EdgeId(o.edge), true);
      while (!openings.empty() && openings.top().time == o.time) {  // all that open then
        tried.push_back(openings.top());
        tried_edges.emplace_back(openings.top().edge);
        search_.set_usable(EdgeId(openings.top().edge), true);
        openings.pop();
      }
      if (!roads_open.connected(at[c], targets, tried_edges)) continue;
      const auto [h2, s2] = search_.to_nearest_target(at[c], targets, heuristic_speed_kmh_);
      if (h2.valid() && (!hit.valid() || o.time + (s2 + 59) / 60 < depart + travel)) {
        hit = h2;
        depart = o.time;
        travel = (s2 + 59) / 60;
        route.clear();
        search_.path_to(h2, route);
      }
    }
    for (const Opening& o : tried) {
      search_.set_usable(EdgeId(o.edge), false);
      openings.push(o);
    }
    if (!hit.valid() || depart > now) {
      // Unreachable yet, or best reached over a road that opens later: decide at that opening (or
      // the last tried), and in any case when one more opening becomes known, which may come
      // sooner. Committing now, or sleeping through it, starts the task days later than the
      // dispatcher, who decides at each event.
      if (hit.valid()) {
        wakes.push({depart, c, acted[c]});
      } else if (!tried.empty()) {
        wakes.push({tried.back().time, c, acted[c]});
      }
      road_waiters.emplace_back(c, acted[c]);
      continue;
    }
    Assignment a;
    a.task = TaskId(t);
    a.crew = CrewId(c);
    a.depart = depart;
    a.travel_min = travel;
    a.start = std::max(depart + travel, ready);
    a.end = calendar_.end_of(crew.trade, a.start, need_percent_minutes(s_, crew, task));
    a.from_node = at[c];
    a.entry_node = hit;
    a.route = route;
    end[t] = a.end;
    ex.plan.assignments.push_back(std::move(a));
    scheduled[t] = 1;
    at[c] = hit;
    ++next[c];
    from_history[c] = NodeId{};
    ++done;
    for (const std::uint32_t* e = blocks_.begin(t); e != blocks_.end(t); ++e) {
      edge_open[*e] = std::max(edge_open[*e], end[t]);
      if (--left[*e] == 0) {
        openings.push({edge_open[*e], *e});
        // Every crew still waiting for a road hears of it, even one already woken for a later
        // opening (that wake goes stale if this one comes first).
        std::erase_if(road_waiters, [&](const auto& r) { return r.second != acted[r.first]; });
        for (const auto& [r, when] : road_waiters)
          wakes.push({std::max(now, edge_open[*e]), r, when});
      }
    }
    for (std::uint32_t x = wait_head[t]; x != kNone;) {
      const std::uint32_t nx = wait_next[x];
      wakes.push({now, x, acted[x]});
      wait_next[x] = kNone;
      x = nx;
    }
    wait_head[t] = kNone;
    wakes.push({end[t], c, acted[c]});
  }
  ex.nodes_settled = search_.settled() - settled0;
  if (done != total) {
    const bool waiting_for_road =
        std::any_of(road_waiters.begin(), road_waiters.end(),
                    [&](const auto& r) { return r.second == acted[r.first]; });
    return fail(waiting_for_road ? "a crew's next site is never reachable"
                                 : "the sequences wait on each other (deadlock)");
  }
  std::stable_sort(ex.plan.assignments.begin(), ex.plan.assignments.end(),
                   [](const Assignment& a, const Assignment& b) {
                     return a.crew != b.crew ? a.crew < b.crew : a.start < b.start;
                   });
  ex.complete = true;
  return ex;
}

}  // namespace gw::plan::sequence
