// The what-if comparison of two planned scenarios (`groundwork compare`) as plain data: key
// figures side by side and the settlements that gain or lose access, by how many days. Computed by
// plan::compare_plans (src/plan/compare.hpp), printed by src/io/compare_output.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"

namespace gw {

struct PlanFigures {
  std::string label;  // how the side is named in the output
  std::int64_t population = 0;
  double people_days_without_access = 0;
  std::optional<double> lower_bound_people_days;  // when computed
  // The scenario's objective (parameters.objective): its kind and the plan's value of it, in
  // people-days (access), the weighted unit (weighted) or days (makespan).
  std::string objective = "access";
  double objective_value = 0;
  // Indexed by Service (kNone unused): builders' work shows here more than in access.
  std::array<double, kServiceNames.size()> people_days_without_service{};
  std::optional<double> days_to_access_50, days_to_access_90, days_to_access_100;
  double hectares_released_month_6 = 0;   // by day 180 (months of 30 days, as in summary.json)
  double hectares_released_month_12 = 0;  // by day 360
  double hectares_released = 0;           // by the end of the plan
  double makespan_days = 0;
  std::size_t crews = 0, demining_crews = 0, building_crews = 0;
  std::int64_t deminers = 0, builders = 0;  // people
  std::size_t tasks = 0;
};

// One settlement present in both scenarios (matched by id) whose access time differs.
struct AccessChange {
  std::string id, name;
  std::int64_t population = 0;
  std::optional<double> day_a, day_b;  // access day in A and in B; nullopt = never
  // Days gained in B, both sides capped at the horizon as in people-days (< 0: lost).
  double days_gained = 0;
  double people_days_gained = 0;  // population × days_gained
};

struct Comparison {
  PlanFigures a, b;
  std::vector<std::string> notes;  // how B was made from A, one line per change (may be empty)
  int horizon_days = 0;
  std::vector<AccessChange> gains;           // days_gained > 0, most people-days gained first
  std::vector<AccessChange> losses;          // days_gained < 0, most people-days lost first
  double people_days_gained = 0;             // Σ over gains
  double people_days_lost = 0;               // Σ over losses (≥ 0)
  std::size_t unchanged = 0;                 // settlements in both with the same access time
  std::size_t only_in_a = 0, only_in_b = 0;  // settlements matched by id in one scenario only
};

}  // namespace gw
