// Planning parameters with their documented defaults (docs/scenario.md gives the sources).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "model/enums.hpp"

namespace gw {

inline constexpr std::size_t kTradeCount = kTradeNames.size();
inline constexpr std::size_t kTaskKindCount = kTaskKindNames.size();
inline constexpr std::size_t kTerrainCount = kTerrainNames.size();
inline constexpr std::size_t kAssetKindCount = kAssetKindNames.size();
inline constexpr std::size_t kLandUseCount = kLandUseNames.size();
inline constexpr std::size_t kServiceCount = kServiceNames.size();

// The weights of the weighted objective, in people-day equivalents per unit (docs/scenario.md,
// "Objective", gives the defaults and their reasons).
struct ObjectiveWeights {
  // Per people-day without safe access, the people counted with their settlement's weight.
  double access_people_day = 1.0;
  // Per hectare-day of land still contaminated, by the hazard's land use.
  std::array<double, kLandUseCount> land_hectare_day{};
  // Per people-day without each service (indexed by Service; kNone unused), the people counted
  // with their settlement's weight.
  std::array<double, kServiceCount> service_people_day{};
  // Per kilometre-day of road closed, each edge's length multiplied by its weight.
  double road_km_day = 0.0;
};

struct Objective {
  ObjectiveKind kind = ObjectiveKind::kAccess;
  ObjectiveWeights weights;
};

struct Parameters {
  std::uint64_t seed = 1;
  std::string start_date = "2027-04-01";  // ISO date of day 0
  int horizon_days = 1095;                // people without access by then count until the horizon
  int working_days_per_week = 6;          // durations: work / daily rate * 7 / working days

  double corridor_width_m = 20;    // total width of the road corridor that must be clear
  double work_package_m2 = 20000;  // largest clearance work package (2 ha)
  double nts_cancel_share = 0.35;  // mean share of suspected land cancelled by NTS
  double snap_warning_m = 2000;    // warn when a point snaps further than this
  double max_snap_m = 10000;       // a settlement or base further from any road is an error

  // Demining and survey rates in m² per person per working day, by trade and task kind
  // (0 = the trade cannot do that kind of task). Repair rates are in repair_rate.
  std::array<std::array<double, kTaskKindCount>, kTradeCount> rate{};
  // Repair rates per person per working day, by trade and asset kind, in the unit of the
  // asset's quantity (0 = the trade cannot repair that kind).
  std::array<std::array<double, kAssetKindCount>, kTradeCount> repair_rate{};
  // Terrain multiplier on demining rates, by trade and terrain (1 = nominal).
  std::array<std::array<double, kTerrainCount>, kTradeCount> terrain_factor{};
  // Terrains where clearance is done by machine preparation plus follow-up.
  std::array<bool, kTerrainCount> mechanical_terrain{};

  // What plans are measured by and the optimiser minimises.
  Objective objective;

  Parameters();  // fills the documented defaults
};

}  // namespace gw
