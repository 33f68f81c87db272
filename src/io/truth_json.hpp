// truth.json (docs/uncertainty.md): one drawn truth of a district, as `groundwork simulate` writes
// it and `groundwork validate --truth` reads it. Everything is named by the scenario's ids.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

#include "model/scenario.hpp"
#include "model/truth.hpp"

namespace gw::io {

nlohmann::json truth_json(const Scenario& s, const Truth& t);

// Reads a truth of scenario `s`: every hazard, crew, asset and settlement of `s` exactly once, by
// id, each factor in its range (docs/uncertainty.md). Throws gw::Error naming the file and the
// element: kIo (cannot read), kParse (not JSON, a wrong JSON type), kInvalidInput (an unknown,
// repeated or missing id, a value out of range).
Truth read_truth_json(const std::filesystem::path& path, const Scenario& s);
Truth parse_truth_json(std::string_view text, std::string_view source, const Scenario& s);

}  // namespace gw::io
