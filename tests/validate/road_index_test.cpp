// The validator's road index (src/validate/road_index.hpp) and the Workspace that keeps it between
// plans, with its trip searches (trip_search_test.cpp): what they remember may save searches,
// never change a verdict.
#include "validate/road_index.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "district.hpp"
#include "fixture.hpp"

namespace gw::validate::testing {
namespace {

using detail::RoadIndex;

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
