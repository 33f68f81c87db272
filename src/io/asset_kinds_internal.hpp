// Private to src/io: what the scenario format says about each kind of damaged asset (its quantity
// property, geometry, service and usual trade; docs/scenario.md, "damage") and the unit of each
// activity's quantity. The readers, the writers and the outputs share these tables so that they
// cannot disagree.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "model/enums.hpp"
#include "model/parameters.hpp"

namespace gw::io::kinds {

struct AssetKindInfo {
  std::string_view quantity_key;  // the property that holds its quantity, named after the unit
  std::string_view unit;          // "m2" or "m"
  bool line;                      // LineString geometry (else Point)
  Service service;                // the service it provides (public buildings: from `building`)
  Trade trade;                    // the trade that usually repairs it (informational)
};

// Indexed by AssetKind.
inline constexpr std::array<AssetKindInfo, kAssetKindCount> kAssetKinds = {{
    {"pavement_m2", "m2", false, Service::kNone, Trade::kRoad},  // road_section
    {"span_m", "m", false, Service::kNone, Trade::kBridge},      // bridge
    {"length_m", "m", true, Service::kComms, Trade::kComms},     // comms_line
    {"length_m", "m", true, Service::kPower, Trade::kPower},     // power_line
    {"floor_m2", "m2", false, Service::kNone, Trade::kGeneral},  // public_building
    {"site_m2", "m2", false, Service::kPower, Trade::kPower},    // substation
    {"site_m2", "m2", false, Service::kWater, Trade::kPower},    // pumping_station
    {"length_m", "m", true, Service::kWater, Trade::kGeneral},   // water_main
    {"floor_m2", "m2", false, Service::kHeat, Trade::kPower},    // boiler_house
    {"length_m", "m", true, Service::kHeat, Trade::kGeneral},    // heat_main
    {"length_m", "m", true, Service::kGas, Trade::kGeneral},     // gas_line
    {"site_m2", "m2", false, Service::kComms, Trade::kComms},    // comms_mast
    {"area_m2", "m2", false, Service::kNone, Trade::kGeneral},   // memorial
}};

inline constexpr const AssetKindInfo& info(AssetKind k) {
  return kAssetKinds[static_cast<std::size_t>(k)];
}

// The distinct quantity properties, in the order the GIS layers list them.
inline constexpr std::array<std::string_view, 5> kQuantityKeys = {
    "pavement_m2", "span_m", "length_m", "floor_m2", "site_m2"};
// area_m2 is a quantity key too (memorials), listed apart because hazards use the same name.
inline constexpr std::string_view kMemorialQuantityKey = "area_m2";

// The values of a public building's `building` and the service each provides.
struct BuildingInfo {
  std::string_view name;
  Service service;
};
inline constexpr std::array<BuildingInfo, 3> kBuildings = {{{"school", Service::kSchool},
                                                            {"clinic", Service::kClinic},
                                                            {"administration", Service::kNone}}};

// The unit of each activity's quantity (docs/model.md §3), indexed by ActivityKind.
inline constexpr std::array<std::string_view, kActivityKindCount> kActivityUnits = {
    "m2",       "m2",       "m2",       "m2",  // debris, structure, roof, fit_out
    "m2",       "m2",                          // crater_fill, resurfacing
    "m",        "m",        "m",               // substructure, deck, approach
    "m",        "m",        "m",               // power_line, comms_line, pipe
    "m2",       "m2",       "m2",       "m2",  // power, water, heat and comms equipment
    "dwelling", "dwelling", "dwelling",        // house_light, house_heavy, house_rebuild
    "m2"};                                     // memorial

inline constexpr std::string_view activity_unit(ActivityKind a) {
  return kActivityUnits[static_cast<std::size_t>(a)];
}

}  // namespace gw::io::kinds
