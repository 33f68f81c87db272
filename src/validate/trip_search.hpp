// Private to the validator: the searches behind the travel checks (docs/model.md §5) over its own
// road index, with their scratch and what they remember between trips. The plan's state (which
// edge opens when) is an argument of each query, never stored. One TripSearch per thread: the
// index it reads is shared, its own state is not.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "model/types.hpp"
#include "validate/road_index.hpp"

namespace gw::validate::detail {

class TripSearch {
 public:
  explicit TripSearch(const RoadIndex& net) : net_(net) {}

  // The index searched (a TripSearch remembers trips of this network only).
  [[nodiscard]] const RoadIndex& index() const { return net_; }

  // The weight of the searches behind trip_within (search(), below): on the default district's
  // forecast, 2 settled a quarter fewer nodes than 1 (exact A*), and 3 or 5 more than 2.
  static constexpr double kWithinWeight = 2.0;

  // Least travel seconds from src to dst over the edges open at `depart` (open[e] <= depart);
  // stops early and returns limit + 1 once the answer is known to exceed `limit`; -1 when dst
  // cannot be reached.
  Seconds shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                   const std::vector<Minutes>& open);
  // Whether a trip from src to dst within `limit` seconds exists over the edges open at `depart`:
  // a value <= limit says yes (the travel of such a route, not always the least), limit + 1 no,
  // -1 unreachable. Two kinds of evidence are tried before a search: the least travel from src (or
  // to dst) over the edges open from the start (open[e] <= 0, so open at any departure), kept as a
  // tree per node once the searches from it have cost as much as its tree; and the routes last
  // found between the same ends (in this plan or earlier ones), checked edge by edge against
  // `open`. When either fits the limit, such a trip exists and no search is needed. Plans of one
  // district ask the same trips again and again (the samples of a forecast, the crews of a
  // country). The verdict (fits or not) never depends on what was remembered.
  Seconds trip_within(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                      const std::vector<Minutes>& open);

  // Tells the search which plan's opening times the next queries use: the trees of travel over
  // the edges open from the start (below) are kept while that set of edges stays the same.
  void begin_plan(const std::vector<Minutes>& open);

 private:
  const RoadIndex& net_;

  // A* from src to dst over the edges open at `depart`, ordered by travel + weight x the road
  // index's lower bound, never labelling a node whose travel + bound exceeds `limit`. Returns the
  // travel of the first path to reach dst (<= limit), limit + 1 when some node was left out for the
  // limit and none reached dst, -1 when dst is unreachable. Weight 1 is A* itself: the least
  // travel. With a larger weight the first path is not always the least, but since a node is
  // labelled again whenever a shorter way to it is found, the search still finds a path within
  // the limit whenever one exists (every node of such a path is labelled, in turn, with no more
  // than its travel along it), so the verdict is exact while far fewer nodes are settled.
  Seconds search(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                 const std::vector<Minutes>& open, double weight);

  // Search scratch, one label per node: tentative travel (kUnlabelled: only its bound is known),
  // the heap key it was pushed with, its bound, the search (stamp) that set it and the edge that
  // reached it; and the heap, kept between searches.
  static constexpr Seconds kUnlabelled = std::numeric_limits<Seconds>::max();
  struct Label {
    Seconds g = 0;
    double f = 0;
    double h = 0;
    std::uint32_t stamp = 0;
    std::uint32_t via = 0;
  };
  struct Entry {
    double f;
    std::uint32_t node;
  };
  void heap_push(Entry x);
  Entry heap_pop();
  std::vector<Label> label_;
  std::vector<Entry> heap_;
  std::uint32_t cur_stamp_ = 0;

  // The last four routes found per pair of ends (min << 32 | max: a route serves both
  // ways): their edges, and the total of their travel seconds. Samples of a forecast open the
  // roads in different orders, so a pair's fitting route differs from one plan to the next; a few
  // of them cover most. Emptied when more than kRouteEdgesKept edges are kept in all.
  struct Route {
    std::vector<std::uint32_t> edges;
    Seconds s = 0;
  };
  struct Routes {
    std::array<Route, 4> routes;
    std::uint8_t next = 0;  // the one replaced next
  };
  static constexpr std::size_t kRouteEdgesKept = std::size_t{1} << 22;
  std::unordered_map<std::uint64_t, Routes> routes_;
  std::size_t route_edges_ = 0;

  // Per source node: the least travel seconds to every node over the edges open from the start
  // (kLmUnreached: none), for the set of such edges whose fingerprint is start_print_. A tree is
  // built once the searches from its source have settled as many nodes as the network has
  // (asked_), and no more are built once they would take more than kTreeBytesKept.
  static constexpr std::size_t kTreeBytesKept = std::size_t{128} << 20;
  std::uint64_t start_print_ = 0;
  std::unordered_map<std::uint32_t, std::vector<std::int32_t>> trees_;
  std::unordered_map<std::uint32_t, std::uint64_t> asked_;  // nodes settled from each source
  std::uint64_t settled_ = 0;                               // by the last search
  const std::vector<std::int32_t>* tree_for(std::uint32_t src, const std::vector<Minutes>& open);
};

}  // namespace gw::validate::detail
