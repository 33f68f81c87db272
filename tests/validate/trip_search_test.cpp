// The validator's trip searches (src/validate/trip_search.hpp): what they remember (routes, trees
// of travel from the start) may save searches, never change a verdict.
#include "validate/trip_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include "fixture.hpp"
#include "validate/road_index.hpp"

namespace gw::validate::testing {
namespace {

using detail::RoadIndex;
using detail::TripSearch;

// The ring's index and a search over it, for a first plan with every road open from the start.
class TripSearchTest : public ::testing::Test {
 protected:
  TripSearchTest() { index.begin_plan(open); }
  const RoadNetwork r = ring();
  const RoadIndex net{r};
  TripSearch index{net};
  std::vector<Minutes> open = std::vector<Minutes>(r.num_edges(), 0);
};

TEST_F(TripSearchTest, ARememberedRouteIsUsedOnlyWhenOpenAndShortEnough) {
  EXPECT_EQ(index.trip_within(0, 2, 10, 150, open), 150);  // over e2, remembered
  // e2 opens at minute 100 in the next plan: the remembered route is closed at minute 10, and
  // the open ones take 200 s (e0, e1) or 500 s.
  open[2] = 100;
  index.begin_plan(open);
  EXPECT_EQ(index.trip_within(0, 2, 10, 150, open), 151);  // limit + 1: no such trip
  EXPECT_EQ(index.trip_within(0, 2, 10, 1000, open), 200);
  EXPECT_EQ(index.trip_within(0, 2, 100, 150, open), 150);
  // Closed for good in another: only the long way.
  open[0] = kNever;
  open[2] = kNever;
  index.begin_plan(open);
  EXPECT_EQ(index.trip_within(0, 2, 10, 499, open), 500);
  EXPECT_EQ(index.trip_within(0, 2, 10, 500, open), 500);
  open[3] = kNever;
  index.begin_plan(open);
  EXPECT_EQ(index.trip_within(0, 2, 10, 10000, open), -1);
}

TEST_F(TripSearchTest, TreesFromTheStartFollowThePlansEdgesOpenFromTheStart) {
  // Ask often enough from n0 for its tree to be built (once the searches from n0 have settled
  // as many nodes as the network has), to other ends each time.
  for (int k = 0; k < 20; ++k) {
    EXPECT_EQ(index.trip_within(0, 2, 10, 150, open), 150);
    EXPECT_EQ(index.trip_within(0, 1, 10, 100, open), 100);
    EXPECT_EQ(index.trip_within(0, 3, 10, 99, open), 100);
  }
  // The short cut opens late in the next plan: the tree of the last plan must not answer.
  open[2] = 60;
  index.begin_plan(open);
  EXPECT_EQ(index.trip_within(0, 2, 10, 150, open), 151);
  EXPECT_EQ(index.trip_within(0, 2, 60, 150, open), 150);  // open by then
  for (int k = 0; k < 20; ++k) EXPECT_EQ(index.trip_within(0, 2, 10, 199, open), 200);
}

// Least travel seconds from a to b over the edges open at `depart` by a plain Dijkstra over the
// network itself (no index, no bound): the reference the searches are held to. -1: unreachable.
Seconds reference(const RoadNetwork& r, std::uint32_t a, std::uint32_t b, Minutes depart,
                  const std::vector<Minutes>& open) {
  std::vector<Seconds> d(r.num_nodes(), std::numeric_limits<Seconds>::max());
  using Item = std::pair<Seconds, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  d[a] = 0;
  heap.push({0, a});
  while (!heap.empty()) {
    const auto [du, u] = heap.top();
    heap.pop();
    if (du != d[u]) continue;
    if (u == b) return du;
    for (auto i = r.adj_offset[u]; i < r.adj_offset[u + 1]; ++i) {
      const EdgeId e = r.adj_edge[i];
      if (open[e.index()] > depart) continue;
      const auto v = static_cast<std::uint32_t>(r.other_end(e, NodeId(u)).index());
      const Seconds nd = du + r.edge_travel_s(e);
      if (nd < d[v]) {
        d[v] = nd;
        heap.push({nd, v});
      }
    }
  }
  return -1;
}

// A grid of 12 x 12 nodes 500 m apart, jittered, with roads of mixed speeds between neighbours
// and a few diagonals, some closed for good and many opening during the plan: detours the
// straight-line and landmark bounds underestimate badly, where a search ordered by an inflated
// bound first reaches a node the long way round.
RoadNetwork jittered_grid(std::mt19937_64& rng, std::vector<Minutes>& open) {
  constexpr std::uint32_t kSide = 12;
  std::uniform_real_distribution<double> jitter(-150, 150);
  std::uniform_real_distribution<double> unit(0, 1);
  RoadNetwork r;
  for (std::uint32_t y = 0; y < kSide; ++y) {
    for (std::uint32_t x = 0; x < kSide; ++x)
      r.add_node(at(x * 500.0 + jitter(rng), y * 500.0 + jitter(rng)));
  }
  auto link = [&](std::uint32_t a, std::uint32_t b, double stretch) {
    const double speed = unit(rng) < 0.2 ? 90 : unit(rng) < 0.5 ? 50 : 20;
    road(r, a, b, geom::great_circle_m(r.node_pos[a], r.node_pos[b]) * stretch, speed);
  };
  for (std::uint32_t y = 0; y < kSide; ++y) {
    for (std::uint32_t x = 0; x < kSide; ++x) {
      const std::uint32_t v = y * kSide + x;
      if (x + 1 < kSide) link(v, v + 1, 1 + unit(rng));
      if (y + 1 < kSide) link(v, v + kSide, 1 + unit(rng));
      if (x + 1 < kSide && y + 1 < kSide && unit(rng) < 0.15) link(v, v + kSide + 1, 1.05);
    }
  }
  r.build_adjacency();
  open.assign(r.num_edges(), 0);
  std::uniform_int_distribution<Minutes> when(1, 1000);
  for (auto& o : open) {
    const double u = unit(rng);
    o = u < 0.1 ? kNever : u < 0.45 ? when(rng) : 0;
  }
  return r;
}

// The searches trip_within runs are ordered by an inflated bound (TripSearch::kWithinWeight): the
// first path they find is not always the least, yet whether a trip within the limit exists must
// be answered exactly. Held against a plain Dijkstra on random networks, at limits just below,
// at and above the least travel, and with fresh searches and remembered routes and trees alike.
TEST(TripSearchVerdicts, AgreeWithAPlainDijkstraAtEveryLimit) {
  std::mt19937_64 rng(20261205);
  int fits = 0, too_short = 0, unreachable = 0;
  for (int round = 0; round < 6; ++round) {
    std::vector<Minutes> open;
    const RoadNetwork r = jittered_grid(rng, open);
    const RoadIndex net(r);
    TripSearch search(net);
    search.begin_plan(open);
    std::uniform_int_distribution<std::uint32_t> pick(
        0, static_cast<std::uint32_t>(r.num_nodes() - 1));
    std::uniform_int_distribution<Minutes> depart_at(0, 1200);
    for (int q = 0; q < 400; ++q) {
      const std::uint32_t a = pick(rng);
      const std::uint32_t b = pick(rng);
      const Minutes depart = depart_at(rng);
      const Seconds least = reference(r, a, b, depart, open);
      ASSERT_EQ(search.shortest(a, b, depart, std::numeric_limits<Seconds>::max() / 2, open),
                least);
      if (least < 0) {
        EXPECT_EQ(search.trip_within(a, b, depart, 1000000, open), -1);
        ++unreachable;
        continue;
      }
      for (const Seconds limit : {least - 1, least, least + 30, 2 * least}) {
        if (limit < 0) continue;
        const Seconds s = search.trip_within(a, b, depart, limit, open);
        if (limit < least) {
          EXPECT_EQ(s, limit + 1) << a << " to " << b << " at " << depart;
          ++too_short;
        } else {
          EXPECT_GE(s, least) << a << " to " << b << " at " << depart;
          EXPECT_LE(s, limit) << a << " to " << b << " at " << depart;
          ++fits;
        }
      }
    }
  }
  // The draw gives each verdict many times.
  EXPECT_GT(fits, 1000);
  EXPECT_GT(too_short, 500);
  EXPECT_GT(unreachable, 10);
}

}  // namespace
}  // namespace gw::validate::testing
