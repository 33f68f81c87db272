#include "plan/dispatch/road_state.hpp"

namespace gw::plan::dispatcher {

RoadState::RoadState(const RoadNetwork& net, const TaskSet& ts)
    : from_(net.edge_from), to_(net.edge_to), uf_(net.num_nodes()) {
  counts_.assign(net.num_nodes(), ClassCounts{});
  blockers_left_.resize(net.num_edges());
  open_.assign(net.num_edges(), 0);
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    blockers_left_[e] = static_cast<std::uint32_t>(ts.edge_blockers.count(e));
    if (blockers_left_[e] == 0) {
      open_[e] = 1;
      uf_.unite(net.edge_from[e].index(), net.edge_to[e].index());
    } else {
      ++blocked_at_start_;
    }
  }
}

}  // namespace gw::plan::dispatcher
