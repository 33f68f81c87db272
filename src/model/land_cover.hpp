// Land cover polygons (from OpenStreetMap's landuse=* and natural=* areas), classified into
// groundwork's terrains. Plain data: the synthetic scenario generator (src/gen/synth.hpp) places
// hazards on the terrain the land cover gives.
#pragma once

#include <vector>

#include "model/enums.hpp"
#include "model/geometry.hpp"

namespace gw {

struct LandCover {
  Terrain terrain = Terrain::kField;
  LandUse land_use = LandUse::kOther;
  Polygon polygon;
};

}  // namespace gw
