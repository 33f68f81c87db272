// What a war leaves in a district, shared by the generators (the built-in district, src/gen/
// district.cpp, and the synthetic scenario on real roads, src/gen/synth.cpp): the kinds of hazard
// with their size and status distributions, the damaged assets around settlements, and the crews.
// Pure computation; every draw comes from the caller's Rng.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gen/places.hpp"
#include "gen/random.hpp"
#include "model/scenario.hpp"

namespace gw::gen {

inline constexpr double kHa = 10000;

// A kind of hazard polygon: how many there are on the 1,200 km² default district at scale 1, their
// area (log-normal, clamped), the share that is confirmed (CHA) rather than suspected (SHA), and
// the weights of the contamination types (anti-personnel, anti-tank, UXO, cluster).
struct HazardRecipe {
  double count;
  double area_median_m2, area_sigma, area_min_m2, area_max_m2;
  double confirmed;
  std::array<double, 4> contamination;
  [[nodiscard]] double draw_area(Rng& r) const;
};
inline constexpr HazardRecipe kFieldHazards{300,  2.5 * kHa,       1.3, 0.15 * kHa, 90 * kHa,
                                            0.22, {35, 30, 20, 15}};
// Forest belts: long strips 15–40 m wide; the area sets the length (see forest_belt_length_m).
inline constexpr HazardRecipe kForestBelts{130, 0.8 * kHa, 0.8, 0, 0, 0.2, {60, 10, 15, 15}};
inline constexpr HazardRecipe kVergeHazards{140, 0, 0, 0, 0, 0.3, {35, 50, 15, 0}};
inline constexpr HazardRecipe kWetlands{30,       4 * kHa, 0.9,           0.5 * kHa,
                                        60 * kHa, 0.15,    {60, 0, 40, 0}};
// Scattered unexploded ordnance away from the front: 80 % UXO, 20 % cluster munitions.
inline constexpr HazardRecipe kScatteredUxo{80,        0.3 * kHa, 0.6,           0.12 * kHa,
                                            1.5 * kHa, 0.55,      {0, 0, 80, 20}};

HazardStatus draw_status(Rng& r, double confirmed);
Contamination draw_contamination(Rng& r, const std::array<double, 4>& weights);
// Length of a forest belt of width `wid`.
double forest_belt_length_m(Rng& r, double wid);

// Pavement width by road class, for cratered road sections.
double pavement_m(RoadClass c);
// Span of a blown bridge: main roads (secondary and above) have longer bridges.
double bridge_span_m(Rng& r, RoadClass c);
// Cratered pavement of a damaged road section, in m².
double crater_pavement_m2(Rng& r, RoadClass c);

// Appends an asset with the next id ("A0001", ...).
Asset& new_asset(std::vector<Asset>& assets, AssetKind kind, Service svc, Trade trade, double qty);

// The crews of a district of `k` times 1,200 km²: 1,000·k deminers (survey, manual, dog and
// mechanical teams) and `builders` builders (road, bridge, comms, power and general brigades),
// split among the builder trades in proportion to `builders_needed` (gen/workload.hpp; all zero:
// a fixed mix). Ids and bases are left empty.
std::vector<Crew> compose_crews(double k, int builders,
                                const std::array<double, kTradeCount>& builders_needed, Rng& r);

}  // namespace gw::gen
