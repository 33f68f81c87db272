// Scenario layers read from GIS files through GDAL/OGR (docs/scenario.md, "Layers from GIS files").
// A layer reference names a file, a layer in it and a mapping from groundwork's property names to
// the file's attribute names. read_gis_layer() turns the layer into the same JSON features the
// inline scenario format has (WGS 84 lon/lat geometry, groundwork property names), so that the
// scenario reader checks them exactly as it checks inline features.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace gw::io {

// A parsed layer reference object: {"source": ..., "layer": ..., "fields": {...}, "values": {...},
// "open_options": [...], "crs": ...}. clang-tidy follows nlohmann::json's by-value assignment into
// a copy that may throw; the implicit moves of this struct move the json, which does not throw (as
// PlanRow in src/server/store.hpp).
struct LayerRef {              // NOLINT(bugprone-exception-escape)
  std::string source;          // as written in the scenario
  std::filesystem::path path;  // resolved against the scenario file's directory
  std::optional<std::string> layer;
  std::map<std::string, std::string> fields;  // groundwork name -> attribute
  std::map<std::string, std::map<std::string, nlohmann::json>>
      values;                             // property -> file value -> value
  std::vector<std::string> open_options;  // "KEY=VALUE" for GDALOpenEx
  std::optional<std::string> crs;         // the layer's CRS when the file has none or a wrong one
  nlohmann::json extra;  // other keys, for readers that take options (OpenStreetMap)
};

// True when `j` is a layer reference (an object with a "source" key) rather than inline data.
bool is_layer_ref(const nlohmann::json& j);

// Parses a reference of scenario layer `key` ("roads", "hazards", ...). `where` prefixes messages;
// relative sources are resolved against `base_dir`. Throws gw::Error(kInvalidInput) on a malformed
// reference, an unknown groundwork property in "fields" or "values", or unknown keys (other than
// those listed in `extra_keys`, which go to LayerRef::extra).
LayerRef parse_layer_ref(const nlohmann::json& j, const std::string& key,
                         const std::filesystem::path& base_dir, const std::string& where,
                         const std::vector<std::string>& extra_keys = {});

// True for the OpenStreetMap file names groundwork reads with libosmium (.osm.pbf, .osm, .osm.bz2,
// .osm.gz), case-insensitively.
bool is_osm_file(const std::filesystem::path& p);

// A layer read from a GIS file, as scenario JSON.
struct GisLayer {
  // "Feature" objects with GeoJSON geometry in WGS 84 lon/lat and groundwork property names; for
  // the crews layer, plain property objects (crews have no geometry).
  nlohmann::json features = nlohmann::json::array();
  std::vector<std::int64_t> fids;               // OGR feature id of each feature
  std::string label;                            // "hazards.gpkg: layer 'hazards'"
  std::map<std::string, std::string> field_of;  // groundwork name -> attribute actually read
  std::string crs;                              // the source CRS, e.g. "EPSG:32634"
};

// Reads scenario layer `key` from the file `ref` names. Every problem is a gw::Error naming the
// file, the layer and, for a feature, its FID and the attribute: a file GDAL cannot open (kIo), a
// missing layer, a mapping to a missing attribute, a null, empty or invalid geometry, a
// multi-geometry of several parts, a CRS that cannot be transformed to WGS 84 (kInvalidInput).
GisLayer read_gis_layer(const LayerRef& ref, const std::string& key, const std::string& where);

// The groundwork property names a layer reference may map for scenario layer `key`.
std::vector<std::string> layer_property_names(const std::string& key);

}  // namespace gw::io
