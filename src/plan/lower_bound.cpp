#include "plan/lower_bound.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <queue>

#include "plan/evaluate.hpp"
#include "plan/tasks.hpp"

namespace gw::plan {

namespace {

using Sec = std::int64_t;  // the chain bound runs in seconds: travel is in seconds, work in minutes
constexpr Sec kInf = std::numeric_limits<Sec>::max() / 4;

Sec ceil_to_minute(Sec s) { return (s + 59) / 60 * 60; }

// A task's duration for a crew, never more than what the validator accepts for it: the validator
// takes ceil(x − 1e-9) minutes, or any duration ≥ x − 1e-6, where x is the formula of
// docs/model.md §6 evaluated in its own floating-point order; 1e-4 covers both.
Minutes shortest_duration_min(double work, double daily_rate, int working_days_per_week) {
  const double x = work / daily_rate * 1440.0 * 7.0 / working_days_per_week;
  return x > 1e-4 ? static_cast<Minutes>(std::ceil(x - 1e-4)) : 0;
}

template <typename T>
Csr<T> invert(const Csr<TaskId>& rel, std::size_t targets) {
  // rel maps k -> tasks; the result maps task -> the ks that list it.
  std::vector<std::uint32_t> count(targets + 1, 0);
  for (const TaskId t : rel.items) ++count[t.index() + 1];
  for (std::size_t i = 0; i < targets; ++i) count[i + 1] += count[i];
  Csr<T> out;
  out.offset = count;
  out.items.resize(rel.items.size());
  for (std::size_t k = 0; k < rel.size(); ++k) {
    for (const TaskId* t = rel.begin(k); t != rel.end(k); ++t)
      out.items[count[t->index()]++] = T::from_index(k);
  }
  return out;
}

struct Item {
  Sec key;
  std::uint32_t index;
  std::uint8_t kind;  // 0: a trade's reach of a node, 1: an edge opens, 2: a task ends
  std::uint8_t slot;  // the trade slot of a reach item
  bool operator>(const Item& o) const { return key > o.key; }
};

// The chain bound as a least fixed point, computed in one label-setting sweep (Knuth's
// generalisation of Dijkstra to superior functions): every quantity below is the minimum over
// alternatives of functions that are non-decreasing in their arguments and no smaller than any of
// them, so settling items in key order settles each at its least fixed-point value.
//   reach[τ][v] = 0 at a base of a trade-τ crew; else min over edges (u, v) of
//                 max(reach[τ][u], 60·open[e]) + travel_s(e)
//   open[e]     = max over blockers b of end[b] (0 without blockers)
//   end[t]      = min over trades τ able to do t and ends u of t's site edge of
//                 max(max over predecessors p of end[p], ceil_minute(reach[τ][u])) + d_τ(t)
class ChainSweep {
 public:
  ChainSweep(const Scenario& s, const TaskSet& ts) : s_(s), ts_(ts), net_(s.roads) {}

  void run() {
    setup_trades();
    setup_tasks();
    const std::size_t n = net_.num_nodes(), m = net_.num_edges(), nt = ts_.tasks.size();
    reach_.assign(slots_.size(), std::vector<Sec>(n, kInf));
    reach_final_.assign(slots_.size(), std::vector<char>(n, 0));
    open_.assign(m, kInf);
    open_final_.assign(m, 0);
    end_.assign(nt, kInf);
    end_final_.assign(nt, 0);
    pred_max_.assign(nt, 0);
    preds_left_.resize(nt);
    for (std::size_t t = 0; t < nt; ++t)
      preds_left_[t] = static_cast<std::uint32_t>(ts_.preds.count(t));
    blockers_left_.resize(m);
    for (std::size_t e = 0; e < m; ++e) {
      blockers_left_[e] = static_cast<std::uint32_t>(ts_.edge_blockers.count(e));
      if (blockers_left_[e] == 0) {
        open_[e] = 0;
        open_final_[e] = 1;
      }
    }
    for (std::size_t k = 0; k < slots_.size(); ++k) {
      for (NodeId b : slots_[k].bases) push_reach(k, b.index(), 0);
    }
    while (!heap_.empty()) {
      const Item it = heap_.top();
      heap_.pop();
      if (it.kind == 0) settle_reach(it.slot, it.index, it.key);
      if (it.kind == 1) settle_edge(it.index, it.key);
      if (it.kind == 2) settle_task(it.index, it.key);
    }
  }

