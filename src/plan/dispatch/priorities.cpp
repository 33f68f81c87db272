#include "plan/dispatch/priorities.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>

#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

ImpactPriorities::ImpactPriorities(const Scenario& s, const TaskSet& ts, const RoadNetwork& net,
                                   const DispatchOptions& opt, const TaskBoard& board,
                                   std::size_t blocked_edges)
    : s_(s), ts_(ts), net_(net), opt_(opt) {
  const std::size_t n = ts.tasks.size();
  // Nominal duration of each task: its work at the mean daily rate of the crews able to do it.
  std::array<double, kTaskClassCount> rate_sum{};
  std::array<std::int32_t, kTaskClassCount> rate_n{};
  std::vector<char> class_seen(kTaskClassCount, 0);
  std::vector<std::size_t> class_example(kTaskClassCount, 0);
  for (std::uint32_t t = 0; t < n; ++t) {
    if (!class_seen[board.cls(t)]) {
      class_seen[board.cls(t)] = 1;
      class_example[board.cls(t)] = t;
    }
  }
  for (std::size_t k = 0; k < kTaskClassCount; ++k) {
    if (!class_seen[k]) continue;
    Task unit = ts.tasks[class_example[k]];
    unit.work = 1;
    for (const Crew& c : s.crews) {
      const double r = daily_rate(s, c, unit);
      if (r > 0) {
        rate_sum[k] += r;
        ++rate_n[k];
      }
    }
  }
  const double week = 7.0 / s.params.working_days_per_week;
  nominal_days_.resize(n);
  for (std::uint32_t t = 0; t < n; ++t) {
    const std::size_t k = board.cls(t);
    nominal_days_[t] = rate_n[k] > 0 ? board.work(t) / (rate_sum[k] / rate_n[k]) * week : 1e6;
  }
  // Closure of each edge: its blockers and, transitively, their predecessors.
  std::vector<std::uint32_t> mark(n, 0);
  std::uint32_t round = 0;
  std::vector<TaskId> stack;
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    std::vector<TaskId> row;
    if (ts.edge_blockers.count(e) > 0) {
      ++round;
      stack.assign(ts.edge_blockers.begin(e), ts.edge_blockers.end(e));
      while (!stack.empty()) {
        const TaskId t = stack.back();
        stack.pop_back();
        if (mark[t.index()] == round) continue;
        mark[t.index()] = round;
        row.push_back(t);
        stack.insert(stack.end(), ts.preds.begin(t.index()), ts.preds.end(t.index()));
      }
    }
    closure_.push_row(row);
  }
  // Static parts of the priority: land released and services restored, per crew-day of work.
  static_priority_.assign(n, 0);
  std::vector<double> served_pop(s.assets.size(), 0);
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    double pop = 0;
    for (SettlementId st : s.assets[a].served) {
      pop += static_cast<double>(s.settlements[st.index()].population) *
             s.settlements[st.index()].weight;
    }
    pop *= opt.service_factor[static_cast<std::size_t>(s.assets[a].service)];
    // What a serves also waits for everything a depends on.
    for (const std::uint32_t b : supply_chain(s, a)) served_pop[b] += pop;
  }
  // A project's gain is shared by its packages: each gets it over the whole project's work, so
  // that the ratio (Smith's rule) is the project's, whatever its number of packages.
  std::vector<double> project_days(s.assets.size(), 0);
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    for (const TaskId* t = ts.asset_tasks.begin(a); t != ts.asset_tasks.end(a); ++t)
      project_days[a] += nominal_days_[t->index()];
  }
  if (opt.return_weight > 0) {
    return_work_ = dispatcher::return_work(s, ts);
    has_return_ = !return_work_.gate.items.empty() || !return_work_.housing.items.empty();
    done_.assign(n, 0);
    return_update_every_ = std::max<std::size_t>(1, n / 100);
    if (has_return_ && opt.return_slack_days > 0) {
      end_.assign(n, -1);
      // Kahn's order over the board's successor lists.
      std::vector<std::uint32_t> left(n, 0);
      for (std::uint32_t t = 0; t < n; ++t) {
        left[t] = static_cast<std::uint32_t>(ts.preds.count(t));
        if (left[t] == 0) order_.push_back(t);
      }
      for (std::size_t i = 0; i < order_.size(); ++i) {
        for (const std::uint32_t* u = board.succs_begin(order_[i]); u != board.succs_end(order_[i]);
             ++u)
          if (--left[*u] == 0) order_.push_back(*u);
      }
    }
  }
  for (std::size_t t = 0; t < n; ++t) {
    const Task& task = ts.tasks[t];
    if (task.kind == TaskKind::kRepair) {
      static_priority_[t] =
          opt.service_weight * served_pop[task.asset.index()] / project_days[task.asset.index()];
    } else if (task.kind == TaskKind::kHousing) {
      static_priority_[t] = 0;
    } else {
      const double per_ha =
          opt.land_weight_people_per_ha *
          opt.land_use_weight[static_cast<std::size_t>(s.hazards[task.hazard.index()].land_use)];
      const double m2 = task.kind != TaskKind::kSurvey
                            ? task.work
                            : ts.hazard_outcome[task.hazard.index()].cancelled_m2;
      static_priority_[t] = per_ha * (m2 / 10000.0) / nominal_days_[t];
    }
  }
  if (opt.road_weight_per_km > 0) {  // weighted roads: Smith's rule over each edge's closure
    for (std::size_t e = 0; e < net.num_edges(); ++e) {
      double days = 0;
      for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t)
        days += nominal_days_[t->index()];
      if (days <= 0) continue;
      const double gain =
          opt.road_weight_per_km * net.edge_length_m[e] / 1000.0 * net.edge_weight[e] / days;
      for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t)
        static_priority_[t->index()] += gain;
    }
  }
  update_every_ = std::max<std::size_t>(1, blocked_edges / 50);
  priority_ = static_priority_;
  apply_factors();
}

