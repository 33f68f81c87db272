#include "plan/link.hpp"

#include <cmath>
#include <sstream>
#include <unordered_map>

#include "geo/edge_index.hpp"
#include "model/error.hpp"
#include "network/union_find.hpp"

namespace gw::plan {

namespace {
std::string metres(double m) {
  std::ostringstream o;
  o << std::lround(m) << " m";
  return o.str();
}
}  // namespace

LinkReport link_scenario(Scenario& s, const std::string& source) {
  LinkReport report;
  const RoadNetwork& net = s.roads;
  if (net.adj_offset.size() != net.num_nodes() + 1) s.roads.build_adjacency();
  const geo::EdgeIndex index(net);
  const Parameters& p = s.params;

  auto snap = [&](LonLat pos, const std::string& where, NodeId& node, double& dist) {
    const geo::NodeHit hit = geo::nearest_node(index, net, pos);
    if (!hit.node.valid() || hit.distance_m > p.max_snap_m) {
      throw Error(ErrorCode::kInvalidInput,
                  source + ": " + where + ": no road within max_snap_m (" + metres(p.max_snap_m) +
                      (hit.node.valid() ? "; nearest road node is " + metres(hit.distance_m) + " away)" : ")"));
    }
    node = hit.node;
    dist = hit.distance_m;
    if (dist > p.snap_warning_m) {
      report.warnings.push_back(source + ": " + where + ": snapped " + metres(dist) + " to the nearest road node");
    }
  };
  std::unordered_map<std::string, NodeId> place_node;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    auto& st = s.settlements[i];
    snap(st.pos, "settlements[" + std::to_string(i) + "] '" + st.id + "'", st.node, st.snap_distance_m);
    place_node[st.id] = st.node;
  }
  for (std::size_t i = 0; i < s.hubs.size(); ++i) {
    auto& h = s.hubs[i];
    snap(h.pos, "hubs[" + std::to_string(i) + "] '" + h.id + "'", h.node, h.snap_distance_m);
    place_node[h.id] = h.node;
  }

  // Components of the whole network (every road open): a base must share one with a hub.
  network::UnionFind all(net.num_nodes());
  for (std::size_t e = 0; e < net.num_edges(); ++e) all.unite(net.edge_from[e].index(), net.edge_to[e].index());
  std::vector<char> hub_component(net.num_nodes(), 0);
  for (const auto& h : s.hubs) hub_component[all.find(h.node.index())] = 1;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const auto& st = s.settlements[i];
    if (!hub_component[all.find(st.node.index())]) {
      report.warnings.push_back(source + ": settlements[" + std::to_string(i) + "] '" + st.id +
                                "': no road connects it to a hub; it can never gain access");
    }
  }
  for (std::size_t i = 0; i < s.crews.size(); ++i) {
    auto& c = s.crews[i];
    auto it = place_node.find(c.base);
    if (it == place_node.end()) {
      throw Error(ErrorCode::kInvalidInput, source + ": crews[" + std::to_string(i) + "]: base '" + c.base +
                                                "' is not a settlement or hub");
    }
    c.base_node = it->second;
    if (!hub_component[all.find(c.base_node.index())]) {
      throw Error(ErrorCode::kInvalidInput, source + ": crews[" + std::to_string(i) + "] '" + c.id + "': base '" +
                                                c.base + "' is off the network: no road connects it to a hub");
    }
  }

  std::unordered_map<std::string, std::size_t> settlement_index, asset_index;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) settlement_index[s.settlements[i].id] = i;
  for (std::size_t i = 0; i < s.assets.size(); ++i) asset_index[s.assets[i].id] = i;
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    Asset& a = s.assets[i];
    const std::string where = source + ": damage[" + std::to_string(i) + "] '" + a.id + "'";
    a.served.clear();
    for (const auto& sid : a.serves) {
      auto it = settlement_index.find(sid);
      if (it == settlement_index.end()) throw Error(ErrorCode::kInvalidInput, where + ": serves unknown settlement '" + sid + "'");
      a.served.push_back(SettlementId::from_index(it->second));
    }
    a.depends = AssetId{};
    if (a.depends_on) {
      auto it = asset_index.find(*a.depends_on);
      if (it == asset_index.end()) throw Error(ErrorCode::kInvalidInput, where + ": depends_on unknown asset '" + *a.depends_on + "'");
      a.depends = AssetId::from_index(it->second);
    }
    a.edge = EdgeId{};
    if (a.kind == AssetKind::kRoadSection || a.kind == AssetKind::kBridge) {
      const LonLat pos = a.geometry.front();
      geo::EdgeHit hit{EdgeId{}, 0};
      if (a.kind == AssetKind::kBridge) {
        hit = index.nearest(pos, [&](EdgeId e) { return net.edge_bridge[e.index()] != 0; });
        if (hit.edge.valid() && hit.distance_m > 200) hit.edge = EdgeId{};
      }
      if (!hit.edge.valid()) hit = index.nearest(pos);
      if (!hit.edge.valid() || hit.distance_m > p.max_snap_m) {
        throw Error(ErrorCode::kInvalidInput, where + ": no road within max_snap_m");
      }
      if (hit.distance_m > p.snap_warning_m) {
        report.warnings.push_back(where + ": snapped " + metres(hit.distance_m) + " to the nearest road");
      }
      a.edge = hit.edge;
    }
  }
  // A dependency cycle would make a service never restorable: reject it.
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    AssetId cur = s.assets[i].depends;
    for (std::size_t steps = 0; cur.valid(); ++steps) {
      if (steps > s.assets.size()) {
        throw Error(ErrorCode::kInvalidInput, source + ": damage[" + std::to_string(i) + "] '" + s.assets[i].id +
                                                  "': depends_on forms a cycle");
      }
      cur = s.assets[cur.index()].depends;
    }
  }
  return report;
}

}  // namespace gw::plan
