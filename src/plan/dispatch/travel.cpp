#include "plan/dispatch/travel.hpp"

#include <algorithm>
#include <cassert>

namespace gw::plan::dispatcher {

Travel::Travel(const RoadNetwork& net) : net_(net), search_(net) {
  max_tables_ = kTableBytes / (16 * std::max<std::size_t>(1, net.num_nodes()));
  tables_.reserve(max_tables_);
}

const SourceTable* Travel::table(NodeId from, std::uint64_t version, std::uint64_t& table_nodes) {
  for (const auto& sc : tables_) {
    if (sc.source == from.value && sc.version == version) return &sc;
  }
  // Only before the first road opens: later, repeated departures from one node are rare and a
  // whole-network table would cost more than the local searches it saves.
  if (version != 1 || tables_.size() >= max_tables_ ||
      ++source_uses_[from.value] < kTableAfterUses) {
    return nullptr;
  }
  SourceTable& sc = tables_.emplace_back();
  sc.source = from.value;
  sc.version = version;
  sc.order.clear();
  sc.order.reserve(net_.num_nodes());
  sc.dist.assign(net_.num_nodes(), SourceTable::kUnreached);
  sc.via.assign(net_.num_nodes(), network::Dijkstra::kNoArc);
  search_.run(from, [&](NodeId x, Seconds d) {
    ++table_nodes;
    assert(d >= 0 && d < SourceTable::kUnreached);
    sc.order.emplace_back(x.value, static_cast<std::uint32_t>(d));
    sc.dist[x.index()] = static_cast<std::uint32_t>(d);
    sc.via[x.index()] = search_.via_arc(x);
    return true;
  });
  return &sc;
}

bool Travel::route(NodeId from, NodeId to, Seconds seconds, const SourceTable* table,
                   std::vector<EdgeId>& out) const {
  if (from == to) return true;
  if (table != nullptr && table->source == from.value && table->dist[to.index()] == seconds) {
    network::walk_back(
        net_, from, to, [table](std::uint32_t v) { return table->via[v]; }, out);
    return true;
  }
  Seconds d = 0;
  if (search_.source() != from || !search_.reached(to, d) || d != seconds) return false;
  return search_.path_to(to, out);
}

}  // namespace gw::plan::dispatcher
