// Local metric projection and geodesic helpers on the WGS 84 ellipsoid.
#pragma once

#include <cmath>

#include "model/geometry.hpp"

namespace gw::geo {

struct XY {
  double x = 0;  // metres east
  double y = 0;  // metres north
};

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kWgs84A = 6378137.0;
inline constexpr double kWgs84F = 1.0 / 298.257223563;

// Equirectangular projection scaled by the ellipsoid's radii of curvature at the origin: lengths
// and areas within a few kilometres of the origin are exact to well under 0.1 %. Callers that
// measure a feature centre the projection on the feature.
class LocalProjection {
 public:
  LocalProjection() : LocalProjection(LonLat{0, 0}) {}
  explicit LocalProjection(LonLat origin) : origin_(origin) {
    const double phi = origin.lat * kPi / 180.0;
    const double e2 = kWgs84F * (2 - kWgs84F);
    const double s = std::sin(phi);
    const double w = std::sqrt(1 - e2 * s * s);
    const double n = kWgs84A / w;                       // prime vertical radius
    const double m = kWgs84A * (1 - e2) / (w * w * w);  // meridional radius
    mx_ = n * std::cos(phi) * kPi / 180.0;              // metres per degree of longitude
    my_ = m * kPi / 180.0;                              // metres per degree of latitude
  }
  [[nodiscard]] XY forward(LonLat p) const {
    return {(p.lon - origin_.lon) * mx_, (p.lat - origin_.lat) * my_};
  }
  [[nodiscard]] LonLat inverse(XY p) const {
    return {origin_.lon + p.x / mx_, origin_.lat + p.y / my_};
  }
  [[nodiscard]] LonLat origin() const { return origin_; }

 private:
  LonLat origin_;
  double mx_ = 1;
  double my_ = 1;
};

// Lambert cylindrical equal-area projection of the WGS 84 ellipsoid with its standard parallel at
// the origin (Snyder, Map Projections: A Working Manual, 1987, eqs. 3-12 and 10-15):
//   x = k0 a (lon - lon0),   y = a (q(lat) - q(lat0)) / (2 k0),   k0 = cos(lat0) / sqrt(1 - e²
//   sin²(lat0)).
// It is equal-area everywhere, so a polygon's area does not depend on where the origin lies within
// it (the equirectangular LocalProjection errs to first order in the distance from its origin), and
// it is metric (scale 1 both ways) at the origin's latitude.
class EqualAreaProjection {
 public:
  explicit EqualAreaProjection(LonLat origin);
  [[nodiscard]] XY forward(LonLat p) const;

 private:
  double lon0_ = 0;
  double q0_ = 0;
  double kx_ = 1;  // metres per degree of longitude: k0 a π/180
  double ky_ = 1;  // a / (2 k0)
};

// Distance in metres between two nearby points (local projection at their midpoint).
inline double distance_m(LonLat a, LonLat b) {
  const LocalProjection p({(a.lon + b.lon) / 2, (a.lat + b.lat) / 2});
  const XY u = p.forward(a);
  const XY v = p.forward(b);
  return std::hypot(u.x - v.x, u.y - v.y);
}

// Length of a polyline in metres, each segment measured in a projection at its midpoint.
double length_m(const LineString& line);
// Area of a polygon (outer ring minus holes) in m², in an equal-area projection centred on the
// polygon (EqualAreaProjection): within 0.01 % of the geodesic area for features up to a few
// hundred kilometres, whatever their vertex distribution (tests/geo/geo_test.cpp).
double area_m2(const Polygon& polygon);
// Centroid of the outer ring's vertices (a representative point, not the area centroid).
LonLat vertex_centroid(const Ring& ring);

}  // namespace gw::geo
