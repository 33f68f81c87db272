#include "plan/dispatch.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>
#include <queue>
#include <string>
#include <tuple>
#include <unordered_map>

#include "model/error.hpp"
#include "network/dijkstra.hpp"
#include "network/union_find.hpp"
#include "plan/tasks.hpp"

namespace gw::plan {

std::string_view rule_name(Rule r) { return r == Rule::kNearest ? "nearest" : "impact"; }
std::optional<Rule> rule_from_name(std::string_view s) {
  if (s == "nearest") return Rule::kNearest;
  if (s == "impact") return Rule::kImpact;
  return std::nullopt;
}

namespace {

enum class State : std::uint8_t { kWaiting, kAvailable, kAssigned, kDone };
using ClassCounts = std::array<std::int32_t, kTaskClassCount>;

// Inverts a CSR relation key -> items into item -> keys.
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

class Dispatcher {
 public:
  Dispatcher(const Scenario& s, const TaskSet& ts, const DispatchOptions& opt)
      : s_(s), ts_(ts), opt_(opt), net_(s.roads), uf_(net_.num_nodes()), search_(net_) {
    const std::size_t n = ts.tasks.size();
    state_.assign(n, State::kWaiting);
    pred_left_.resize(n);
    for (std::size_t t = 0; t < n; ++t)
      pred_left_[t] = static_cast<std::uint32_t>(ts.preds.count(t));
    preds_open_ = pred_left_;
    ready_at_.assign(n, 0);
    succs_ = invert(ts.preds, n);
    blocks_ = invert(ts.edge_blockers, n);
    cls_.resize(n);
    ends_.resize(n);
    work_.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      cls_[t] = static_cast<std::uint8_t>(task_class(s, ts.tasks[t]));
      work_[t] = ts.tasks[t].work;
      const EdgeId e = ts.tasks[t].site_edge;
      ends_[t] = {net_.edge_from[e.index()].value, net_.edge_to[e.index()].value};
    }
    if (n > kMaxPackedTask) {
      throw Error(ErrorCode::kUnsupported,
                  "dispatch: more than " + std::to_string(kMaxPackedTask) + " tasks");
    }

    for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
      for (std::size_t k = 0; k < kTaskClassCount; ++k)
        per_person_[tr][k] = per_person_rate(s.params, static_cast<Trade>(tr), k);
    }
    // Which trades can do which classes (the rate is then > 0 for every crew of the trade).
    for (std::size_t t = 0; t < n; ++t) {
      for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
        Crew probe;
        probe.trade = static_cast<Trade>(tr);
        probe.people = 1;
        if (daily_rate(s, probe, ts.tasks[t]) > 0) capable_[tr][cls_[t]] = true;
      }
    }
    // Tasks by the end nodes of their site edges.
    std::vector<std::vector<TaskId>> at(net_.num_nodes());
    for (std::size_t t = 0; t < n; ++t) {
      const EdgeId e = ts.tasks[t].site_edge;
      at[net_.edge_from[e.index()].index()].push_back(TaskId::from_index(t));
      if (net_.edge_to[e.index()] != net_.edge_from[e.index()]) {
        at[net_.edge_to[e.index()].index()].push_back(TaskId::from_index(t));
      }
    }
    // Each node's slots hold its available tasks only, in task order: a crew's local search
    // passes through many nodes whose tasks are long done, and must not look at them again.
    node_slots_.resize(at.size());
    node_busy_.assign((at.size() + 63) / 64, 0);
    std::size_t slots = 0;
    for (std::size_t x = 0; x < at.size(); ++x) {
      node_slots_[x] = {static_cast<std::uint32_t>(slots), 0};
      slots += at[x].size();
    }
    node_avail_.resize(slots);