void ImpactPriorities::apply_factors() {
  if (opt_.priority_factor == nullptr) return;
  const auto& f = *opt_.priority_factor;
  assert(f.size() == priority_.size());
  for (std::size_t t = 0; t < priority_.size(); ++t) priority_[t] *= static_cast<double>(f[t]);
}

bool ImpactPriorities::update(const TaskBoard& board, RoadState& roads,
                              const std::vector<NodeId>& hubs, Minutes now) {
  ++updates_;
  opened_since_update_ = 0;
  done_since_update_ = 0;
  const std::size_t n = priority_.size();
  priority_ = static_priority_;
  // The return part, over the work each settlement's return still waits for.
  if (has_return_) {
    if (!end_.empty()) estimate_ends(ts_, order_, nominal_days_, done_, end_, now, ends_);
    const std::vector<double> ret =
        return_priorities(s_, ts_, return_work_, nominal_days_, done_, opt_.settlement_factor,
                          end_.empty() ? nullptr : &ends_, opt_.return_slack_days);
    for (std::size_t t = 0; t < n; ++t) priority_[t] += opt_.return_weight * ret[t];
  }
  std::vector<std::uint32_t> hub_roots;
  hub_roots.reserve(hubs.size());
  for (NodeId h : hubs) hub_roots.push_back(roads.root(h.index()));
  auto has_access = [&](const Settlement& st) {
    return std::find(hub_roots.begin(), hub_roots.end(), roads.root(st.node.index())) !=
           hub_roots.end();
  };
  // Once every settlement has access, only the static priorities and the return part remain:
  // skip the path search. The tasks the return waits for stay hot (a crew sees them wherever they
  // are, not only within its far lookup): without that, general crews spent the months after
  // access on fit-outs near them while housing packages waited a town away.
  if (std::all_of(s_.settlements.begin(), s_.settlements.end(), has_access)) {
    on_path_.assign(n, 0);
    bool any = false;
    for (std::size_t t = 0; has_return_ && t < n; ++t) {
      on_path_[t] = priority_[t] > static_priority_[t] ? 1 : 0;
      any = any || on_path_[t] != 0;
    }
    apply_factors();
    return any;
  }
  // Only the edges still closed at the last update can have changed (an open edge's remaining
  // work is 0 for good): they are kept in a list, so that an update costs the closed edges, not
  // the whole network.
  std::vector<double>& remaining = remaining_;
  const bool first = cost_.empty();
  if (first) {
    remaining.assign(net_.num_edges(), 0);
    closed_.clear();
    for (std::size_t e = 0; e < net_.num_edges(); ++e)
      if (!roads.is_open(e)) closed_.push_back(static_cast<std::uint32_t>(e));
  }
  for (const std::uint32_t e : closed_) {
    remaining[e] = 0;
    if (roads.is_open(e)) continue;
    for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t) {
      if (board.state(t->value) != TaskState::kDone) remaining[e] += nominal_days_[t->index()];
    }
  }
  if (arcs_.empty()) {
    arcs_.reserve(net_.adj_edge.size());
    for (std::size_t u = 0; u < net_.num_nodes(); ++u) {
      for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
        const EdgeId e = net_.adj_edge[i];
        arcs_.push_back({net_.other_end(e, NodeId::from_index(u)).value, e.value});
      }
    }
  }
  // Shortest restoration paths from the hubs over every edge, cost in days (travel plus the work
  // still blocking the edge). Costs only fall as work completes and roads open, so after the
  // first full Dijkstra each update repairs the distances from the edges that got cheaper
  // (decrease-only incremental shortest paths): only the nodes whose distance falls are touched.
  std::vector<double>& cost = cost_;
  std::vector<double>& dist = dist_;
  std::vector<EdgeId>& parent = parent_;
  using Item = std::pair<double, std::uint32_t>;
  std::vector<Item>& heap = heap_;
  heap.clear();
  auto push = [&](double d, std::uint32_t v) {
    heap.emplace_back(d, v);
    std::push_heap(heap.begin(), heap.end(), std::greater<>{});
  };
  auto improve = [&](std::uint32_t from, std::uint32_t to, std::uint32_t e) {
    const double nd = dist[from] + cost[e];
    if (nd < dist[to]) {
      dist[to] = nd;
      parent[to] = EdgeId(e);
      push(nd, to);
    }
  };
  auto edge_cost = [&](std::size_t e) {
    return static_cast<double>(net_.edge_travel_s(EdgeId::from_index(e))) / 86400.0 + remaining[e];
  };
  if (first) {
    cost.resize(net_.num_edges());
    for (std::size_t e = 0; e < net_.num_edges(); ++e) cost[e] = edge_cost(e);
    dist.assign(net_.num_nodes(), std::numeric_limits<double>::infinity());
    parent.assign(net_.num_nodes(), EdgeId{});
    for (NodeId h : hubs) {
      dist[h.index()] = 0;
      push(0, h.value);
    }
  }
  // After the first update: the closed edges that got cheaper, in edge order.
  for (std::size_t i = 0, m = first ? 0 : closed_.size(); i < m; ++i) {
    const std::uint32_t e = closed_[i];
    const double c = edge_cost(e);
    assert(c <= cost[e]);  // a sum of fewer non-negative terms, in the same order
    if (c >= cost[e]) continue;
    cost[e] = c;
    const std::uint32_t a = net_.edge_from[e].value, b = net_.edge_to[e].value;
    const auto ei = static_cast<std::uint32_t>(e);
    improve(a, b, ei);
    improve(b, a, ei);
  }
  std::erase_if(closed_, [&](std::uint32_t e) { return roads.is_open(e); });
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const auto [d, u] = heap.back();
    heap.pop_back();
    if (d > dist[u]) continue;
    for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
      const Arc arc = arcs_[i];
      improve(u, arc.head, arc.edge);
    }
  }
  std::vector<EdgeId> path;
  for (const Settlement& st : s_.settlements) {
    if (has_access(st)) continue;
    if (!std::isfinite(dist[st.node.index()])) continue;
    path.clear();
    double r = 0;
    for (NodeId x = st.node; parent[x.index()].valid() && dist[x.index()] > 0;) {
      const EdgeId e = parent[x.index()];
      if (!roads.is_open(e.index())) {
        path.push_back(e);
        r += remaining[e.index()];
      }
      x = net_.other_end(e, x);
    }
    if (path.empty()) continue;
    const double people = opt_.access_weight * static_cast<double>(st.population) +
                          opt_.access_displaced_weight * static_cast<double>(st.displaced);
    const double gain = people * st.weight / std::max(r, 0.05);
    for (EdgeId e : path) {
      for (const TaskId* t = closure_.begin(e.index()); t != closure_.end(e.index()); ++t) {
        if (board.state(t->value) == TaskState::kDone) continue;
        priority_[t->index()] += gain;
      }
    }
  }
  on_path_.assign(n, 0);
  for (std::size_t t = 0; t < n; ++t) on_path_[t] = priority_[t] > static_priority_[t] ? 1 : 0;
  if (updates_ == 1) {
    for (std::size_t t = 0; t < n; ++t) {
      if (on_path_[t]) access_tasks_.push_back(TaskId::from_index(t));
    }
  }
  apply_factors();
  return true;
}

}  // namespace gw::plan::dispatcher
