// The independent plan validator (docs/model.md): re-derives the task list a scenario implies,
// re-checks every rule a plan must obey and recomputes the plan's measures. It shares no code with
// the planner (src/plan) and depends on the model only.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"

namespace gw::validate {

inline constexpr Minutes kNever = std::numeric_limits<Minutes>::max();

struct Measures {  // recomputed independently (docs/model.md §7)
  double people_days_without_access = 0;
  std::int64_t population_total = 0;
  // Earliest day at which 50 / 90 / 100 % of the population has access; nullopt if never.
  std::optional<double> days_to_access_50, days_to_access_90, days_to_access_100;
  std::array<double, 5> people_days_without_service{};  // indexed by gw::Service (kNone unused)
  double hectares_cancelled = 0, hectares_released = 0, makespan_days = 0;
  std::vector<Minutes> settlement_access;  // per settlement; kNever when never
  // The objective's components (docs/scenario.md, "Objective"), clipped at the horizon.
  double weighted_people_days_without_access = 0;                // population × settlement weight
  std::array<double, 5> weighted_people_days_without_service{};  // indexed by gw::Service
  std::array<double, 6> hectare_days_contaminated{};             // indexed by gw::LandUse
  double road_km_days_closed = 0;  // length km × edge weight × days closed
  double objective = 0;            // the value of the scenario's parameters.objective
};

struct Report {
  std::vector<std::string> violations;  // one line each, at most kMaxViolations plus a count line
  Measures measures;
  [[nodiscard]] bool valid() const { return violations.empty(); }
};

inline constexpr std::size_t kMaxViolations = 1000;

// Checks `plan` and its declared task list `tasks` against `scenario` (raw fields only: the
// linked fields of settlements, hubs, crews and assets are ignored and re-derived).
Report validate_plan(const Scenario& scenario, const std::vector<Task>& tasks, const Plan& plan);

// docs/model.md §2, exposed for tests.
std::uint64_t fnv1a64(std::string_view bytes);
std::uint64_t splitmix64(std::uint64_t z);
bool nts_cancelled(std::uint64_t seed, std::string_view hazard_id, double cancel_share);

}  // namespace gw::validate
