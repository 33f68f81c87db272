// Linking a scenario to its road network: snapping points to nodes and edges, resolving ids.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace gw::plan {

// How far the points of one layer were moved to the network when they were snapped.
struct SnapSummary {
  std::string layer;  // "settlements", "hubs", "damage" (road sections and bridges)
  std::size_t count = 0;
  double median_m = 0;
  double max_m = 0;
  std::string farthest;          // the element snapped furthest, e.g. "settlements[3] 'S0004'"
  std::size_t over_warning = 0;  // how many snapped further than snap_warning_m
};

struct LinkReport {
  std::vector<std::string> warnings;  // e.g. a settlement snapped further than snap_warning_m
  std::vector<SnapSummary> snaps;     // per layer with at least one snapped element
};

// The sum of every road's travel time must stay below this (about 24,800 days): a bound on every
// route, which the dispatcher labels in 32-bit seconds.
inline constexpr double kMaxNetworkTravelS = 2147483647.0;

// Fills the "linked" fields of the scenario (docs/model.md §1), including each settlement's, hub's
// and road-cutting asset's snapping distance, and summarises those distances per layer. Throws
// gw::Error naming `source` and the element for a settlement, hub or crew base with no road within
// max_snap_m, or a crew base that no road connects to a hub even once every road is open, and
// for a network whose travel times sum to kMaxNetworkTravelS or more.
LinkReport link_scenario(Scenario& s, const std::string& source);

}  // namespace gw::plan
