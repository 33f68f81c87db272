// Planning parameters with their documented defaults (docs/scenario.md gives the sources).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/enums.hpp"

namespace gw {

inline constexpr std::size_t kTradeCount = kTradeNames.size();
inline constexpr std::size_t kTaskKindCount = kTaskKindNames.size();
inline constexpr std::size_t kTerrainCount = kTerrainNames.size();
inline constexpr std::size_t kAssetKindCount = kAssetKindNames.size();
inline constexpr std::size_t kLandUseCount = kLandUseNames.size();
inline constexpr std::size_t kServiceCount = kServiceNames.size();
inline constexpr std::size_t kActivityKindCount = kActivityKindNames.size();
inline constexpr std::size_t kDamageClassCount = kDamageClassNames.size();
inline constexpr std::size_t kMonthCount = 12;

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
  // Per people-day displaced (docs/model.md §7), the people counted with their settlement's weight.
  double return_people_day = 1.0;
  // Per day a milestone (an asset's due date) is late.
  double milestone_day = 100.0;
};

struct Objective {
  // The reader sets kReturn when the scenario displaces anyone and names no kind, else kAccess
  // (docs/scenario.md, "Objective").
  ObjectiveKind kind = ObjectiveKind::kAccess;
  ObjectiveWeights weights;
};

// One step of a project template (docs/model.md §3).
struct TemplateStep {
  ActivityKind activity = ActivityKind::kDebris;
  double per_unit = 1.0;            // the step's quantity per unit of the asset's quantity (> 0)
  std::vector<std::uint8_t> after;  // indices of the steps of the same template it comes after
  int max_crews = 1;                // at most this many packages (crews at once), 1..1000
  double crew_share = 0;            // least quantity per package (0: always max_crews packages)
  bool opens = true;                // road sections and bridges: the road waits for this step
};

// A month and day of the year, for the heating season.
struct MonthDay {
  int month = 1;  // 1..12
  int day = 1;    // 1..31 (valid for the month; 29 February is not accepted)
};

// The distributions a forecast draws truths from (docs/uncertainty.md gives each one's source or
// marks it an assumption). Spreads are the sigma of a log-normal factor with median 1.
struct UncertaintyParameters {
  // Probability that a hazard left to technical survey and clearance holds ordnance at all, by
  // status (indexed by HazardStatus: suspected, confirmed).
  std::array<double, 2> holds_probability{0.4, 0.9};
  // Effort per m² of an area that holds nothing, released by technical survey, relative to
  // clearance at the nominal rates.
  double empty_work_factor = 0.25;
  // Share of a holding area that technical survey reduces: Beta(a, b).
  double reduced_share_a = 1.4;
  double reduced_share_b = 2.6;
  double density_spread = 0.4;  // items per m² relative to what the nominal rates assume
  double crew_spread = 0.2;     // a crew's productivity relative to its nominal one
  // Mechanical machines' availability (breakdowns): Beta(a, b), multiplies their productivity.
  double machine_availability_a = 8;
  double machine_availability_b = 2;
  // Weather relative to the seasonal shares (season_percent): in the cold months (November to
  // March) and in the others.
  double weather_spread_cold = 0.2;
  double weather_spread_warm = 0.08;
  double asset_spread = 0.25;   // a project's effort relative to its assessed quantity
  double housing_spread = 0.3;  // a settlement's housing effort relative to its assessment
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

  // Return of the displaced (docs/model.md §7, docs/scenario.md for the sources).
  double household_size = 2.6;      // people per dwelling
  double built_up_radius_m = 1000;  // a residential hazard this near a settlement is in its area
  MonthDay heating_season_from{10, 15};  // heat is essential from this date ...
  MonthDay heating_season_to{4, 15};     // ... to the day before this one
  // Dwellings per housing package, by damage class.
  std::array<int, kDamageClassCount> housing_package_dwellings{8, 4, 2};

  // Demining and survey rates in m² per person per working day, by trade and task kind
  // (0 = the trade cannot do that kind of task). Repair rates are in repair_rate.
  std::array<std::array<double, kTaskKindCount>, kTradeCount> rate{};
  // Reconstruction rates per person per working day, by trade and activity kind, in the
  // activity's unit (0 = the trade cannot do that activity).
  std::array<std::array<double, kActivityKindCount>, kTradeCount> activity_rate{};
  // The project template of each asset kind (docs/model.md §3).
  std::array<std::vector<TemplateStep>, kAssetKindCount> templates;
  // Share of the nominal rate worked in each calendar month (index 0 = January), by trade, in
  // whole percent 0..100; every trade has some month above 0 (docs/model.md §6).
  std::array<std::array<std::uint8_t, kMonthCount>, kTradeCount> season_percent{};
  // Terrain multiplier on demining rates, by trade and terrain (1 = nominal).
  std::array<std::array<double, kTerrainCount>, kTradeCount> terrain_factor{};
  // Terrains where clearance is done by machine preparation plus follow-up.
  std::array<bool, kTerrainCount> mechanical_terrain{};

  // What plans are measured by and the optimiser minimises.
  Objective objective;

  // What a forecast draws (docs/uncertainty.md).
  UncertaintyParameters uncertainty;

  Parameters();  // fills the documented defaults
};

}  // namespace gw
