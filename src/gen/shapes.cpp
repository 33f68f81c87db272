#include "gen/shapes.hpp"

#include <algorithm>

namespace gw::gen {

double polyline_length(const std::vector<XY>& pl) {
  double s = 0;
  for (std::size_t i = 1; i < pl.size(); ++i) s += dist(pl[i - 1], pl[i]);
  return s;
}

XY point_along(const std::vector<XY>& pl, double s) {
  for (std::size_t i = 1; i < pl.size(); ++i) {
    const double d = dist(pl[i - 1], pl[i]);
    if (s <= d || i + 1 == pl.size())
      return pl[i - 1] + (pl[i] - pl[i - 1]) * (d > 0 ? std::min(1.0, s / d) : 0);
    s -= d;
  }
  return pl.back();
}

std::vector<XY> sub_polyline(const std::vector<XY>& pl, double s0, double s1) {
  std::vector<XY> out{point_along(pl, s0)};
  double acc = 0;
  for (std::size_t i = 1; i + 1 < pl.size(); ++i) {
    acc += dist(pl[i - 1], pl[i]);
    // A vertex within 1 m of the cut would make a sliver segment, whose offsets (verge strips)
    // can fold over once the writer rounds them to 1e-7°: skip it.
    if (acc > s0 + 1 && acc < s1 - 1) out.push_back(pl[i]);
  }
  out.push_back(point_along(pl, s1));
  return out;
}

std::vector<XY> offset_polyline(const std::vector<XY>& pl, double d) {
  std::vector<XY> out;
  out.reserve(pl.size());
  for (std::size_t i = 0; i < pl.size(); ++i) {
    const XY tin = i > 0 ? unit(pl[i] - pl[i - 1]) : unit(pl[1] - pl[0]);
    const XY tout = i + 1 < pl.size() ? unit(pl[i + 1] - pl[i]) : tin;
    const XY n = perp(unit(tin + tout));
    const double miter = std::max(0.5, n.x * perp(tin).x + n.y * perp(tin).y);
    out.push_back(pl[i] + n * (d / miter));
  }
  return out;
}

double shoelace(const std::vector<XY>& ring) {
  double twice = 0;
  for (std::size_t i = 0; i < ring.size(); ++i)
    twice += cross(ring[i], ring[(i + 1) % ring.size()]);
  return std::abs(twice) / 2;
}

namespace {
// Orientation of c relative to the line ab: > 0 left, < 0 right, 0 on it.
double orient(XY a, XY b, XY c) { return cross(b - a, c - a); }
bool on_segment(XY a, XY b, XY p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}
// Whether the closed segments ab and cd share a point.
bool segments_meet(XY a, XY b, XY c, XY d) {
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a),
               o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
    return true;
  return (o1 == 0 && on_segment(a, b, c)) || (o2 == 0 && on_segment(a, b, d)) ||
         (o3 == 0 && on_segment(c, d, a)) || (o4 == 0 && on_segment(c, d, b));
}
}  // namespace

bool is_simple_ring(const std::vector<XY>& ring) {
  std::vector<XY> r;
  for (const XY& p : ring) {
    if (r.empty() || dist(r.back(), p) > 1e-9) r.push_back(p);  // drop repeated points
  }
  while (r.size() > 1 && dist(r.front(), r.back()) <= 1e-9) r.pop_back();
  const std::size_t n = r.size();
  if (n < 3) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const XY a = r[i], b = r[(i + 1) % n];
    // The next edge must not fold back along this one.
    const XY c = r[(i + 2) % n];
    if (orient(a, b, c) == 0 && ((c.x - b.x) * (a.x - b.x) + (c.y - b.y) * (a.y - b.y)) > 0)
      return false;
    for (std::size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // adjacent through the closing vertex
      if (segments_meet(a, b, r[j], r[(j + 1) % n])) return false;
    }
  }
  return true;
}

std::vector<XY> blob(XY c, double area, double aspect, double angle, Rng& r) {
  constexpr double kTwoPi = 2.0 * geo::kPi;
  const std::size_t nv = 6 + r.index(6);
  std::vector<XY> pts;
  pts.reserve(nv);
  for (std::size_t k = 0; k < nv; ++k) {
    const double a =
        kTwoPi * (static_cast<double>(k) + r.uniform(-0.3, 0.3)) / static_cast<double>(nv);
    const double rad = 1.0 + r.uniform(-0.22, 0.22);
    pts.push_back(rotate({std::cos(a) * rad * aspect, std::sin(a) * rad}, angle));
  }
  const double s = std::sqrt(area / shoelace(pts));
  for (auto& p : pts) p = c + p * s;
  return pts;
}

std::vector<XY> rectangle(XY c, double len, double wid, double angle) {
  const XY u = rotate({len / 2, 0}, angle);
  const XY v = rotate({0, wid / 2}, angle);
  return {c - u - v, c + u - v, c + u + v, c - u + v};
}

std::vector<XY> verge_strip(const std::vector<XY>& road, Rng& r) {
  const double total = polyline_length(road);
  const double len = r.chance(0.35) ? total : r.uniform(std::min(80.0, total), total);
  const double s0 = r.uniform(0, total - len);
  const auto part = sub_polyline(road, s0, s0 + len);
  double wid = r.uniform(8, 25);
  wid = std::max(wid, std::min(40.0, 1300 / len + 1));
  double d0 = r.uniform(0.5, 4);
  if (r.chance(0.3)) d0 = -wid / 2;  // the carriageway itself is mined
  const double side = r.chance(0.5) ? 1 : -1;
  auto inner = offset_polyline(part, side * d0);
  auto outer = offset_polyline(part, side * (d0 + wid));
  inner.insert(inner.end(), outer.rbegin(), outer.rend());
  return inner;
}

}  // namespace gw::gen
