// The validator's own geometry (docs/model.md §1): projections, distances, corridor areas and a
// spatial index of road edges. Shares no code with src/geo; Boost.Geometry does the polygon work.
#pragma once

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "model/geometry.hpp"
#include "model/road_network.hpp"

namespace gw::validate::geom {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Pt = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<Pt>;
using Poly = bg::model::polygon<Pt>;  // clockwise, closed
using MultiPoly = bg::model::multi_polygon<Poly>;
using Box = bg::model::box<Pt>;

// Equirectangular projection scaled by the WGS 84 radii of curvature at its origin: metres east and
// north of the origin. Accurate to well under 0.1 % within a few kilometres of the origin.
class Projection {
 public:
  Projection() : Projection(LonLat{0, 0}) {}
  explicit Projection(LonLat origin);
  [[nodiscard]] Pt operator()(LonLat p) const {
    return {(p.lon - origin_.lon) * mx_, (p.lat - origin_.lat) * my_};
  }

 private:
  LonLat origin_;
  double mx_ = 1;
  double my_ = 1;
};

// Great-circle (haversine) distance in metres on the mean Earth radius.
double great_circle_m(LonLat a, LonLat b);

double distance(Pt p, Pt a, Pt b);        // point to segment
double distance(Pt p, const Line& line);  // point to polyline (a single point allowed)

// Projects a lon/lat polygon and corrects its orientation and closure.
Poly project(const Polygon& polygon, const Projection& proj);
// Projects a polyline, dropping consecutive points closer than 1 mm.
Line project(const LineString& line, const Projection& proj);
Line project_edge(const RoadNetwork& roads, std::size_t e, const Projection& proj);

// Distance between a polyline and a polygon (0 when they touch or the line enters it).
double distance(const Line& line, const Poly& polygon);

// Area in m² of the polygon inside the band of `half_width` on each side of the polyline, round
// ends and joins (the Minkowski sum of the line and a disc). Returns a negative value when Boost
// cannot compute it (invalid input).
double corridor_area(const Poly& polygon, const Line& line, double half_width);

// Vertex centroid of a ring or line (a representative point to centre a projection on).
LonLat centre(const Ring& ring);

// Spatial index of the road edges' bounding boxes in one projection for the whole network.
class EdgeIndex {
 public:
  EdgeIndex(const RoadNetwork& roads, const Projection& proj);
  // Edges whose bounding box intersects `box` (in the index's projection).
  void query(const Box& box, std::vector<std::uint32_t>& out) const;
  // The edges nearest to a feature: calls dist(e) (metres, in any projection close to the index's)
  // for candidate edges in growing boxes around `around` until the nearest is certain. Returns
  // {edge, distance}, or {UINT32_MAX, inf} when the network has no edges.
  template <typename DistFn, typename Accept>
  std::pair<std::uint32_t, double> nearest(const Box& around, DistFn&& dist, Accept&& accept,
                                           double max_radius) const;
  [[nodiscard]] const Box& bounds() const { return bounds_; }

 private:
  using Value = std::pair<Box, std::uint32_t>;
  bgi::rtree<Value, bgi::rstar<16>> tree_;
  Box bounds_;
};

inline Box grow(const Box& b, double r) {
  return {Pt(b.min_corner().x() - r, b.min_corner().y() - r),
          Pt(b.max_corner().x() + r, b.max_corner().y() + r)};
}

template <typename DistFn, typename Accept>
std::pair<std::uint32_t, double> EdgeIndex::nearest(const Box& around, DistFn&& dist,
                                                    Accept&& accept, double max_radius) const {
  std::vector<std::uint32_t> cand;
  const double span = std::max(bounds_.max_corner().x() - bounds_.min_corner().x(),
                               bounds_.max_corner().y() - bounds_.min_corner().y());
  for (double r = 50;; r *= 4) {
    cand.clear();
    query(grow(around, r), cand);
    std::pair<std::uint32_t, double> best{UINT32_MAX, std::numeric_limits<double>::infinity()};
    for (auto e : cand) {
      if (!accept(e)) continue;
      const double d = dist(e);
      if (d < best.second || (d == best.second && e < best.first)) best = {e, d};
    }
    // Anything outside the box is at least r away (up to the projections' difference).
    if (best.second <= 0.9 * r) return best;
    if (r > max_radius * 1.2 + 10)
      return best.second <= max_radius
                 ? best
                 : decltype(best){UINT32_MAX, std::numeric_limits<double>::infinity()};
    if (r > 4 * span + 1e6) return best;
  }
}

}  // namespace gw::validate::geom
