// Polygon overlays in a local metric projection (Boost.Geometry).
#pragma once

#include "model/geometry.hpp"

namespace gw::geo {

// Area in m² of the part of `polygon` within half_width_m of `line` (the line's corridor).
double corridor_overlap_m2(const Polygon& polygon, const LineString& line, double half_width_m);

// Distance in metres from `polygon` (interior included: 0 inside) to a point or a polyline.
double polygon_distance_m(const Polygon& polygon, const LineString& geometry);

}  // namespace gw::geo
