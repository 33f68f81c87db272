// Which road nodes the open roads connect, for the sequence executor: a trip to a site that no open
// road reaches is known without a search. Such a search floods the crew's whole component, and on
// the default district those floods (and the same again for the later departures tried over roads
// about to open) were most of an execution's time.
#pragma once

#include <cstdint>
#include <vector>

#include "model/road_network.hpp"
#include "model/types.hpp"
#include "network/union_find.hpp"

namespace gw::plan::sequence {

class OpenComponents {
 public:
  // Every edge starts closed.
  explicit OpenComponents(const RoadNetwork& net) : net_(net), uf_(net.num_nodes()) {}

  // Opens an edge for good (roads never close again during an execution). Trips drive an edge
  // either way (network::Dijkstra), so connectivity is undirected.
  void open(EdgeId e);

  // Whether `from` reaches one of `targets` over the open edges and the `extra` ones (edges open
  // for one search only: the later departures the executor tries). Exactly when a search over the
  // same edges finds a target.
  [[nodiscard]] bool connected(NodeId from, const std::vector<NodeId>& targets,
                               const std::vector<EdgeId>& extra = {});

 private:
  const RoadNetwork& net_;
  network::UnionFind uf_;
  std::vector<std::uint32_t> reached_;  // scratch: component roots reached over `extra`
};

}  // namespace gw::plan::sequence