  // Results, in minutes (kNever when never).
  [[nodiscard]] Minutes task_end_min(std::size_t t) const {
    return end_final_[t] ? end_[t] / 60 : kNever;
  }
  [[nodiscard]] Minutes edge_open_min(std::size_t e) const {
    return open_final_[e] ? open_[e] / 60 : kNever;
  }
  // A lower bound on the start of task t (kNever when it can never start).
  [[nodiscard]] Minutes task_start_min(std::size_t t) const {
    if (preds_left_[t] != 0) return kNever;
    Sec best = kInf;
    for (const auto* c = cap_.begin(t); c != cap_.end(t); ++c) {
      for (std::uint32_t u : site_ends(t)) {
        if (u != kNoNode && reach_final_[c->first][u])
          best = std::min(best, ceil_to_minute(reach_[c->first][u]));
      }
    }
    return best == kInf ? kNever : std::max(pred_max_[t], best) / 60;
  }

 private:
  struct Slot {
    Trade trade;
    double capacity = 0;  // max people × productivity over the trade's crews
    std::vector<NodeId> bases;
  };

  void setup_trades() {
    std::array<int, kTradeCount> slot_of{};
    slot_of.fill(-1);
    for (const Crew& c : s_.crews) {
      auto& k = slot_of[static_cast<std::size_t>(c.trade)];
      if (k < 0) {
        k = static_cast<int>(slots_.size());
        slots_.push_back({c.trade, 0, {}});
      }
      Slot& sl = slots_[static_cast<std::size_t>(k)];
      sl.capacity = std::max(sl.capacity, static_cast<double>(c.people) * c.productivity_factor);
      if (std::find(sl.bases.begin(), sl.bases.end(), c.base_node) == sl.bases.end())
        sl.bases.push_back(c.base_node);
    }
  }

  void setup_tasks() {
    const std::size_t nt = ts_.tasks.size();
    // Per task: the trade slots able to do it with their shortest duration.
    std::vector<Crew> unit(slots_.size());  // one person of each trade, productivity 1
    for (std::size_t k = 0; k < slots_.size(); ++k) {
      unit[k].trade = slots_[k].trade;
      unit[k].people = 1;
    }
    std::vector<std::pair<std::uint8_t, Minutes>> row;
    for (std::size_t t = 0; t < nt; ++t) {
      row.clear();
      for (std::size_t k = 0; k < slots_.size(); ++k) {
        const double per_person = daily_rate(s_, unit[k], ts_.tasks[t]);
        if (!(per_person > 0) || !(slots_[k].capacity > 0)) continue;
        row.emplace_back(static_cast<std::uint8_t>(k),
                         shortest_duration_min(ts_.tasks[t].work * ts_.tasks[t].effort,
                                               per_person * slots_[k].capacity,
                                               s_.params.working_days_per_week));
      }
      cap_.push_row(row);
    }
    // Tasks by the nodes their site edges touch; successors; edges each task blocks.
    std::vector<std::vector<TaskId>> at(net_.num_nodes());
    for (std::size_t t = 0; t < nt; ++t) {
      const EdgeId e = ts_.tasks[t].site_edge;
      if (!e.valid()) continue;
      at[net_.edge_from[e.index()].index()].push_back(TaskId::from_index(t));
      if (net_.edge_to[e.index()] != net_.edge_from[e.index()]) {
        at[net_.edge_to[e.index()].index()].push_back(TaskId::from_index(t));
      }
    }
    for (const auto& tasks_at : at) node_tasks_.push_row(tasks_at);
    succ_ = invert<TaskId>(ts_.preds, nt);
    blocks_ = invert<EdgeId>(ts_.edge_blockers, nt);
  }

  // The ends of task t's site edge (twice the same node for a loop; none without a site edge).
  [[nodiscard]] std::array<std::uint32_t, 2> site_ends(std::size_t t) const {
    const EdgeId e = ts_.tasks[t].site_edge;
    if (!e.valid()) return {kNoNode, kNoNode};
    return {net_.edge_from[e.index()].value, net_.edge_to[e.index()].value};
  }
  static constexpr std::uint32_t kNoNode = std::numeric_limits<std::uint32_t>::max();

  void push(Sec key, std::size_t index, std::uint8_t kind, std::size_t slot) {
    heap_.push({key, static_cast<std::uint32_t>(index), kind, static_cast<std::uint8_t>(slot)});
  }
  void push_reach(std::size_t slot, std::size_t v, Sec key) {
    if (reach_final_[slot][v] || key >= reach_[slot][v]) return;
    reach_[slot][v] = key;
    push(key, v, 0, slot);
  }
  void push_task(std::size_t t, Sec key) {
    if (end_final_[t] || key >= end_[t]) return;
    end_[t] = key;
    push(key, t, 2, 0);
  }
  // Offers task t the production of one trade slot reaching one end of its site.
  void offer_task(std::size_t t, Sec reach, Minutes duration) {
    push_task(t, std::max(pred_max_[t], ceil_to_minute(reach)) + 60 * duration);
  }

