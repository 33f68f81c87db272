// Private to the scenario reader (scenario_json.cpp, scenario_json_access.cpp,
// scenario_parameters.cpp, scenario_roads.cpp): the error-path helper Where, the JSON accessors
// that fail through it, and the layer resolver. Not a public API.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/osm_reader.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "model/parameters.hpp"
#include "model/scenario.hpp"

namespace gw::io::scenario_detail {

using nlohmann::json;

// The documented ranges of docs/scenario.md ("Limits"). They are chosen so that no arithmetic
// downstream overflows: travel seconds stay inside the dispatcher's 32-bit labels, people-days
// inside a double's exact integers, crew sizes inside an int, dates inside four-digit years.
namespace limits {
inline constexpr double kSpeedMinKmh = 0.1, kSpeedMaxKmh = 1000;
inline constexpr double kEdgeLengthMaxM = 1e7;  // 10,000 km
inline constexpr double kWeightMax = 1e6;       // settlement and road weights
inline constexpr double kPopulationMax = 1e9;   // per settlement
inline constexpr double kAreaMaxM2 = 1e10;      // 10,000 km² per hazard
inline constexpr double kQuantityMax = 1e9;     // m², m per damaged asset
inline constexpr double kPeopleMax = 1e6;       // per crew
inline constexpr double kProductivityMin = 1e-3, kProductivityMax = 1e3;
// work_factor and housing_work_factor (docs/uncertainty.md)
inline constexpr double kWorkFactorMin = 1e-2, kWorkFactorMax = 100;
inline constexpr double kRateMin = 1e-3, kRateMax = 1e6;  // a positive rate, per person per day
inline constexpr double kTerrainFactorMax = 100;
inline constexpr double kObjectiveWeightMax = 1e9;
inline constexpr double kCorridorWidthMaxM = 1000;
inline constexpr double kWorkPackageMinM2 = 1, kWorkPackageMaxM2 = 1e9;
inline constexpr double kSnapMaxM = 1e6;
inline constexpr int kFirstYear = 1900;  // start_date + horizon_days must end by 9999-12-31
// Return of the displaced (issue 14).
inline constexpr double kHouseholdMin = 0.5, kHouseholdMax = 20;  // people per dwelling
// Dwellings per settlement: the default ceil(population / household_size) stays inside.
inline constexpr double kDwellingsMax = kPopulationMax / kHouseholdMin;
inline constexpr double kBuiltUpRadiusMaxM = 50000;
inline constexpr int kHousingPackageMax = 10000;  // dwellings per housing package
// Project templates: steps per kind (Task::step and TemplateStep::after hold 8-bit indices), crews
// per step, quantity per unit of the asset's (so that a step's quantity stays below 1e12).
inline constexpr std::size_t kTemplateStepsMax = 64;
inline constexpr int kMaxCrewsMax = 1000;
inline constexpr double kPerUnitMax = 1000;
inline constexpr double kCrewShareMax = 1e12;
}  // namespace limits

// A scenario layer read from a GIS file (src/io/gis_layer.hpp): messages about its features name
// the file, the layer, the feature's FID and the attribute a property was read from.
struct Origin {
  std::string label;                            // "hazards.gpkg: layer 'hazards'"
  std::vector<std::int64_t> fids;               // per feature
  std::map<std::string, std::string> field_of;  // groundwork property -> attribute
};
using Origins = std::map<std::string, Origin>;

// Names the element being read, for error messages: "scenario.json: hazards[17]", or for a layer
// from a file "scenario.json: hazards: hazards.gpkg: layer 'hazards': FID 17".
struct Where {
  std::string text;
  const Origins* origins = nullptr;
  const Origin* origin = nullptr;  // the layer of the feature being read, when from a file
  [[nodiscard]] Where at(const std::string& key) const {
    return {text + ": " + key, origins, origin};
  }
  [[nodiscard]] Where idx(const std::string& layer, std::size_t i) const {
    const Origin* o = nullptr;
    if (origins) {
      auto it = origins->find(layer);
      if (it != origins->end()) o = &it->second;
    }
    return {text + ": " + element(layer, i), origins, o};
  }
  // "hazards[17]", or "hazards: hazards.gpkg: layer 'hazards': FID 17" for a layer from a file.
  [[nodiscard]] std::string element(const std::string& layer, std::size_t i) const {
    if (origins) {
      auto it = origins->find(layer);
      if (it != origins->end() && i < it->second.fids.size()) {
        return layer + ": " + it->second.label + ": FID " + std::to_string(it->second.fids[i]);
      }
    }
    return layer + "[" + std::to_string(i) + "]";
  }
  // A property's name in messages: "area_m2", or "area_m2 (field 'AREA')" when read from a file.
  [[nodiscard]] std::string key(const std::string& k) const {
    if (origin) {
      auto it = origin->field_of.find(k);
      if (it != origin->field_of.end() && it->second != k)
        return k + " (field " + quote_value(it->second) + ")";
    }
    return k;
  }
  [[nodiscard]] std::string missing(const std::string& k) const {
    std::string m = "missing " + quote_value(k);
    if (origin) {
      auto it = origin->field_of.find(k);
      m += it != origin->field_of.end()
               ? " (field " + quote_value(it->second) + " is empty)"
               : " (the layer has no attribute " + quote_value(k) + "; map one in \"fields\")";
    }
    return m;
  }
  // The same element named with its id as well: "settlements[3] 'S0004'".
  [[nodiscard]] Where named(const std::string& id) const {
    return {text + " " + quote_value(id), origins, origin};
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, text + ": " + what);
  }
};

