// Geodesy helpers against GeographicLib, and the spatial indexes and overlays against brute force.
#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "geo/box_index.hpp"
#include "geo/edge_index.hpp"
#include "geo/overlay.hpp"
#include "geo/projection.hpp"

namespace gw {
namespace {

const GeographicLib::Geodesic& wgs84() { return GeographicLib::Geodesic::WGS84(); }

double geodesic_m(LonLat a, LonLat b) {
  double s12 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
  return s12;
}

LonLat direct(LonLat a, double azimuth_deg, double s_m) {
  double lat = 0, lon = 0;
  wgs84().Direct(a.lat, a.lon, azimuth_deg, s_m, lat, lon);
  return {lon, lat};
}

TEST(LocalProjection, ForwardInverseRoundTrip) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> off(-20000, 20000);
  for (double lat : {0.0, 45.0, 60.0, -33.0}) {
    const geo::LocalProjection proj({30.5, lat});
    const geo::XY o = proj.forward({30.5, lat});
    EXPECT_DOUBLE_EQ(o.x, 0);
    EXPECT_DOUBLE_EQ(o.y, 0);
    EXPECT_EQ(proj.origin(), (LonLat{30.5, lat}));
    for (int i = 0; i < 200; ++i) {
      const geo::XY q{off(rng), off(rng)};
      const LonLat p = proj.inverse(q);
      const geo::XY back = proj.forward(p);
      EXPECT_NEAR(back.x, q.x, 1e-6);
      EXPECT_NEAR(back.y, q.y, 1e-6);
      const LonLat again = proj.inverse(proj.forward(p));
      EXPECT_NEAR(again.lon, p.lon, 1e-12);
      EXPECT_NEAR(again.lat, p.lat, 1e-12);
    }
    // East is +x, north is +y.
    EXPECT_GT(proj.forward({30.6, lat}).x, 0);
    EXPECT_GT(proj.forward({30.5, lat + 0.1}).y, 0);
  }
  // Metres per degree: ~111.3 km of longitude at the equator, half that at 60°.
  EXPECT_NEAR(geo::LocalProjection({0, 0}).forward({1, 0}).x, 111319.5, 1);
  EXPECT_NEAR(geo::LocalProjection({0, 60}).forward({1, 60}).x, 55800, 100);
}

TEST(Geodesy, DistanceAndLengthWithinHalfPercentOfGeodesic) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> az(-180, 180);
  std::uniform_real_distribution<double> len(10, 20000);
  for (double lat : {0.0, 45.0, 60.0}) {
    const LonLat origin{24.0, lat};
    for (int i = 0; i < 300; ++i) {
      const LonLat a = direct(origin, az(rng), len(rng) / 2);
      const LonLat b = direct(a, az(rng), len(rng));
      const double truth = geodesic_m(a, b);
      EXPECT_NEAR(geo::distance_m(a, b), truth, truth * 0.005) << "lat " << lat << " i " << i;
      EXPECT_NEAR(geo::distance_m(b, a), geo::distance_m(a, b), 1e-6);
    }
    // Polylines of up to 20 km segments.
    for (int i = 0; i < 50; ++i) {
      LineString line{origin};
      double truth = 0;
      for (int k = 0; k < 5; ++k) {
        line.push_back(direct(line.back(), az(rng), len(rng)));
        truth += geodesic_m(line[line.size() - 2], line.back());
      }
      EXPECT_NEAR(geo::length_m(line), truth, truth * 0.005) << "lat " << lat;
    }
  }
  EXPECT_DOUBLE_EQ(geo::distance_m({10, 45}, {10, 45}), 0);
  EXPECT_DOUBLE_EQ(geo::length_m({}), 0);
  EXPECT_DOUBLE_EQ(geo::length_m({{10, 45}}), 0);
}

Polygon square_m(LonLat centre, double side_m) {
  const geo::LocalProjection proj(centre);
  const double h = side_m / 2;
  Polygon poly;
  for (auto [x, y] : {std::pair{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}})
    poly.outer.push_back(proj.inverse({x, y}));
  return poly;
}

