// The validator's road index (road_index.hpp): its own adjacency and travel seconds, the node
// tree for snapping and the landmarks.
#include "validate/road_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <queue>

namespace gw::validate::detail {

namespace {

std::uint32_t farthest(const std::vector<Seconds>& d, Seconds inf) {
  std::uint32_t best = 0;
  for (std::uint32_t v = 0; v < d.size(); ++v) {
    if (d[v] != inf && (d[best] == inf || d[v] > d[best])) best = v;
  }
  return best;
}

}  // namespace

std::uint64_t RoadIndex::fingerprint(const RoadNetwork& rn) {
  std::uint64_t h = fp_mix(rn.num_nodes(), rn.num_edges());
  for (const auto& p : rn.node_pos) h = fp_mix(fp_mix(h, fp_bits(p.lon)), fp_bits(p.lat));
  for (std::size_t e = 0; e < rn.num_edges(); ++e) {
    h = fp_mix(h, (static_cast<std::uint64_t>(rn.edge_from[e].value) << 32) | rn.edge_to[e].value);
    h = fp_mix(fp_mix(h, fp_bits(rn.edge_length_m[e])), fp_bits(rn.edge_speed_kmh[e]));
  }
  return h;
}

RoadIndex::RoadIndex(const RoadNetwork& rn) : n_(rn.num_nodes()), print_(fingerprint(rn)) {
  const std::size_t n = n_;
  const std::size_t m = rn.num_edges();
  double lo_lon = 180, hi_lon = -180, lo_lat = 90, hi_lat = -90;
  for (const auto& p : rn.node_pos) {
    lo_lon = std::min(lo_lon, p.lon);
    hi_lon = std::max(hi_lon, p.lon);
    lo_lat = std::min(lo_lat, p.lat);
    hi_lat = std::max(hi_lat, p.lat);
  }
  if (n == 0) lo_lon = hi_lon = lo_lat = hi_lat = 0;
  global = geom::Projection({(lo_lon + hi_lon) / 2, (lo_lat + hi_lat) / 2});
  node_xy.resize(n);
  for (std::size_t i = 0; i < n; ++i) node_xy[i] = global(rn.node_pos[i]);

  // Own adjacency (the file's is not trusted either), edge travel seconds and the A* bound.
  adj_off.assign(n + 1, 0);
  edge_ok.assign(m, false);
  from.assign(m, 0);
  to.assign(m, 0);
  for (std::size_t e = 0; e < m; ++e) {
    const auto a = rn.edge_from[e].index();
    const auto b = rn.edge_to[e].index();
    if (a >= n || b >= n) {
      problems_.push_back("road network: edge " + std::to_string(e) +
                          " has an end node outside the network");
      continue;
    }
    edge_ok[e] = true;
    from[e] = static_cast<std::uint32_t>(a);
    to[e] = static_cast<std::uint32_t>(b);
    ++adj_off[a + 1];
    if (a != b) ++adj_off[b + 1];
  }
  for (std::size_t i = 0; i < n; ++i) adj_off[i + 1] += adj_off[i];
  adj.assign(adj_off[n], 0);
  std::vector<std::uint32_t> fill(adj_off.begin(), adj_off.end() - 1);
  edge_s.assign(m, -1);
  double vmax = 0;
  double kappa = 1;
  for (std::size_t e = 0; e < m; ++e) {
    if (!edge_ok[e]) continue;
    const auto a = from[e];
    const auto b = to[e];
    adj[fill[a]++] = static_cast<std::uint32_t>(e);
    if (a != b) adj[fill[b]++] = static_cast<std::uint32_t>(e);
    const double len = rn.edge_length_m[e];
    const double v = rn.edge_speed_kmh[e];
    if (!(v > 0) || !std::isfinite(len) || len < 0) continue;  // not passable
    edge_s[e] = static_cast<Seconds>(std::ceil(len * 3.6 / v));
    vmax = std::max(vmax, v);
    const double chord =
        std::hypot(node_xy[a].x() - node_xy[b].x(), node_xy[a].y() - node_xy[b].y());
    if (chord > 0) kappa = std::min(kappa, len / chord);
  }
  arc_off.assign(n + 1, 0);
  arcs.clear();
  arcs.reserve(adj.size());
  for (std::size_t v = 0; v < n; ++v) {
    for (std::uint32_t k = adj_off[v]; k < adj_off[v + 1]; ++k) {
      const std::uint32_t e = adj[k];
      if (edge_s[e] >= 0) arcs.push_back({other(e, static_cast<std::uint32_t>(v)), e, edge_s[e]});
    }
    arc_off[v + 1] = static_cast<std::uint32_t>(arcs.size());
  }
  // Admissible and consistent: a path is at least kappa times its projected chord long.
  h_coef_ = vmax > 0 ? kappa * (1 - 1e-9) * 3.6 / vmax : 0;

  std::vector<std::pair<geom::Pt, std::uint32_t>> pts;
  for (std::size_t i = 0; i < n; ++i) {
    if (adj_off[i + 1] > adj_off[i]) pts.emplace_back(node_xy[i], static_cast<std::uint32_t>(i));
  }
  node_tree_ = decltype(node_tree_)(pts.begin(), pts.end());
  edges = std::make_unique<geom::EdgeIndex>(rn, global);
  build_landmarks();
}

std::uint32_t RoadIndex::snap(LonLat p, const RoadNetwork& rn) const {
  std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
  double best_d = std::numeric_limits<double>::infinity();
  for (auto it = node_tree_.qbegin(geom::bgi::nearest(global(p), 8)); it != node_tree_.qend();
       ++it) {
    const double d = geom::great_circle_m(p, rn.node_pos[it->second]);
    if (d < best_d || (d == best_d && it->second < best)) {
      best_d = d;
      best = it->second;
    }
  }
  return best;
}

void RoadIndex::build_landmarks() {
  const std::size_t n = n_;
  if (n == 0) return;
  std::vector<Seconds> nearest_lm(n, kInf);
  std::uint32_t next = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (adj_off[i + 1] > adj_off[i]) {
      next = i;
      break;
    }
  }
  // Farthest-point selection (the first one replaced by the node farthest from the start).
  std::vector<Seconds> d;
  full_dijkstra(next, d);
  next = farthest(d, kInf);
  lm_.assign(n * kLandmarks, kLmUnreached);
  for (std::size_t k = 0; k < kLandmarks; ++k) {
    full_dijkstra(next, d);
    // Node-major, 32-bit: a node's distances to every landmark share one cache line, where a
    // table per landmark cost the heuristic a miss per landmark on a country network.
    for (std::size_t v = 0; v < n; ++v) {
      if (d[v] < kLmUnreached) lm_[v * kLandmarks + k] = static_cast<std::int32_t>(d[v]);
    }
    ++lm_count_;
    for (std::size_t v = 0; v < n; ++v) nearest_lm[v] = std::min(nearest_lm[v], d[v]);
    next = farthest(nearest_lm, kInf);
    if (nearest_lm[next] == 0 || nearest_lm[next] == kInf) break;
  }
}

void RoadIndex::full_dijkstra(std::uint32_t src, std::vector<Seconds>& d,
                              const std::vector<Minutes>* open) const {
  d.assign(n_, kInf);
  using Item = std::pair<Seconds, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  d[src] = 0;
  heap.push({0, src});
  while (!heap.empty()) {
    const auto [du, u] = heap.top();
    heap.pop();
    if (du != d[u]) continue;
    for (std::uint32_t k = adj_off[u]; k < adj_off[u + 1]; ++k) {
      const std::uint32_t e = adj[k];
      if (edge_s[e] < 0 || (open != nullptr && (*open)[e] > 0)) continue;
      const std::uint32_t v = other(e, u);
      if (du + edge_s[e] < d[v]) {
        d[v] = du + edge_s[e];
        heap.push({d[v], v});
      }
    }
  }
}

}  // namespace gw::validate::detail
