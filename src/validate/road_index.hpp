// Private to the validator: its own index of a road network (docs/model.md §1, §5) and the trip
// search behind the travel checks. Built from the network alone, so one index serves every plan
// of the same district (validate::Workspace); the plan's state (which edge opens when) is an
// argument of each query, never stored. Nothing here is shared with src/plan.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "validate/geometry.hpp"

namespace gw::validate::detail {

// Fingerprints of what a Workspace keeps (RoadIndex::serves, HazardGeometry::print): values mixed
// into 64 bits, doubles by their bits.
inline std::uint64_t fp_mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}
inline std::uint64_t fp_bits(double v) {
  std::uint64_t b = 0;
  static_assert(sizeof b == sizeof v);
  std::memcpy(&b, &v, sizeof b);
  return b;
}

class RoadIndex {
 public:
  explicit RoadIndex(const RoadNetwork& rn);

  // Whether this index was built from a network equal to `rn` (its nodes, edge ends, lengths and
  // speeds): a fingerprint of them, compared with the one taken at construction.
  [[nodiscard]] bool serves(const RoadNetwork& rn) const { return fingerprint(rn) == print_; }
  static std::uint64_t fingerprint(const RoadNetwork& rn);

  // What building found wrong with the network (reported by every validation that uses it).
  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

  // The road node (a node with an incident edge) of `rn` (the network this index serves) nearest
  // to p; UINT32_MAX when none.
  [[nodiscard]] std::uint32_t snap(LonLat p, const RoadNetwork& rn) const;

  // Least travel seconds from src to dst over the edges open at `depart` (open[e] <= depart);
  // stops early and returns limit + 1 once the answer is known to exceed `limit`; -1 when dst
  // cannot be reached.
  Seconds shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                   const std::vector<Minutes>& open);
  // Whether a trip from src to dst within `limit` seconds exists over the edges open at `depart`:
  // a value <= limit says yes (the travel of such a route, not always the least), limit + 1 no,
  // -1 unreachable. Two kinds of evidence are tried before a search: the least travel from src (or
  // to dst) over the edges open from the start (open[e] <= 0, so open at any departure), kept as a
  // tree per node once it has been asked about kTreeAfter times; and the routes last found between
  // the same ends (in this plan or earlier ones), checked edge by edge against `open`.
  // When either fits the limit, such a trip exists and no search is needed. Plans of one district
  // ask the same trips again and again (the samples of a forecast, the crews of a country). The
  // verdict (fits or not) never depends on what was remembered.
  Seconds trip_within(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit,
                      const std::vector<Minutes>& open);

  // Tells the index which plan's opening times the next queries use: the trees of travel over the
  // edges open from the start (below) are kept while that set of edges stays the same.
  void begin_plan(const std::vector<Minutes>& open);

  // The network as the checks see it, read only.
  geom::Projection global;                  // centred on the network's bounding box
  std::vector<geom::Pt> node_xy;            // node positions in `global`
  std::vector<std::uint32_t> adj_off, adj;  // incident edges of each node (CSR)
  std::vector<char> edge_ok;                // both ends exist
  std::vector<Seconds> edge_s;              // travel seconds; -1: not passable
  std::vector<std::uint32_t> from, to;      // edge ends
  std::unique_ptr<geom::EdgeIndex> edges;   // edge bounding boxes in `global`

 private:
  static constexpr Seconds kInf = std::numeric_limits<Seconds>::max() / 4;
  void build_landmarks();
  // Least travel seconds from src to every node (kInf: none), over every passable edge or, with
  // `open`, over those open from the start.
  void full_dijkstra(std::uint32_t src, std::vector<Seconds>& d,
                     const std::vector<Minutes>* open = nullptr) const;
  std::uint32_t other(std::uint32_t e, std::uint32_t u) const {
    return from[e] == u ? to[e] : from[e];
  }

  std::size_t n_ = 0;
  std::uint64_t print_ = 0;
  std::vector<std::string> problems_;
  double h_coef_ = 0;  // seconds per projected metre: the admissible straight-line bound
  geom::bgi::rtree<std::pair<geom::Pt, std::uint32_t>, geom::bgi::rstar<16>> node_tree_;

  // ALT: lm_[v * kLandmarks + k] is the travel seconds between node v and landmark k
  // (kLmUnreached when none), for the first lm_count_ landmarks. Closing edges only lengthens
  // paths, so |d(L, t) - d(L, v)| stays an admissible, consistent lower bound at any time of any
  // plan.
  static constexpr std::size_t kLandmarks = 12;
  static constexpr std::int32_t kLmUnreached = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> lm_;
  std::size_t lm_count_ = 0;

  // Search scratch: tentative travel, the edge that reached each node, and a stamp per search.
  std::vector<Seconds> g_;
  std::vector<std::uint32_t> via_;
  std::vector<std::uint32_t> stamp_;
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
  // built once its source has been asked about kTreeAfter times (one plan alone rarely repeats a
  // source that often, and a tree costs a full search), and no more are built once they would
  // take more than kTreeBytesKept.
  static constexpr std::uint32_t kTreeAfter = 8;
  static constexpr std::size_t kTreeBytesKept = std::size_t{128} << 20;
  std::uint64_t start_print_ = 0;
  std::unordered_map<std::uint32_t, std::vector<std::int32_t>> trees_;
  std::unordered_map<std::uint32_t, std::uint32_t> asked_;
  const std::vector<std::int32_t>* tree_for(std::uint32_t src, const std::vector<Minutes>& open);
};

}  // namespace gw::validate::detail
