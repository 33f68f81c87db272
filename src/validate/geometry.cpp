#include "validate/geometry.hpp"

#include <cmath>

namespace gw::validate::geom {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;
}  // namespace

Projection::Projection(LonLat origin) : origin_(origin) {
  const double a = 6378137.0;
  const double f = 1.0 / 298.257223563;
  const double e2 = f * (2 - f);
  const double s = std::sin(origin.lat * kDeg);
  const double w = std::sqrt(1 - e2 * s * s);
  mx_ = a / w * std::cos(origin.lat * kDeg) * kDeg;
  my_ = a * (1 - e2) / (w * w * w) * kDeg;
}

double great_circle_m(LonLat a, LonLat b) {
  const double r = 6371008.8;
  const double dlat = (b.lat - a.lat) * kDeg;
  const double dlon = (b.lon - a.lon) * kDeg;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * r * std::asin(std::min(1.0, std::sqrt(h)));
}

double distance(Pt p, Pt a, Pt b) {
  const double dx = b.x() - a.x();
  const double dy = b.y() - a.y();
  const double l2 = dx * dx + dy * dy;
  double t = 0;
  if (l2 > 0) t = std::clamp(((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / l2, 0.0, 1.0);
  return std::hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
}

double distance(Pt p, const Line& line) {
  if (line.empty()) return std::numeric_limits<double>::infinity();
  if (line.size() == 1) return std::hypot(p.x() - line[0].x(), p.y() - line[0].y());
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < line.size(); ++i)
    best = std::min(best, distance(p, line[i - 1], line[i]));
  return best;
}

Poly project(const Polygon& polygon, const Projection& proj) {
  Poly out;
  for (const auto& p : polygon.outer) out.outer().push_back(proj(p));
  for (const auto& hole : polygon.holes) {
    out.inners().emplace_back();
    for (const auto& p : hole) out.inners().back().push_back(proj(p));
  }
  bg::correct(out);
  return out;
}

Line project(const LineString& line, const Projection& proj) {
  Line out;
  for (const auto& p : line) {
    const Pt q = proj(p);
    if (!out.empty() && std::hypot(q.x() - out.back().x(), q.y() - out.back().y()) < 1e-3) continue;
    out.push_back(q);
  }
  return out;
}

Line project_edge(const RoadNetwork& roads, std::size_t e, const Projection& proj) {
  Line out;
  for (std::size_t i = roads.edge_shape_offset[e]; i < roads.edge_shape_offset[e + 1]; ++i) {
    const Pt q = proj(roads.edge_shape[i]);
    if (!out.empty() && std::hypot(q.x() - out.back().x(), q.y() - out.back().y()) < 1e-3) continue;
    out.push_back(q);
  }
  if (roads.edge_shape_offset[e] == roads.edge_shape_offset[e + 1]) {
    LineString ends{roads.node_pos[roads.edge_from[e].index()],
                    roads.node_pos[roads.edge_to[e].index()]};
    return project(ends, proj);
  }
  return out;
}

double distance(const Line& line, const Poly& polygon) {
  if (line.empty()) return std::numeric_limits<double>::infinity();
  if (line.size() == 1) return bg::distance(line[0], polygon);
  return bg::distance(line, polygon);
}

double corridor_area(const Poly& polygon, const Line& line, double half_width) {
  if (line.empty()) return 0;
  try {
    constexpr int kPointsPerCircle = 72;
    const bg::strategy::buffer::distance_symmetric<double> dist(half_width);
    const bg::strategy::buffer::join_round join(kPointsPerCircle);
    const bg::strategy::buffer::end_round end(kPointsPerCircle);
    const bg::strategy::buffer::point_circle circle(kPointsPerCircle);
    const bg::strategy::buffer::side_straight side;
    MultiPoly band;
    if (line.size() == 1) {
      bg::buffer(line[0], band, dist, side, join, end, circle);
    } else {
      bg::buffer(line, band, dist, side, join, end, circle);
    }
    MultiPoly inside;
    bg::intersection(polygon, band, inside);
    return bg::area(inside);
  } catch (const std::exception&) {
    return -1;
  }
}

LonLat centre(const Ring& ring) {
  if (ring.empty()) return {};
  // A closed ring repeats its first point; leave the repeat out.
  std::size_t n = ring.size();
  if (n > 1 && ring.front() == ring.back()) --n;
  LonLat c{0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    c.lon += ring[i].lon;
    c.lat += ring[i].lat;
  }
  return {c.lon / static_cast<double>(n), c.lat / static_cast<double>(n)};
}

EdgeIndex::EdgeIndex(const RoadNetwork& roads, const Projection& proj)
    : bounds_(Pt(0, 0), Pt(0, 0)) {
  std::vector<Value> values;
  values.reserve(roads.num_edges());
  bg::assign_inverse(bounds_);
  for (std::size_t e = 0; e < roads.num_edges(); ++e) {
    Box b;
    bg::assign_inverse(b);
    for (std::size_t i = roads.edge_shape_offset[e]; i < roads.edge_shape_offset[e + 1]; ++i) {
      bg::expand(b, proj(roads.edge_shape[i]));
    }
    if (roads.edge_shape_offset[e] == roads.edge_shape_offset[e + 1]) {
      bg::expand(b, proj(roads.node_pos[roads.edge_from[e].index()]));
      bg::expand(b, proj(roads.node_pos[roads.edge_to[e].index()]));
    }
    bg::expand(bounds_, b);
    values.emplace_back(b, static_cast<std::uint32_t>(e));
  }
  if (values.empty()) bounds_ = Box(Pt(0, 0), Pt(0, 0));
  tree_ = decltype(tree_)(values.begin(), values.end());
}

void EdgeIndex::query(const Box& box, std::vector<std::uint32_t>& out) const {
  for (auto it = tree_.qbegin(bgi::intersects(box)); it != tree_.qend(); ++it)
    out.push_back(it->second);
}

}  // namespace gw::validate::geom
