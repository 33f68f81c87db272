#include "plan/relaxation.hpp"

#include <algorithm>
#include <functional>
#include <queue>

#include "plan/tasks.hpp"

namespace gw::plan {

namespace {

using Item = std::pair<Minutes, std::uint32_t>;
using MinHeap = std::priority_queue<Item, std::vector<Item>, std::greater<>>;

}  // namespace

Relaxation relax(const Scenario& s, const TaskSet& ts) {
  const RoadNetwork& net = s.roads;
  const std::size_t n = ts.tasks.size(), ne = net.num_edges(), nn = net.num_nodes();
  Relaxation r;

  // Shortest duration of each task over the crews able to do it (kNever when none can). Crews of
  // one trade differ only by size and productivity factor, so the probe per trade is exact enough
  // to decide who can; durations are taken crew by crew.
  std::vector<Minutes> dmin(n, kNever);
  for (std::size_t t = 0; t < n; ++t) {
    for (const Crew& c : s.crews) {
      if (daily_rate(s, c, ts.tasks[t]) > 0)
        dmin[t] = std::min(dmin[t], duration_min(s, c, ts.tasks[t]));
    }
  }

  // Nor can a task start before a crew able to do it could have driven from its base to the site,
  // even with every road open: per trade, a multi-source search from the trade's bases.
  std::vector<Minutes> travel_min(n, kNever);
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    std::vector<Minutes> dist(nn, kNever);
    MinHeap heap;
    for (const Crew& c : s.crews) {
      if (static_cast<std::size_t>(c.trade) == tr && dist[c.base_node.index()] != 0) {
        dist[c.base_node.index()] = 0;
        heap.emplace(0, c.base_node.value);
      }
    }
    if (heap.empty()) continue;
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d > dist[u]) continue;
      for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
        const EdgeId e = net.adj_edge[i];
        const std::uint32_t v = net.other_end(e, NodeId(u)).value;
        // Seconds here, minutes below (rounded down: a bound).
        const Minutes nd = d + static_cast<Minutes>(net.edge_travel_s(e));
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.emplace(nd, v);
        }
      }
    }
    Crew probe;
    probe.trade = static_cast<Trade>(tr);
    probe.people = 1;
    for (std::size_t t = 0; t < n; ++t) {
      if (daily_rate(s, probe, ts.tasks[t]) <= 0) continue;
      const std::size_t e = ts.tasks[t].site_edge.index();
      const Minutes d = std::min(dist[net.edge_from[e].index()], dist[net.edge_to[e].index()]);
      if (d != kNever) travel_min[t] = std::min(travel_min[t], d / 60);
    }
  }

  std::vector<std::vector<std::uint32_t>> succ(n), blocks(n), at_node(nn);
  std::vector<std::uint32_t> preds_left(n), blockers_left(ne);
  for (std::size_t t = 0; t < n; ++t) {
    preds_left[t] = static_cast<std::uint32_t>(ts.preds.count(t));
    for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p)
      succ[p->index()].push_back(static_cast<std::uint32_t>(t));
    const std::size_t e = ts.tasks[t].site_edge.index();
    at_node[net.edge_from[e].index()].push_back(static_cast<std::uint32_t>(t));
    if (net.edge_to[e] != net.edge_from[e])
      at_node[net.edge_to[e].index()].push_back(static_cast<std::uint32_t>(t));
  }
  r.edge_open.assign(ne, kNever);
  std::vector<Minutes> open_max(ne, 0);
  for (std::size_t e = 0; e < ne; ++e) {
    blockers_left[e] = static_cast<std::uint32_t>(ts.edge_blockers.count(e));
    if (blockers_left[e] == 0) r.edge_open[e] = 0;
    for (const TaskId* t = ts.edge_blockers.begin(e); t != ts.edge_blockers.end(e); ++t)
      blocks[t->index()].push_back(static_cast<std::uint32_t>(e));
  }

  // Earliest reach of each node from a crew base: a Dijkstra in time, where crossing an edge
  // waits for its opening, and where tasks end (and edges open) as their sites are reached.
  r.task_end.assign(n, kNever);
  std::vector<Minutes> site_reached(n, kNever), preds_end(n, 0), reach(nn, kNever);
  std::vector<char> settled(nn, 0);
  MinHeap heap;
  auto improve = [&](std::uint32_t v, Minutes t) {
    if (t < reach[v]) {
      reach[v] = t;
      heap.emplace(t, v);
    }
  };
  auto edge_known = [&](std::size_t e) {
    const std::uint32_t a = net.edge_from[e].value, b = net.edge_to[e].value;
    if (settled[a]) improve(b, std::max(reach[a], r.edge_open[e]));
    if (settled[b]) improve(a, std::max(reach[b], r.edge_open[e]));
  };
  // Iterative: ending one task may release its successors in a cascade.
  std::vector<std::uint32_t> ready;
  auto settle_tasks = [&]() {
    while (!ready.empty()) {
      const std::uint32_t t = ready.back();
      ready.pop_back();
      if (r.task_end[t] != kNever || site_reached[t] == kNever || preds_left[t] > 0 ||
          dmin[t] == kNever)
        continue;
      if (travel_min[t] == kNever) continue;
      r.task_end[t] = std::max({site_reached[t], preds_end[t], travel_min[t]}) + dmin[t];
      for (const std::uint32_t u : succ[t]) {
        preds_end[u] = std::max(preds_end[u], r.task_end[t]);
        if (--preds_left[u] == 0) ready.push_back(u);
      }
      for (const std::uint32_t e : blocks[t]) {
        open_max[e] = std::max(open_max[e], r.task_end[t]);
        if (--blockers_left[e] == 0) {
          r.edge_open[e] = open_max[e];
          edge_known(e);
        }
      }
    }
  };
  for (const Crew& c : s.crews) improve(c.base_node.value, 0);
  while (!heap.empty()) {
    const auto [now, u] = heap.top();
    heap.pop();
    if (settled[u] || now > reach[u]) continue;
    settled[u] = 1;
    for (const std::uint32_t t : at_node[u]) {
      if (site_reached[t] == kNever) {
        site_reached[t] = now;
        ready.push_back(t);
      }
    }
    settle_tasks();
    for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
      const EdgeId e = net.adj_edge[i];
      if (r.edge_open[e.index()] != kNever)
        improve(net.other_end(e, NodeId(u)).value, std::max(now, r.edge_open[e.index()]));
    }
  }

  // Access: from the hubs, the path whose latest-opening edge opens earliest (bottleneck).
  std::vector<Minutes> access(nn, kNever);
  std::vector<EdgeId> parent(nn);
  for (const Hub& h : s.hubs) {
    access[h.node.index()] = 0;
    heap.emplace(0, h.node.value);
  }
  while (!heap.empty()) {
    const auto [t, u] = heap.top();
    heap.pop();
    if (t > access[u]) continue;
    for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
      const EdgeId e = net.adj_edge[i];
      if (r.edge_open[e.index()] == kNever) continue;
      const std::uint32_t v = net.other_end(e, NodeId(u)).value;
      const Minutes nt = std::max(t, r.edge_open[e.index()]);
      if (nt < access[v]) {
        access[v] = nt;
        parent[v] = e;
        heap.emplace(nt, v);
      }
    }
  }
  const double horizon = s.params.horizon_days;
  r.settlement_access.resize(s.settlements.size());
  r.access_path.resize(s.settlements.size());
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    const Minutes a = access[st.node.index()];
    r.settlement_access[i] = a;
    r.people_days_without_access += static_cast<double>(st.population) *
                                    (a == kNever ? horizon : std::min(horizon, minutes_to_days(a)));
    if (a == kNever || a == 0) continue;
    for (NodeId x = st.node; parent[x.index()].valid() && access[x.index()] > 0;) {
      const EdgeId e = parent[x.index()];
      if (r.edge_open[e.index()] > 0) r.access_path[i].push_back(e);
      x = net.other_end(e, x);
    }
  }
  return r;
}

}  // namespace gw::plan
