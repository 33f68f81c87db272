// Shortest travel times over a subset of the road edges (the open ones), with reusable buffers so
// that many searches cost no allocation.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "model/road_network.hpp"

namespace gw::network {

class Dijkstra {
 public:
  // Copies the adjacency into one array of arcs (head, edge, travel seconds), in the network's
  // adjacency order, so that relaxing a node's arcs reads one contiguous block rather than four
  // edge arrays at scattered edge ids; on a country network this halves the cache misses per
  // settled node.
  explicit Dijkstra(const RoadNetwork& net)
      : net_(net), offset_(net.adj_offset), state_(net.num_nodes()) {
    arcs_.reserve(net.adj_edge.size());
    for (std::size_t n = 0; n < net.num_nodes(); ++n) {
      for (auto i = net.adj_offset[n]; i < net.adj_offset[n + 1]; ++i) {
        const EdgeId e = net.adj_edge[i];
        arcs_.push_back({net.other_end(e, NodeId::from_index(n)).value, e.value,
                         static_cast<std::int32_t>(net.edge_travel_s(e))});
      }
    }
  }

  // A*: travel seconds from `source` to whichever of `targets` is reached first, over edges with
  // usable(e), guided by the straight-line distance at `heuristic_speed_kmh`. With the network's
  // top speed the heuristic is a lower bound and the result is the least travel time; with a lower
  // speed the search is a weighted A*, much faster on long trips, and the time is that of a real
  // path (never less than the least). Returns an invalid node when no target is reachable.
  template <typename Usable>
  std::pair<NodeId, Seconds> to_nearest_target(NodeId source, const std::vector<NodeId>& targets,
                                               double heuristic_speed_kmh, Usable&& usable) {
    ++round_;
    const double mps = heuristic_speed_kmh / 3.6;
    const double coslat = std::cos(net_.node_pos[source.index()].lat * 0.0174532925);
    auto h = [&](std::uint32_t n) {
      double best = std::numeric_limits<double>::max();
      const LonLat a = net_.node_pos[n];
      for (NodeId t : targets) {
        const LonLat b = net_.node_pos[t.index()];
        // Equirectangular distance shrunk by 2 %: a lower bound of the road distance nearby.
        const double dx = (a.lon - b.lon) * 111319.0 * coslat;
        const double dy = (a.lat - b.lat) * 110574.0;
        best = std::min(best, std::sqrt(dx * dx + dy * dy) * 0.98);
      }
      return static_cast<Seconds>(best / mps);
    };
    heap_.clear();
    set(source.value, 0);
    heap_push(h(source.value), source.value);
    while (!heap_.empty()) {
      const auto [key, u] = heap_pop();
      const Seconds d = state_[u].dist;
      if (key != d + h(u)) continue;  // stale entry
      ++settled_;
      ++settled_astar_;
      for (NodeId t : targets) {
        if (t.value == u) return {t, d};
      }
      for (auto i = offset_[u]; i < offset_[u + 1]; ++i) {
        const Arc& a = arcs_[i];
        if (!usable(EdgeId(a.edge))) continue;
        const Seconds nd = d + a.travel_s;
        NodeState& st = state_[a.head];
        if (st.stamp != round_ || nd < st.dist) {
          st = {nd, round_};
          heap_push(nd + h(a.head), a.head);
        }
      }
    }
    return {NodeId{}, 0};
  }

  // Settles nodes from `source` in order of travel seconds over edges with usable(e); calls
  // visit(node, seconds) for each settled node until it returns false.
  template <typename Usable, typename Visit>
  void run(NodeId source, Usable&& usable, Visit&& visit) {
    ++round_;
    heap_.clear();
    set(source.value, 0);
    heap_push(0, source.value);
    while (!heap_.empty()) {
      const auto [d, u] = heap_pop();
      if (d != state_[u].dist) continue;
      ++settled_;
      if (!visit(NodeId(u), d)) break;
      for (auto i = offset_[u]; i < offset_[u + 1]; ++i) {
        const Arc& a = arcs_[i];
        if (!usable(EdgeId(a.edge))) continue;
        const Seconds nd = d + a.travel_s;
        NodeState& st = state_[a.head];
        if (st.stamp != round_ || nd < st.dist) {
          st = {nd, round_};
          heap_push(nd, a.head);
        }
      }
    }
  }

  // After a search: whether it reached node n, and if so the travel seconds of the path it found
  // there (the least when n was settled; otherwise still the time of a real path).
  [[nodiscard]] bool reached(NodeId n, Seconds& seconds) const {
    if (state_[n.index()].stamp != round_) return false;
    seconds = state_[n.index()].dist;
    return true;
  }

  // Nodes settled by all searches so far (a machine-independent measure of work).
  [[nodiscard]] std::uint64_t settled() const { return settled_; }
  [[nodiscard]] std::uint64_t settled_by_astar() const { return settled_astar_; }

 private:
  std::uint64_t settled_ = 0;
  std::uint64_t settled_astar_ = 0;
  void heap_push(Seconds key, std::uint32_t v) {
    heap_.emplace_back(key, v);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  std::pair<Seconds, std::uint32_t> heap_pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const auto top = heap_.back();
    heap_.pop_back();
    return top;
  }
  void set(std::uint32_t v, Seconds d) { state_[v] = {d, round_}; }
  struct Arc {
    std::uint32_t head;
    std::uint32_t edge;
    std::int32_t travel_s;
  };
  // A node's tentative travel time and the search (round) that set it, side by side.
  struct NodeState {
    Seconds dist = 0;
    std::uint32_t stamp = 0;
  };
  const RoadNetwork& net_;
  std::vector<std::uint32_t> offset_;
  std::vector<Arc> arcs_;
  std::vector<NodeState> state_;
  std::uint32_t round_ = 0;
  std::vector<std::pair<Seconds, std::uint32_t>> heap_;  // reused across searches
};

}  // namespace gw::network
