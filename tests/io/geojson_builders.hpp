// GeoJSON features and collections built in the io tests' scenario documents.
#pragma once

#include <nlohmann/json.hpp>
#include <utility>

namespace gw::test {

inline nlohmann::json point(double lon, double lat, nlohmann::json props) {
  return {{"type", "Feature"},
          {"geometry", {{"type", "Point"}, {"coordinates", {lon, lat}}}},
          {"properties", std::move(props)}};
}
inline nlohmann::json line(nlohmann::json coords, nlohmann::json props) {
  return {{"type", "Feature"},
          {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coords)}}},
          {"properties", std::move(props)}};
}
inline nlohmann::json fc(nlohmann::json features) {
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace gw::test
