#include "plan/link.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "geo/box_index.hpp"
#include "geo/edge_index.hpp"
#include "geo/overlay.hpp"
#include "model/error.hpp"
#include "network/union_find.hpp"

namespace gw::plan {

namespace {
std::string metres(double m) {
  std::ostringstream o;
  o << std::lround(m) << " m";
  return o.str();
}

SnapSummary summarise(const char* layer, std::vector<std::pair<double, std::string>>& snaps,
                      double warning_m) {
  SnapSummary out;
  out.layer = layer;
  out.count = snaps.size();
  for (const auto& [d, where] : snaps) {
    if (d > out.max_m || out.farthest.empty()) {  // the first of equals, in layer order
      out.max_m = d;
      out.farthest = where;
    }
    if (d > warning_m) ++out.over_warning;
  }
  auto mid = snaps.begin() + static_cast<std::ptrdiff_t>(snaps.size() / 2);
  std::nth_element(snaps.begin(), mid, snaps.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out.median_m = mid->first;
  return out;
}
}  // namespace

LinkReport link_scenario(Scenario& s, const std::string& source) {
  LinkReport report;
  const RoadNetwork& net = s.roads;
  if (net.adj_offset.size() != net.num_nodes() + 1) s.roads.build_adjacency();
  // The dispatcher labels travel in 32-bit seconds; no route is longer than all the roads
  // together, so this sum bounds every travel time (docs/scenario.md, "Limits").
  double total_travel_s = 0;
  for (const Seconds t : net.edge_travel) total_travel_s += static_cast<double>(t);
  if (!(total_travel_s < kMaxNetworkTravelS)) {
    throw Error(ErrorCode::kInvalidInput,
                source + ": roads: driving every road once would take " +
                    std::to_string(static_cast<long long>(total_travel_s / 86400)) +
                    " days, above the limit of " +
                    std::to_string(static_cast<long long>(kMaxNetworkTravelS / 86400)) +
                    " days; check speed_kmh and length_m");
  }
  const geo::EdgeIndex index(net);
  const Parameters& p = s.params;

  std::vector<std::pair<double, std::string>> settlement_snaps, hub_snaps, asset_snaps;
  auto snap = [&](LonLat pos, const std::string& where, NodeId& node, double& dist) {
    const geo::NodeHit hit = geo::nearest_node(index, net, pos);
    if (!hit.node.valid() || hit.distance_m > p.max_snap_m) {
      throw Error(
          ErrorCode::kInvalidInput,
          source + ": " + where + ": no road within max_snap_m (" + metres(p.max_snap_m) +
              (hit.node.valid() ? "; nearest road node is " + metres(hit.distance_m) + " away)"
                                : ")"));
    }
    node = hit.node;
    dist = hit.distance_m;
    if (dist > p.snap_warning_m) {
      report.warnings.push_back(source + ": " + where + ": snapped " + metres(dist) +
                                " to the nearest road node");
    }
  };
  std::unordered_map<std::string, NodeId> place_node;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    auto& st = s.settlements[i];
    const std::string where = "settlements[" + std::to_string(i) + "] '" + st.id + "'";
    snap(st.pos, where, st.node, st.snap_distance_m);
    settlement_snaps.emplace_back(st.snap_distance_m, where);
    place_node[st.id] = st.node;
  }
  for (std::size_t i = 0; i < s.hubs.size(); ++i) {
    auto& h = s.hubs[i];
    const std::string where = "hubs[" + std::to_string(i) + "] '" + h.id + "'";
    snap(h.pos, where, h.node, h.snap_distance_m);
    hub_snaps.emplace_back(h.snap_distance_m, where);
    place_node[h.id] = h.node;
  }

