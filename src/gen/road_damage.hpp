// The roads after the war, shared by the generators: the settlements cut off on day 0 (mines on
// every road into them, a blown bridge where that road is one), and the damaged stretches of road
// (cratered and churned pavement to fill and resurface). Pure computation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gen/aftermath.hpp"
#include "gen/random.hpp"
#include "gen/shapes.hpp"
#include "model/scenario.hpp"

namespace gw::gen {

// The road network in local metres, with the war's intensity at each edge's middle.
struct RoadView {
  const RoadNetwork& roads;
  std::function<XY(LonLat)> to_xy;
  std::function<LonLat(XY)> to_lonlat;
  std::vector<double> edge_intensity;  // per edge

  RoadView(const RoadNetwork& g, std::function<XY(LonLat)> fwd, std::function<LonLat(XY)> inv,
           const std::function<double(XY)>& front_offset, double half_band_m);
  [[nodiscard]] std::vector<XY> shape(EdgeId e) const;
};

// Adds a hazard (the generator gives it its id and may reject it: false). `settlement` is the id of
// the settlement whose built-up area holds it, or empty.
using HazardSink = std::function<bool(const std::vector<XY>& ring, HazardStatus, Contamination,
                                      Terrain, LandUse, const std::string& settlement)>;

// The settlements to cut off on day 0, among those `may_cut` allows: the most fought-over first
// (intensity, then nearest the front line, then index) until their population reaches `share` of
// the whole population.
std::vector<std::uint32_t> settlements_to_cut(const std::vector<Settlement>& settlements,
                                              const WarMap& w,
                                              const std::vector<std::uint8_t>& may_cut,
                                              double share);

// Mines every road into the node of each cut settlement: a strip across the carriageway and its
// verges near the node, so that the edge's corridor is blocked (docs/model.md §1). Bridge edges
// are not mined: they are returned, for the caller to blow. Edges are handled once.
std::vector<EdgeId> mine_approaches(const RoadView& v, const std::vector<NodeId>& nodes, Rng& r,
                                    const HazardSink& add);

// Residential hazards in and around the settlements that were emptied (displaced at least 60 %
// and intensity at least 0.5): 1 to 3 built-up areas each, within 400 m of the settlement.
void add_residential_hazards(const std::vector<Settlement>& settlements, const WarMap& w, Rng& r,
                             const HazardSink& add);

// Damaged stretches of road in the war zone (edges of intensity at least 0.25, bridges excepted):
// each a run of edges of one class, 0.5-8 km long (tracks 1-15 km), as one road section at its
// middle edge whose pavement is the whole run's. Appends to s.assets.
void add_road_damage(Scenario& s, const RoadView& v, Rng& r);

}  // namespace gw::gen