// The JSON accessors: each fails through `w` with the element and the property named.
const json& member(const json& obj, const char* key, const Where& w);
double number(const json& obj, const char* key, const Where& w);
double number_or(const json& obj, const char* key, double fallback, const Where& w);
// A number in [lo, hi] (the documented range of docs/scenario.md, "Limits"), else
// "KEY must be between LO and HI, not V".
double number_in(const json& obj, const char* key, double lo, double hi, const Where& w);
double number_in_or(const json& obj, const char* key, double fallback, double lo, double hi,
                    const Where& w);
void check_range(double v, const char* key, double lo, double hi, const Where& w);
// The object's "type" when it is a string, else "" (a non-string type is no valid type).
std::string type_of(const json& obj);
// A string, or an integer written as its decimal digits.
std::string text(const json& obj, const char* key, const Where& w);
// An optional array of strings (ids); absent or null is empty.
std::vector<std::string> string_list(const json& p, const char* key, const Where& w);
// A whole number in [lo, hi], else "KEY must be a whole number between LO and HI, not V".
double whole_in(const json& obj, const char* key, double lo, double hi, const Where& w);
// The day of an ISO date "YYYY-MM-DD" that is a real calendar date, or nothing.
std::optional<std::chrono::sys_days> parse_iso_date(const std::string& text);
// "%.10g" of v, for messages.
std::string range_text(double v);

// "a, b, c": the names, for messages.
template <std::size_t N>
std::string names_list(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

template <typename E, std::size_t N>
E enum_value(const json& obj, const char* key, const std::array<std::string_view, N>& names,
             const Where& w) {
  const std::string s = text(obj, key, w);
  if (auto e = enum_from_name<E>(s, names)) return *e;
  w.fail(w.key(key) + ": unknown value " + quote_value(s) +
         " (expected one of: " + names_list(names) + ")");
}

template <typename E, std::size_t N>
E enum_value_or(const json& obj, const char* key, const std::array<std::string_view, N>& names,
                E fallback, const Where& w) {
  if (!obj.contains(key) || obj[key].is_null()) return fallback;
  return enum_value<E>(obj, key, names, w);
}

LonLat position(const json& c, const Where& w);
LineString line_coords(const json& c, const Where& w);
Ring ring_coords(const json& c, const Where& w);

// The scenario's layers: inline JSON, or read from GIS files named by layer references
// (docs/scenario.md, "Layers from GIS files"), converted to the same JSON on first use.
class Layers {
 public:
  Layers(const json& doc, std::filesystem::path base_dir, std::string source, ScenarioSources* info)
      : doc_(doc), base_dir_(std::move(base_dir)), source_(std::move(source)), info_(info) {}
  // The layer's JSON (a FeatureCollection, or the crews array); nullptr when the key is absent.
  const json* get(const std::string& key);
  [[nodiscard]] const Origins& origins() const { return origins_; }

 private:
  const json& doc_;
  std::filesystem::path base_dir_;
  std::string source_;
  ScenarioSources* info_;
  std::map<std::string, json> loaded_;
  Origins origins_;
};

// An empty JSON array, for an absent layer.
extern const json kEmptyArray;

// The features of a FeatureCollection layer (an absent layer is empty).
const json& features(Layers& layers, const char* layer, const Where& w, bool required);
const json& geometry(const json& feature, const char* type, const Where& w);
const json& properties(const json& feature, const Where& w);

// The parameters of issue 14 (scenario_tables.cpp; docs/scenario.md, "Parameters"):
// household_size, built_up_radius_m, heating_season and housing_package_dwellings ...
void apply_return_parameters(const json& j, Parameters& p, const Where& w);
void write_return_parameters(const Parameters& p, json& j);
// ... `templates` (each kind given replaces that kind's whole template) ...
void apply_templates(const json& j, Parameters& p, const Where& w);
json templates_to_json(const Parameters& p);
// ... and `season_factors` (each trade given replaces its 12 months).
void apply_season_factors(const json& j, Parameters& p, const Where& w);
json season_factors_to_json(const Parameters& p);

// The roads layer as a road network (scenario_roads.cpp): edges that share an end point share a
// node.
void read_roads(Layers& layers, const Where& w, RoadNetwork& net);
// Roads (and, unless the scenario gives its own, settlements and hubs) from an OpenStreetMap
// file named by the roads layer reference; nothing when the roads are not such a reference.
std::optional<OsmImport> read_osm_roads(const json& doc, const std::filesystem::path& base_dir,
                                        const std::string& source, ScenarioSources* info);

}  // namespace gw::io::scenario_detail