  // Components of the whole network (every road open): a base must share one with a hub.
  network::UnionFind all(net.num_nodes());
  for (std::size_t e = 0; e < net.num_edges(); ++e)
    all.unite(net.edge_from[e].index(), net.edge_to[e].index());
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
      throw Error(ErrorCode::kInvalidInput, source + ": crews[" + std::to_string(i) + "]: base '" +
                                                c.base + "' is not a settlement or hub");
    }
    c.base_node = it->second;
    if (!hub_component[all.find(c.base_node.index())]) {
      throw Error(ErrorCode::kInvalidInput,
                  source + ": crews[" + std::to_string(i) + "] '" + c.id + "': base '" + c.base +
                      "' is off the network: no road connects it to a hub");
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
      if (it == settlement_index.end()) {
        std::string msg = where;
        msg += ": serves unknown settlement ";
        msg += quote_value(sid);
        throw Error(ErrorCode::kInvalidInput, msg);
      }
      a.served.push_back(SettlementId::from_index(it->second));
    }
    a.depends.clear();
    for (const std::string& dep : a.depends_on) {
      auto it = asset_index.find(dep);
      if (it == asset_index.end()) {
        throw Error(ErrorCode::kInvalidInput,
                    where + ": depends_on unknown asset " + quote_value(dep));
      }
      a.depends.push_back(AssetId::from_index(it->second));
    }
    a.edge = EdgeId{};
    a.snap_distance_m = 0;
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
        report.warnings.push_back(where + ": snapped " + metres(hit.distance_m) +
                                  " to the nearest road");
      }
      a.edge = hit.edge;
      a.snap_distance_m = hit.distance_m;
      asset_snaps.emplace_back(hit.distance_m, "damage[" + std::to_string(i) + "] '" + a.id + "'");
    }
  }
  for (auto& [layer, snaps] : {std::pair{"settlements", &settlement_snaps},
                               std::pair{"hubs", &hub_snaps}, std::pair{"damage", &asset_snaps}}) {
    if (!snaps->empty()) report.snaps.push_back(summarise(layer, *snaps, p.snap_warning_m));
  }
  // Built-up hazards (docs/model.md §1): the settlement a residential hazard names, or else the
  // nearest settlement within built_up_radius_m.
  {
    std::vector<std::vector<LonLat>> rings;
    rings.reserve(s.hazards.size());
    for (const auto& z : s.hazards) rings.push_back(z.polygon.outer);
    const geo::BoxIndex hazard_index(rings);
    std::vector<double> best(s.hazards.size(), std::numeric_limits<double>::infinity());
    for (auto& z : s.hazards) z.built_up = SettlementId{};
    for (std::size_t i = 0; i < s.settlements.size(); ++i) {
      const LineString at{s.settlements[i].pos};
      for (const std::uint32_t h : hazard_index.query(at, p.built_up_radius_m)) {
        Hazard& z = s.hazards[h];
        if (z.land_use != LandUse::kResidential || z.settlement) continue;
        const double d = geo::polygon_distance_m(z.polygon, at);
        if (d <= p.built_up_radius_m && d < best[h]) {  // ties: the settlement listed first
          best[h] = d;
          z.built_up = SettlementId::from_index(i);
        }
      }
    }
    for (std::size_t h = 0; h < s.hazards.size(); ++h) {
      Hazard& z = s.hazards[h];
      if (!z.settlement) continue;
      auto it = settlement_index.find(*z.settlement);
      if (it == settlement_index.end()) {
        throw Error(ErrorCode::kInvalidInput, source + ": hazards[" + std::to_string(h) + "] " +
                                                  quote_value(z.id) + ": settlement " +
                                                  quote_value(*z.settlement) + " is unknown");
      }
      if (z.land_use == LandUse::kResidential) z.built_up = SettlementId::from_index(it->second);
    }
  }
  // A dependency cycle would make a service never restorable: reject it (depth-first search,
  // colouring assets on the current path).
  {
    std::vector<std::uint8_t> colour(s.assets.size(), 0);    // 0 new, 1 on the path, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // (asset, next dependency)
    for (std::size_t root = 0; root < s.assets.size(); ++root) {
      if (colour[root] != 0) continue;
      stack.emplace_back(root, 0);
      colour[root] = 1;
      while (!stack.empty()) {
        auto& [a, k] = stack.back();
        if (k == s.assets[a].depends.size()) {
          colour[a] = 2;
          stack.pop_back();
          continue;
        }
        const std::size_t b = s.assets[a].depends[k++].index();
        if (colour[b] == 1) {
          throw Error(ErrorCode::kInvalidInput, source + ": damage[" + std::to_string(b) + "] " +
                                                    quote_value(s.assets[b].id) +
                                                    ": depends_on forms a cycle");
        }
        if (colour[b] == 0) {
          colour[b] = 1;
          stack.emplace_back(b, 0);
        }
      }
    }
  }
  return report;
}

}  // namespace gw::plan
