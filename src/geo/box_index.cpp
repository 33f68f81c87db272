#include "geo/box_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <limits>

#include "geo/projection.hpp"

namespace gw::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Value = std::pair<BBox, std::uint32_t>;

struct BoxIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
};

namespace {
BBox box_of(const std::vector<LonLat>& pts, double grow_deg_x, double grow_deg_y) {
  double minx = std::numeric_limits<double>::max(), miny = minx;
  double maxx = std::numeric_limits<double>::lowest(), maxy = maxx;
  for (const auto& p : pts) {
    minx = std::min(minx, p.lon);
    maxx = std::max(maxx, p.lon);
    miny = std::min(miny, p.lat);
    maxy = std::max(maxy, p.lat);
  }
  return {BPoint(minx - grow_deg_x, miny - grow_deg_y),
          BPoint(maxx + grow_deg_x, maxy + grow_deg_y)};
}
}  // namespace

BoxIndex::BoxIndex(const std::vector<std::vector<LonLat>>& items)
    : tree_(std::make_unique<Tree>()) {
  std::vector<Value> values;
  values.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].empty())
      values.emplace_back(box_of(items[i], 0, 0), static_cast<std::uint32_t>(i));
  }
  tree_->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
}

BoxIndex::~BoxIndex() = default;

std::vector<std::uint32_t> BoxIndex::query(const std::vector<LonLat>& points,
                                           double margin_m) const {
  std::vector<std::uint32_t> out;
  if (points.empty()) return out;
  // Degrees per metre at the query's latitude, with 10 % to spare.
  const LocalProjection proj(points.front());
  const XY one = proj.forward({points.front().lon + 1, points.front().lat + 1});
  const double gx = margin_m * 1.1 / std::abs(one.x) + 1e-9;
  const double gy = margin_m * 1.1 / std::abs(one.y) + 1e-9;
  tree_->rtree.query(
      bgi::intersects(box_of(points, gx, gy)),
      boost::make_function_output_iterator([&](const Value& v) { out.push_back(v.second); }));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gw::geo
