// The validator's trip searches (trip_search.hpp): remembered trees and routes, and A* over the
// edges open at a time, bounded by the road index's landmarks.
#include "validate/trip_search.hpp"

#include <algorithm>
#include <functional>

namespace gw::validate::detail {

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
  const Seconds s = search(src, dst, depart, limit, open, kWithinWeight);
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
    const std::uint32_t e = label_[v].via;
    r.edges.push_back(e);
    v = net_.other(e, v);
  }
  route_edges_ += r.edges.size();
  return s;
}

Seconds TripSearch::shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                             const std::vector<Minutes>& open) {
  return search(src, dst, depart, limit, open, 1.0);
}

// The heap of a search: four children per entry, half the depth of a binary heap, and each
// entry 16 bytes. A node's entry is stale once the node is labelled again (its label's f moved).
void TripSearch::heap_push(Entry x) {
  std::size_t i = heap_.size();
  heap_.push_back(x);
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!(x.f < heap_[parent].f)) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = x;
}

TripSearch::Entry TripSearch::heap_pop() {
  const Entry top = heap_.front();
  const Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top;
  std::size_t i = 0;
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = std::min(first + 4, n);
    for (std::size_t c = first + 1; c < end; ++c) {
      if (heap_[c].f < heap_[best].f) best = c;
    }
    if (!(heap_[best].f < last.f)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = last;
  return top;
}

Seconds TripSearch::search(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                           const std::vector<Minutes>& open, double weight) {
  settled_ = 0;
  if (src == dst) return 0;
  if (label_.size() != net_.num_nodes()) label_.assign(net_.num_nodes(), Label{});
  if (++cur_stamp_ == 0) {
    for (Label& l : label_) l.stamp = 0;
    cur_stamp_ = 1;
  }
  auto h = [&](std::uint32_t v) { return net_.lower_bound(v, dst); };
  const double bound = static_cast<double>(limit) + 1e-6;
  const double h_src = h(src);
  if (h_src > bound) return limit + 1;
  const auto& arc_off = net_.arc_off;
  const auto& arcs = net_.arcs;
  heap_.clear();
  label_[src] = {0, weight * h_src, h_src, cur_stamp_, 0};
  heap_push({weight * h_src, src});
  bool pruned = false;
  while (!heap_.empty()) {
    const Entry top = heap_pop();
    const Label here = label_[top.node];
    if (top.f != here.f) continue;  // labelled again since, with a shorter way to it
    ++settled_;
    if (top.node == dst) return here.g;
    for (std::uint32_t k = arc_off[top.node]; k < arc_off[top.node + 1]; ++k) {
      const RoadIndex::Arc& a = arcs[k];
      if (open[a.edge] > depart) continue;
      const Seconds ng = here.g + a.s;
      Label& l = label_[a.head];
      const bool fresh = l.stamp != cur_stamp_;
      if (!fresh && ng >= l.g) continue;
      const double hv = fresh ? h(a.head) : l.h;  // the bound of a node, once per search
      if (static_cast<double>(ng) + hv > bound) {
        pruned = true;  // no path through it fits
        if (fresh) l = {kUnlabelled, 0, hv, cur_stamp_, 0};
        continue;
      }
      const double f = static_cast<double>(ng) + weight * hv;
      l = {ng, f, hv, cur_stamp_, a.edge};
      heap_push({f, a.head});
    }
  }
  return pruned ? limit + 1 : -1;
}

}  // namespace gw::validate::detail