double geodesic_area_m2(const Ring& ring) {
  GeographicLib::PolygonArea pa(wgs84());
  const std::size_t n = ring.front() == ring.back() ? ring.size() - 1 : ring.size();
  for (std::size_t i = 0; i < n; ++i) pa.AddPoint(ring[i].lat, ring[i].lon);
  double perimeter = 0, area = 0;
  pa.Compute(false, true, perimeter, area);
  return std::abs(area);
}

TEST(Geodesy, AreaOfKilometreSquareWithinHalfPercent) {
  for (double lat : {0.0, 45.0, 60.0}) {
    const Polygon sq = square_m({24.0, lat}, 1000);
    const double truth = geodesic_area_m2(sq.outer);
    EXPECT_NEAR(truth, 1e6, 1e6 * 0.005);  // the fixture is what it claims
    EXPECT_NEAR(geo::area_m2(sq), truth, truth * 0.005) << "lat " << lat;
    // Ring orientation does not matter, an unclosed ring is closed implicitly.
    Polygon rev = sq;
    std::reverse(rev.outer.begin(), rev.outer.end());
    EXPECT_NEAR(geo::area_m2(rev), geo::area_m2(sq), 1e-6);
    Polygon open = sq;
    open.outer.pop_back();
    EXPECT_NEAR(geo::area_m2(open), geo::area_m2(sq), 1e-6);
    // A hole is subtracted.
    Polygon holed = sq;
    holed.holes.push_back(square_m({24.0, lat}, 200).outer);
    EXPECT_NEAR(geo::area_m2(holed), geo::area_m2(sq) - 40000, 40000 * 0.005);
  }
}

// A lon/lat-aligned rectangle `side_km` on a side with its south edge densified to `south_points`
// vertices: the vertex centroid then lies near the south edge, far from the area's centre, which is
// what made an equirectangular projection at the vertex centroid err to first order.
Polygon lopsided_square(LonLat sw, double side_km, int south_points) {
  const double dlat = side_km / 111.0;
  const double dlon = side_km / (111.0 * std::cos(sw.lat * geo::kPi / 180));
  Polygon p;
  for (int k = 0; k < south_points; ++k)
    p.outer.push_back({sw.lon + dlon * k / south_points, sw.lat});
  p.outer.push_back({sw.lon + dlon, sw.lat});
  p.outer.push_back({sw.lon + dlon, sw.lat + dlat});
  p.outer.push_back({sw.lon, sw.lat + dlat});
  p.outer.push_back(sw);
  return p;
}

// Every edge densified to `per_edge` points: the reference geodesic polygon then follows the same
// lon/lat-straight edges as the projected one.
Ring densified(const Ring& ring, int per_edge) {
  Ring out;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    for (int k = 0; k < per_edge; ++k) {
      const double t = static_cast<double>(k) / per_edge;
      out.push_back({ring[i].lon + (ring[i + 1].lon - ring[i].lon) * t,
                     ring[i].lat + (ring[i + 1].lat - ring[i].lat) * t});
    }
  }
  out.push_back(ring.back());
  return out;
}

TEST(Geodesy, AreaOfFeaturesOfEverySizeAndLatitudeWithinHalfPercent) {
  double worst = 0;
  for (double lat : {0.0, -35.0, 49.5, 60.0, 70.0}) {
    for (double side_km : {0.05, 1.0, 10.0, 50.0, 100.0, 300.0}) {
      for (int south : {1, 200}) {
        const Polygon p = lopsided_square({20.0, lat}, side_km, south);
        const double truth = geodesic_area_m2(densified(p.outer, 100));
        const double err = std::abs(geo::area_m2(p) - truth) / truth;
        worst = std::max(worst, err);
        EXPECT_LT(err, 0.005) << "lat " << lat << " side " << side_km << " km, south vertices "
                              << south;
      }
      // A coarse square (4 vertices, geodesic edges in the reference): the edges' bulge is the
      // only difference, well under the tolerance even at 300 km and 70°.
      const Polygon coarse = square_m({20.0, lat}, side_km * 1000);
      const double truth = geodesic_area_m2(coarse.outer);
      EXPECT_NEAR(geo::area_m2(coarse), truth, truth * 0.005)
          << "lat " << lat << " side " << side_km;
    }
  }
  // Measured: the lopsided squares agree to better than 0.001 %.
  EXPECT_LT(worst, 1e-5);
}

