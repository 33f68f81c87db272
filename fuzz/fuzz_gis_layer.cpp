// libFuzzer target: scenario layers from GIS files. The first byte picks what is fuzzed:
// - even: the layer reference's mapping ({"fields": ..., "values": ..., "layer": ...}) over a
//   fixed GeoJSON hazard layer (fuzz/data/hazards.geojson);
// - odd: the layer file's bytes, read through GDAL; the second byte picks the layer and format:
//   0 hazards as GeoJSON (with a fixed mapping), 1 crews as CSV, 2 damage as CSV (WKT geometry,
//   depends_on and serves separated by commas), 3 settlements as GeoJSON.
// The rest of the scenario is the small example (docs/examples/small).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_common.hpp"
#include "io/scenario_json.hpp"

using nlohmann::json;

namespace {
const json& base() {
  static const json doc = [] {
    std::ifstream in(GW_FUZZ_SCENARIO);
    return json::parse(in);
  }();
  return doc;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  json doc = base();
  if ((data[0] & 1U) == 0) {
    json ref = json::parse(data + 1, data + size, nullptr, false);
    if (ref.is_discarded() || !ref.is_object()) return 0;
    ref["source"] = GW_FUZZ_DATA "/hazards.geojson";
    doc["hazards"] = ref;
  } else {
    const unsigned which = data[1] & 3U;
    const bool csv = which == 1 || which == 2;
    static const std::filesystem::path geojson = gw::fuzz::scratch("layer.geojson");
    static const std::filesystem::path csvfile = gw::fuzz::scratch("layer.csv");
    const std::filesystem::path& file = csv ? csvfile : geojson;
    gw::fuzz::write_bytes(file, data + 2, size - 2);
    if (which == 1) {
      doc["crews"] = {{"source", file.string()}};
    } else if (which == 2) {
      doc["damage"] = {{"source", file.string()}};
    } else if (which == 3) {
      doc["settlements"] = {{"source", file.string()}};
    } else {
      doc["hazards"] = {{"source", file.string()},
                        {"fields", {{"id", "HAZ_ID"}, {"status", "TYPE"}}},
                        {"values", {{"status", {{"SHA", "suspected"}, {"CHA", "confirmed"}}}}}};
    }
  }
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::scenario_from_json(doc, "fuzz.json"); });
  return 0;
}