    counts_.assign(net_.num_nodes(), ClassCounts{});
    blockers_left_.resize(net_.num_edges());
    open_.assign(net_.num_edges(), 0);
    for (std::size_t e = 0; e < net_.num_edges(); ++e) {
      blockers_left_[e] = static_cast<std::uint32_t>(ts.edge_blockers.count(e));
      if (blockers_left_[e] == 0) {
        open_[e] = 1;
        uf_.unite(net_.edge_from[e].index(), net_.edge_to[e].index());
      } else {
        ++blocked_edges_;
        search_.set_usable(EdgeId::from_index(e), false);
      }
    }
    avail_pos_.assign(n, 0);
    avail_cell_.assign(n, 0);
    if (net_.num_nodes() > 0) {
      double lat = 0;
      for (const auto& p : net_.node_pos) lat += p.lat;
      grid_mx_ = 111320.0 * std::cos(lat / static_cast<double>(net_.num_nodes()) * 0.0174532925);
    }
    init_grid();
    max_caches_ = kCacheBytes / (12 * std::max<std::size_t>(1, net_.num_nodes()));
    caches_.reserve(max_caches_);
    crew_node_.resize(s.crews.size());
    for (std::size_t c = 0; c < s.crews.size(); ++c) crew_node_[c] = s.crews[c].base_node;
    for (std::size_t h = 0; h < s.hubs.size(); ++h) hub_nodes_.push_back(s.hubs[h].node);
    if (opt.rule == Rule::kImpact) init_impact();
  }

  // True when every settlement is in a component with a hub; drops those found connected.
  bool all_have_access() {
    checked_version_ = version_;
    std::vector<std::uint32_t> hub_roots;
    for (NodeId h : hub_nodes_) hub_roots.push_back(uf_.find(h.index()));
    std::erase_if(waiting_nodes_, [&](std::uint32_t n) {
      return std::find(hub_roots.begin(), hub_roots.end(), uf_.find(n)) != hub_roots.end();
    });
    return waiting_nodes_.empty();
  }

  DispatchResult run() {
    for (const Settlement& st : s_.settlements) waiting_nodes_.push_back(st.node.value);
    for (std::size_t t = 0; t < ts_.tasks.size(); ++t) {
      if (pred_left_[t] == 0) make_available(t);
    }
    std::vector<std::uint32_t> ready(s_.crews.size());
    for (std::size_t c = 0; c < ready.size(); ++c) ready[c] = static_cast<std::uint32_t>(c);
    if (opt_.rule == Rule::kImpact) recompute_priorities();
    dispatch_all(0, ready);
    while (!events_.empty()) {
      const Minutes now = events_.top().time;
      ready.clear();
      while (!events_.empty() && events_.top().time == now) {
        const Event ev = events_.top();
        events_.pop();
        finish(ev.task, now);
        ready.push_back(ev.crew);
      }
      if (opt_.stop_when_all_access && version_ != checked_version_ && all_have_access()) {
        stopped_early_ = true;
        break;
      }
      if (opt_.deadline && (++deadline_tick_ & 255U) == 0 &&
          std::chrono::steady_clock::now() > *opt_.deadline) {
        aborted_ = true;
        break;
      }
      if (opt_.rule == Rule::kImpact && opened_since_recompute_ >= recompute_every_)
        recompute_priorities();
      // Idle crews woken because work they can do appeared in their component join the crews
      // just freed.
      ready.insert(ready.end(), woken_.begin(), woken_.end());
      woken_.clear();
      std::sort(ready.begin(), ready.end());
      ready.erase(std::unique(ready.begin(), ready.end()), ready.end());
      dispatch_all(now, ready);
    }
    DispatchResult result;
    stats_.nodes_settled = search_.settled();
    stats_.far_trip_nodes = search_.settled_by_astar();
    result.stats = stats_;
    result.access_tasks = std::move(access_tasks_);
    result.stopped_early = stopped_early_;
    result.aborted = aborted_;
    result.plan.rule = std::string(rule_name(opt_.rule));
    result.plan.assignments = std::move(assignments_);
    std::stable_sort(result.plan.assignments.begin(), result.plan.assignments.end(),
                     [](const Assignment& a, const Assignment& b) {
                       return a.crew != b.crew ? a.crew < b.crew : a.start < b.start;
                     });
    for (std::size_t t = 0; t < ts_.tasks.size(); ++t) {
      if (state_[t] != State::kDone) result.unassigned.push_back(TaskId::from_index(t));
    }
    return result;
  }

 private:
  struct Event {
    Minutes time;
    std::uint32_t task;
    std::uint32_t crew;
    bool operator>(const Event& o) const { return time != o.time ? time > o.time : task > o.task; }
  };

  std::pair<std::uint32_t, std::uint32_t> ends(std::size_t t) const { return ends_[t]; }

  void count(std::size_t t, std::int32_t delta) {
    const auto [u, v] = ends(t);
    counts_[uf_.find(u)][cls_[t]] += delta;
    counts_[uf_.find(v)][cls_[t]] += delta;
  }

  void make_available(std::size_t t) {
    if (state_[t] != State::kWaiting) return;  // already taken ahead of time (look-ahead)
    state_[t] = State::kAvailable;
    count(t, +1);
    avail_add(static_cast<std::uint32_t>(t));
    if (!on_path_.empty() && on_path_[t]) {
      auto& list = hot_[cls_[t]];
      const auto id = static_cast<std::uint32_t>(t);
      list.insert(std::upper_bound(list.begin(), list.end(), id,
                                   [&](std::uint32_t a, std::uint32_t b) { return hotter(a, b); }),
                  id);
    }
    // One idle crew of each capable trade in the component(s) the site touches may now work.
    const auto [u, v] = ends(t);
    const std::uint32_t ru = uf_.find(u), rv = uf_.find(v);
    for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
      if (!capable_[tr][cls_[t]]) continue;
      wake_nearest(ru, tr, u);
      if (rv != ru) wake_nearest(rv, tr, u);
    }
  }

  static std::uint64_t idle_key(std::uint32_t root, std::size_t trade) {
    return static_cast<std::uint64_t>(root) * kTradeCount + trade;
  }

  // Wakes the idle crew of `trade` in the component `root` that stands nearest (straight line) to
  // `node`: new work goes to the crew that can start it soonest, not to one across the country.
  void wake_nearest(std::uint32_t root, std::size_t trade, std::uint32_t node) {
    auto it = idle_lists_.find(idle_key(root, trade));
    if (it == idle_lists_.end()) return;
    auto& list = it->second;
    const LonLat a = net_.node_pos[node];
    const double mx = std::cos(a.lat * 0.0174532925);
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const LonLat b = net_.node_pos[crew_node_[list[i]].index()];
      const double dx = (a.lon - b.lon) * mx, dy = a.lat - b.lat;
      const double d2 = dx * dx + dy * dy;
      if (d2 < best_d2) {
        best_d2 = d2;
        best = i;
      }
    }
    woken_.push_back(list[best]);
    list[best] = list.back();
    list.pop_back();
    if (list.empty()) idle_lists_.erase(it);
  }

  // Wakes up to n idle crews of `trade` whose base lies in the component `root`.
  void wake(std::uint32_t root, std::size_t trade, std::size_t n) {
    auto it = idle_lists_.find(idle_key(root, trade));
    if (it == idle_lists_.end()) return;
    auto& list = it->second;
    while (n-- > 0 && !list.empty()) {
      const std::uint32_t c = list.back();
      list.pop_back();
      woken_.push_back(c);
    }
    if (list.empty()) idle_lists_.erase(it);
  }

  void park(std::uint32_t c) {
    idle_lists_[idle_key(uf_.find(s_.crews[c].base_node.index()),
                         static_cast<std::size_t>(s_.crews[c].trade))]
        .push_back(c);
  }

  std::size_t capable_count(std::uint32_t root, std::size_t trade) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (capable_[trade][k]) n += static_cast<std::size_t>(std::max(0, counts_[root][k]));
    }
    return n;
  }

  void open_edge(std::size_t e) {
    open_[e] = 1;
    search_.set_usable(EdgeId::from_index(e), true);
    ++version_;
    source_uses_.clear();
    ++opened_since_recompute_;
    const std::uint32_t a = uf_.find(net_.edge_from[e].index()),
                        b = uf_.find(net_.edge_to[e].index());
    if (a == b) return;
    // Crews idle on one side may now reach the work waiting on the other.
    for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
      const std::size_t work_a = capable_count(a, tr), work_b = capable_count(b, tr);
      if (work_b > 0) wake(a, tr, work_b);
      if (work_a > 0) wake(b, tr, work_a);
    }
    const auto [keep, gone] = uf_.unite(a, b);
    for (std::size_t k = 0; k < kTaskClassCount; ++k) counts_[keep][k] += counts_[gone][k];
    for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
      auto it = idle_lists_.find(idle_key(gone, tr));
      if (it == idle_lists_.end()) continue;
      std::vector<std::uint32_t> moved = std::move(it->second);
      idle_lists_.erase(it);
      auto& into = idle_lists_[idle_key(keep, tr)];
      if (into.size() < moved.size()) std::swap(into, moved);
      into.insert(into.end(), moved.begin(), moved.end());
    }
  }

  void finish(std::uint32_t t, Minutes /*now*/) {
    state_[t] = State::kDone;
    for (const std::uint32_t* e = blocks_.begin(t); e != blocks_.end(t); ++e) {
      if (--blockers_left_[*e] == 0) open_edge(*e);
    }
    for (const std::uint32_t* u = succs_.begin(t); u != succs_.end(t); ++u) {
      if (--pred_left_[*u] == 0) make_available(*u);
    }
  }

  bool has_work(std::size_t c) {
    const auto& row = counts_[uf_.find(s_.crews[c].base_node.index())];
    const auto& cap = capable_[static_cast<std::size_t>(s_.crews[c].trade)];
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (cap[k] && row[k] > 0) return true;
    }
    return false;
  }

  // DispatchOptions::chain_order: among crews choosing at the same moment, those whose work
  // usually comes first in a chain (survey, then machines, then manual and dog teams, then
  // builders) choose first, so that the next crew of a chain sees its task as a look-ahead
  // candidate (its predecessors under way) in the same round rather than after its own next task.
  static int chain_rank(Trade t) {
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
  void dispatch_all(Minutes now, std::vector<std::uint32_t>& crews) {
    if (opt_.chain_order) {
      std::stable_sort(crews.begin(), crews.end(), [&](std::uint32_t a, std::uint32_t b) {
        return chain_rank(s_.crews[a].trade) < chain_rank(s_.crews[b].trade);
      });
    }
    for (const std::uint32_t c : crews) {
      if (!(has_work(c) && assign_next(c, now))) park(c);
    }
  }

  struct Candidate {
    std::uint32_t task;
    NodeId entry;
    Seconds travel_s;
    bool exact = true;  // travel_s from the search; otherwise a straight-line estimate
    bool ahead =
        false;  // look-ahead: the task is not available yet (its predecessors are under way)
  };

  // Straight-line travel estimates: 1.4 detour factor at 40 km/h.
  static constexpr double kDetour = 1.4;
  static constexpr double kEstimateSpeedMs = 40.0 / 3.6;

  // An available task as the far-work scan sees it: its priority and the ids and positions of
  // both ends of its site edge are copied in, so that ranking thousands of tasks reads one
  // contiguous list, not scattered per-task and per-node arrays.
  struct CellEntry {
    std::uint32_t task;
    std::uint32_t u_node, v_node;
    double priority;  // priority_[task] (0 for the nearest rule), refreshed with it
    double work;      // work_[task]
    LonLat u, v;
  };

  // hotter() on cell entries, from their copies of the priority.
  static bool hotter_entry(const CellEntry& a, const CellEntry& b) {
    return a.priority != b.priority ? a.priority > b.priority : a.task < b.task;
  }

  // Estimated travel from one node to task sites, with the projection factor computed once.
  struct TravelEstimator {
    LonLat a;
    double mx;
    TravelEstimator(const Dispatcher& dispatcher, NodeId from)
        : a(dispatcher.net_.node_pos[from.index()]),
          mx(111320.0 * std::cos(a.lat * 0.0174532925)) {}
    [[nodiscard]] Seconds travel_s(const CellEntry& e) const {
      auto dist2 = [&](const LonLat& b) {
        const double dx = (a.lon - b.lon) * mx, dy = (a.lat - b.lat) * 110540.0;
        return dx * dx + dy * dy;
      };
      return static_cast<Seconds>(std::sqrt(std::min(dist2(e.u), dist2(e.v))) * kDetour /
                                  kEstimateSpeedMs);
    }
  };

  // Estimated travel to a task's site: straight line, 1.4 detour factor, 40 km/h.
  Seconds estimate_travel_s(NodeId from, std::uint32_t t) const {
    const auto [u, v] = ends(t);
    const LonLat a = net_.node_pos[from.index()];
    auto dist = [&](std::uint32_t n) {
      const LonLat b = net_.node_pos[n];
      const double dx = (a.lon - b.lon) * 111320.0 * std::cos(a.lat * 0.0174532925);
      const double dy = (a.lat - b.lat) * 110540.0;
      return std::sqrt(dx * dx + dy * dy);
    };
    return static_cast<Seconds>(std::min(dist(u), dist(v)) * kDetour / kEstimateSpeedMs);
  }

  // Open-road travel from `from` to the nearer reachable end of task t's site edge, along a real
  // path found by weighted A* (possibly longer than the shortest, never shorter, which is what
  // the validator checks).
  std::pair<NodeId, Seconds> exact_travel(NodeId from, std::uint32_t t) {
    const auto [u, v] = ends(t);
    const std::uint32_t root = uf_.find(from.index());
    targets_.clear();
    if (uf_.find(u) == root) targets_.emplace_back(u);
    if (v != u && uf_.find(v) == root) targets_.emplace_back(v);
    return search_.to_nearest_target(from, targets_, kHeuristicSpeedKmh);
  }

  // On day 0 many crews leave from one node (all the crews of a depot) over the same open
  // network: the eighth search from a node builds a complete travel-time table from it, which
  // every later search from there reuses until the first road opens.
  // Travel seconds in 32 bits, as the search labels them.
  static constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kCacheAfterUses = 8;
  // The tables' memory is bounded (12 bytes per node each).
  static constexpr std::size_t kCacheBytes = std::size_t{256} << 20;
  std::size_t max_caches_ = 0;
  struct SourceCache {
    std::uint32_t source = 0;
    std::uint64_t version = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order;  // (node, seconds), travel order
    std::vector<std::uint32_t> dist;  // seconds; kUnreached when not reachable
  };
  const SourceCache* source_cache(NodeId from) {
    for (const auto& sc : caches_) {
      if (sc.source == from.value && sc.version == version_) return &sc;
    }
    // Only before the first road opens: later, repeated departures from one node are rare and a
    // whole-network table would cost more than the local searches it saves.
    if (version_ != 1 || caches_.size() >= max_caches_ ||
        ++source_uses_[from.value] < kCacheAfterUses) {
      return nullptr;
    }
    SourceCache& sc = caches_.emplace_back();
    sc.source = from.value;
    sc.version = version_;
    sc.order.clear();
    sc.order.reserve(net_.num_nodes());
    sc.dist.assign(net_.num_nodes(), kUnreached);
    search_.run(from, [&](NodeId x, Seconds d) {
      ++stats_.table_nodes;
      assert(d >= 0 && d < kUnreached);
      sc.order.emplace_back(x.value, static_cast<std::uint32_t>(d));
      sc.dist[x.index()] = static_cast<std::uint32_t>(d);
      return true;
    });
    return &sc;
  }

  // Available tasks in a dense grid of kCellM-metre cells (all classes in one list per cell), with
  // O(1) removal, so that far work is found by looking at the cells around a crew rather than at
  // every available task.
  static constexpr double kCellM = 5000;
  void init_grid() {
    double x0 = std::numeric_limits<double>::max(), y0 = x0,
           x1 = std::numeric_limits<double>::lowest(), y1 = x1;
    for (const LonLat& p : net_.node_pos) {
      x0 = std::min(x0, p.lon * grid_mx_);
      x1 = std::max(x1, p.lon * grid_mx_);
      y0 = std::min(y0, p.lat * 110540.0);
      y1 = std::max(y1, p.lat * 110540.0);
    }
    if (net_.num_nodes() == 0) x0 = x1 = y0 = y1 = 0;
    grid_x0_ = x0;
    grid_y0_ = y0;
    grid_nx_ = static_cast<std::int64_t>((x1 - x0) / kCellM) + 1;
    grid_ny_ = static_cast<std::int64_t>((y1 - y0) / kCellM) + 1;
    ncells_ = static_cast<std::size_t>(grid_nx_ * grid_ny_);
    cells_.assign(kTaskClassCount * ncells_, {});
    cell_mask_.assign(ncells_, 0);
    max_chord_m_ = 0;
    for (std::size_t e = 0; e < net_.num_edges(); ++e) {
      const LonLat a = net_.node_pos[net_.edge_from[e].index()];
      const LonLat b = net_.node_pos[net_.edge_to[e].index()];
      max_chord_m_ = std::max(max_chord_m_,
                              std::hypot((a.lon - b.lon) * grid_mx_, (a.lat - b.lat) * 110540.0));
    }
  }
  std::pair<std::int64_t, std::int64_t> cell_xy(std::uint32_t node) const {
    const LonLat p = net_.node_pos[node];
    return {static_cast<std::int64_t>((p.lon * grid_mx_ - grid_x0_) / kCellM),
            static_cast<std::int64_t>((p.lat * 110540.0 - grid_y0_) / kCellM)};
  }
  void node_avail_insert(std::uint32_t node, std::uint32_t t) {
    std::uint32_t* row = node_avail_.data() + node_slots_[node].begin;
    std::uint32_t& len = node_slots_[node].len;
    const std::uint32_t packed = pack(t);
    std::uint32_t* at = std::upper_bound(row, row + len, packed);
    std::copy_backward(at, row + len, row + len + 1);
    *at = packed;
    ++len;
    node_busy_[node >> 6] |= std::uint64_t{1} << (node & 63);
  }
  void node_avail_erase(std::uint32_t node, std::uint32_t t) {
    std::uint32_t* row = node_avail_.data() + node_slots_[node].begin;
    std::uint32_t& len = node_slots_[node].len;
    const std::uint32_t packed = pack(t);
    std::uint32_t* at = std::lower_bound(row, row + len, packed);
    assert(at != row + len && *at == packed);
    std::copy(at + 1, row + len, at);
    if (--len == 0) node_busy_[node >> 6] &= ~(std::uint64_t{1} << (node & 63));
  }
  void avail_add(std::uint32_t t) {
    {
      const auto [u, v] = ends(t);
      node_avail_insert(u, t);
      if (v != u) node_avail_insert(v, t);
    }
    const auto [x, y] = cell_xy(ends(t).first);
    avail_cell_[t] =
        static_cast<std::uint32_t>(cls_[t] * ncells_ + static_cast<std::size_t>(y * grid_nx_ + x));
    ++class_avail_[cls_[t]];
    cell_mask_[avail_cell_[t] % ncells_] |= 1U << cls_[t];
    auto& list = cells_[avail_cell_[t]];
    const auto [u, v] = ends(t);
    const double priority = priority_.empty() ? 0.0 : priority_[t];
    const CellEntry entry{t, u, v, priority, work_[t], net_.node_pos[u], net_.node_pos[v]};
    if (priority_.empty()) {
      avail_pos_[t] = static_cast<std::uint32_t>(list.size());
      list.push_back(entry);
      return;
    }
    // Impact rule: each cell's list is kept by falling priority (see refresh_cells).
    const auto at = std::upper_bound(list.begin(), list.end(), entry, hotter_entry);
    const auto from = static_cast<std::size_t>(at - list.begin());
    list.insert(at, entry);
    for (std::size_t i = from; i < list.size(); ++i)
      avail_pos_[list[i].task] = static_cast<std::uint32_t>(i);
  }
  void avail_remove(std::uint32_t t) {
    {
      const auto [u, v] = ends(t);
      node_avail_erase(u, t);
      if (v != u) node_avail_erase(v, t);
    }
    --class_avail_[cls_[t]];
    auto& list = cells_[avail_cell_[t]];
    if (list.size() == 1) cell_mask_[avail_cell_[t] % ncells_] &= ~(1U << cls_[t]);
    if (priority_.empty()) {
      const CellEntry last = list.back();
      list[avail_pos_[t]] = last;
      avail_pos_[last.task] = avail_pos_[t];
      list.pop_back();
      return;
    }
    const std::size_t from = avail_pos_[t];
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(from));
    for (std::size_t i = from; i < list.size(); ++i)
      avail_pos_[list[i].task] = static_cast<std::uint32_t>(i);
  }
  // Calls f(cell) for the grid cells within `reach` cells of node's cell.
  template <typename F>
  void for_cells_around(std::uint32_t node, std::int64_t reach, F&& f) const {
    for_cell_ids_around(0, node, reach, f);  // class 0's slots are the cells themselves
  }
  // Calls f(slot) for the cells of class k within `reach` cells of node's cell.
  template <typename F>
  void for_cell_ids_around(std::size_t k, std::uint32_t node, std::int64_t reach, F&& f) const {
    const auto [cx, cy] = cell_xy(node);
    for (std::int64_t y = std::max<std::int64_t>(0, cy - reach);
         y <= std::min(grid_ny_ - 1, cy + reach); ++y) {
      for (std::int64_t x = std::max<std::int64_t>(0, cx - reach);
           x <= std::min(grid_nx_ - 1, cx + reach); ++x) {
        f(k * ncells_ + static_cast<std::size_t>(y * grid_nx_ + x));
      }
    }
  }
  // Calls f(slot) for the cells of class k at Chebyshev distance exactly r from cell (cx, cy).
  template <typename F>
  void for_ring(std::size_t k, std::int64_t cx, std::int64_t cy, std::int64_t r, F&& f) const {
    auto at = [&](std::int64_t x, std::int64_t y) {
      if (x >= 0 && y >= 0 && x < grid_nx_ && y < grid_ny_)
        f(k * ncells_ + static_cast<std::size_t>(y * grid_nx_ + x));
    };
    for (std::int64_t x = cx - r; x <= cx + r; ++x) {
      at(x, cy - r);
      at(x, cy + r);
    }
    for (std::int64_t y = cy - r + 1; y <= cy + r - 1; ++y) {
      at(cx - r, y);
      at(cx + r, y);
    }
  }

  // A lower bound of the estimated travel from `node` to any task listed in cell slot `id`: the
  // cell holds a task by its site edge's first end, and the other end lies within the longest
  // edge chord of it. The factor f converts the grid's metres to the estimator's (see below).
  [[nodiscard]] double cell_min_travel_s(std::size_t id, std::uint32_t node, double f) const {
    const auto idx = static_cast<std::int64_t>(id % ncells_);
    const double x0 = static_cast<double>(idx % grid_nx_) * kCellM,
                 y0 = static_cast<double>(idx / grid_nx_) * kCellM;
    const LonLat p = net_.node_pos[node];
    const double px = p.lon * grid_mx_ - grid_x0_, py = p.lat * 110540.0 - grid_y0_;
    const double dx = std::max({0.0, x0 - px, px - (x0 + kCellM)});
    const double dy = std::max({0.0, y0 - py, py - (y0 + kCellM)});
    return std::max(0.0, std::hypot(dx, dy) - max_chord_m_) * f * kDetour / kEstimateSpeedMs;
  }

  // Impact rule: benefit per crew-day spent, travel included; a tiny term prefers near tasks among
  // tasks with no measured benefit.
  double score(const Crew& crew, std::uint32_t t, Seconds travel_s, Minutes wait_min = 0) const {
    return score_of(priority_[t], duration(crew, t), travel_s, wait_min);
  }
  static double score_of(double priority, Minutes duration_min, Seconds travel_s,
                         Minutes wait_min) {
    const double dur = static_cast<double>(duration_min) / kMinutesPerDay;
    const double travel = static_cast<double>(travel_s) / 86400.0 +
                          static_cast<double>(wait_min) / static_cast<double>(kMinutesPerDay);
    return (priority * dur + 1e-6) / (travel + dur);
  }
  // choice_score(crew, e.task, travel_s) from a cell entry of class k: the same value, from the
  // entry's copies rather than the per-task arrays.
  double entry_score(const Crew& crew, const CellEntry& e, std::size_t k, Seconds travel_s) {
    const Minutes dur = work_minutes(
        s_.params, e.work, daily_rate(crew, per_person_[static_cast<std::size_t>(crew.trade)][k]));
    assert(dur == duration(crew, e.task) && e.priority == priority_[e.task]);
    const double sc = score_of(e.priority, dur, travel_s, 0);
    return too_slow(crew, e.task) ? sc * 1e-9 : sc;
  }
  // The score the choice compares: a crew too slow for the task (DispatchOptions::slowdown_limit)
  // ranks it below every task it is not too slow for.
  double choice_score(const Crew& crew, std::uint32_t t, Seconds travel_s, Minutes wait = 0) {
    const double sc = score(crew, t, travel_s, wait);
    return too_slow(crew, t) ? sc * 1e-9 : sc;
  }
  bool too_slow(const Crew& crew, std::uint32_t t) {
    if (opt_.slowdown_limit == nullptr) return false;
    const float limit = (*opt_.slowdown_limit)[t];
    if (!(limit > 0)) return false;
    if (fastest_.empty()) {
      fastest_.assign(ts_.tasks.size(), -1);
      // Per trade, the crew with the most people × productivity: the fastest on any task.
      std::array<double, kTradeCount> cap{};
      for (const Crew& c : s_.crews) {
        const auto k = static_cast<std::size_t>(c.trade);
        const double x = static_cast<double>(c.people) * c.productivity_factor;
        if (x > cap[k]) {
          cap[k] = x;
          fastest_crew_[k] = &c;
        }
      }
    }
    if (fastest_[t] < 0) {
      Minutes best = std::numeric_limits<Minutes>::max();
      for (const Crew* c : fastest_crew_) {
        if (c != nullptr && rate(*c, t) > 0) best = std::min(best, duration(*c, t));
      }
      fastest_[t] = best;
    }
    return static_cast<double>(duration(crew, t)) >
           static_cast<double>(limit) * static_cast<double>(fastest_[t]);
  }

  // Whether two entries of one cell (hence one class) score the same for every crew and travel.
  [[nodiscard]] bool same_score(const CellEntry& a, const CellEntry& b) const {
    return a.u_node == b.u_node && a.v_node == b.v_node && a.priority == b.priority &&
           a.work == b.work &&
           (opt_.slowdown_limit == nullptr ||
            (*opt_.slowdown_limit)[a.task] == (*opt_.slowdown_limit)[b.task]);
  }

  // Look-ahead: minutes a crew leaving now with `travel_s` to go would wait for task t.
  Minutes wait_min(std::uint32_t t, Minutes now, Seconds travel_s) const {
    return std::max<Minutes>(0, ready_at_[t] - (now + (travel_s + 59) / 60));
  }
  // score <= priority + 1e-6 / duration, and durations are whole minutes (at least one).
  static constexpr double kScoreSlack = 1e-6 * kMinutesPerDay;
  // An upper bound of score(crew, t, ...) for every crew and travel time (-inf for the nearest
  // rule, which ranks by travel alone).
  [[nodiscard]] double priority_bound(std::uint32_t t) const {
    return priority_.empty() ? -std::numeric_limits<double>::infinity()
                             : priority_[t] + kScoreSlack;
  }

  // Adds to the candidates up to hot_candidates tasks per class the crew can do from `lists`
  // (per class, by falling priority) that lie in the crew's component within their far limit.
  // Entries no longer in `listed` state are dropped from the lists on the way.
  void add_listed(std::array<std::vector<std::uint32_t>, kTaskClassCount>& lists, State listed,
                  bool ahead, std::uint32_t c, std::uint32_t root,
                  const std::array<bool, kTaskClassCount>& cap) {
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (!cap[k]) continue;
      auto& list = lists[k];
      std::size_t added = 0, keep = 0;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::uint32_t t = list[i];
        if (!ahead) ++stats_.hot_scanned;
        if (state_[t] != listed) continue;  // taken (or, ahead, available): dropped
        list[keep++] = t;
        if (added >= opt_.hot_candidates || seen_[t] == seen_round_) continue;
        const auto [u, v] = ends(t);
        if (uf_.find(u) != root && uf_.find(v) != root) continue;
        const Seconds est = estimate_travel_s(crew_node_[c], t);
        if (static_cast<double>(est) > far_limit_s(t)) continue;  // work for crews based nearer
        seen_[t] = seen_round_;
        cands_.push_back({t, NodeId{}, est, false, ahead});
        ++added;
      }
      list.resize(keep);
    }
  }

  // Finds reachable available tasks for crew c (in travel order) and assigns the best by the rule.
  bool assign_next(std::uint32_t c, Minutes now) {
    const Crew& crew = s_.crews[c];
    const auto& cap = capable_[static_cast<std::size_t>(crew.trade)];
    const std::size_t want = opt_.rule == Rule::kNearest ? 1 : opt_.candidates;
    cands_.clear();
    ++seen_round_;
    if (seen_.size() != ts_.tasks.size()) seen_.assign(ts_.tasks.size(), 0);
    // Candidates are compared within an hour's drive of the nearest one: further tasks would
    // only win on an implausible benefit, and the search must stay local on a country network.
    ++stats_.dispatches;
    const Seconds window = opt_.compare_window_s;
    Seconds first = -1;
    std::size_t settled = 0;
    const SourceCache* cache = source_cache(crew_node_[c]);
    auto visit = [&](NodeId x, Seconds d) {
      if (first >= 0 && d > first + window) return false;
      if (++settled > kSearchNodes) return false;
      if ((node_busy_[x.index() >> 6] >> (x.index() & 63) & 1) == 0) return true;
      const NodeSlots slots = node_slots_[x.index()];
      const std::uint32_t* row = node_avail_.data() + slots.begin;
      for (const std::uint32_t* t = row; t != row + slots.len; ++t) {
        if (!cap[*t & kClassMask]) continue;
        const std::uint32_t ti = *t >> kClassBits;
        if (seen_[ti] == seen_round_) continue;
        seen_[ti] = seen_round_;
        cands_.push_back({ti, x, d});
        if (first < 0) first = d;
      }
      return cands_.size() < want;
    };
    // When no task the crew can do lies in its grid cell or the eight around it (at least one
    // cell width, 5 km, in every direction) within its component, the local search would spend
    // its whole budget of nodes and find nothing, or at best a task just beyond, which the far
    // lookup ranks as well: go straight to the far lookup.
    bool near_work = false;
    {
      const std::uint32_t root = uf_.find(crew_node_[c].index());
      const std::uint32_t capmask = class_mask(cap);
      for_cells_around(crew_node_[c].value, 1, [&](std::size_t cell) {
        for (std::uint32_t m = cell_mask_[cell] & capmask; m != 0 && !near_work; m &= m - 1) {
          const auto& list = cells_[static_cast<std::size_t>(std::countr_zero(m)) * ncells_ + cell];
          for (std::size_t i = 0; i < list.size() && !near_work; ++i)
            near_work = uf_.find(list[i].u_node) == root || uf_.find(list[i].v_node) == root;
        }
      });
    }
    bool searched = false;
    if (cache != nullptr) {
      for (const auto& [x, d] : cache->order) {
        if (!visit(NodeId(x), d)) break;
      }
    } else if (near_work) {
      search_.run(crew_node_[c], visit);
      searched = true;
    } else {
      ++stats_.local_searches_skipped;
    }
    if (cands_.empty()) {
      ++stats_.far_lookups;
      // Nothing within the search's reach: the work is far away. Rank the available tasks of the
      // crew's component by a straight-line estimate (the chosen one gets its exact travel).
      const std::uint32_t root = uf_.find(crew_node_[c].index());
      Candidate farthest_fallback{0, NodeId{}, std::numeric_limits<Seconds>::max(), false};
      const TravelEstimator estimator(*this, crew_node_[c]);
      // Impact rule: the best score among the tasks ranked so far.
      double best_far = -std::numeric_limits<double>::infinity();
      auto consider = [&](const CellEntry& e) {
        ++stats_.far_scanned;
        const std::uint32_t t = e.task;
        // The estimate first: it is cheaper than the component test and rules most tasks out.
        const Seconds est = estimator.travel_s(e);
        const bool near = est <= opt_.far_travel_s;
        if (!near &&
            std::tie(est, t) >= std::tie(farthest_fallback.travel_s, farthest_fallback.task))
          return;
        if (uf_.find(e.u_node) != root && uf_.find(e.v_node) != root) return;
        if (near) {
          seen_[t] = seen_round_;
          cands_.push_back({t, NodeId{}, est, false});
        } else {
          farthest_fallback = {t, NodeId{}, est, false};
        }
      };
      // The cells within the estimated travel limit, then, if nothing is there, every cell.
      const auto reach =
          static_cast<std::int64_t>(std::ceil(static_cast<double>(opt_.far_travel_s) *
                                              kEstimateSpeedMs / kDetour / kCellM)) +
          1;
      // Cells of the window that can hold no task within the travel limit are left for the
      // search of the nearest task beyond it, which only runs when nothing is within it.
      const double f = std::min(1.0, estimator.mx / grid_mx_);
      deferred_.clear();
      auto within_limit = [&](std::size_t id) {
        if (cell_min_travel_s(id, crew_node_[c].value, f) <= static_cast<double>(opt_.far_travel_s))
          return true;
        deferred_.push_back(id);
        return false;
      };
      if (opt_.rule == Rule::kImpact) {
        // Cells by falling priority bound (the priority of their first task): once the best
        // candidate's score beats a cell's bound, no task there or in the cells after it can win,
        // and within a cell no task after the first that cannot. Only the best candidate is kept
        // (the first of equals, as the final choice would take it): the others cannot win.
        // The tasks passed over are not marked seen, so a hot list may offer them again, but
        // every hot task from there on has a lower priority still (hot lists fall by priority).
        window_.clear();
        const std::uint32_t capmask = class_mask(cap);
        for_cells_around(crew_node_[c].value, reach, [&](std::size_t cell) {
          std::uint32_t m = cell_mask_[cell] & capmask;
          if (m == 0) return;
          const bool within = cell_min_travel_s(cell, crew_node_[c].value, f) <=
                              static_cast<double>(opt_.far_travel_s);
          for (; m != 0; m &= m - 1) {
            const std::size_t id = static_cast<std::size_t>(std::countr_zero(m)) * ncells_ + cell;
            if (within) {
              window_.emplace_back(cells_[id].front().priority, id);
            } else {
              deferred_.push_back(id);
            }
          }
        });
        // Deferred cells are ranked in slot order, as the per-class walk listed them.
        std::sort(deferred_.begin(), deferred_.end());
        stats_.window_cells += window_.size();
        std::sort(window_.begin(), window_.end(), std::greater<>());
        for (const auto& [bound, id] : window_) {
          if (bound + kScoreSlack < best_far) break;
          const std::size_t k = id / ncells_;
          const CellEntry* prev = nullptr;
          bool prev_seen = false;
          for (const CellEntry& e : cells_[id]) {
            if (e.priority + kScoreSlack < best_far) break;  // priority_bound(e.task)
            // The work packages of one hazard follow one another in a cell (same priority and
            // site): one that also has the previous one's work (and slowdown limit) scores the
            // same and cannot beat it, nor come before it among the far fallbacks (lower id).
            if (prev != nullptr && same_score(*prev, e)) {
              if (prev_seen) seen_[e.task] = seen_round_;
              continue;
            }
            prev = &e;
            prev_seen = false;
            const Seconds est = estimator.travel_s(e);
            if (est > opt_.far_travel_s) {
              consider(e);  // a far fallback at most
              continue;
            }
            ++stats_.far_scanned;
            // The score before the component test: most tasks cannot beat the best and need no
            // union-find lookups. Such a task is still marked seen, as ranking it would have
            // marked it when in the crew's component; the hot lists skip the others anyway.
            const double sc = entry_score(crew, e, k, est);
            if (sc <= best_far) {
              seen_[e.task] = seen_round_;
              prev_seen = true;
              continue;
            }
            if (uf_.find(e.u_node) != root && uf_.find(e.v_node) != root) continue;
            seen_[e.task] = seen_round_;
            prev_seen = true;
            best_far = sc;
            cands_.assign(1, {e.task, NodeId{}, est, false});
          }
        }
      } else {
        for (std::size_t k = 0; k < kTaskClassCount; ++k) {
          if (!cap[k] || class_avail_[k] == 0) continue;
          for_cell_ids_around(k, crew_node_[c].value, reach, [&](std::size_t id) {
            if (cells_[id].empty() || !within_limit(id)) return;
            for (const CellEntry& e : cells_[id]) consider(e);
          });
        }
      }
      if (cands_.empty()) {
        for (const std::size_t id : deferred_) {
          for (const CellEntry& e : cells_[id]) consider(e);
        }
      }
      if (cands_.empty() && farthest_fallback.travel_s == std::numeric_limits<Seconds>::max()) {
        // Nothing in the window: widen it ring by ring until the nearest task found is nearer
        // than anything the next ring could hold. Cell widths are in the grid's metres; the
        // estimator's are at the crew's latitude, hence the factor f.
        const auto [cx, cy] = cell_xy(crew_node_[c].value);
        const std::int64_t max_r = std::max(grid_nx_, grid_ny_);
        for (std::int64_t r = reach + 1; r <= max_r; ++r) {
          const double nearest_possible_s =
              static_cast<double>(r - 1) * kCellM * f * kDetour / kEstimateSpeedMs;
          if (static_cast<double>(farthest_fallback.travel_s) < nearest_possible_s) break;
          for (std::size_t k = 0; k < kTaskClassCount; ++k) {
            if (!cap[k] || class_avail_[k] == 0) continue;
            for_ring(k, cx, cy, r, [&](std::size_t id) {
              for (const CellEntry& e : cells_[id]) {
                ++stats_.far_scanned_everywhere;
                consider(e);
              }
            });
          }
        }
      }
      // Nothing within reach of a day trip: the nearest task, however far.
      if (cands_.empty() && farthest_fallback.travel_s != std::numeric_limits<Seconds>::max()) {
        cands_.push_back(farthest_fallback);
      }
      if (opt_.rule == Rule::kNearest && !cands_.empty()) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < cands_.size(); ++i) {
          if (std::tie(cands_[i].travel_s, cands_[i].task) <
              std::tie(cands_[best].travel_s, cands_[best].task))
            best = i;
        }
        std::swap(cands_[0], cands_[best]);
        cands_.resize(1);
      }
    }
    if (opt_.rule == Rule::kImpact) {
      // The available tasks that matter most for access anywhere in the crew's component compete
      // too, with an estimated travel time.
      const std::uint32_t root = uf_.find(crew_node_[c].index());
      add_listed(hot_, State::kAvailable, false, c, root, cap);
      // Look-ahead: access tasks whose predecessors are all under way. A crew may set off now
      // and wait at the site, so that the chain loses no travel time at each hand-over.
      if (opt_.look_ahead) add_listed(soon_, State::kWaiting, true, c, root, cap);
    }
    if (cands_.empty()) return false;
    std::size_t best = 0;
    if (opt_.rule == Rule::kImpact) {
      double best_score = -1;
      for (std::size_t i = 0; i < cands_.size(); ++i) {
        const double sc =
            choice_score(crew, cands_[i].task, cands_[i].travel_s,
                         cands_[i].ahead ? wait_min(cands_[i].task, now, cands_[i].travel_s) : 0);
        if (sc > best_score) {
          best_score = sc;
          best = i;
        }
      }
    }
    Candidate pick = cands_[best];
    if (!pick.exact) {
      // The local search may already have reached the site: its path is a real one.
      const auto [u, v] = ends(pick.task);
      const std::uint32_t root = uf_.find(crew_node_[c].index());
      Seconds du = 0, dv = 0;
      auto reached = [&](std::uint32_t n, Seconds& d) {
        if (cache == nullptr) return searched && search_.reached(NodeId(n), d);
        if (cache->dist[n] == kUnreached) return false;
        d = cache->dist[n];
        return true;
      };
      const bool ru = uf_.find(u) == root && reached(u, du);
      const bool rv = uf_.find(v) == root && reached(v, dv);
      if (ru && (!rv || du <= dv)) {
        pick.entry = NodeId(u);
        pick.travel_s = du;
      } else if (rv) {
        pick.entry = NodeId(v);
        pick.travel_s = dv;
      } else {
        std::tie(pick.entry, pick.travel_s) = exact_travel(crew_node_[c], pick.task);
        ++stats_.far_trips;
      }
    }
    Assignment a;
    a.task = TaskId(pick.task);
    a.crew = CrewId(c);
    a.depart = now;
    a.travel_min = (pick.travel_s + 59) / 60;
    a.start = now + a.travel_min;
    if (pick.ahead) {
      a.start = std::max(a.start, ready_at_[pick.task]);
      ++stats_.ahead_assignments;
    }
    a.end = a.start + duration(crew, pick.task);
    a.from_node = crew_node_[c];
    a.entry_node = pick.entry;
    assignments_.push_back(a);
    if (!pick.ahead) {
      count(pick.task, -1);
      avail_remove(pick.task);
    }
    state_[pick.task] = State::kAssigned;
    if (opt_.look_ahead) under_way(pick.task, a.end);
    crew_node_[c] = pick.entry;
    events_.push({a.end, pick.task, c});
    return true;
  }

  // Look-ahead bookkeeping: task t was just assigned, to end at `end`. A successor whose
  // predecessors are now all under way becomes a look-ahead candidate (when it is on a path).
  void under_way(std::uint32_t t, Minutes end) {
    for (const std::uint32_t* u = succs_.begin(t); u != succs_.end(t); ++u) {
      ready_at_[*u] = std::max(ready_at_[*u], end);
      if (--preds_open_[*u] == 0 && state_[*u] == State::kWaiting && !on_path_.empty() &&
          on_path_[*u])
        insert_hot(soon_[cls_[*u]], *u);
    }
  }
  void insert_hot(std::vector<std::uint32_t>& list, std::uint32_t id) {
    list.insert(std::upper_bound(list.begin(), list.end(), id,
                                 [&](std::uint32_t a, std::uint32_t b) { return hotter(a, b); }),
                id);
  }

  // ---- impact rule -------------------------------------------------------------------------

  void init_impact() {
    const std::size_t n = ts_.tasks.size();
    // Nominal duration of each task: its work at the mean daily rate of the crews able to do it.
    std::array<double, kTaskClassCount> rate_sum{};
    std::array<std::int32_t, kTaskClassCount> rate_n{};
    std::vector<char> class_seen(kTaskClassCount, 0);
    std::vector<std::size_t> class_example(kTaskClassCount, 0);
    for (std::size_t t = 0; t < n; ++t) {
      if (!class_seen[cls_[t]]) {
        class_seen[cls_[t]] = 1;
        class_example[cls_[t]] = t;
      }
    }
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (!class_seen[k]) continue;
      Task unit = ts_.tasks[class_example[k]];
      unit.work = 1;
      for (const Crew& c : s_.crews) {
        const double r = daily_rate(s_, c, unit);
        if (r > 0) {
          rate_sum[k] += r;
          ++rate_n[k];
        }
      }
    }
    const double week = 7.0 / s_.params.working_days_per_week;
    nominal_days_.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t k = cls_[t];
      nominal_days_[t] = rate_n[k] > 0 ? ts_.tasks[t].work / (rate_sum[k] / rate_n[k]) * week : 1e6;
    }
    // Closure of each edge: its blockers and, transitively, their predecessors.
    std::vector<std::uint32_t> mark(n, 0);
    std::uint32_t round = 0;
    std::vector<TaskId> stack;
    for (std::size_t e = 0; e < net_.num_edges(); ++e) {
      std::vector<TaskId> row;
      if (ts_.edge_blockers.count(e) > 0) {
        ++round;
        stack.assign(ts_.edge_blockers.begin(e), ts_.edge_blockers.end(e));
        while (!stack.empty()) {
          const TaskId t = stack.back();
          stack.pop_back();
          if (mark[t.index()] == round) continue;
          mark[t.index()] = round;
          row.push_back(t);
          stack.insert(stack.end(), ts_.preds.begin(t.index()), ts_.preds.end(t.index()));
        }
      }
      closure_.push_row(row);
    }
    // Static parts of the priority: land released and services restored, per crew-day of work.
    static_priority_.assign(n, 0);
    std::vector<double> served_pop(s_.assets.size(), 0);
    for (std::size_t a = 0; a < s_.assets.size(); ++a) {
      double pop = 0;
      for (SettlementId st : s_.assets[a].served) {
        pop += static_cast<double>(s_.settlements[st.index()].population) *
               s_.settlements[st.index()].weight;
      }
      pop *= opt_.service_factor[static_cast<std::size_t>(s_.assets[a].service)];
      // What depends on a also waits for a.
      for (AssetId cur = AssetId::from_index(a); cur.valid();
           cur = s_.assets[cur.index()].depends) {
        served_pop[cur.index()] += pop;
      }
    }
    for (std::size_t t = 0; t < n; ++t) {
      const Task& task = ts_.tasks[t];
      if (task.kind == TaskKind::kRepair) {
        static_priority_[t] =
            opt_.service_weight * served_pop[task.asset.index()] / nominal_days_[t];
      } else {
        const double per_ha =
            opt_.land_weight_people_per_ha * opt_.land_use_weight[static_cast<std::size_t>(
                                                 s_.hazards[task.hazard.index()].land_use)];
        const double m2 = task.kind != TaskKind::kSurvey
                              ? task.work
                              : ts_.hazard_outcome[task.hazard.index()].cancelled_m2;
        static_priority_[t] = per_ha * (m2 / 10000.0) / nominal_days_[t];
      }
    }
    if (opt_.road_weight_per_km > 0) {  // weighted roads: Smith's rule over each edge's closure
      for (std::size_t e = 0; e < net_.num_edges(); ++e) {
        double days = 0;
        for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t)
          days += nominal_days_[t->index()];
        if (days <= 0) continue;
        const double gain =
            opt_.road_weight_per_km * net_.edge_length_m[e] / 1000.0 * net_.edge_weight[e] / days;
        for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t)
          static_priority_[t->index()] += gain;
      }
    }
    recompute_every_ = std::max<std::size_t>(1, blocked_edges_ / 50);
    priority_ = static_priority_;
    apply_priority_factors();
  }

  // How far (estimated) a crew goes for a hot task: the optimiser may send crews further.
  [[nodiscard]] double far_limit_s(std::uint32_t t) const {
    const double f =
        opt_.reach_factor != nullptr ? static_cast<double>((*opt_.reach_factor)[t]) : 1.0;
    return static_cast<double>(opt_.far_travel_s) * f;
  }

  void apply_priority_factors() {
    if (opt_.priority_factor == nullptr) return;
    const auto& f = *opt_.priority_factor;
    assert(f.size() == priority_.size());
    for (std::size_t t = 0; t < priority_.size(); ++t) priority_[t] *= static_cast<double>(f[t]);
  }

  // Access priority (Smith's rule over restoration paths): each settlement without access follows
  // its cheapest path to a hub, costed by the work still blocking it; every task on that path gets
  // population / remaining work days (people per day of work).
  void recompute_priorities() {
    ++stats_.priority_updates;
    opened_since_recompute_ = 0;
    const std::size_t n = ts_.tasks.size();
    priority_ = static_priority_;
    for (auto& list : hot_) list.clear();
    std::vector<std::uint32_t> hub_roots;
    for (NodeId h : hub_nodes_) hub_roots.push_back(uf_.find(h.index()));
    auto has_access = [&](const Settlement& st) {
      return std::find(hub_roots.begin(), hub_roots.end(), uf_.find(st.node.index())) !=
             hub_roots.end();
    };
    // Once every settlement has access, only the static priorities remain: skip the path search.
    if (std::all_of(s_.settlements.begin(), s_.settlements.end(), has_access)) {
      on_path_.assign(n, 0);
      apply_priority_factors();
      refresh_cells();
      return;
    }
    // Only the edges still closed at the last update can have changed (an open edge's remaining
    // work is 0 for good): they are kept in a list, so that an update costs the closed edges,
    // not the whole network.
    std::vector<double>& remaining = prio_remaining_;
    const bool first = prio_cost_.empty();
    if (first) {
      remaining.assign(net_.num_edges(), 0);
      prio_closed_.clear();
      for (std::size_t e = 0; e < net_.num_edges(); ++e)
        if (!open_[e]) prio_closed_.push_back(static_cast<std::uint32_t>(e));
    }
    for (const std::uint32_t e : prio_closed_) {
      remaining[e] = 0;
      if (open_[e]) continue;
      for (const TaskId* t = closure_.begin(e); t != closure_.end(e); ++t) {
        if (state_[t->index()] != State::kDone) remaining[e] += nominal_days_[t->index()];
      }
    }
    if (prio_arcs_.empty()) {
      prio_arcs_.reserve(net_.adj_edge.size());
      for (std::size_t u = 0; u < net_.num_nodes(); ++u) {
        for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
          const EdgeId e = net_.adj_edge[i];
          prio_arcs_.push_back({net_.other_end(e, NodeId::from_index(u)).value, e.value});
        }
      }
    }
    // Shortest restoration paths from the hubs over every edge, cost in days (travel plus the work
    // still blocking the edge). Costs only fall as work completes and roads open, so after the
    // first full Dijkstra each update repairs the distances from the edges that got cheaper
    // (decrease-only incremental shortest paths): only the nodes whose distance falls are touched.
    std::vector<double>& cost = prio_cost_;
    std::vector<double>& dist = prio_dist_;
    std::vector<EdgeId>& parent = prio_parent_;
    using Item = std::pair<double, std::uint32_t>;
    std::vector<Item>& heap = prio_heap_;
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
      return static_cast<double>(net_.edge_travel_s(EdgeId::from_index(e))) / 86400.0 +
             remaining[e];
    };
    if (first) {
      cost.resize(net_.num_edges());
      for (std::size_t e = 0; e < net_.num_edges(); ++e) cost[e] = edge_cost(e);
      dist.assign(net_.num_nodes(), std::numeric_limits<double>::infinity());
      parent.assign(net_.num_nodes(), EdgeId{});
      for (NodeId h : hub_nodes_) {
        dist[h.index()] = 0;
        push(0, h.value);
      }
    }
    // After the first update: the closed edges that got cheaper, in edge order.
    for (std::size_t i = 0, m = first ? 0 : prio_closed_.size(); i < m; ++i) {
      const std::uint32_t e = prio_closed_[i];
      const double c = edge_cost(e);
      assert(c <= cost[e]);  // a sum of fewer non-negative terms, in the same order
      if (c >= cost[e]) continue;
      cost[e] = c;
      const std::uint32_t a = net_.edge_from[e].value, b = net_.edge_to[e].value;
      const auto ei = static_cast<std::uint32_t>(e);
      improve(a, b, ei);
      improve(b, a, ei);
    }
    std::erase_if(prio_closed_, [&](std::uint32_t e) { return open_[e] != 0; });
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
      const auto [d, u] = heap.back();
      heap.pop_back();
      if (d > dist[u]) continue;
      for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
        const PrioArc arc = prio_arcs_[i];
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
        if (!open_[e.index()]) {
          path.push_back(e);
          r += remaining[e.index()];
        }
        x = net_.other_end(e, x);
      }
      if (path.empty()) continue;
      const double gain =
          opt_.access_weight * static_cast<double>(st.population) * st.weight / std::max(r, 0.05);
      for (EdgeId e : path) {
        for (const TaskId* t = closure_.begin(e.index()); t != closure_.end(e.index()); ++t) {
          if (state_[t->index()] == State::kDone) continue;
          priority_[t->index()] += gain;
        }
      }
    }
    on_path_.assign(n, 0);
    for (std::size_t t = 0; t < n; ++t) on_path_[t] = priority_[t] > static_priority_[t] ? 1 : 0;
    if (stats_.priority_updates == 1) {
      for (std::size_t t = 0; t < n; ++t) {
        if (on_path_[t]) access_tasks_.push_back(TaskId::from_index(t));
      }
    }
    apply_priority_factors();
    for (std::size_t t = 0; t < n; ++t) {
      if (state_[t] == State::kAvailable && on_path_[t])
        hot_[cls_[t]].push_back(static_cast<std::uint32_t>(t));
    }
    for (auto& list : hot_)
      std::sort(list.begin(), list.end(),
                [&](std::uint32_t a, std::uint32_t b) { return hotter(a, b); });
    if (opt_.look_ahead) {
      for (auto& list : soon_) list.clear();
      for (std::size_t t = 0; t < n; ++t) {
        if (state_[t] == State::kWaiting && preds_open_[t] == 0 && on_path_[t])
          soon_[cls_[t]].push_back(static_cast<std::uint32_t>(t));
      }
      for (auto& list : soon_)
        std::sort(list.begin(), list.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return hotter(a, b); });
    }
    refresh_cells();
  }

  // Impact rule: each cell lists its tasks by falling priority (hotter() order), so that the far
  // lookup stops in a cell at the first task that cannot beat the best candidate found.
  void refresh_cells() {
    for (auto& list : cells_) {
      for (CellEntry& e : list) e.priority = priority_[e.task];
      std::sort(list.begin(), list.end(), hotter_entry);
      for (std::size_t i = 0; i < list.size(); ++i)
        avail_pos_[list[i].task] = static_cast<std::uint32_t>(i);
    }
  }

  const Scenario& s_;
  const TaskSet& ts_;
  const DispatchOptions& opt_;
  const RoadNetwork& net_;
  network::UnionFind uf_;
  network::Dijkstra search_;

  std::vector<State> state_;
  std::vector<std::uint32_t> pred_left_;
  Csr<std::uint32_t> succs_;   // task -> successor tasks
  Csr<std::uint32_t> blocks_;  // task -> edges it blocks
  // node -> available tasks whose site edge ends there, ascending: node_avail_[begin, begin + len)
  // (capacity: every task of the node). One 8-byte record per node: a search reads one line.
  struct NodeSlots {
    std::uint32_t begin;
    std::uint32_t len;
  };
  std::vector<NodeSlots> node_slots_;
  // One bit per node: it has available tasks. The local search tests this small array (it stays
  // in cache on a country network) before it reads the node's slots.
  std::vector<std::uint64_t> node_busy_;
  // Each entry packs task << kClassBits | class: the search tests the class without reading a
  // per-task array, and the order is still the tasks' order.
  std::vector<std::uint32_t> node_avail_;
  static constexpr std::uint32_t kClassBits = 5;
  static constexpr std::uint32_t kClassMask = (1U << kClassBits) - 1;
  static_assert(kTaskClassCount <= kClassMask + 1);
  static constexpr std::size_t kMaxPackedTask = std::size_t{1} << (32 - kClassBits);
  std::uint32_t pack(std::uint32_t t) const { return t << kClassBits | cls_[t]; }
  std::vector<std::uint8_t> cls_;
  // Per task: the end nodes of its site edge (one read rather than three scattered ones).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends_;
  // Durations from compact per-task data (the Task and Asset records are large and scattered):
  // work per task, per-person rates per trade and class; the same arithmetic as duration_min.
  std::vector<double> work_;
  std::array<std::array<double, kTaskClassCount>, kTradeCount> per_person_{};
  [[nodiscard]] double rate(const Crew& c, std::uint32_t t) const {
    return daily_rate(c, per_person_[static_cast<std::size_t>(c.trade)][cls_[t]]);
  }
  [[nodiscard]] Minutes duration(const Crew& c, std::uint32_t t) const {
    assert(work_minutes(s_.params, work_[t], rate(c, t)) == duration_min(s_, c, ts_.tasks[t]));
    return work_minutes(s_.params, work_[t], rate(c, t));
  }
  std::array<std::array<bool, kTaskClassCount>, kTradeCount> capable_{};
  std::vector<ClassCounts> counts_;  // per union-find root: available tasks by class (per end)
  std::vector<std::uint32_t> blockers_left_;
  std::vector<std::uint8_t> open_;
  std::size_t blocked_edges_ = 0;
  std::vector<NodeId> hub_nodes_;

  std::vector<NodeId> crew_node_;
  // Idle crews by (component root, trade); merged when components join.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> idle_lists_;
  std::vector<std::uint32_t> woken_;

  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::vector<Assignment> assignments_;
  std::vector<Candidate> cands_;
  std::uint64_t version_ = 1;        // bumped whenever a road opens
  std::vector<SourceCache> caches_;  // never evicted: references stay valid (reserved)
  std::unordered_map<std::uint32_t, std::uint32_t> source_uses_;
  DispatchStats stats_;
  // A crew's search for nearby work settles at most this many nodes.
  static constexpr std::size_t kSearchNodes = 800;
  std::vector<std::vector<CellEntry>> cells_;  // available tasks by class and grid cell
  double max_chord_m_ = 0;  // the longest straight line between an edge's ends, grid metres
  std::size_t ncells_ = 1;
  // Per grid cell, bit k set when the cell lists available tasks of class k: a window is walked
  // once, not once per class the crew can do.
  std::vector<std::uint32_t> cell_mask_;
  static_assert(kTaskClassCount <= 32);
  [[nodiscard]] static std::uint32_t class_mask(const std::array<bool, kTaskClassCount>& cap) {
    std::uint32_t m = 0;
    for (std::size_t k = 0; k < kTaskClassCount; ++k) m |= cap[k] ? 1U << k : 0U;
    return m;
  }
  std::array<std::size_t, kTaskClassCount> class_avail_{};  // available tasks by class
  std::vector<std::pair<double, std::size_t>> window_;
  std::vector<std::size_t> deferred_;  // window cells beyond the travel limit
  // slowdown_limit: per task, the fastest crew's duration (-1: not computed yet); per trade, the
  // crew with the most people × productivity.
  std::vector<Minutes> fastest_;
  std::array<const Crew*, kTradeCount> fastest_crew_{};
  std::vector<std::uint32_t> avail_pos_;   // index within its cell's list
  std::vector<std::uint32_t> avail_cell_;  // its cell
  double grid_x0_ = 0, grid_y0_ = 0;
  std::int64_t grid_nx_ = 1, grid_ny_ = 1;
  double grid_mx_ = 111320.0;  // metres per degree of longitude at the network's centre
  std::vector<NodeId> targets_;
  // The far trips' A* is weighted as if roads were driven at 10 km/h: about 8 times the top
  // speed's admissible bound. Since it expands no node twice, a search that meets an obstacle
  // stays cheap; heavier weights (2 km/h) found paths long enough to cost people-days on every
  // district tried (docs/benchmarks.md, session 4), lighter ones (20 km/h) more nodes.
  static constexpr double kHeuristicSpeedKmh = 10;
  std::vector<std::uint32_t> seen_;
  std::uint32_t seen_round_ = 0;

  // impact rule
  std::vector<double> nominal_days_;
  std::vector<double> static_priority_;
  std::vector<double> priority_;
  // Available tasks on restoration paths, per class, by falling priority.
  std::array<std::vector<std::uint32_t>, kTaskClassCount> hot_;
  bool hotter(std::uint32_t a, std::uint32_t b) const {
    return priority_[a] != priority_[b] ? priority_[a] > priority_[b] : a < b;
  }
  Csr<TaskId> closure_;
  // look-ahead
  std::vector<std::uint32_t> preds_open_;  // predecessors not yet assigned
  std::vector<Minutes> ready_at_;          // latest end of the assigned predecessors
  std::array<std::vector<std::uint32_t>, kTaskClassCount> soon_;  // by falling priority
  // recompute_priorities' buffers, kept between calls.
  struct PrioArc {
    std::uint32_t head;
    std::uint32_t edge;
  };
  std::vector<PrioArc> prio_arcs_;  // the adjacency, packed
  std::vector<double> prio_remaining_, prio_cost_, prio_dist_;
  std::vector<std::uint32_t> prio_closed_;  // edges closed at the last update
  std::vector<EdgeId> prio_parent_;
  std::vector<std::pair<double, std::uint32_t>> prio_heap_;
  std::vector<char> on_path_;  // on a restoration path at the last recompute (hot when available)
  std::vector<TaskId> access_tasks_;
  std::vector<std::uint32_t> waiting_nodes_;  // settlement nodes not yet known to have access
  std::uint64_t checked_version_ = 0;
  bool stopped_early_ = false;
  bool aborted_ = false;
  std::uint32_t deadline_tick_ = 0;
  std::size_t recompute_every_ = 1;
  std::size_t opened_since_recompute_ = 0;
};

}  // namespace

DispatchResult dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt) {
  Dispatcher d(s, tasks, opt);
  return d.run();
}

}  // namespace gw::plan
