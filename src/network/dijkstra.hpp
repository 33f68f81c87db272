// Shortest travel times over a subset of the road edges (the usable ones: open roads), with
// reusable buffers so that many searches cost no allocation.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "model/road_network.hpp"
#include "network/radix_heap.hpp"

namespace gw::network {

// Appends to `out` the edges from `source` to `n` of a search tree given as the arc (index into
// net.adj_edge) that reached each node: via(node) for every node on the path but the source.
template <typename Via>
void walk_back(const RoadNetwork& net, NodeId source, NodeId n, Via&& via,
               std::vector<EdgeId>& out) {
  const std::size_t first = out.size();
  for (std::uint32_t v = n.value; v != source.value;) {
    const EdgeId e = net.adj_edge[via(v)];
    out.push_back(e);
    v = net.other_end(e, NodeId(v)).value;
  }
  std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

class Dijkstra {
 public:
  // Copies the adjacency into one array of 8-byte arcs (head, travel seconds, usable flag), in the
  // network's adjacency order, so that relaxing a node's arcs reads one contiguous block rather
  // than five arrays at scattered edge ids: on a country network a local search is bound by cache
  // misses, not arithmetic. Every edge starts usable.
  explicit Dijkstra(const RoadNetwork& net) : net_(net), state_(net.num_nodes() + 1) {
    for (std::size_t n = 0; n <= net.num_nodes(); ++n) state_[n].first_arc = net.adj_offset[n];
    arcs_.reserve(net.adj_edge.size());
    edge_arcs_.assign(2 * net.num_edges(), kNoArc);
    for (std::size_t n = 0; n < net.num_nodes(); ++n) {
      for (auto i = net.adj_offset[n]; i < net.adj_offset[n + 1]; ++i) {
        const EdgeId e = net.adj_edge[i];
        const Seconds t = net.edge_travel_s(e);
        assert(t >= 0 && t < kClosedBit);
        arcs_.push_back(
            {net.other_end(e, NodeId::from_index(n)).value, static_cast<std::uint32_t>(t)});
        std::uint32_t* slot = &edge_arcs_[2 * e.index()];
        (slot[0] == kNoArc ? slot[0] : slot[1]) = static_cast<std::uint32_t>(arcs_.size() - 1);
      }
    }
  }

  // Opens or closes an edge to every later search.
  void set_usable(EdgeId e, bool usable) {
    for (std::size_t k = 0; k < 2; ++k) {
      const std::uint32_t a = edge_arcs_[2 * e.index() + k];
      if (a == kNoArc) continue;
      arcs_[a].travel = usable ? (arcs_[a].travel & ~kClosedBit) : (arcs_[a].travel | kClosedBit);
    }
  }

  // A*: travel seconds from `source` to whichever of `targets` is reached first, over usable
  // edges, guided by the straight-line distance at `heuristic_speed_kmh`. With the network's
  // top speed the heuristic is a lower bound and the result is the least travel time; with a lower
  // speed the search is a weighted A*, much faster on long trips, and the time is that of a real
  // path (never less than the least). Returns an invalid node when no target is reachable.
  std::pair<NodeId, Seconds> to_nearest_target(NodeId source, const std::vector<NodeId>& targets,
                                               double heuristic_speed_kmh) {
    next_round();
    source_ = source.value;
    const double mps = heuristic_speed_kmh / 3.6;
    const double coslat = std::cos(net_.node_pos[source.index()].lat * 0.0174532925);
    target_pos_.clear();
    for (NodeId t : targets) target_pos_.push_back(net_.node_pos[t.index()]);
    auto h = [&](std::uint32_t n) {
      double best2 = std::numeric_limits<double>::max();
      const LonLat a = net_.node_pos[n];
      for (const LonLat& b : target_pos_) {
        const double dx = (a.lon - b.lon) * 111319.0 * coslat;
        const double dy = (a.lat - b.lat) * 110574.0;
        best2 = std::min(best2, dx * dx + dy * dy);
      }
      // Equirectangular distance shrunk by 2 %: a lower bound of the road distance nearby. One
      // square root for the nearest target (the root and the scaling are monotone).
      return static_cast<Seconds>(std::sqrt(best2) * 0.98 / mps);
    };
    // Each node's heuristic is computed once, when the search first labels it.
    if (h_.size() != state_.size()) h_.resize(state_.size());
    auto cached_h = [&](std::uint32_t n, bool fresh) {
      if (fresh) h_[n] = static_cast<std::uint32_t>(h(n));
      return static_cast<Seconds>(h_[n]);
    };
    heap_.clear();
    set(source.value, 0, kNoArc);
    heap_push(cached_h(source.value, true), source.value);
    while (!heap_.empty()) {
      const auto [key, u] = heap_pop();
      // Stale entries, and nodes already expanded: with its inflated heuristic the weighted
      // search would otherwise expand a node again whenever it finds a shorter way there, which
      // multiplies the work of a search that floods around an obstacle. Without re-expansions
      // the path found is still a real one, within the same weight of the least.
      if (state_[u].stamp != round_) continue;
      const Seconds d = state_[u].dist;
      if (key != d + static_cast<Seconds>(h_[u])) continue;
      state_[u].stamp = round_ | kExpanded;
      ++settled_;
      ++settled_astar_;
      for (NodeId t : targets) {
        if (t.value == u) return {t, d};
      }
      relax(u, d, cached_h, [this](Seconds k, std::uint32_t v) { heap_push(k, v); });
    }
    return {NodeId{}, 0};
  }

  // Settles nodes from `source` in order of travel seconds over usable edges; calls
  // visit(node, seconds) for each settled node until it returns false.
  template <typename Visit>
  void run(NodeId source, Visit&& visit) {
    next_round();
    source_ = source.value;
    radix_.clear();
    set(source.value, 0, kNoArc);
    radix_.push(0, source.value);
    while (!radix_.empty()) {
      const auto [key, u] = radix_.pop();
      const Seconds d = key;
      if (d != state_[u].dist) continue;
      ++settled_;
      if (!visit(NodeId(u), d)) break;
      relax(
          u, d, [](std::uint32_t, bool) { return Seconds{0}; },
          [this](Seconds k, std::uint32_t v) { radix_.push(static_cast<std::uint32_t>(k), v); });
    }
  }

  // After a search: whether it reached node n, and if so the travel seconds of the path it found
  // there (the least when n was settled; otherwise still the time of a real path).
  [[nodiscard]] bool reached(NodeId n, Seconds& seconds) const {
    if ((state_[n.index()].stamp & ~kExpanded) != round_) return false;
    seconds = state_[n.index()].dist;
    return true;
  }

  // After a search: the edges of the path it found to n (see reached()), from its source, appended
  // to `out`; false (and nothing appended) when it did not reach n.
  bool path_to(NodeId n, std::vector<EdgeId>& out) const {
    Seconds unused = 0;
    if (!reached(n, unused)) return false;
    walk_back(
        net_, source(), n, [this](std::uint32_t v) { return state_[v].via; }, out);
    return true;
  }
  // The source of the last search.
  [[nodiscard]] NodeId source() const { return NodeId(source_); }
  // After a search that reached n: the arc that labelled it (an index into the network's
  // adjacency, net.adj_edge), kNoArc for the source.
  [[nodiscard]] std::uint32_t via_arc(NodeId n) const { return state_[n.index()].via; }
  static constexpr std::uint32_t kNoArc = std::numeric_limits<std::uint32_t>::max();

  // Nodes settled by all searches so far (a machine-independent measure of work).
  [[nodiscard]] std::uint64_t settled() const { return settled_; }
  [[nodiscard]] std::uint64_t settled_by_astar() const { return settled_astar_; }

 private:
  // Relaxes the usable arcs of u, settled at d, pushing each improved node with its travel plus
  // h(node, first label of the node in this search) as key.
  template <typename H, typename Push>
  void relax(std::uint32_t u, Seconds d, H&& h, Push&& push) {
    for (auto i = state_[u].first_arc; i < state_[u + 1].first_arc; ++i) {
      const Arc a = arcs_[i];
      if ((a.travel & kClosedBit) != 0) continue;
      const Seconds nd = d + a.travel;
      const NodeState& st = state_[a.head];
      // A node not yet labelled in this search, or labelled (not expanded: see
      // to_nearest_target) with a longer time.
      const bool fresh = (st.stamp & ~kExpanded) != round_;
      if (fresh || (st.stamp == round_ && nd < st.dist)) {
        set(a.head, nd, i);
        // The node's arcs are read when it is settled, later: fetch them now, so that a search
        // on a network larger than the cache waits less on memory.
        if (fresh) __builtin_prefetch(&arcs_[st.first_arc]);
        push(nd + h(a.head, fresh), a.head);
      }
    }
  }
  std::uint64_t settled_ = 0;
  std::uint64_t settled_astar_ = 0;
  // Heap entries pack (key, node) into one integer: the same order as the pair, half the bytes.
  static constexpr Seconds kMaxKey = std::numeric_limits<std::uint32_t>::max();
  void heap_push(Seconds key, std::uint32_t v) {
    assert(key >= 0 && key <= kMaxKey);
    heap_.push_back(static_cast<std::uint64_t>(key) << 32 | v);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  std::pair<Seconds, std::uint32_t> heap_pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const std::uint64_t top = heap_.back();
    heap_.pop_back();
    return {static_cast<Seconds>(top >> 32), static_cast<std::uint32_t>(top)};
  }
  // Rounds stay below kExpanded; when they would reach it, every stamp is cleared.
  void next_round() {
    if (++round_ == kExpanded) {
      for (NodeState& st : state_) st.stamp = 0;
      round_ = 1;
    }
  }
  void set(std::uint32_t v, Seconds d, std::uint32_t via) {
    assert(d >= 0 && d <= kMaxKey);
    state_[v].dist = static_cast<std::uint32_t>(d);
    state_[v].stamp = round_;
    state_[v].via = via;
  }
  static constexpr std::uint32_t kClosedBit = 0x80000000U;  // in Arc::travel
  static constexpr std::uint32_t kExpanded = 0x80000000U;   // in NodeState::stamp
  struct Arc {
    std::uint32_t head;
    std::uint32_t travel;  // seconds; kClosedBit set while the edge is not usable
  };
  // A node's tentative travel time, the search (round) that set it, where its arcs begin and the
  // arc that labelled it, side by side: one cache line serves the label test and the arc range,
  // and 16 bytes keep a node's state within one line.
  struct NodeState {
    std::uint32_t dist = 0;       // travel seconds (136 years fit)
    std::uint32_t stamp = 0;      // the search's round, kExpanded set once A* expanded the node
    std::uint32_t first_arc = 0;  // arcs_[first_arc .. next node's first_arc)
    std::uint32_t via = 0;        // the arc (index into arcs_, net.adj_edge) that labelled it
  };
  const RoadNetwork& net_;
  std::vector<Arc> arcs_;
  std::vector<std::uint32_t> edge_arcs_;  // per edge: its (up to) two arcs, kNoArc when absent
  std::vector<NodeState> state_;          // one more than the nodes: the last holds the arcs' end
  std::vector<std::uint32_t> h_;    // A*: heuristic seconds of the nodes labelled in this search
  std::vector<LonLat> target_pos_;  // A*: the targets' positions
  std::uint32_t round_ = 0;
  std::uint32_t source_ = 0;         // of the last search
  std::vector<std::uint64_t> heap_;  // A*'s binary heap, reused across searches
  // Dijkstra's keys never fall below the last settled one: a radix heap serves them.
  RadixHeap radix_;
};

}  // namespace gw::network
