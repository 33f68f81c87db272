// The validator's linking (docs/model.md §1): settlements, hubs and crew bases snapped to road
// nodes of its own road index (road_index.hpp).
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

void Validator::link_points() {
  settlement_node_.resize(sc_.settlements.size());
  for (std::size_t i = 0; i < sc_.settlements.size(); ++i) {
    settlement_node_[i] = net_.snap(sc_.settlements[i].pos, rn_);
    settlement_by_id_.emplace(sc_.settlements[i].id, static_cast<std::uint32_t>(i));
  }
  hub_node_.resize(sc_.hubs.size());
  std::unordered_map<std::string, std::uint32_t> hub_by_id;
  for (std::size_t i = 0; i < sc_.hubs.size(); ++i) {
    hub_node_[i] = net_.snap(sc_.hubs[i].pos, rn_);
    hub_by_id.emplace(sc_.hubs[i].id, static_cast<std::uint32_t>(i));
  }
  crew_base_.assign(sc_.crews.size(), kNone);
  for (std::size_t c = 0; c < sc_.crews.size(); ++c) {
    const auto& base = sc_.crews[c].base;
    if (auto it = settlement_by_id_.find(base); it != settlement_by_id_.end()) {
      crew_base_[c] = settlement_node_[it->second];
    } else if (auto h = hub_by_id.find(base); h != hub_by_id.end()) {
      crew_base_[c] = hub_node_[h->second];
    } else {
      sink_.add(
          cat("crew ", sc_.crews[c].id, ": base '", base, "' is neither a settlement nor a hub"));
    }
  }
}

}  // namespace gw::validate::detail
