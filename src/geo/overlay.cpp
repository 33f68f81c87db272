#include "geo/overlay.hpp"

#include <boost/geometry.hpp>

#include "geo/projection.hpp"

namespace gw::geo {

namespace bg = boost::geometry;
using BPoint = bg::model::d2::point_xy<double>;
using BPolygon = bg::model::polygon<BPoint>;
using BMulti = bg::model::multi_polygon<BPolygon>;
using BLine = bg::model::linestring<BPoint>;

namespace {
BPolygon project(const Polygon& poly, const LocalProjection& proj) {
  BPolygon out;
  for (const auto& p : poly.outer) {
    const XY q = proj.forward(p);
    out.outer().emplace_back(q.x, q.y);
  }
  for (const auto& h : poly.holes) {
    out.inners().emplace_back();
    for (const auto& p : h) {
      const XY q = proj.forward(p);
      out.inners().back().emplace_back(q.x, q.y);
    }
  }
  bg::correct(out);
  return out;
}
BLine project(const LineString& line, const LocalProjection& proj) {
  BLine out;
  for (const auto& p : line) {
    const XY q = proj.forward(p);
    out.emplace_back(q.x, q.y);
  }
  return out;
}
}  // namespace

double corridor_overlap_m2(const Polygon& polygon, const LineString& line, double half_width_m) {
  const LocalProjection proj(vertex_centroid(polygon.outer));
  const BPolygon poly = project(polygon, proj);
  const BLine l = project(line, proj);
  if (bg::distance(poly, l) >= half_width_m) return 0;
  BMulti band;
  bg::buffer(l, band, bg::strategy::buffer::distance_symmetric<double>(half_width_m),
             bg::strategy::buffer::side_straight(), bg::strategy::buffer::join_round(64),
             bg::strategy::buffer::end_round(64), bg::strategy::buffer::point_circle(64));
  BMulti inter;
  bg::intersection(poly, band, inter);
  return bg::area(inter);
}

double polygon_distance_m(const Polygon& polygon, const LineString& geometry) {
  const LocalProjection proj(vertex_centroid(polygon.outer));
  const BPolygon poly = project(polygon, proj);
  if (geometry.size() == 1) {
    const XY q = proj.forward(geometry.front());
    return bg::distance(BPoint(q.x, q.y), poly);
  }
  return bg::distance(project(geometry, proj), poly);
}

}  // namespace gw::geo
