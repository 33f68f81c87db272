// The road graph: undirected edges in compact arrays with dense 32-bit ids, plus a CSR adjacency.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/geometry.hpp"
#include "model/types.hpp"

namespace gw {

struct RoadNetwork {
  // Nodes.
  std::vector<LonLat> node_pos;

  // Edges (undirected). Parallel arrays indexed by EdgeId.
  std::vector<NodeId> edge_from;
  std::vector<NodeId> edge_to;
  std::vector<double> edge_length_m;
  std::vector<double> edge_speed_kmh;
  std::vector<RoadClass> edge_class;
  std::vector<std::uint8_t> edge_bridge;     // 1 when the edge is a bridge
  std::vector<std::int64_t> edge_source_id;  // id in the source data (OSM way id, feature id)
  std::vector<double> edge_weight;           // priority weight (1 by default; weighted objective)
  std::vector<Seconds> edge_travel;          // derived by build_adjacency(): edge_travel_s(e)
  // Shape: the full polyline of edge e is edge_shape[edge_shape_offset[e] ..
  // edge_shape_offset[e+1]), including both end points.
  std::vector<std::uint32_t> edge_shape_offset{0};
  std::vector<LonLat> edge_shape;

  // CSR adjacency, built by build_adjacency(): incident edges of node n are
  // adj_edge[adj_offset[n] .. adj_offset[n+1]).
  std::vector<std::uint32_t> adj_offset;
  std::vector<EdgeId> adj_edge;

  [[nodiscard]] std::size_t num_nodes() const { return node_pos.size(); }
  [[nodiscard]] std::size_t num_edges() const { return edge_from.size(); }

  [[nodiscard]] NodeId other_end(EdgeId e, NodeId n) const {
    return edge_from[e.index()] == n ? edge_to[e.index()] : edge_from[e.index()];
  }

  // Travel time over an edge in whole seconds, rounded up: ceil(length_m * 3.6 / speed_kmh).
  // Cached by build_adjacency().
  [[nodiscard]] Seconds edge_travel_s(EdgeId e) const {
    return e.index() < edge_travel.size() ? edge_travel[e.index()] : compute_travel_s(e);
  }
  [[nodiscard]] Seconds compute_travel_s(EdgeId e) const;

  // Adds an edge whose polyline is `shape` (at least 2 points: from-node to to-node).
  EdgeId add_edge(NodeId from, NodeId to, const LineString& shape, double length_m,
                  double speed_kmh, RoadClass cls, bool bridge, std::int64_t source_id);
  NodeId add_node(LonLat pos);

  // (Re)builds the CSR adjacency and the travel-time cache from the edge arrays.
  void build_adjacency();
};

}  // namespace gw