TEST(Geodesy, LengthOfLongLinesWithinHalfPercent) {
  // Segments up to 150 km, in every direction, at high latitude: each segment is measured in a
  // projection at its midpoint, so the error is second order in the segment's length.
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> az(-180, 180);
  std::uniform_real_distribution<double> len(1000, 150000);
  for (double lat : {0.0, 49.5, 70.0, -60.0}) {
    LineString line{{10.0, lat}};
    double truth = 0;
    for (int k = 0; k < 20; ++k) {
      line.push_back(direct(line.back(), az(rng), len(rng)));
      truth += geodesic_m(line[line.size() - 2], line.back());
    }
    EXPECT_NEAR(geo::length_m(line), truth, truth * 0.005) << "lat " << lat;
  }
}

TEST(EqualAreaProjection, IsMetricAtTheOriginAndEqualAreaAway) {
  for (double lat : {0.0, 45.0, 70.0}) {
    const geo::EqualAreaProjection ea({24.0, lat});
    const geo::LocalProjection local({24.0, lat});
    // Near the origin both projections agree to the metre over a kilometre.
    for (LonLat p : {LonLat{24.01, lat}, LonLat{24.0, lat + 0.009}, LonLat{23.995, lat - 0.004}}) {
      EXPECT_NEAR(ea.forward(p).x, local.forward(p).x, 0.5);
      EXPECT_NEAR(ea.forward(p).y, local.forward(p).y, 0.5);
    }
  }
}

TEST(Geodesy, VertexCentroidIgnoresClosingPoint) {
  const Ring r = {{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}};
  EXPECT_EQ(geo::vertex_centroid(r), (LonLat{1, 1}));
  const Ring open = {{0, 0}, {3, 0}, {0, 3}};
  EXPECT_EQ(geo::vertex_centroid(open), (LonLat{1, 1}));
}

// A grid of n×n nodes `step` metres apart; horizontal and vertical edges, every third one with
// a bent middle vertex.
struct Grid {
  RoadNetwork net;
  geo::LocalProjection proj{LonLat{30.0, 50.0}};
};
Grid make_grid(int n, double step) {
  Grid g;
  auto id = [n](int r, int c) { return NodeId::from_index(r * n + c); };
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) g.net.add_node(g.proj.inverse({c * step, r * step}));
  int count = 0;
  auto edge = [&](NodeId a, NodeId b) {
    const LonLat pa = g.net.node_pos[a.index()], pb = g.net.node_pos[b.index()];
    LineString shape{pa};
    if (++count % 3 == 0) {
      geo::XY m = g.proj.forward({(pa.lon + pb.lon) / 2, (pa.lat + pb.lat) / 2});
      m.x += step * 0.2;
      m.y -= step * 0.15;
      shape.push_back(g.proj.inverse(m));
    }
    shape.push_back(pb);
    g.net.add_edge(a, b, shape, geo::length_m(shape), 50, RoadClass::kResidential, false, count);
  };
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      if (c + 1 < n) edge(id(r, c), id(r, c + 1));
      if (r + 1 < n) edge(id(r, c), id(r + 1, c));
    }
  g.net.build_adjacency();
  return g;
}

double brute_edge_distance(const RoadNetwork& net, LonLat p, EdgeId e) {
  double best = std::numeric_limits<double>::max();
  for (auto i = net.edge_shape_offset[e.index()] + 1; i < net.edge_shape_offset[e.index() + 1]; ++i)
    best =
        std::min(best, geo::point_segment_distance_m(p, net.edge_shape[i - 1], net.edge_shape[i]));
  return best;
}

