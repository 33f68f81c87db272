// Linking a scenario to its road network: snapping points to nodes and edges, resolving ids.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace gw::plan {

struct LinkReport {
  std::vector<std::string> warnings;   // e.g. a settlement snapped further than snap_warning_m
};

// Fills the "linked" fields of the scenario (docs/model.md §1). Throws gw::Error naming `source`
// and the element for a settlement, hub or crew base with no road within max_snap_m, or a crew
// base that no road connects to a hub even once every road is open.
LinkReport link_scenario(Scenario& s, const std::string& source);

}  // namespace gw::plan
