// Enumerations of the domain, with their stable names (as used in scenario files and outputs).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gw {

// OpenStreetMap highway classes that carry vehicles; the generator uses a subset.
enum class RoadClass : std::uint8_t {
  kMotorway,
  kTrunk,
  kPrimary,
  kSecondary,
  kTertiary,
  kUnclassified,
  kResidential,
  kService,
  kTrack
};
inline constexpr std::array<std::string_view, 9> kRoadClassNames = {
    "motorway",     "trunk",       "primary", "secondary", "tertiary",
    "unclassified", "residential", "service", "track"};

enum class HazardStatus : std::uint8_t { kSuspected, kConfirmed };  // SHA / CHA (IMAS 08.10, 08.20)
inline constexpr std::array<std::string_view, 2> kHazardStatusNames = {"suspected", "confirmed"};

enum class Contamination : std::uint8_t { kAntiPersonnel, kAntiTank, kUxo, kCluster };
inline constexpr std::array<std::string_view, 4> kContaminationNames = {
    "anti_personnel", "anti_tank", "uxo", "cluster"};

// Terrain and vegetation class of a hazard area: drives productivity and method choice.
enum class Terrain : std::uint8_t { kField, kForest, kVerge, kBuiltUp, kWetland };
inline constexpr std::array<std::string_view, 5> kTerrainNames = {"field", "forest", "verge",
                                                                  "built_up", "wetland"};

enum class LandUse : std::uint8_t {
  kAgriculture,
  kPasture,
  kForestry,
  kResidential,
  kTransport,
  kOther
};
inline constexpr std::array<std::string_view, 6> kLandUseNames = {
    "agriculture", "pasture", "forestry", "residential", "transport", "other"};

// Kinds of damaged asset. Each is a project whose steps come from its template
// (Parameters::templates, docs/model.md §3).
enum class AssetKind : std::uint8_t {
  kRoadSection,
  kBridge,
  kCommsLine,
  kPowerLine,
  kPublicBuilding,
  kSubstation,
  kPumpingStation,
  kWaterMain,
  kBoilerHouse,
  kHeatMain,
  kGasLine,
  kCommsMast,
  kMemorial
};
inline constexpr std::array<std::string_view, 13> kAssetKindNames = {
    "road_section", "bridge",          "comms_line", "power_line",   "public_building",
    "substation",   "pumping_station", "water_main", "boiler_house", "heat_main",
    "gas_line",     "comms_mast",      "memorial"};

// The service an asset provides to the settlements it serves.
enum class Service : std::uint8_t { kNone, kPower, kComms, kClinic, kSchool, kWater, kHeat, kGas };
inline constexpr std::array<std::string_view, 8> kServiceNames = {
    "none", "power", "comms", "clinic", "school", "water", "heat", "gas"};
inline constexpr std::array<Service, 7> kRestorableServices = {
    Service::kPower, Service::kComms, Service::kClinic, Service::kSchool,
    Service::kWater, Service::kHeat,  Service::kGas};

// How a settlement is heated: by the assets of service heat that serve it (boiler houses, heat
// mains; with none, it has heat from day 0), or by electricity (heat is then the power service).
enum class Heating : std::uint8_t { kNetwork, kElectric };
inline constexpr std::array<std::string_view, 2> kHeatingNames = {"network", "electric"};

// The damage classes of dwellings, in the order of a settlement's housing steps.
enum class DamageClass : std::uint8_t { kLight, kHeavy, kDestroyed };
inline constexpr std::array<std::string_view, 3> kDamageClassNames = {"light", "heavy",
                                                                      "destroyed"};

// The kinds of reconstruction work (docs/model.md §3). The kind fixes the unit of a step's
// quantity and, through Parameters::activity_rate, which trades can do it.
enum class ActivityKind : std::uint8_t {
  kDebris,          // m² of site or floor cleared of debris
  kStructure,       // m² of floor: walls, floors, frame
  kRoof,            // m² of floor under the roof
  kFitOut,          // m² of floor: services, windows, finishes
  kCraterFill,      // m² of pavement: craters filled and compacted (the road can open)
  kResurfacing,     // m² of pavement: new wearing course
  kSubstructure,    // m of bridge span: piers and abutments
  kDeck,            // m of bridge span: the deck
  kApproach,        // m of bridge span: the approach embankments and ramps
  kPowerLine,       // m of overhead power line
  kCommsLine,       // m of communications line
  kPipe,            // m of pipe (water mains, heat mains, gas lines)
  kPowerEquipment,  // m² of station: transformers, switchgear
  kWaterEquipment,  // m² of station: pumps, treatment
  kHeatEquipment,   // m² of station: boilers
  kCommsEquipment,  // m² of site: mast and antennas
  kHouseLight,      // dwellings: light repairs (glazing, roof patches)
  kHouseHeavy,      // dwellings: heavy repairs (walls, roof)
  kHouseRebuild,    // dwellings: rebuilt
  kMemorial         // m² of memorial
};
inline constexpr std::array<std::string_view, 20> kActivityKindNames = {
    "debris",          "structure",       "roof",           "fit_out",
    "crater_fill",     "resurfacing",     "substructure",   "deck",
    "approach",        "power_line",      "comms_line",     "pipe",
    "power_equipment", "water_equipment", "heat_equipment", "comms_equipment",
    "house_light",     "house_heavy",     "house_rebuild",  "memorial"};