TEST(EdgeIndex, NearestEdgeAndNodeMatchBruteForce) {
  const Grid g = make_grid(7, 300);
  const geo::EdgeIndex index(g.net);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> coord(-500, 2300);
  for (int i = 0; i < 500; ++i) {
    const LonLat p = g.proj.inverse({coord(rng), coord(rng)});
    double best = std::numeric_limits<double>::max();
    for (std::size_t e = 0; e < g.net.num_edges(); ++e)
      best = std::min(best, brute_edge_distance(g.net, p, EdgeId::from_index(e)));
    const geo::EdgeHit hit = index.nearest(p);
    ASSERT_TRUE(hit.edge.valid());
    EXPECT_NEAR(hit.distance_m, best, 1e-6) << "point " << i;
    EXPECT_NEAR(index.distance_to_edge(p, hit.edge), hit.distance_m, 1e-9);

    double best_node = std::numeric_limits<double>::max();
    for (const LonLat& q : g.net.node_pos) best_node = std::min(best_node, geo::distance_m(p, q));
    const geo::NodeHit nh = geo::nearest_node(index, g.net, p);
    ASSERT_TRUE(nh.node.valid());
    EXPECT_NEAR(nh.distance_m, best_node, 1e-6) << "point " << i;
    EXPECT_NEAR(geo::distance_m(p, g.net.node_pos[nh.node.index()]), nh.distance_m, 1e-9);
  }
}

TEST(EdgeIndex, NearestWithFilterSkipsRejectedEdges) {
  const Grid g = make_grid(4, 300);
  const geo::EdgeIndex index(g.net);
  const LonLat p = g.proj.inverse({140, 10});  // right next to edge 0 (node 0 – node 1)
  const geo::EdgeHit any = index.nearest(p);
  EXPECT_EQ(any.edge, EdgeId(0));
  const geo::EdgeHit odd = index.nearest(p, [](EdgeId e) { return e.value % 2 == 1; });
  ASSERT_TRUE(odd.edge.valid());
  EXPECT_EQ(odd.edge.value % 2, 1U);
  double best = std::numeric_limits<double>::max();
  for (std::size_t e = 1; e < g.net.num_edges(); e += 2)
    best = std::min(best, brute_edge_distance(g.net, p, EdgeId::from_index(e)));
  EXPECT_NEAR(odd.distance_m, best, 1e-6);
  EXPECT_FALSE(index.nearest(p, [](EdgeId) { return false; }).edge.valid());
}

TEST(EdgeIndex, EmptyNetworkHasNoNearest) {
  RoadNetwork net;
  net.build_adjacency();
  const geo::EdgeIndex index(net);
  EXPECT_FALSE(index.nearest({30, 50}).edge.valid());
  EXPECT_FALSE(geo::nearest_node(index, net, {30, 50}).node.valid());
}

TEST(EdgeIndex, NearBoxContainsEveryEdgeWithinMarginAndNoFarEdge) {
  const Grid g = make_grid(7, 300);
  const geo::EdgeIndex index(g.net);
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> coord(-300, 2100);
  for (int i = 0; i < 200; ++i) {
    const double x = coord(rng), y = coord(rng);
    const std::vector<LonLat> ring = {g.proj.inverse({x, y}), g.proj.inverse({x + 40, y}),
                                      g.proj.inverse({x + 40, y + 25})};
    const double margin = 50;
    const std::vector<EdgeId> got = index.near_box(ring, margin);
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    for (std::size_t e = 0; e < g.net.num_edges(); ++e) {
      const EdgeId id = EdgeId::from_index(e);
      double d = std::numeric_limits<double>::max();
      for (const LonLat& p : ring) d = std::min(d, brute_edge_distance(g.net, p, id));
      const bool listed = std::binary_search(got.begin(), got.end(), id);
      if (d <= margin) {
        EXPECT_TRUE(listed) << "edge " << e << " at " << d << " m missing";
      }
      // The box of the query (40 × 25 m) plus a generous margin: anything further is a false hit.
      if (d > 2 * margin + 100) {
        EXPECT_FALSE(listed) << "edge " << e << " at " << d << " m listed";
      }
    }
  }
}

LineString straight_road(LonLat centre, double half_len_m) {
  const geo::LocalProjection proj(centre);
  return {proj.inverse({-half_len_m, 0}), proj.inverse({0, 0}), proj.inverse({half_len_m, 0})};
}

