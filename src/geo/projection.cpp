#include "geo/projection.hpp"

namespace gw::geo {

double length_m(const LineString& line) {
  double total = 0;
  for (std::size_t i = 1; i < line.size(); ++i) total += distance_m(line[i - 1], line[i]);
  return total;
}

LonLat vertex_centroid(const Ring& ring) {
  LonLat c{0, 0};
  if (ring.empty()) return c;
  // A closed ring repeats its first point: leave it out.
  const std::size_t n = ring.size() > 1 && ring.front() == ring.back() ? ring.size() - 1 : ring.size();
  for (std::size_t i = 0; i < n; ++i) {
    c.lon += ring[i].lon;
    c.lat += ring[i].lat;
  }
  c.lon /= static_cast<double>(n);
  c.lat /= static_cast<double>(n);
  return c;
}

namespace {
double ring_area(const Ring& ring, const LocalProjection& proj) {
  double twice = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const XY a = proj.forward(ring[i]);
    const XY b = proj.forward(ring[i + 1]);
    twice += a.x * b.y - b.x * a.y;
  }
  if (!ring.empty() && !(ring.front() == ring.back())) {
    const XY a = proj.forward(ring.back());
    const XY b = proj.forward(ring.front());
    twice += a.x * b.y - b.x * a.y;
  }
  return std::abs(twice) / 2;
}
}  // namespace

double area_m2(const Polygon& polygon) {
  const LocalProjection proj(vertex_centroid(polygon.outer));
  double a = ring_area(polygon.outer, proj);
  for (const auto& h : polygon.holes) a -= ring_area(h, proj);
  return a;
}

}  // namespace gw::geo
