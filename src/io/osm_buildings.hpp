// Dwellings counted from an OpenStreetMap file's buildings, for the synthetic scenario
// (`groundwork synth`): each settlement's housing stock where the extract maps its buildings.
// docs/scenario.md ("groundwork synth") lists the tags read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "model/scenario.hpp"

namespace gw::io {

// The dwellings of one mapped building (assumptions, for tags that do not say):
// `building:flats` when it is a whole number above 0; else an apartment block (apartments,
// residential, dormitory) has one flat per 80 m² of floor (footprint × building:levels, 4 levels
// when not tagged); a terrace one house per 60 m² of footprint; a house (house, detached,
// semidetached_house, bungalow, farm, or building=yes with a footprint of at least 40 m²: smaller
// ones are sheds and garages) one; any other building (garage, barn, church, school, ...) none.
struct OsmBuildingTags {
  const char* building = nullptr;  // the building=* value
  const char* flats = nullptr;     // building:flats=*
  const char* levels = nullptr;    // building:levels=*
};
std::int64_t osm_building_dwellings(const OsmBuildingTags& tags, double footprint_m2);

// Reads every closed way tagged building=* (not "no") and adds its dwellings to the settlement
// whose point is nearest to the building's centre, if that is at most `radius_m` away. Returns
// one count per settlement, in order (0 where the extract maps no building near it). Multipolygon
// building relations are not read (they are few, mostly large non-residential buildings). Throws
// gw::Error naming the file: kIo when it cannot be read, kParse when it is not valid OSM data.
std::vector<std::int64_t> read_osm_dwellings(const std::filesystem::path& path,
                                             const std::vector<Settlement>& settlements,
                                             double radius_m = 2000);

}  // namespace gw::io
