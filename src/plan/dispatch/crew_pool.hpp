// The dispatcher's crews: where each one stands, and the idle ones by (component, trade), so that
// work appearing in a component wakes a crew that can reach it and no other.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "model/road_network.hpp"
#include "model/scenario.hpp"

namespace gw::plan::dispatcher {

class CrewPool {
 public:
  // Every crew stands at its base.
  CrewPool(const Scenario& s, const RoadNetwork& net);

  [[nodiscard]] std::size_t size() const { return node_.size(); }
  [[nodiscard]] NodeId node(std::uint32_t c) const { return node_[c]; }
  void move(std::uint32_t c, NodeId to) { node_[c] = to; }

  // Crew c has nothing to do: it waits, idle, in the component `root` of its base.
  void park(std::uint32_t c, std::uint32_t root, std::size_t trade) {
    idle_[key(root, trade)].push_back(c);
  }
  // Wakes the idle crew of `trade` in component `root` that stands nearest (straight line) to
  // `node`: new work goes to the crew that can start it soonest, not to one across the country.
  void wake_nearest(std::uint32_t root, std::size_t trade, std::uint32_t node);
  // Wakes up to n idle crews of `trade` in component `root` (the last parked first).
  void wake(std::uint32_t root, std::size_t trade, std::size_t n);
  // Components `keep` and `gone` joined: the idle crews of `gone` now wait in `keep`.
  void merge(std::uint32_t keep, std::uint32_t gone);
  // The crews woken since the last call, appended to `into`.
  void take_woken(std::vector<std::uint32_t>& into) {
    into.insert(into.end(), woken_.begin(), woken_.end());
    woken_.clear();
  }

 private:
  static std::uint64_t key(std::uint32_t root, std::size_t trade);
  const RoadNetwork& net_;
  std::vector<NodeId> node_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> idle_;
  std::vector<std::uint32_t> woken_;
};

}  // namespace gw::plan::dispatcher
