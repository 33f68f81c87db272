#include "geo/edge_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <limits>

namespace gw::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Value = std::pair<BBox, std::uint32_t>;

struct EdgeIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
};

namespace {
LonLat network_centre(const RoadNetwork& net) {
  if (net.node_pos.empty()) return {0, 0};
  double minx = 1e9, miny = 1e9, maxx = -1e9, maxy = -1e9;
  for (const auto& p : net.node_pos) {
    minx = std::min(minx, p.lon);
    maxx = std::max(maxx, p.lon);
    miny = std::min(miny, p.lat);
    maxy = std::max(maxy, p.lat);
  }
  return {(minx + maxx) / 2, (miny + maxy) / 2};
}

// The bounding box of points [first, last) in `proj`, grown by margin_m on every side.
template <typename It>
BBox projected_box(const LocalProjection& proj, It first, It last, double margin_m) {
  double minx = std::numeric_limits<double>::max(), miny = minx;
  double maxx = std::numeric_limits<double>::lowest(), maxy = maxx;
  for (; first != last; ++first) {
    const XY q = proj.forward(*first);
    minx = std::min(minx, q.x);
    maxx = std::max(maxx, q.x);
    miny = std::min(miny, q.y);
    maxy = std::max(maxy, q.y);
  }
  return {BPoint(minx - margin_m, miny - margin_m), BPoint(maxx + margin_m, maxy + margin_m)};
}
}  // namespace

EdgeIndex::EdgeIndex(const RoadNetwork& net) : EdgeIndex(net, {}) {
  std::vector<EdgeId> all(net.num_edges());
  for (std::size_t e = 0; e < all.size(); ++e) all[e] = EdgeId::from_index(e);
  build(all);
}

EdgeIndex::EdgeIndex(const RoadNetwork& net, const std::vector<EdgeId>& subset)
    : net_(net), proj_(network_centre(net)), tree_(std::make_unique<Tree>()) {
  build(subset);
}

void EdgeIndex::build(const std::vector<EdgeId>& edges) {
  std::vector<Value> values;
  values.reserve(edges.size());
  for (const EdgeId id : edges) {
    const std::size_t e = id.index();
    const auto shape = net_.edge_shape.begin();
    values.emplace_back(projected_box(proj_, shape + net_.edge_shape_offset[e],
                                      shape + net_.edge_shape_offset[e + 1], 0),
                        static_cast<std::uint32_t>(e));
  }
  tree_->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // bulk load
}

EdgeIndex::~EdgeIndex() = default;

std::vector<std::pair<double, EdgeId>> EdgeIndex::candidates(LonLat p, std::size_t k) const {
  const XY q = proj_.forward(p);
  const BPoint bp(q.x, q.y);
  std::vector<std::pair<double, EdgeId>> out;
  for (auto it = tree_->rtree.qbegin(bgi::nearest(bp, static_cast<unsigned>(k)));
       it != tree_->rtree.qend(); ++it) {
    out.emplace_back(bg::distance(bp, it->first), EdgeId(it->second));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // The district-wide projection distorts far from its centre: shrink box distances so they stay
  // lower bounds (a 10 % margin covers a country-sized extent).
  for (auto& c : out) c.first *= 0.9;
  return out;
}

std::vector<std::pair<double, EdgeId>> EdgeIndex::candidates(const std::vector<LonLat>& points,
                                                             std::size_t k) const {
  const BBox box = projected_box(proj_, points.begin(), points.end(), 0);
  std::vector<std::pair<double, EdgeId>> out;
  for (auto it = tree_->rtree.qbegin(bgi::nearest(box, static_cast<unsigned>(k)));
       it != tree_->rtree.qend(); ++it) {
    // As for a point: shrunk for the district-wide projection's distortion.
    out.emplace_back(bg::distance(box, it->first) * 0.9 - 1, EdgeId(it->second));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  return out;
}

std::vector<EdgeId> EdgeIndex::near_box(const std::vector<LonLat>& points, double margin_m) const {
  // Grow the margin for the projection's distortion away from its centre.
  const BBox box = projected_box(proj_, points.begin(), points.end(), margin_m * 1.2 + 1);
  std::vector<EdgeId> out;
  tree_->rtree.query(
      bgi::intersects(box),
      boost::make_function_output_iterator([&](const Value& v) { out.emplace_back(v.second); }));
  std::sort(out.begin(), out.end());
  return out;
}

double point_segment_distance_m(LonLat p, LonLat a, LonLat b) {
  const LocalProjection proj(p);
  const XY u = proj.forward(a);
  const XY v = proj.forward(b);
  const double dx = v.x - u.x, dy = v.y - u.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? -(u.x * dx + u.y * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(u.x + t * dx, u.y + t * dy);
}

double EdgeIndex::distance_to_edge(LonLat p, EdgeId e) const {
  double best = std::numeric_limits<double>::max();
  for (auto i = net_.edge_shape_offset[e.index()] + 1; i < net_.edge_shape_offset[e.index() + 1];
       ++i) {
    best = std::min(best, point_segment_distance_m(p, net_.edge_shape[i - 1], net_.edge_shape[i]));
  }
  return best;
}

NodeHit nearest_node(const EdgeIndex& index, const RoadNetwork& net, LonLat p) {
  // The nearest node is an end of some edge; the nearest edge's ends are good candidates, but a
  // node of another edge may be nearer: check the ends of all edges within the best node distance.
  const EdgeHit e = index.nearest(p);
  if (!e.edge.valid()) return {NodeId{}, 0};
  NodeHit best{NodeId{}, std::numeric_limits<double>::max()};
  auto consider = [&](NodeId n) {
    const double d = distance_m(p, net.node_pos[n.index()]);
    if (d < best.distance_m) best = {n, d};
  };
  consider(net.edge_from[e.edge.index()]);
  consider(net.edge_to[e.edge.index()]);
  for (EdgeId other : index.near_box({p}, best.distance_m)) {
    consider(net.edge_from[other.index()]);
    consider(net.edge_to[other.index()]);
  }
  return best;
}

}  // namespace gw::geo
