// The scenario file: one JSON object whose layers are GeoJSON FeatureCollections
// (docs/scenario.md).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace gw::io {

// Where a scenario's layers came from, for the front end to report.
struct ScenarioSources {
  struct Layer {
    std::string key;    // "hazards"
    std::string label;  // "hazards.gpkg: layer 'hazards'"
    std::string crs;    // the source CRS, e.g. "EPSG:32634"
    std::size_t features = 0;
  };
  std::vector<Layer> layers;       // the layers read from GIS files, in reading order
  bool roads_from_osm = false;     // the roads come from OpenStreetMap (ODbL credit)
  std::vector<std::string> notes;  // e.g. what the OpenStreetMap import kept and dropped
};

// Reads and checks a scenario file. Every problem is a gw::Error naming the file and the element,
// e.g. "scenario.json: hazards[17]: area_m2 must be > 0", or for a layer read from a GIS file
// "scenario.json: hazards: hazards.gpkg: layer 'hazards': FID 17: area_m2 (field 'AREA') must be
// > 0". Layer references are resolved against the file's directory. Linking (snapping) is not
// done here. When `sources` is given, it receives where the layers came from.
Scenario read_scenario(const std::filesystem::path& path, ScenarioSources* sources = nullptr);
// The same from an already parsed document; `source` names it in messages and relative layer
// references are resolved against `base_dir`.
Scenario scenario_from_json(const nlohmann::json& doc, const std::string& source,
                            const std::filesystem::path& base_dir = {},
                            ScenarioSources* sources = nullptr);

nlohmann::json scenario_to_json(const Scenario& s);
nlohmann::json parameters_to_json(const Parameters& p);
// `parameters.objective`: the kind and every weight.
nlohmann::json objective_to_json(const Objective& o);
// The crews as the scenario file's `crews` array.
nlohmann::json crews_to_json(const std::vector<Crew>& crews);
// Applies the keys present in `j` over `p`; unknown keys and bad values are errors.
void apply_parameters(const nlohmann::json& j, Parameters& p, const std::string& where);

// Writes `s` to `path` atomically (temporary file, then rename).
void write_scenario(const std::filesystem::path& path, const Scenario& s);

}  // namespace gw::io
