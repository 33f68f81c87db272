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

enum class AssetKind : std::uint8_t {
  kRoadSection,
  kBridge,
  kCommsLine,
  kPowerLine,
  kPublicBuilding
};
inline constexpr std::array<std::string_view, 5> kAssetKindNames = {
    "road_section", "bridge", "comms_line", "power_line", "public_building"};

// The service an asset provides to the settlements it serves.
enum class Service : std::uint8_t { kNone, kPower, kComms, kClinic, kSchool };
inline constexpr std::array<std::string_view, 5> kServiceNames = {"none", "power", "comms",
                                                                  "clinic", "school"};
inline constexpr std::array<Service, 4> kRestorableServices = {Service::kPower, Service::kComms,
                                                               Service::kClinic, Service::kSchool};

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
  kRepair,      // repair of a damaged asset
};
inline constexpr std::array<std::string_view, 5> kTaskKindNames = {
    "survey", "clearance", "mechanical", "follow_up", "repair"};

// What a plan is measured by and the optimiser minimises (docs/scenario.md, "Objective").
enum class ObjectiveKind : std::uint8_t {
  kAccess,    // people-days without safe access (unweighted)
  kWeighted,  // a weighted mix of access, land, services and roads
  kMakespan,  // the latest task end
};
inline constexpr std::array<std::string_view, 3> kObjectiveKindNames = {"access", "weighted",
                                                                        "makespan"};

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

}  // namespace gw
