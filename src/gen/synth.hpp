// A synthetic post-war scenario on a real road network (`groundwork synth`): the roads,
// settlements and hubs come from a real region (OpenStreetMap); this adds a contaminated band
// across the region and the built-in district's ingredients around it: displaced people, damaged
// dwellings and heating; hazards on the fields, forests and verges next to the real roads, in the
// emptied settlements and on the roads into the cut-off ones; blown bridges where the real bridges
// are; utilities cut at their sources, damaged public buildings and a memorial around the real
// settlements; damaged road runs; and crews based at the real towns. Pure computation (no I/O),
// deterministic for a seed. It reuses the built-in district's recipes (src/gen/war.hpp,
// aftermath.hpp, road_damage.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "model/land_cover.hpp"
#include "model/scenario.hpp"

namespace gw::gen {

struct SynthOptions {
  std::uint64_t seed = 1;
};

struct SynthReport {
  double region_km2 = 0;         // area of the convex hull of the road nodes
  double scale = 0;              // region_km2 / 1,200 km² (the default district's area), clamped
  double band_half_width_m = 0;  // half the width of the contaminated band
  std::size_t hazards_on_land_cover = 0;  // hazards whose terrain the land cover gave
  std::size_t hubs_dropped = 0;           // hubs in or beyond the band, no longer hubs
  int builders = 0;                       // builders sized to the work
};

// Adds households, hazards, damage and crews to `s`, whose roads (with adjacency), settlements and
// hubs are already filled; a settlement's `dwellings`, when above 0, is its count from mapped
// buildings (kept, raised to its households when below); `land` may be empty (terrains are then
// drawn, not read). The first hub is the main one; the band keeps it outside, and the hubs in or
// beyond the band are dropped (they stay settlements), so that all hubs lie behind the front as in
// the built-in district. The crews: 1,000 deminers per 1,200 km² of region (at least 1 % of
// that), and the builders the work needs to keep them about 65 % busy over the expected plan
// (gen/workload.hpp; a real region's housing follows its population, not its area). Sets the
// scenario's seed. Throws gw::Error(kInvalidInput) when the scenario has no road or no hub.
SynthReport synthesize(Scenario& s, const std::vector<LandCover>& land, const SynthOptions& opt);

}  // namespace gw::gen
