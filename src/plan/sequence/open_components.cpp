#include "plan/sequence/open_components.hpp"

#include <algorithm>

namespace gw::plan::sequence {

void OpenComponents::open(EdgeId e) {
  uf_.unite(net_.edge_from[e.index()].index(), net_.edge_to[e.index()].index());
}

bool OpenComponents::connected(NodeId from, const std::vector<NodeId>& targets,
                               const std::vector<EdgeId>& extra) {
  reached_.assign(1, uf_.find(from.index()));
  // The extra edges join components: grow the set of roots reached from `from` until no extra
  // edge adds one (they are few: the openings of a handful of moments).
  for (bool grew = true; grew;) {
    grew = false;
    for (const EdgeId e : extra) {
      const std::uint32_t a = uf_.find(net_.edge_from[e.index()].index());
      const std::uint32_t b = uf_.find(net_.edge_to[e.index()].index());
      const bool has_a = std::find(reached_.begin(), reached_.end(), a) != reached_.end();
      const bool has_b = std::find(reached_.begin(), reached_.end(), b) != reached_.end();
      if (has_a != has_b) {
        reached_.push_back(has_a ? b : a);
        grew = true;
      }
    }
  }
  return std::any_of(targets.begin(), targets.end(), [&](NodeId t) {
    return std::find(reached_.begin(), reached_.end(), uf_.find(t.index())) != reached_.end();
  });
}

}  // namespace gw::plan::sequence
