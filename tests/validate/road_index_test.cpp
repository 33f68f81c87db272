// The validator's road index (src/validate/road_index.hpp) and the Workspace that keeps it between
// plans: what it remembers (routes, trees of travel from the start) may save searches, never
// change a verdict.
#include "validate/road_index.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "district.hpp"
#include "fixture.hpp"

namespace gw::validate::testing {
namespace {

using detail::RoadIndex;

// A ring of four nodes, 1 km apart at 36 km/h (100 s an edge), and a 3 km detour around it:
//
//   n0 --e0-- n1 --e1-- n2
//    |                  |
//    +------- e2 -------+    e2: n0 - n2 directly, 150 s (a short cut that opens late)
//    |
//   e3: n0 - n3, 100 s; e4: n3 - n2, 400 s (the long way)
RoadNetwork ring() {
  RoadNetwork r;
  for (const auto& q : {at(0, 0), at(1000, 0), at(2000, 0), at(0, -1000)}) r.add_node(q);
  road(r, 0, 1, 1000, 36);
  road(r, 1, 2, 1000, 36);
  road(r, 0, 2, 1500, 36);
  road(r, 0, 3, 1000, 36);
  road(r, 3, 2, 4000, 36);
  r.build_adjacency();
  return r;
}

TEST(RoadIndex, ARememberedRouteIsUsedOnlyWhenOpenAndShortEnough) {
  const RoadNetwork r = ring();
  RoadIndex index(r);
  std::vector<Minutes> open(r.num_edges(), 0);
  index.begin_plan(open);
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

TEST(RoadIndex, TreesFromTheStartFollowThePlansEdgesOpenFromTheStart) {
  const RoadNetwork r = ring();
  RoadIndex index(r);
  std::vector<Minutes> open(r.num_edges(), 0);
  index.begin_plan(open);
  // Ask often enough from n0 for its tree to be built (kTreeAfter), to other ends each time.
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

TEST(RoadIndex, FingerprintTellsNetworksApart) {
  const RoadNetwork a = ring();
  RoadNetwork b = ring();
  const RoadIndex index(a);
  EXPECT_TRUE(index.serves(b));
  b.edge_speed_kmh[2] = 30;
  EXPECT_FALSE(index.serves(b));
}

// The same district's plans validated one after another through one Workspace give the reports
// fresh validations give: valid ones after invalid ones and the other way round, and another
// district's after them.
TEST(ValidateWorkspace, SharedWorkspaceGivesTheReportsOfFreshValidations) {
  District good;
  District short_trip;
  short_trip.of(kLand).entry_node = node(3);  // too little travel time (validate_test.cpp)
  District unreachable;
  unreachable.of(kSurvey).depart = 0;
  unreachable.of(kSurvey).start = 2;
  unreachable.of(kSurvey).end = 204;
  Workspace ws;
  for (int round = 0; round < 12; ++round) {
    for (District* f : {&good, &short_trip, &unreachable}) {
      const Report fresh = validate_plan(f->sc, f->tasks, f->plan);
      const Report shared = validate_plan(f->sc, f->tasks, f->plan, ws);
      EXPECT_EQ(shared.violations, fresh.violations);
      EXPECT_EQ(shared.measures.objective, fresh.measures.objective);
    }
  }
  EXPECT_TRUE(validate_plan(good.sc, good.tasks, good.plan, ws).valid());
  EXPECT_FALSE(validate_plan(short_trip.sc, short_trip.tasks, short_trip.plan, ws).valid());
  // A hazard drawn otherwise through the same workspace: its overlay is derived again.
  District moved;
  moved.sc.hazards[0].polygon = square(1400, 20, 1600, 80);  // clear of e2 now
  const Report moved_fresh = validate_plan(moved.sc, moved.tasks, moved.plan);
  EXPECT_EQ(validate_plan(moved.sc, moved.tasks, moved.plan, ws).violations,
            moved_fresh.violations);
  EXPECT_FALSE(moved_fresh.valid());
  // Another road network through the same workspace: rebuilt, not mixed up.
  District longer;
  longer.sc.roads.edge_length_m[3] = 3000;  // e3, the base's road, three times as long
  const Report fresh = validate_plan(longer.sc, longer.tasks, longer.plan);
  EXPECT_EQ(validate_plan(longer.sc, longer.tasks, longer.plan, ws).violations, fresh.violations);
  EXPECT_FALSE(fresh.valid());
}

}  // namespace
}  // namespace gw::validate::testing