  void settle_reach(std::size_t slot, std::size_t v, Sec key) {
    if (reach_final_[slot][v] || key != reach_[slot][v]) return;
    reach_final_[slot][v] = 1;
    for (auto i = net_.adj_offset[v]; i < net_.adj_offset[v + 1]; ++i) {
      const EdgeId e = net_.adj_edge[i];
      if (!open_final_[e.index()]) continue;
      const NodeId w = net_.other_end(e, NodeId::from_index(v));
      push_reach(slot, w.index(), std::max(key, open_[e.index()]) + net_.edge_travel_s(e));
    }
    for (const TaskId* t = node_tasks_.begin(v); t != node_tasks_.end(v); ++t) {
      if (preds_left_[t->index()] != 0 || end_final_[t->index()]) continue;
      for (const auto* c = cap_.begin(t->index()); c != cap_.end(t->index()); ++c) {
        if (c->first == slot) offer_task(t->index(), key, c->second);
      }
    }
  }

  void settle_edge(std::size_t e, Sec key) {
    if (open_final_[e] || key != open_[e]) return;
    open_final_[e] = 1;
    const NodeId a = net_.edge_from[e], b = net_.edge_to[e];
    const Sec travel = net_.edge_travel_s(EdgeId::from_index(e));
    for (std::size_t k = 0; k < slots_.size(); ++k) {
      if (reach_final_[k][a.index()])
        push_reach(k, b.index(), std::max(reach_[k][a.index()], key) + travel);
      if (reach_final_[k][b.index()])
        push_reach(k, a.index(), std::max(reach_[k][b.index()], key) + travel);
    }
  }

  void settle_task(std::size_t t, Sec key) {
    if (end_final_[t] || key != end_[t]) return;
    end_final_[t] = 1;
    for (const TaskId* sp = succ_.begin(t); sp != succ_.end(t); ++sp) {
      const std::size_t u = sp->index();
      pred_max_[u] = std::max(pred_max_[u], key);
      if (--preds_left_[u] != 0) continue;
      for (const auto* c = cap_.begin(u); c != cap_.end(u); ++c) {
        for (std::uint32_t n : site_ends(u)) {
          if (n != kNoNode && reach_final_[c->first][n])
            offer_task(u, reach_[c->first][n], c->second);
        }
      }
    }
    for (const EdgeId* ep = blocks_.begin(t); ep != blocks_.end(t); ++ep) {
      const std::size_t e = ep->index();
      if (open_[e] == kInf) open_[e] = 0;
      open_[e] = std::max(open_[e], key);
      if (--blockers_left_[e] == 0) push(open_[e], e, 1, 0);
    }
  }

  const Scenario& s_;
  const TaskSet& ts_;
  const RoadNetwork& net_;
  std::vector<Slot> slots_;
  Csr<std::pair<std::uint8_t, Minutes>> cap_;
  Csr<TaskId> node_tasks_, succ_;
  Csr<EdgeId> blocks_;
  std::vector<std::vector<Sec>> reach_;
  std::vector<std::vector<char>> reach_final_;
  std::vector<Sec> open_, end_, pred_max_;
  std::vector<char> open_final_, end_final_;
  std::vector<std::uint32_t> preds_left_, blockers_left_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap_;
};

// Multi-source search from the hubs where a path's cost is combined edge by edge with `join`
// (max for the bottleneck, + for work); returns the least cost per node (`inf` when unreached).
template <typename Cost, typename EdgeCost, typename Join>
std::vector<Cost> from_hubs(const Scenario& s, Cost inf, EdgeCost&& edge_cost, Join&& join) {
  const RoadNetwork& net = s.roads;
  std::vector<Cost> best(net.num_nodes(), inf);
  using Entry = std::pair<Cost, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (const Hub& h : s.hubs) {
    best[h.node.index()] = Cost{};
    heap.push({Cost{}, h.node.value});
  }
  while (!heap.empty()) {
    const auto [c, u] = heap.top();
    heap.pop();
    if (c != best[u]) continue;
    for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
      const EdgeId e = net.adj_edge[i];
      const Cost w = edge_cost(e);
      if (w == inf) continue;
      const std::uint32_t v = net.other_end(e, NodeId(u)).value;
      const Cost nc = join(c, w);
      if (nc < best[v]) {
        best[v] = nc;
        heap.push({nc, v});
      }
    }
  }
  return best;
}

// The work bound. Tasks of one capability class are done by the same crews at rates in fixed
// proportion; classes that share a trade form a group. For a group g with classes K and crews C,
// weights y_k = 1 / R_k (R_k = Σ_c r_ck, the class's total daily rate) give, for the work W_k on
// any set of tasks that must all be done in [ES, T]:
//   Σ_k W_k / R_k  ≤  Σ_c max_k (r_ck / R_k) × (T − ES)        (each crew works ≤ T − ES),
// so T ≥ ES + Σ_k W_k / R_k / D_g with D_g = Σ_c max_k r_ck / R_k (= 1 for a single class).
// The tasks a settlement needs are the closures (blockers and their transitive predecessors) of
// the edges of some path to a hub; a task in the closures of m edges counts 1/m on each, so that a
// path never counts it more than once. The least Σ over paths is a Dijkstra from the hubs.
class WorkBound {
 public:
  WorkBound(const Scenario& s, const TaskSet& ts, const ChainSweep& chain)
      : s_(s), ts_(ts), chain_(chain) {}

