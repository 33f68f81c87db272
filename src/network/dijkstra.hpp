// Shortest travel times over a subset of the road edges (the open ones), with reusable buffers so
// that many searches cost no allocation.
#pragma once

#include <cstdint>
#include <functional>
#include <algorithm>
#include <vector>

#include "model/road_network.hpp"

namespace gw::network {

class Dijkstra {
 public:
  explicit Dijkstra(const RoadNetwork& net) : net_(net), dist_(net.num_nodes()), stamp_(net.num_nodes(), 0) {}

  // Settles nodes from `source` in order of travel seconds over edges with usable(e); calls
  // visit(node, seconds) for each settled node until it returns false.
  template <typename Usable, typename Visit>
  void run(NodeId source, Usable&& usable, Visit&& visit) {
    ++round_;
    auto& heap = heap_;
    heap.clear();
    const auto push = [&](Seconds d, std::uint32_t v) {
      heap.emplace_back(d, v);
      std::push_heap(heap.begin(), heap.end(), std::greater<>{});
    };
    set(source.value, 0);
    push(0, source.value);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
      const auto [d, u] = heap.back();
      heap.pop_back();
      if (d != dist_[u]) continue;
      if (!visit(NodeId(u), d)) break;
      for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
        const EdgeId e = net_.adj_edge[i];
        if (!usable(e)) continue;
        const std::uint32_t v = net_.other_end(e, NodeId(u)).value;
        const Seconds nd = d + net_.edge_travel_s(e);
        if (stamp_[v] != round_ || nd < dist_[v]) {
          set(v, nd);
          push(nd, v);
        }
      }
    }
  }

 private:
  void set(std::uint32_t v, Seconds d) {
    stamp_[v] = round_;
    dist_[v] = d;
  }
  const RoadNetwork& net_;
  std::vector<Seconds> dist_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t round_ = 0;
  std::vector<std::pair<Seconds, std::uint32_t>> heap_;  // reused across searches
};

}  // namespace gw::network