// Crew trades: four demining trades and five building trades.
enum class Trade : std::uint8_t {
  kSurvey,
  kManual,
  kDog,
  kMechanical,
  kRoad,
  kBridge,
  kComms,
  kPower,
  kGeneral
};
inline constexpr std::array<std::string_view, 9> kTradeNames = {
    "survey", "manual", "dog", "mechanical", "road", "bridge", "comms", "power", "general"};
inline constexpr bool is_demining(Trade t) { return t <= Trade::kMechanical; }

enum class HubKind : std::uint8_t { kDistrictCentre, kRegionalExit, kService };
inline constexpr std::array<std::string_view, 3> kHubKindNames = {"district_centre",
                                                                  "regional_exit", "service"};

// Task kinds produced by task generation (src/plan).
enum class TaskKind : std::uint8_t {
  kSurvey,      // non-technical survey of a suspected area (IMAS 08.10)
  kClearance,   // full manual or dog clearance of a work package (IMAS 09.10)
  kMechanical,  // machine ground preparation of a work package; needs follow-up
  kFollowUp,    // manual or dog follow-up of a machine-prepared work package
  kRepair,      // a work package of one step of a damaged asset's project
  kHousing,     // a package of dwellings of one damage class in one settlement
};
inline constexpr std::array<std::string_view, 6> kTaskKindNames = {
    "survey", "clearance", "mechanical", "follow_up", "repair", "housing"};

// What a plan is measured by and the optimiser minimises (docs/scenario.md, "Objective").
enum class ObjectiveKind : std::uint8_t {
  kAccess,    // people-days without safe access (unweighted)
  kWeighted,  // a weighted mix of access, land, services and roads
  kMakespan,  // the latest task end
  kReturn,    // people-days displaced (docs/model.md §7)
};
inline constexpr std::array<std::string_view, 4> kObjectiveKindNames = {"access", "weighted",
                                                                        "makespan", "return"};

template <typename E, std::size_t N>
constexpr std::string_view enum_name(E e, const std::array<std::string_view, N>& names) {
  return names[static_cast<std::size_t>(e)];
}
template <typename E, std::size_t N>
constexpr std::optional<E> enum_from_name(std::string_view s,
                                          const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

inline constexpr std::string_view name(RoadClass e) { return enum_name(e, kRoadClassNames); }
inline constexpr std::string_view name(HazardStatus e) { return enum_name(e, kHazardStatusNames); }
inline constexpr std::string_view name(Contamination e) {
  return enum_name(e, kContaminationNames);
}
inline constexpr std::string_view name(Terrain e) { return enum_name(e, kTerrainNames); }
inline constexpr std::string_view name(LandUse e) { return enum_name(e, kLandUseNames); }
inline constexpr std::string_view name(AssetKind e) { return enum_name(e, kAssetKindNames); }
inline constexpr std::string_view name(Service e) { return enum_name(e, kServiceNames); }
inline constexpr std::string_view name(Trade e) { return enum_name(e, kTradeNames); }
inline constexpr std::string_view name(HubKind e) { return enum_name(e, kHubKindNames); }
inline constexpr std::string_view name(TaskKind e) { return enum_name(e, kTaskKindNames); }
inline constexpr std::string_view name(ObjectiveKind e) {
  return enum_name(e, kObjectiveKindNames);
}
inline constexpr std::string_view name(Heating e) { return enum_name(e, kHeatingNames); }
inline constexpr std::string_view name(DamageClass e) { return enum_name(e, kDamageClassNames); }
inline constexpr std::string_view name(ActivityKind e) { return enum_name(e, kActivityKindNames); }

}  // namespace gw
