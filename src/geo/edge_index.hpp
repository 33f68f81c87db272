// Spatial index over the road edges (Boost.Geometry R-tree), for snapping and linking.
#pragma once

#include <memory>
#include <vector>

#include "geo/projection.hpp"
#include "model/road_network.hpp"

namespace gw::geo {

struct EdgeHit {
  EdgeId edge;
  double distance_m = 0;
};

class EdgeIndex {
 public:
  explicit EdgeIndex(const RoadNetwork& net);
  // Over a subset of the edges only (a query then never has to skip the others).
  EdgeIndex(const RoadNetwork& net, const std::vector<EdgeId>& subset);
  ~EdgeIndex();
  EdgeIndex(const EdgeIndex&) = delete;
  EdgeIndex& operator=(const EdgeIndex&) = delete;

  // The edge nearest to p (exact distance to its polyline), optionally only among edges that pass
  // `accept`. Returns an invalid id when there is none.
  template <typename Accept>
  EdgeHit nearest(LonLat p, Accept&& accept) const;
  [[nodiscard]] EdgeHit nearest(LonLat p) const {
    return nearest(p, [](EdgeId) { return true; });
  }
  // The edge nearest to `points` by `exact_distance_m(e)` (ties: the smaller id) among those that
  // pass `accept`. Candidates come in order of the distance between their box and the points' box,
  // a lower bound of the exact distance for any distance that is at least the gap between the
  // shapes (a point, a polygon or a line), so the search stops at the first candidate whose box is
  // farther than the best exact distance: the work grows with the distance, not its square.
  template <typename Accept, typename Distance>
  EdgeHit nearest_to(const std::vector<LonLat>& points, Accept&& accept,
                     Distance&& exact_distance_m) const;

  // Edges whose bounding box, grown by margin_m, intersects the box of `ring`.
  [[nodiscard]] std::vector<EdgeId> near_box(const std::vector<LonLat>& points,
                                             double margin_m) const;

  // Distance in metres from p to the polyline of edge e.
  [[nodiscard]] double distance_to_edge(LonLat p, EdgeId e) const;
  [[nodiscard]] const LocalProjection& projection() const { return proj_; }

 private:
  // k nearest candidates by bounding box, in order of box distance.
  [[nodiscard]] std::vector<std::pair<double, EdgeId>> candidates(LonLat p, std::size_t k) const;
  // The k edges nearest to the box of `points` by box distance, in that order, each with a lower
  // bound in metres of its distance.
  [[nodiscard]] std::vector<std::pair<double, EdgeId>> candidates(const std::vector<LonLat>& points,
                                                                  std::size_t k) const;
  void build(const std::vector<EdgeId>& edges);
  const RoadNetwork& net_;
  LocalProjection proj_;  // district-wide: used only to rank candidates, never for final distances
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

// Nearest node to p; brute force over the nodes of the nearest edges.
struct NodeHit {
  NodeId node;
  double distance_m = 0;
};
NodeHit nearest_node(const EdgeIndex& index, const RoadNetwork& net, LonLat p);

// Distance from p to segment ab in metres, in a projection at p.
double point_segment_distance_m(LonLat p, LonLat a, LonLat b);

template <typename Accept>
EdgeHit EdgeIndex::nearest(LonLat p, Accept&& accept) const {
  // Box distance is a lower bound of the true distance (up to the projection's distortion, which
  // the 1.05 factor absorbs): widen the search until the best exact hit is certainly the nearest.
  for (std::size_t k = 8;; k *= 4) {
    const auto cands = candidates(p, k);
    EdgeHit best{EdgeId{}, 0};
    for (const auto& [box_d, e] : cands) {
      if (!accept(e)) continue;
      if (best.edge.valid() && box_d > best.distance_m * 1.05 + 1) break;
      const double d = distance_to_edge(p, e);
      if (!best.edge.valid() || d < best.distance_m) best = {e, d};
    }
    const bool exhausted = cands.size() < k;
    if (exhausted || (best.edge.valid() && cands.back().first > best.distance_m * 1.05 + 1))
      return best;
  }
}

template <typename Accept, typename Distance>
EdgeHit EdgeIndex::nearest_to(const std::vector<LonLat>& points, Accept&& accept,
                              Distance&& exact_distance_m) const {
  // Widen the candidate list until the next candidate's box is farther than the best hit.
  for (std::size_t k = 16;; k *= 4) {
    const auto cands = candidates(points, k);
    EdgeHit best{EdgeId{}, 0};
    for (const auto& [lower_m, e] : cands) {
      if (best.edge.valid() && lower_m > best.distance_m) return best;
      if (!accept(e)) continue;
      const double d = exact_distance_m(e);
      if (!best.edge.valid() || d < best.distance_m || (d == best.distance_m && e < best.edge))
        best = {e, d};
    }
    if (cands.size() < k) return best;  // every edge seen
  }
}

}  // namespace gw::geo
