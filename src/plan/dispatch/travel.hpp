// The dispatcher's travel times: straight-line estimates, exact trips by weighted A* over the open
// roads, and the day-0 travel tables from the nodes many crews leave from.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "model/types.hpp"
#include "network/dijkstra.hpp"

namespace gw::plan::dispatcher {

// Straight-line travel estimates: 1.4 detour factor at 40 km/h.
inline constexpr double kDetour = 1.4;
inline constexpr double kEstimateSpeedMs = 40.0 / 3.6;

// Estimated travel from one node to task sites, with the projection factor computed once.
struct TravelEstimator {
  LonLat a;
  double mx;
  TravelEstimator(const RoadNetwork& net, NodeId from)
      : a(net.node_pos[from.index()]), mx(111320.0 * std::cos(a.lat * 0.0174532925)) {}
  // To the nearer of two site ends.
  [[nodiscard]] Seconds travel_s(const LonLat& u, const LonLat& v) const {
    auto dist2 = [&](const LonLat& b) {
      const double dx = (a.lon - b.lon) * mx, dy = (a.lat - b.lat) * 110540.0;
      return dx * dx + dy * dy;
    };
    return static_cast<Seconds>(std::sqrt(std::min(dist2(u), dist2(v))) * kDetour /
                                kEstimateSpeedMs);
  }
};

// A complete travel-time table from one source over the network of one version.
struct SourceTable {
  static constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t source = 0;
  std::uint64_t version = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> order;  // (node, seconds), travel order
  std::vector<std::uint32_t> dist;  // seconds; kUnreached when not reachable
  std::vector<std::uint32_t> via;   // the arc (net.adj_edge index) that reached each node
};

class Travel {
 public:
  explicit Travel(const RoadNetwork& net);

  // The search over the open roads (the dispatcher's local searches run it directly).
  network::Dijkstra& search() { return search_; }
  void set_open(EdgeId e, bool open) { search_.set_usable(e, open); }

  // Estimated travel to the nearer of nodes u and v: straight line, 1.4 detour factor, 40 km/h.
  [[nodiscard]] Seconds estimate_s(NodeId from, std::uint32_t u, std::uint32_t v) const {
    const LonLat a = net_.node_pos[from.index()];
    auto dist = [&](std::uint32_t n) {
      const LonLat b = net_.node_pos[n];
      const double dx = (a.lon - b.lon) * 111320.0 * std::cos(a.lat * 0.0174532925);
      const double dy = (a.lat - b.lat) * 110540.0;
      return std::sqrt(dx * dx + dy * dy);
    };
    return static_cast<Seconds>(std::min(dist(u), dist(v)) * kDetour / kEstimateSpeedMs);
  }

  // Open-road travel from `from` to the nearer of the targets (site ends in the crew's
  // component), along a real path found by weighted A* (possibly longer than the shortest, never
  // shorter, which is what the validator checks).
  std::pair<NodeId, Seconds> exact(NodeId from, const std::vector<NodeId>& targets) {
    return search_.to_nearest_target(from, targets, kHeuristicSpeedKmh);
  }

  // On day 0 many crews leave from one node (all the crews of a depot) over the same open
  // network: the eighth search from a node builds a complete travel-time table from it, which
  // every later search from there reuses until the first road opens (network version 1). Returns
  // nullptr when there is no table for `from`. `table_nodes` counts the nodes the tables settle.
  const SourceTable* table(NodeId from, std::uint64_t version, std::uint64_t& table_nodes);
  // The edges of the trip to `to` that the last search from crew node `from` timed at `seconds`
  // (or `table`, when it holds that time), appended to `out`. The dispatcher timed every trip it
  // commits by one of them; false when neither holds it.
  bool route(NodeId from, NodeId to, Seconds seconds, const SourceTable* table,
             std::vector<EdgeId>& out) const;
  // A road opened: departures are counted afresh.
  void road_opened() { source_uses_.clear(); }

 private:
  static constexpr std::uint32_t kTableAfterUses = 8;
  // The tables' memory is bounded (16 bytes per node each).
  static constexpr std::size_t kTableBytes = std::size_t{256} << 20;
  // The far trips' A* is weighted as if roads were driven at 10 km/h: about 8 times the top
  // speed's admissible bound. Since it expands no node twice, a search that meets an obstacle
  // stays cheap; heavier weights (2 km/h) found paths long enough to cost people-days on every
  // district tried (docs/benchmarks.md, session 4), lighter ones (20 km/h) more nodes.
  static constexpr double kHeuristicSpeedKmh = 10;

  const RoadNetwork& net_;
  network::Dijkstra search_;
  std::size_t max_tables_ = 0;
  std::vector<SourceTable> tables_;  // never evicted: references stay valid (reserved)
  std::unordered_map<std::uint32_t, std::uint32_t> source_uses_;
};

}  // namespace gw::plan::dispatcher
