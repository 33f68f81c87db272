// The dispatcher's road state: which edges are open (their blocking tasks all done), the
// components of the open network (union-find), and per component the available tasks of each
// class, counted at both ends of their site edges, so that a crew knows without a search whether
// its component holds work it can do.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "model/task.hpp"
#include "network/union_find.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

using ClassCounts = std::array<std::int32_t, kTaskClassCount>;
using ClassSet = std::array<bool, kTaskClassCount>;

class RoadState {
 public:
  // Every edge without blockers is open from the start.
  RoadState(const RoadNetwork& net, const TaskSet& ts);

  [[nodiscard]] std::size_t num_edges() const { return open_.size(); }
  [[nodiscard]] bool is_open(std::size_t e) const { return open_[e] != 0; }
  [[nodiscard]] std::size_t blocked_at_start() const { return blocked_at_start_; }
  // Bumped whenever an edge opens: what was computed on the network before is stale.
  [[nodiscard]] std::uint64_t version() const { return version_; }

  // The component of a node (its union-find root).
  std::uint32_t root(std::size_t node) { return uf_.find(node); }

  // One blocking task of edge e has ended: true when it was the last (the edge may open).
  bool unblock(std::size_t e) { return --blockers_left_[e] == 0; }
  // Marks e open and returns the components of its ends, still apart.
  std::pair<std::uint32_t, std::uint32_t> open(std::size_t e) {
    open_[e] = 1;
    ++version_;
    return {uf_.find(from_[e].index()), uf_.find(to_[e].index())};
  }
  // Joins two components (roots) and their work counts: returns {kept root, absorbed root}.
  std::pair<std::uint32_t, std::uint32_t> join(std::uint32_t a, std::uint32_t b) {
    const auto [keep, gone] = uf_.unite(a, b);
    for (std::size_t k = 0; k < kTaskClassCount; ++k) counts_[keep][k] += counts_[gone][k];
    return {keep, gone};
  }

  // Adds delta to the available tasks of class k at the components of both site ends u and v.
  void count(std::uint32_t u, std::uint32_t v, std::size_t k, std::int32_t delta) {
    counts_[uf_.find(u)][k] += delta;
    counts_[uf_.find(v)][k] += delta;
  }
  // Available tasks of the classes in `cap` counted at component `root`.
  [[nodiscard]] std::size_t capable_count(std::uint32_t root, const ClassSet& cap) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (cap[k]) n += static_cast<std::size_t>(std::max(0, counts_[root][k]));
    }
    return n;
  }
  // Whether component `root` holds an available task of a class in `cap`.
  [[nodiscard]] bool has_work(std::uint32_t root, const ClassSet& cap) const {
    const auto& row = counts_[root];
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (cap[k] && row[k] > 0) return true;
    }
    return false;
  }

 private:
  const std::vector<NodeId>& from_;
  const std::vector<NodeId>& to_;
  network::UnionFind uf_;
  std::vector<ClassCounts> counts_;  // per union-find root
  std::vector<std::uint32_t> blockers_left_;
  std::vector<std::uint8_t> open_;
  std::size_t blocked_at_start_ = 0;
  std::uint64_t version_ = 1;
};

}  // namespace gw::plan::dispatcher
