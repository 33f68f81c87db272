// The validator's road network and travel (docs/model.md §1, §5): its own adjacency and
// travel seconds, the snapping of settlements, hubs and crew bases to road nodes, and the
// shortest paths over the edges open at a time (A* with ALT landmarks) behind the travel checks.
#include <queue>

#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

void Validator::build_network() {
  const std::size_t n = rn_.num_nodes();
  const std::size_t m = rn_.num_edges();
  double lo_lon = 180, hi_lon = -180, lo_lat = 90, hi_lat = -90;
  for (const auto& p : rn_.node_pos) {
    lo_lon = std::min(lo_lon, p.lon);
    hi_lon = std::max(hi_lon, p.lon);
    lo_lat = std::min(lo_lat, p.lat);
    hi_lat = std::max(hi_lat, p.lat);
  }
  if (n == 0) lo_lon = hi_lon = lo_lat = hi_lat = 0;
  global_ = Projection({(lo_lon + hi_lon) / 2, (lo_lat + hi_lat) / 2});
  node_xy_.resize(n);
  for (std::size_t i = 0; i < n; ++i) node_xy_[i] = global_(rn_.node_pos[i]);

  // Own adjacency (the file's is not trusted either), edge travel seconds and the A* bound.
  adj_off_.assign(n + 1, 0);
  edge_ok_.assign(m, false);
  for (std::size_t e = 0; e < m; ++e) {
    const auto a = rn_.edge_from[e].index();
    const auto b = rn_.edge_to[e].index();
    if (a >= n || b >= n) {
      sink_.add(cat("road network: edge ", e, " has an end node outside the network"));
      continue;
    }
    edge_ok_[e] = true;
    ++adj_off_[a + 1];
    if (a != b) ++adj_off_[b + 1];
  }
  for (std::size_t i = 0; i < n; ++i) adj_off_[i + 1] += adj_off_[i];
  adj_.assign(adj_off_[n], 0);
  std::vector<std::uint32_t> fill(adj_off_.begin(), adj_off_.end() - 1);
  edge_s_.assign(m, -1);
  double vmax = 0;
  double kappa = 1;
  for (std::size_t e = 0; e < m; ++e) {
    if (!edge_ok_[e]) continue;
    const auto a = rn_.edge_from[e].index();
    const auto b = rn_.edge_to[e].index();
    adj_[fill[a]++] = static_cast<std::uint32_t>(e);
    if (a != b) adj_[fill[b]++] = static_cast<std::uint32_t>(e);
    const double len = rn_.edge_length_m[e];
    const double v = rn_.edge_speed_kmh[e];
    if (!(v > 0) || !std::isfinite(len) || len < 0) continue;  // not passable
    edge_s_[e] = static_cast<Seconds>(std::ceil(len * 3.6 / v));
    vmax = std::max(vmax, v);
    const double chord =
        std::hypot(node_xy_[a].x() - node_xy_[b].x(), node_xy_[a].y() - node_xy_[b].y());
    if (chord > 0) kappa = std::min(kappa, len / chord);
  }
  // Admissible and consistent: a path is at least kappa times its projected chord long.
  h_coef_ = vmax > 0 ? kappa * (1 - 1e-9) * 3.6 / vmax : 0;

  std::vector<std::pair<Pt, std::uint32_t>> pts;
  for (std::size_t i = 0; i < n; ++i) {
    if (adj_off_[i + 1] > adj_off_[i]) pts.emplace_back(node_xy_[i], static_cast<std::uint32_t>(i));
  }
  node_tree_ = decltype(node_tree_)(pts.begin(), pts.end());
  edge_index_ = std::make_unique<geom::EdgeIndex>(rn_, global_);
}

std::uint32_t Validator::snap(LonLat p) const {
  std::uint32_t best = kNone;
  double best_d = std::numeric_limits<double>::infinity();
  for (auto it = node_tree_.qbegin(geom::bgi::nearest(global_(p), 8)); it != node_tree_.qend();
       ++it) {
    const double d = geom::great_circle_m(p, rn_.node_pos[it->second]);
    if (d < best_d || (d == best_d && it->second < best)) {
      best_d = d;
      best = it->second;
    }
  }
  return best;
}

void Validator::link_points() {
  settlement_node_.resize(sc_.settlements.size());
  for (std::size_t i = 0; i < sc_.settlements.size(); ++i) {
    settlement_node_[i] = snap(sc_.settlements[i].pos);
    settlement_by_id_.emplace(sc_.settlements[i].id, static_cast<std::uint32_t>(i));
  }
  hub_node_.resize(sc_.hubs.size());
  std::unordered_map<std::string, std::uint32_t> hub_by_id;
  for (std::size_t i = 0; i < sc_.hubs.size(); ++i) {
    hub_node_[i] = snap(sc_.hubs[i].pos);
    hub_by_id.emplace(sc_.hubs[i].id, static_cast<std::uint32_t>(i));
  }
  crew_base_.assign(sc_.crews.size(), kNone);
  for (std::size_t c = 0; c < sc_.crews.size(); ++c) {
    const auto& base = sc_.crews[c].base;
    if (auto it = settlement_by_id_.find(base); it != settlement_by_id_.end()) {
      crew_base_[c] = settlement_node_[it->second];
    } else if (auto h = hub_by_id.find(base); h != hub_by_id.end()) {
      crew_base_[c] = hub_node_[h->second];
    } else {
      sink_.add(
          cat("crew ", sc_.crews[c].id, ": base '", base, "' is neither a settlement nor a hub"));
    }
  }
}

