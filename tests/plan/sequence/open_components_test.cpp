// The sequence executor's connectivity check (src/plan/sequence/open_components.hpp): it must say
// "not connected" exactly when a search over the same usable edges finds no target, since the
// executor then skips that search.
#include "plan/sequence/open_components.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "model/random.hpp"
#include "network/dijkstra.hpp"
#include "plan/ascii_map.hpp"

namespace gw {
namespace {

// Two roads that meet only through the middle edge c-d; f-g apart.
const std::vector<std::string> kMap = {
    "a---b---c---d---e",
    "    |       |    ",
    "    x       y   f---g",
};

EdgeId edge_between(const RoadNetwork& net, NodeId u, NodeId v) {
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if ((net.edge_from[e] == u && net.edge_to[e] == v) ||
        (net.edge_from[e] == v && net.edge_to[e] == u))
      return EdgeId::from_index(e);
  }
  ADD_FAILURE() << "no edge";
  return EdgeId{};
}

TEST(OpenComponents, OpenEdgesAndExtraEdgesJoinNodes) {
  const test::AsciiMap m = test::build_ascii_map(kMap, {});
  const RoadNetwork& net = m.scenario.roads;
  auto n = [&](char c) { return m.nodes.at(c); };
  plan::sequence::OpenComponents oc(net);
  EXPECT_TRUE(oc.connected(n('a'), {n('a')}));  // a node reaches itself with every road closed
  EXPECT_FALSE(oc.connected(n('a'), {n('b'), n('x')}));
  oc.open(edge_between(net, n('a'), n('b')));
  oc.open(edge_between(net, n('b'), n('c')));
  oc.open(edge_between(net, n('d'), n('e')));
  EXPECT_TRUE(oc.connected(n('a'), {n('c')}));
  EXPECT_TRUE(oc.connected(n('c'), {n('a')}));  // either way
  EXPECT_FALSE(oc.connected(n('a'), {n('e'), n('y')}));
  // Only one of the targets need be reached.
  EXPECT_TRUE(oc.connected(n('a'), {n('e'), n('b')}));
  // c-d for one question only; then d-y through it as well.
  const EdgeId cd = edge_between(net, n('c'), n('d'));
  const EdgeId dy = edge_between(net, n('d'), n('y'));
  EXPECT_TRUE(oc.connected(n('a'), {n('e')}, {cd}));
  EXPECT_FALSE(oc.connected(n('a'), {n('y')}, {cd}));
  EXPECT_TRUE(oc.connected(n('a'), {n('y')}, {dy, cd}));  // in any order
  EXPECT_FALSE(oc.connected(n('a'), {n('e')}));           // the extra edges were not kept
  EXPECT_FALSE(oc.connected(n('a'), {n('g')}, {cd, dy}));
}

TEST(OpenComponents, AgreesWithTheSearchOnRandomRoadStates) {
  const test::AsciiMap m = test::build_ascii_map(kMap, {});
  const RoadNetwork& net = m.scenario.roads;
  network::Dijkstra search(net);
  std::uint64_t rng = 7;
  const std::size_t nodes = net.num_nodes(), edges = net.num_edges();
  int connected = 0, apart = 0;
  for (int round = 0; round < 400; ++round) {
    plan::sequence::OpenComponents oc(net);
    std::vector<EdgeId> extra;
    for (std::size_t e = 0; e < edges; ++e) {
      const std::uint64_t r = splitmix64_next(rng) % 4;  // 0, 1: open; 2: extra; 3: closed
      search.set_usable(EdgeId::from_index(e), r <= 2);
      if (r <= 1) oc.open(EdgeId::from_index(e));
      if (r == 2) extra.push_back(EdgeId::from_index(e));
    }
    const NodeId from = NodeId::from_index(splitmix64_next(rng) % nodes);
    const std::vector<NodeId> targets = {NodeId::from_index(splitmix64_next(rng) % nodes),
                                         NodeId::from_index(splitmix64_next(rng) % nodes)};
    const bool found = search.to_nearest_target(from, targets, 10).first.valid();
    EXPECT_EQ(oc.connected(from, targets, extra), found) << "round " << round;
    (found ? connected : apart)++;
  }
  // Both answers were put to the test.
  EXPECT_GT(connected, 50);
  EXPECT_GT(apart, 50);
}

}  // namespace
}  // namespace gw
