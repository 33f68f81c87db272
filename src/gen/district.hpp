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

// A border district after the fighting (issue 14). At scale 1: ~1,200 km², ~14,000 road edges,
// ~105 settlements with ~57,000 people, a third of them displaced on day 0 (the front band's
// villages emptied); ~25,000 dwellings of which ~9,000 damaged, mostly in and beyond the band;
// ~870 hazard polygons, with mines on every road into the most fought-over settlements (about 30 %
// of the people cut off on day 0); ~600 damaged assets: road runs, blown bridges, utilities cut at
// their sources (substations, power lines, pumping stations, water mains, boiler houses, heat
// mains, gas lines, masts, comms lines), schools, clinics, administration, a memorial, with due
// dates; 1,000 deminers and 5,000 builders, the builders split by the work of each trade.
// Throws gw::Error(kInvalidInput) for a scale outside (0, 1000].
gw::Scenario generate_district(const DistrictOptions& opt);

}  // namespace gw::gen
