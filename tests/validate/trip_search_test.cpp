// The validator's trip searches (src/validate/trip_search.hpp): what they remember (routes, trees
// of travel from the start) may save searches, never change a verdict.
#include "validate/trip_search.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace gw::validate::testing
