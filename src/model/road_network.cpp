#include "model/road_network.hpp"

#include <cassert>
#include <cmath>

namespace gw {

Seconds RoadNetwork::compute_travel_s(EdgeId e) const {
  const double s = edge_length_m[e.index()] * 3.6 / edge_speed_kmh[e.index()];
  return static_cast<Seconds>(std::ceil(s));
}

NodeId RoadNetwork::add_node(LonLat pos) {
  node_pos.push_back(pos);
  return NodeId::from_index(node_pos.size() - 1);
}

EdgeId RoadNetwork::add_edge(NodeId from, NodeId to, const LineString& shape, double length_m,
                             double speed_kmh, RoadClass cls, bool bridge, std::int64_t source_id) {
  assert(shape.size() >= 2);
  edge_from.push_back(from);
  edge_to.push_back(to);
  edge_length_m.push_back(length_m);
  edge_speed_kmh.push_back(speed_kmh);
  edge_class.push_back(cls);
  edge_bridge.push_back(bridge ? 1 : 0);
  edge_source_id.push_back(source_id);
  edge_weight.push_back(1.0);
  edge_shape.insert(edge_shape.end(), shape.begin(), shape.end());
  edge_shape_offset.push_back(static_cast<std::uint32_t>(edge_shape.size()));
  return EdgeId::from_index(edge_from.size() - 1);
}

void RoadNetwork::build_adjacency() {
  edge_travel.resize(num_edges());
  for (std::size_t e = 0; e < num_edges(); ++e)
    edge_travel[e] = compute_travel_s(EdgeId::from_index(e));
  const std::size_t n = num_nodes();
  adj_offset.assign(n + 1, 0);
  for (std::size_t e = 0; e < num_edges(); ++e) {
    ++adj_offset[edge_from[e].index() + 1];
    if (edge_to[e] != edge_from[e]) ++adj_offset[edge_to[e].index() + 1];
  }
  for (std::size_t i = 0; i < n; ++i) adj_offset[i + 1] += adj_offset[i];
  adj_edge.assign(adj_offset[n], EdgeId{});
  std::vector<std::uint32_t> fill(adj_offset.begin(), adj_offset.end() - 1);
  for (std::size_t e = 0; e < num_edges(); ++e) {
    const auto id = EdgeId::from_index(e);
    adj_edge[fill[edge_from[e].index()]++] = id;
    if (edge_to[e] != edge_from[e]) adj_edge[fill[edge_to[e].index()]++] = id;
  }
}

}  // namespace gw
