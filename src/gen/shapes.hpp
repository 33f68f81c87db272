// Plane geometry in local metres for the generators: vectors, polylines and the shapes hazards
// take (star-shaped blobs, rectangles, strips along a road).
#pragma once

#include <cmath>
#include <vector>

#include "gen/random.hpp"
#include "geo/projection.hpp"

namespace gw::gen {

using geo::XY;

inline XY operator+(XY a, XY b) { return {a.x + b.x, a.y + b.y}; }
inline XY operator-(XY a, XY b) { return {a.x - b.x, a.y - b.y}; }
inline XY operator*(XY a, double s) { return {a.x * s, a.y * s}; }
inline double cross(XY a, XY b) { return a.x * b.y - a.y * b.x; }
inline double norm(XY a) { return std::hypot(a.x, a.y); }
inline double dist(XY a, XY b) { return norm(a - b); }
inline XY unit(XY a) {
  const double n = norm(a);
  return n > 0 ? a * (1.0 / n) : XY{1, 0};
}
inline XY perp(XY a) { return {-a.y, a.x}; }
inline XY rotate(XY a, double ang) {
  const double c = std::cos(ang);
  const double s = std::sin(ang);
  return {a.x * c - a.y * s, a.x * s + a.y * c};
}

double polyline_length(const std::vector<XY>& pl);
// The point at arc length s along the polyline (clamped to its ends).
XY point_along(const std::vector<XY>& pl, double s);
// Part of a polyline between arc lengths s0 < s1 (without its vertices within 1 m of the cuts).
std::vector<XY> sub_polyline(const std::vector<XY>& pl, double s0, double s1);
// The polyline shifted sideways by d (positive = left), mitred at the vertices.
std::vector<XY> offset_polyline(const std::vector<XY>& pl, double d);
// Area of a ring (closed implicitly).
double shoelace(const std::vector<XY>& ring);
// Whether a ring (closed implicitly) is simple: no two of its edges meet except adjacent edges at
// their shared vertex, and no edge doubles back on the previous one. A strip along a sharply
// curved road can fold over itself; GIS readers reject such polygons.
bool is_simple_ring(const std::vector<XY>& ring);

// A star-shaped (hence simple) polygon of the given area around c.
std::vector<XY> blob(XY c, double area, double aspect, double angle, Rng& r);
std::vector<XY> rectangle(XY c, double len, double wid, double angle);
// A strip along part of a road's polyline: a verge 8–40 m wide, on one side, starting 0.5–4 m from
// the road's axis (or across the carriageway itself, 30 % of the time).
std::vector<XY> verge_strip(const std::vector<XY>& road, Rng& r);

}  // namespace gw::gen