TEST(Overlay, CorridorOverlapOfSquareOnRoad) {
  for (double lat : {0.0, 50.0, 60.0}) {
    const LonLat c{30.0, lat};
    const LineString road = straight_road(c, 300);
    const Polygon sq = square_m(c, 30);
    EXPECT_NEAR(geo::corridor_overlap_m2(sq, road, 10), 600, 6) << "lat " << lat;
    // A half-width wider than the square covers all of it.
    EXPECT_NEAR(geo::corridor_overlap_m2(sq, road, 40), 900, 9);
    // A square 50 m off the road: no overlap at half-width 10.
    const geo::LocalProjection proj(c);
    const Polygon far = square_m(proj.inverse({0, 65}), 30);  // nearest edge 50 m away
    EXPECT_DOUBLE_EQ(geo::corridor_overlap_m2(far, road, 10), 0);
    // Partly in the corridor: the band from y = -10 to 10 covers y in [5, 10] of a square from 5
    // to 35.
    const Polygon edge_on = square_m(proj.inverse({0, 20}), 30);
    EXPECT_NEAR(geo::corridor_overlap_m2(edge_on, road, 10), 150, 1.5);
  }
}

TEST(Overlay, CorridorOverlapRoundEnd) {
  // The road ends at the square's centre: the corridor covers half the band plus a round cap
  // (a half-disc of radius 10 inside the square).
  const LonLat c{30.0, 50.0};
  const geo::LocalProjection proj(c);
  const LineString road = {proj.inverse({-300, 0}), proj.inverse({0, 0})};
  const double want = 15 * 20 + geo::kPi * 100 / 2;
  EXPECT_NEAR(geo::corridor_overlap_m2(square_m(c, 30), road, 10), want, want * 0.01);
}

TEST(Overlay, PolygonDistance) {
  const LonLat c{30.0, 50.0};
  const geo::LocalProjection proj(c);
  const Polygon sq = square_m(c, 30);
  EXPECT_DOUBLE_EQ(geo::polygon_distance_m(sq, {c}), 0);                      // inside
  EXPECT_DOUBLE_EQ(geo::polygon_distance_m(sq, {proj.inverse({5, -3})}), 0);  // inside, off centre
  EXPECT_NEAR(geo::polygon_distance_m(sq, {proj.inverse({55, 0})}), 40, 0.05);
  EXPECT_NEAR(geo::polygon_distance_m(sq, {proj.inverse({18, 19})}), 5, 0.01);  // corner: 3-4-5
  // A line passing 20 m north of the square, and a line crossing it.
  EXPECT_NEAR(geo::polygon_distance_m(sq, {proj.inverse({-100, 35}), proj.inverse({100, 35})}), 20,
              0.05);
  EXPECT_DOUBLE_EQ(geo::polygon_distance_m(sq, {proj.inverse({-100, 0}), proj.inverse({100, 0})}),
                   0);
}

TEST(BoxIndex, QueryMatchesBruteForceBoxes) {
  const geo::LocalProjection proj({30.0, 50.0});
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> coord(0, 5000), size(5, 200);
  std::vector<std::vector<LonLat>> items;
  std::vector<std::array<double, 4>> boxes;  // minx, miny, maxx, maxy in metres
  for (int i = 0; i < 150; ++i) {
    const double x = coord(rng), y = coord(rng), w = size(rng), h = size(rng);
    items.push_back({proj.inverse({x, y}), proj.inverse({x + w, y + h}), proj.inverse({x, y + h})});
    boxes.push_back({x, y, x + w, y + h});
  }
  items.emplace_back();  // an empty item is never returned
  const geo::BoxIndex index(items);
  for (int q = 0; q < 200; ++q) {
    const double x = coord(rng), y = coord(rng);
    const std::vector<LonLat> pts = {proj.inverse({x, y}), proj.inverse({x + 30, y + 10})};
    const double margin = 40;
    const auto got = index.query(pts, margin);
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    EXPECT_FALSE(std::binary_search(got.begin(), got.end(), 150U));
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const auto& b = boxes[i];
      // Gap between the query box and item box, in metres (0 when they overlap).
      const double gx = std::max({0.0, b[0] - (x + 30), x - b[2]});
      const double gy = std::max({0.0, b[1] - (y + 10), y - b[3]});
      const bool listed = std::binary_search(got.begin(), got.end(), static_cast<std::uint32_t>(i));
      if (gx <= margin * 0.99 && gy <= margin * 0.99) {
        EXPECT_TRUE(listed) << "item " << i;
      }
      if (gx > margin * 1.5 || gy > margin * 1.5) {
        EXPECT_FALSE(listed) << "item " << i;
      }
    }
  }
  EXPECT_TRUE(index.query({}, 100).empty());
}

}  // namespace
}  // namespace gw
