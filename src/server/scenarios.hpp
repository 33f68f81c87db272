// Scenario uploads and plan validation for the server: what the API's scenario and validate
// endpoints do between the HTTP layer and the library.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "server/store.hpp"

namespace gw::server {

struct UploadedFile {
  std::string name;  // as the client named it; checked before use
  std::string content;
};

// Checks a client's file name: a plain name of letters, digits, '.', '-' and '_' that does not
// start with '.', at most 128 characters. Throws gw::Error(kInvalidInput) otherwise.
void check_file_name(const std::string& name);

// Every layer reference ("source") in a scenario document must name one of `uploaded` by its
// plain name: an uploaded scenario can read nothing else on the server (no absolute path, no
// "..", no GDAL virtual file system). Throws gw::Error(kInvalidInput) naming the element.
void check_layer_sources(const nlohmann::json& doc, const std::vector<std::string>& uploaded);

// A scenario uploaded as one ZIP (io::read_zip, at most `max_bytes` inflated): the file named
// scenario.json, or else the archive's only .json file, is the scenario; every other file is a
// layer it may reference by name. Throws gw::Error(kParse or kInvalidInput) naming "upload.zip".
void unpack_archive(const std::string& zip, std::size_t max_bytes, std::string& scenario_text,
                    std::vector<UploadedFile>& layers);

// Stores an uploaded scenario: writes it and its layers to a temporary folder under the data
// directory, reads and links it there (every error names the element as the CLI does), records
// it in the store and moves the folder to scenarios/<id>. `name` empty: the scenario's own name.
ScenarioRow ingest_scenario(Store& store, const std::filesystem::path& data_dir,
                            const std::string& name, const std::string& scenario_text,
                            const std::vector<UploadedFile>& layers);

// Validates a plan.json document against a stored scenario file with the independent validator:
// {"valid": bool, "violations": [...], "measures": {...}}.
nlohmann::json validate_plan_document(const std::filesystem::path& scenario,
                                      const std::string& plan_text,
                                      std::optional<ObjectiveKind> objective);

}  // namespace gw::server
