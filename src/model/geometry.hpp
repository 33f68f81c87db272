// Plain geometry values in WGS 84 longitude/latitude degrees.
#pragma once

#include <vector>

namespace gw {

struct LonLat {
  double lon = 0;
  double lat = 0;
  bool operator==(const LonLat&) const = default;
};

using Ring = std::vector<LonLat>;  // closed: first point == last point

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

using LineString = std::vector<LonLat>;

}  // namespace gw