  // Raises bound[v] for every node v to the work bound of each group and class.
  void apply(std::vector<Minutes>& bound) {
    classify();
    closures();
    for (const auto& classes : bound_sets()) apply_one(classes, bound);
  }

 private:
  void classify() {
    const std::size_t nt = ts_.tasks.size();
    cls_.resize(nt);
    std::array<std::int64_t, kTaskClassCount> example{};
    example.fill(-1);
    for (std::size_t t = 0; t < nt; ++t) {
      cls_[t] = static_cast<std::uint8_t>(task_class(ts_.tasks[t]));
      if (example[cls_[t]] < 0) example[cls_[t]] = static_cast<std::int64_t>(t);
    }
    // Per crew and class: the crew's daily rate (on a task of that class).
    rate_.assign(s_.crews.size(), {});
    total_.fill(0);
    for (std::size_t c = 0; c < s_.crews.size(); ++c) {
      for (std::size_t k = 0; k < kTaskClassCount; ++k) {
        if (example[k] < 0) continue;
        rate_[c][k] = daily_rate(s_, s_.crews[c], ts_.tasks[static_cast<std::size_t>(example[k])]);
        if (rate_[c][k] > 0) total_[k] += rate_[c][k];
      }
    }
    // Earliest start of any task of each class.
    es_.fill(kNever);
    for (std::size_t t = 0; t < nt; ++t)
      es_[cls_[t]] = std::min(es_[cls_[t]], chain_.task_start_min(t));
    present_.fill(false);
    for (std::size_t t = 0; t < nt; ++t) present_[cls_[t]] = true;
  }

  // Per edge, the closure of its blockers; per task, how many closures hold it.
  void closures() {
    const std::size_t nt = ts_.tasks.size();
    std::vector<std::uint32_t> seen(nt, 0);
    std::uint32_t stamp = 0;
    shares_.assign(nt, 0);
    std::vector<TaskId> stack, row;
    for (std::size_t e = 0; e < ts_.edge_blockers.size(); ++e) {
      ++stamp;
      row.clear();
      stack.assign(ts_.edge_blockers.begin(e), ts_.edge_blockers.end(e));
      for (TaskId t : stack) seen[t.index()] = stamp;
      while (!stack.empty()) {
        const TaskId t = stack.back();
        stack.pop_back();
        row.push_back(t);
        ++shares_[t.index()];
        for (const TaskId* p = ts_.preds.begin(t.index()); p != ts_.preds.end(t.index()); ++p) {
          if (seen[p->index()] != stamp) {
            seen[p->index()] = stamp;
            stack.push_back(*p);
          }
        }
      }
      closure_.push_row(row);
    }
  }

  // The groups (classes linked by a shared trade) and, within groups of several classes, each
  // class alone: D_g > 1 can make a single class's bound the larger one.
  std::vector<std::vector<std::size_t>> bound_sets() const {
    std::array<std::size_t, kTaskClassCount> group{};
    for (std::size_t k = 0; k < kTaskClassCount; ++k) group[k] = k;
    auto find = [&](std::size_t k) {
      while (group[k] != k) k = group[k] = group[group[k]];
      return k;
    };
    for (const auto& r : rate_) {
      std::size_t first = kTaskClassCount;
      for (std::size_t k = 0; k < kTaskClassCount; ++k) {
        if (!present_[k] || !(r[k] > 0)) continue;
        if (first == kTaskClassCount) first = k;
        group[find(k)] = find(first);
      }
    }
    std::vector<std::vector<std::size_t>> sets;
    for (std::size_t root = 0; root < kTaskClassCount; ++root) {
      std::vector<std::size_t> members;
      for (std::size_t k = 0; k < kTaskClassCount; ++k) {
        if (present_[k] && total_[k] > 0 && find(k) == root) members.push_back(k);
      }
      if (members.empty()) continue;
      sets.push_back(members);
      if (members.size() > 1) {
        for (std::size_t k : members) sets.push_back({k});
      }
    }
    return sets;
  }

