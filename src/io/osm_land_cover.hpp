// Land cover polygons from an OpenStreetMap file (libosmium's multipolygon assembler), for the
// synthetic scenario (`groundwork synth`): the fields, meadows, forests, wetlands and built-up
// areas hazards are placed on. docs/scenario.md ("groundwork synth") lists the tags read.
#pragma once

#include <filesystem>
#include <vector>

#include "model/land_cover.hpp"

namespace gw::io {

// Reads every closed way and multipolygon relation tagged with a land cover groundwork knows, one
// LandCover per outer ring (with its inner rings as holes). Throws gw::Error naming the file:
// kIo when it cannot be read, kParse when it is not valid OSM data.
std::vector<LandCover> read_osm_land_cover(const std::filesystem::path& path);

// The terrain and land use of a landuse=* or natural=* value; false when groundwork has none.
bool land_cover_of(const char* key, const char* value, Terrain& terrain, LandUse& land_use);

}  // namespace gw::io
