#include "geo/projection.hpp"

#include <algorithm>

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
  const std::size_t n =
      ring.size() > 1 && ring.front() == ring.back() ? ring.size() - 1 : ring.size();
  for (std::size_t i = 0; i < n; ++i) {
    c.lon += ring[i].lon;
    c.lat += ring[i].lat;
  }
  c.lon /= static_cast<double>(n);
  c.lat /= static_cast<double>(n);
  return c;
}

namespace {
constexpr double kE2 = kWgs84F * (2 - kWgs84F);  // first eccentricity squared

// Snyder's q(φ) (eq. 3-12): twice the authalic area between the equator and φ, over a².
double authalic_q(double lat_deg) {
  const double e = std::sqrt(kE2);
  const double s = std::sin(lat_deg * kPi / 180.0);
  return (1 - kE2) * (s / (1 - kE2 * s * s) - std::log((1 - e * s) / (1 + e * s)) / (2 * e));
}
}  // namespace

EqualAreaProjection::EqualAreaProjection(LonLat origin)
    : lon0_(origin.lon), q0_(authalic_q(origin.lat)) {
  const double phi = origin.lat * kPi / 180.0;
  const double s = std::sin(phi);
  // Near a pole k0 tends to 0; any k0 > 0 keeps the projection equal-area.
  const double k0 = std::max(std::cos(phi) / std::sqrt(1 - kE2 * s * s), 1e-9);
  kx_ = k0 * kWgs84A * kPi / 180.0;
  ky_ = kWgs84A / (2 * k0);
}

XY EqualAreaProjection::forward(LonLat p) const {
  return {(p.lon - lon0_) * kx_, (authalic_q(p.lat) - q0_) * ky_};
}

namespace {
double ring_area(const Ring& ring, const EqualAreaProjection& proj) {
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
  const EqualAreaProjection proj(vertex_centroid(polygon.outer));
  double a = ring_area(polygon.outer, proj);
  for (const auto& h : polygon.holes) a -= ring_area(h, proj);
  return a;
}

}  // namespace gw::geo
