// The validator's trip searches (trip_search.hpp): remembered trees and routes, and A* over the
// edges open at a time, bounded by the road index's landmarks.
#include "validate/trip_search.hpp"

#include <algorithm>
#include <queue>

namespace gw::validate::detail {

namespace {

struct AStarEntry {
  double f;
  Seconds g;
  std::uint32_t node;
  bool operator>(const AStarEntry& o) const { return f > o.f; }
};

}  // namespace

void TripSearch::begin_plan(const std::vector<Minutes>& open) {
  std::uint64_t h = fp_mix(0, open.size());
  for (std::size_t e = 0; e < open.size(); ++e) {
    if (open[e] <= 0) h = fp_mix(h, e);
  }
  if (h == start_print_) return;
  start_print_ = h;
  trees_.clear();
  asked_.clear();
}

const std::vector<std::int32_t>* TripSearch::tree_for(std::uint32_t src,
                                                      const std::vector<Minutes>& open) {
  if (const auto it = trees_.find(src); it != trees_.end()) return &it->second;
  // Built once the searches from src have settled as many nodes as the tree will: a tree then
  // costs at most what those searches did (ski rental), and no more than twice the best choice
  // made knowing the future. On a district the searches are short against the network, and
  // trees come quickly; on a country they come only for the sources of many long trips.
  const auto spent = asked_.find(src);
  if (spent == asked_.end() || spent->second < net_.num_nodes()) return nullptr;
  if ((trees_.size() + 1) * net_.num_nodes() * sizeof(std::int32_t) > kTreeBytesKept)
    return nullptr;
  std::vector<Seconds> d;
  net_.full_dijkstra(src, d, &open);
  std::vector<std::int32_t>& tree = trees_[src];
  tree.assign(net_.num_nodes(), RoadIndex::kLmUnreached);
  for (std::size_t v = 0; v < net_.num_nodes(); ++v) {
    if (d[v] < RoadIndex::kLmUnreached) tree[v] = static_cast<std::int32_t>(d[v]);
  }
  asked_.erase(src);
  return &tree;
}

Seconds TripSearch::trip_within(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                                const std::vector<Minutes>& open) {
  if (src == dst) return 0;
  // Travel is the same both ways along an edge: a trip and its reverse share trees and routes.
  if (depart >= 0) {
    const auto* tree = tree_for(src, open);
    if (tree != nullptr && (*tree)[dst] <= limit) return (*tree)[dst];  // open from the start
    const auto back = trees_.find(dst);
    if (back != trees_.end() && back->second[src] <= limit) return back->second[src];
  }
  const std::uint64_t ends =
      (static_cast<std::uint64_t>(std::min(src, dst)) << 32) | std::max(src, dst);
  const auto it = routes_.find(ends);
  if (it != routes_.end()) {
    for (const Route& r : it->second.routes) {
      if (r.edges.empty() || r.s > limit) continue;
      if (std::all_of(r.edges.begin(), r.edges.end(),
                      [&](std::uint32_t e) { return open[e] <= depart; }))
        return r.s;  // that route is open, and fits
    }
  }
  const Seconds s = shortest(src, dst, depart, limit, open);
  if (depart >= 0) asked_[src] += settled_;
  if (s < 0 || s > limit) return s;
  if (route_edges_ > kRouteEdgesKept) {
    routes_.clear();
    route_edges_ = 0;
  }
  Routes& kept = routes_[ends];
  Route& r = kept.routes[kept.next];
  kept.next = static_cast<std::uint8_t>((kept.next + 1) % kept.routes.size());
  route_edges_ -= r.edges.size();
  r.edges.clear();
  r.s = s;
  for (std::uint32_t v = dst; v != src;) {
    const std::uint32_t e = via_[v];
    r.edges.push_back(e);
    v = net_.other(e, v);
  }
  route_edges_ += r.edges.size();
  return s;
}

Seconds TripSearch::shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                             const std::vector<Minutes>& open) {
  if (src == dst) return 0;
  if (g_.size() != net_.num_nodes()) {
    g_.assign(net_.num_nodes(), 0);
    via_.assign(net_.num_nodes(), 0);
    stamp_.assign(net_.num_nodes(), 0);
  }
  if (++cur_stamp_ == 0) {
    std::fill(stamp_.begin(), stamp_.end(), 0);
    cur_stamp_ = 1;
  }
  auto h = [&](std::uint32_t v) { return net_.lower_bound(v, dst); };
  const auto& adj_off = net_.adj_off;
  const auto& adj = net_.adj;
  const auto& edge_s = net_.edge_s;
  std::priority_queue<AStarEntry, std::vector<AStarEntry>, std::greater<>> heap;
  g_[src] = 0;
  stamp_[src] = cur_stamp_;
  heap.push({h(src), 0, src});
  settled_ = 0;
  const double bound = static_cast<double>(limit) + 1e-6;
  while (!heap.empty()) {
    const AStarEntry top = heap.top();
    heap.pop();
    if (top.g != g_[top.node]) continue;
    ++settled_;
    if (top.f > bound) return limit + 1;
    if (top.node == dst) return top.g;
    for (std::uint32_t k = adj_off[top.node]; k < adj_off[top.node + 1]; ++k) {
      const std::uint32_t e = adj[k];
      if (edge_s[e] < 0 || open[e] > depart) continue;
      const std::uint32_t v = net_.other(e, top.node);
      const Seconds ng = top.g + edge_s[e];
      if (stamp_[v] != cur_stamp_ || ng < g_[v]) {
        stamp_[v] = cur_stamp_;
        g_[v] = ng;
        via_[v] = e;
        heap.push({static_cast<double>(ng) + h(v), ng, v});
      }
    }
  }
  return -1;
}

}  // namespace gw::validate::detail
