// Private to the validator: its own index of a road network (docs/model.md §1, §5). Built from the
// network alone and read only once built, so one index serves every plan of the same district
// (validate::Workspace) and every thread of one validation; the searches over it, with their
// scratch and what they remember, are TripSearch (trip_search.hpp). Nothing here is shared with
// src/plan.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "validate/geometry.hpp"

namespace gw::validate::detail {

// Fingerprints of what a Workspace keeps (RoadIndex::serves, HazardGeometry::print): values mixed
// into 64 bits, doubles by their bits.
inline std::uint64_t fp_mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}
inline std::uint64_t fp_bits(double v) {
  std::uint64_t b = 0;
  static_assert(sizeof b == sizeof v);
  std::memcpy(&b, &v, sizeof b);
  return b;
}

class RoadIndex {
 public:
  explicit RoadIndex(const RoadNetwork& rn);

  // Whether this index was built from a network equal to `rn` (its nodes, edge ends, lengths and
  // speeds): a fingerprint of them, compared with the one taken at construction.
  [[nodiscard]] bool serves(const RoadNetwork& rn) const { return fingerprint(rn) == print_; }
  static std::uint64_t fingerprint(const RoadNetwork& rn);

  // What building found wrong with the network (reported by every validation that uses it).
  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

  // The road node (a node with an incident edge) of `rn` (the network this index serves) nearest
  // to p; UINT32_MAX when none.
  [[nodiscard]] std::uint32_t snap(LonLat p, const RoadNetwork& rn) const;

  // A lower bound on the travel seconds from node v to node t over the edges open at any time of
  // any plan: the larger of the straight line at the top speed and the landmarks' bound (ALT).
  // (Keeping only the 4 landmarks that bound a search's source best, as Goldberg & Harrelson
  // do, made the default district's forecast no faster: a search computes each node's bound once.)
  [[nodiscard]] double lower_bound(std::uint32_t v, std::uint32_t t) const {
    const double dx = node_xy[v].x() - node_xy[t].x();
    const double dy = node_xy[v].y() - node_xy[t].y();
    double best = h_coef_ * std::sqrt(dx * dx + dy * dy);
    const std::int32_t* lm_v = lm_.data() + static_cast<std::size_t>(v) * kLandmarks;
    const std::int32_t* lm_t = lm_.data() + static_cast<std::size_t>(t) * kLandmarks;
    for (std::size_t k = 0; k < lm_count_; ++k) {
      const Seconds a = lm_v[k];
      const Seconds b = lm_t[k];
      if (a == kLmUnreached || b == kLmUnreached) continue;
      best = std::max(best, static_cast<double>(a > b ? a - b : b - a));
    }
    return best;
  }

  // Least travel seconds from src to every node (kInf: none), over every passable edge or, with
  // `open`, over those open from the start.
  void full_dijkstra(std::uint32_t src, std::vector<Seconds>& d,
                     const std::vector<Minutes>* open = nullptr) const;
  [[nodiscard]] std::size_t num_nodes() const { return n_; }
  [[nodiscard]] std::uint32_t other(std::uint32_t e, std::uint32_t u) const {
    return from[e] == u ? to[e] : from[e];
  }
  static constexpr Seconds kInf = std::numeric_limits<Seconds>::max() / 4;
  static constexpr std::int32_t kLmUnreached = std::numeric_limits<std::int32_t>::max();

  // The network as the checks see it, read only.
  geom::Projection global;                  // centred on the network's bounding box
  std::vector<geom::Pt> node_xy;            // node positions in `global`
  std::vector<std::uint32_t> adj_off, adj;  // incident edges of each node (CSR)
  std::vector<char> edge_ok;                // both ends exist
  std::vector<Seconds> edge_s;              // travel seconds; -1: not passable
  // The passable edges at each node as arcs (arc_off is CSR over the nodes, like adj_off): what a
  // search reads when it settles a node, in one contiguous block, where adj needs three more
  // lookups per edge (its ends, its travel).
  struct Arc {
    std::uint32_t head;  // the other end
    std::uint32_t edge;
    Seconds s;  // travel seconds
  };
  std::vector<std::uint32_t> arc_off;
  std::vector<Arc> arcs;
  std::vector<std::uint32_t> from, to;     // edge ends
  std::unique_ptr<geom::EdgeIndex> edges;  // edge bounding boxes in `global`

 private:
  void build_landmarks();

  std::size_t n_ = 0;
  std::uint64_t print_ = 0;
  std::vector<std::string> problems_;
  double h_coef_ = 0;  // seconds per projected metre: the admissible straight-line bound
  geom::bgi::rtree<std::pair<geom::Pt, std::uint32_t>, geom::bgi::rstar<16>> node_tree_;

  // ALT: lm_[v * kLandmarks + k] is the travel seconds between node v and landmark k
  // (kLmUnreached when none), for the first lm_count_ landmarks. Closing edges only lengthens
  // paths, so |d(L, t) - d(L, v)| stays an admissible, consistent lower bound at any time of any
  // plan.
  static constexpr std::size_t kLandmarks = 12;
  std::vector<std::int32_t> lm_;
  std::size_t lm_count_ = 0;
};

}  // namespace gw::validate::detail