void Validator::build_landmarks() {
  const std::size_t n = rn_.num_nodes();
  if (n == 0 || lm_count_ > 0) return;
  std::vector<Seconds> nearest_lm(n, kInf);
  std::uint32_t next = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (adj_off_[i + 1] > adj_off_[i]) {
      next = i;
      break;
    }
  }
  // Farthest-point selection (the first one replaced by the node farthest from the start).
  std::vector<Seconds> d;
  full_dijkstra(next, d);
  next = farthest(d);
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
    next = farthest(nearest_lm);
    if (nearest_lm[next] == 0 || nearest_lm[next] == kInf) break;
  }
}

void Validator::full_dijkstra(std::uint32_t src, std::vector<Seconds>& d) const {
  d.assign(rn_.num_nodes(), kInf);
  using Item = std::pair<Seconds, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  d[src] = 0;
  heap.push({0, src});
  while (!heap.empty()) {
    const auto [du, u] = heap.top();
    heap.pop();
    if (du != d[u]) continue;
    for (std::uint32_t k = adj_off_[u]; k < adj_off_[u + 1]; ++k) {
      const std::uint32_t e = adj_[k];
      if (edge_s_[e] < 0) continue;
      const auto v = static_cast<std::uint32_t>(
          rn_.edge_from[e].index() == u ? rn_.edge_to[e].index() : rn_.edge_from[e].index());
      if (du + edge_s_[e] < d[v]) {
        d[v] = du + edge_s_[e];
        heap.push({d[v], v});
      }
    }
  }
}

Seconds Validator::trip_within(std::uint32_t src, std::uint32_t dst, Minutes depart,
                               Seconds limit) {
  if (src == dst) return 0;
  if (open_times_.empty()) {
    for (std::size_t e = 0; e < open_.size(); ++e) {
      if (edge_s_[e] >= 0 && open_[e] != kNever) open_times_.push_back(open_[e]);
    }
    std::sort(open_times_.begin(), open_times_.end());
    open_times_.push_back(kNever);  // never empty again
  }
  const auto opened = static_cast<std::uint32_t>(
      std::upper_bound(open_times_.begin(), open_times_.end(), depart) - open_times_.begin());
  const std::uint64_t ends = (static_cast<std::uint64_t>(src) << 32) | dst;
  const auto it = routes_.find(ends);
  if (it != routes_.end() && it->second.opened <= opened && it->second.s <= limit) {
    return it->second.s;  // that route is open still
  }
  const Seconds s = shortest(src, dst, depart, limit);
  if (s >= 0 && s <= limit) routes_[ends] = Route{opened, s};
  return s;
}

Seconds Validator::shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit) {
  if (src == dst) return 0;
  if (g_.size() != rn_.num_nodes()) {
    g_.assign(rn_.num_nodes(), 0);
    stamp_.assign(rn_.num_nodes(), 0);
  }
  if (++cur_stamp_ == 0) {
    std::fill(stamp_.begin(), stamp_.end(), 0);
    cur_stamp_ = 1;
  }
  const Pt target = node_xy_[dst];
  const std::int32_t* lm_dst = lm_.data() + static_cast<std::size_t>(dst) * kLandmarks;
  auto h = [&](std::uint32_t v) {
    double best = h_coef_ * std::hypot(node_xy_[v].x() - target.x(), node_xy_[v].y() - target.y());
    const std::int32_t* lm_v = lm_.data() + static_cast<std::size_t>(v) * kLandmarks;
    for (std::size_t k = 0; k < lm_count_; ++k) {
      const Seconds a = lm_v[k];
      const Seconds b = lm_dst[k];
      if (a == kLmUnreached || b == kLmUnreached) continue;
      best = std::max(best, static_cast<double>(a > b ? a - b : b - a));
    }
    return best;
  };
  std::priority_queue<AStarEntry, std::vector<AStarEntry>, std::greater<>> heap;
  g_[src] = 0;
  stamp_[src] = cur_stamp_;
  heap.push({h(src), 0, src});
  const double bound = static_cast<double>(limit) + 1e-6;
  while (!heap.empty()) {
    const AStarEntry top = heap.top();
    heap.pop();
    if (top.g != g_[top.node]) continue;
    if (top.f > bound) return limit + 1;
    if (top.node == dst) return top.g;
    for (std::uint32_t k = adj_off_[top.node]; k < adj_off_[top.node + 1]; ++k) {
      const std::uint32_t e = adj_[k];
      if (edge_s_[e] < 0 || open_[e] > depart) continue;
      const std::uint32_t v = static_cast<std::uint32_t>(
          rn_.edge_from[e].index() == top.node ? rn_.edge_to[e].index() : rn_.edge_from[e].index());
      const Seconds ng = top.g + edge_s_[e];
      if (stamp_[v] != cur_stamp_ || ng < g_[v]) {
        stamp_[v] = cur_stamp_;
        g_[v] = ng;
        heap.push({static_cast<double>(ng) + h(v), ng, v});
      }
    }
  }
  return -1;
}

}  // namespace gw::validate::detail
