// The built-in district generator: a plausible border district after the war, deterministic for a
// seed. Pure computation (no I/O); fills a Scenario's raw fields, link_scenario() does the rest.
#pragma once

#include <cstdint>

#include "model/scenario.hpp"

namespace gw::gen {

struct DistrictOptions {
  // Multiplies the district's area, roads, settlements, hazards, damage and crews by about `scale`
  // (the district's side grows by sqrt(scale)). Valid range (0, 1000].
  double scale = 1.0;
  std::uint64_t seed = 1;
};

// At scale 1: ~1,200 km², ~14,000 road edges, ~105 settlements with ~55,000 people, a front-line
// band with ~700 hazard polygons, ~110 damaged assets, 1,000 deminers and 5,000 builders.
// Throws gw::Error(kInvalidInput) for a scale outside (0, 1000].
gw::Scenario generate_district(const DistrictOptions& opt);

}  // namespace gw::gen
