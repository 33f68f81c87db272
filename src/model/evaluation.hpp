// The measures of a plan (docs/model.md §7) as plain data: what the planner computes
// (plan::evaluate) and the writers in src/io print. Kept in the model so that the writers need not
// depend on the planner. The validator recomputes the same measures into its own types.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "model/enums.hpp"
#include "model/types.hpp"

namespace gw {

inline constexpr Minutes kNever = std::numeric_limits<Minutes>::max();

struct CrewUse {
  Minutes working = 0;
  Minutes travelling = 0;
  Minutes idle = 0;  // over the makespan
  std::size_t tasks = 0;
};

struct Evaluation {
  std::vector<Minutes> edge_open;          // per edge (0 = open from the start; kNever)
  std::vector<Minutes> settlement_access;  // per settlement
  std::array<std::vector<Minutes>, kServiceNames.size()> service_restored;  // [service][settlement]
  std::vector<Minutes> task_end;          // per task (kNever when unassigned)
  std::vector<Minutes> hazard_cancelled;  // per hazard: survey end when cancelled, else kNever
  std::vector<Minutes> hazard_cleared;    // per hazard: when all of it is released, else kNever
  std::vector<Minutes> asset_done;        // per asset: its project's last package end (kNever)
  std::vector<Minutes> asset_works;       // per asset: it and its supply chain work (kNever)

  // Return (docs/model.md §7), per settlement: when its residential land is released, the first
  // time it is ready, the first return and the time all its displaced are back (kNever: never;
  // return times are kNever too when nobody was displaced).
  std::vector<Minutes> residential_released;
  std::vector<Minutes> settlement_ready;
  std::vector<Minutes> return_first;
  std::vector<Minutes> return_all;
  std::int64_t population_displaced = 0;
  double people_days_displaced = 0;
  double weighted_people_days_displaced = 0;  // people counted with their settlement's weight
  std::optional<double> days_to_return_50, days_to_return_90, days_to_return_100;
  std::int64_t dwellings_damaged = 0;
  std::int64_t dwellings_repaired = 0;  // made habitable by housing packages that ended
  // Displaced people back home, one point per day from 0 to the curves' last day.
  std::vector<double> returned_by_day;

  // Milestones: the assets with a due date, in asset order.
  struct Milestone {
    AssetId asset;
    Minutes due = 0;
    Minutes done = kNever;
    std::optional<double> lateness_days;  // nullopt when never done
  };
  std::vector<Milestone> milestones;
  double milestone_days_late = 0;  // Σ lateness, a never-done one counted up to the horizon

  std::int64_t population_total = 0;
  double people_days_without_access = 0;
  std::optional<double> days_to_access_50, days_to_access_90, days_to_access_100;
  std::array<double, kServiceNames.size()> people_days_without_service{};
  double hectares_cancelled = 0;
  double hectares_released = 0;
  double makespan_days = 0;

  // Curves, one point per day from 0 to the horizon or the makespan, whichever is later
  // (inclusive): population with access and cumulative hectares cancelled / released.
  std::vector<std::int64_t> access_by_day;
  std::vector<double> cancelled_ha_by_day;
  std::vector<double> released_ha_by_day;
  // Month ends (every 30 days) for the summary: cumulative hectares.
  std::vector<double> cancelled_ha_by_month;
  std::vector<double> released_ha_by_month;

  std::vector<CrewUse> crew_use;  // per crew
  CrewUse crew_use_total;

  // The objective's components (docs/scenario.md, "Objective"), each clipped at the horizon:
  // people-days counted with the settlement's weight, ...
  double weighted_people_days_without_access = 0;
  std::array<double, kServiceNames.size()> weighted_people_days_without_service{};
  // ... hectare-days of land still contaminated, by the hazard's land use (a cancelled hazard's
  // area until its survey ends, each package's area until its final task ends), ...
  std::array<double, kLandUseNames.size()> hectare_days_contaminated{};
  // ... and kilometre-days of road closed, each edge's length multiplied by its weight.
  double road_km_days_closed = 0;
  // The value of the scenario's objective (params.objective): what the optimiser minimises.
  double objective = 0;
};

// 100 × (value − bound) / value, or 0 when value is 0: how much worse than the best possible a plan
// of `value` can at most be, given a lower `bound` on it.
inline double gap_percent(double value, double bound) {
  if (!(value > 0)) return 0.0;
  return 100.0 * (value - bound) / value;
}

}  // namespace gw