  void apply_one(const std::vector<std::size_t>& classes, std::vector<Minutes>& bound) const {
    std::array<bool, kTaskClassCount> in{};
    Minutes es = kNever;
    for (std::size_t k : classes) {
      in[k] = true;
      es = std::min(es, es_[k]);
    }
    if (es == kNever)
      return;      // no task of these classes can ever start: the chain bound says never
    double d = 0;  // D_g
    for (const auto& r : rate_) {
      double most = 0;
      for (std::size_t k : classes) most = std::max(most, r[k] / total_[k]);
      d += most;
    }
    // Edge weights: Σ work / (R_k × shares) over the edge's closure, in working days.
    const std::size_t m = s_.roads.num_edges();
    std::vector<double> weight(m, 0);
    bool any = false;
    for (std::size_t e = 0; e < m; ++e) {
      for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t) {
        const std::size_t k = cls_[t->index()];
        if (!in[k]) continue;
        weight[e] += ts_.tasks[t->index()].work * ts_.tasks[t->index()].effort / total_[k] /
                     shares_[t->index()];
        any = true;
      }
    }
    if (!any) return;
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> least = from_hubs<double>(
        s_, inf, [&](EdgeId e) { return weight[e.index()]; },
        [](double a, double b) { return a + b; });
    // Working days of the pooled group to calendar minutes; each task's duration may be 1e-6 min
    // below the formula (see shortest_duration_min), hence the slack.
    const double to_min = 1440.0 * 7.0 / s_.params.working_days_per_week / d;
    const double slack = 1e-6 * static_cast<double>(ts_.tasks.size()) + 1e-3;
    for (std::size_t v = 0; v < bound.size(); ++v) {
      if (!(least[v] > 0) || least[v] == inf) continue;
      const double t = static_cast<double>(es) + least[v] * to_min;
      const auto minutes = static_cast<Minutes>(std::ceil(t * (1 - 1e-12) - slack));
      bound[v] = std::max(bound[v], minutes);
    }
  }

  const Scenario& s_;
  const TaskSet& ts_;
  const ChainSweep& chain_;
  std::vector<std::uint8_t> cls_;
  std::vector<std::array<double, kTaskClassCount>> rate_;
  std::array<double, kTaskClassCount> total_{};
  std::array<Minutes, kTaskClassCount> es_{};
  std::array<bool, kTaskClassCount> present_{};
  Csr<TaskId> closure_;
  std::vector<std::uint32_t> shares_;
};

}  // namespace

LowerBound lower_bound(const Scenario& s, const TaskSet& ts) {
  const auto t0 = std::chrono::steady_clock::now();
  const RoadNetwork& net = s.roads;
  LowerBound lb;
  ChainSweep chain(s, ts);
  chain.run();
  lb.task_end.resize(ts.tasks.size());
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) lb.task_end[t] = chain.task_end_min(t);
  lb.edge_open.resize(net.num_edges());
  for (std::size_t e = 0; e < net.num_edges(); ++e) lb.edge_open[e] = chain.edge_open_min(e);

  // Chain bound of access: the bottleneck path from a hub over the edges' earliest openings.
  const std::vector<Minutes> chain_access = from_hubs<Minutes>(
      s, kNever, [&](EdgeId e) { return lb.edge_open[e.index()]; },
      [](Minutes a, Minutes b) { return std::max(a, b); });
  std::vector<Minutes> work_access(net.num_nodes(), 0);
  WorkBound(s, ts, chain).apply(work_access);

  const double horizon = s.params.horizon_days;
  for (const Settlement& st : s.settlements) {
    const Minutes c = chain_access[st.node.index()];
    const Minutes w = work_access[st.node.index()];
    const Minutes a = c == kNever ? kNever : std::max(c, w);
    lb.access_by_chain.push_back(c);
    lb.access_by_work.push_back(w);
    lb.settlement_access.push_back(a);
    // As evaluate(): population × access in days, capped at the horizon.
    const double days = a == kNever ? horizon : std::min(minutes_to_days(a), horizon);
    lb.people_days += static_cast<double>(st.population) * days;
  }
  lb.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return lb;
}

}  // namespace gw::plan
