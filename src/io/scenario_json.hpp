// The scenario file: one JSON object whose layers are GeoJSON FeatureCollections (docs/scenario.md).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace gw::io {

// Reads and checks a scenario file. Every problem is a gw::Error naming the file and the element,
// e.g. "scenario.json: hazards[17]: area_m2 must be > 0". Linking (snapping) is not done here.
Scenario read_scenario(const std::filesystem::path& path);
// The same from an already parsed document; `source` names it in messages.
Scenario scenario_from_json(const nlohmann::json& doc, const std::string& source);

nlohmann::json scenario_to_json(const Scenario& s);
nlohmann::json parameters_to_json(const Parameters& p);
// Applies the keys present in `j` over `p`; unknown keys and bad values are errors.
void apply_parameters(const nlohmann::json& j, Parameters& p, const std::string& where);

// Writes `s` to `path` atomically (temporary file, then rename).
void write_scenario(const std::filesystem::path& path, const Scenario& s);

// Writes text to `path` through a temporary file in the same directory and a rename, so readers
// never see a half-written file.
void write_file_atomic(const std::filesystem::path& path, const std::string& text);

}  // namespace gw::io
