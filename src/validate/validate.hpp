// The independent plan validator (docs/model.md): re-derives the task list a scenario implies,
// re-checks every rule a plan must obey and recomputes the plan's measures. It shares no code with
// the planner (src/plan) and depends on the model only.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/types.hpp"

namespace gw::validate {

inline constexpr Minutes kNever = std::numeric_limits<Minutes>::max();

// A milestone: an asset with a due date (docs/model.md §7).
struct Milestone {
  std::uint32_t asset = 0;
  Minutes due = 0;                      // 00:00 of the due date, in minutes from day 0
  Minutes done = kNever;                // the asset's project done
  std::optional<double> lateness_days;  // max(0, done - due) in days; nullopt when never done
};

// Recomputed independently (docs/model.md §7). Mirrors the planner's gw::Evaluation field by field
// where they share a name, so that the front end can compare the two.
struct Measures {
  double people_days_without_access = 0;
  std::int64_t population_total = 0;
  // Earliest day at which 50 / 90 / 100 % of the population has access; nullopt if never.
  std::optional<double> days_to_access_50, days_to_access_90, days_to_access_100;
  std::array<double, kServiceCount> people_days_without_service{};  // by gw::Service (kNone unused)
  double hectares_cancelled = 0, hectares_released = 0, makespan_days = 0;
  std::vector<Minutes> settlement_access;  // per settlement; kNever when never
  // [service][settlement]: when the settlement has the service (kNever: never; kNone: empty).
  std::array<std::vector<Minutes>, kServiceCount> service_restored;
  std::vector<Minutes> asset_done;   // per asset: its project's last package end (kNever)
  std::vector<Minutes> asset_works;  // per asset: it and its supply chain work (kNever)

  // Return, per settlement: its built-up hazards released, the first time it is ready, the first
  // return, everyone back (kNever: never; both return times are kNever when nobody was displaced).
  std::vector<Minutes> residential_released;
  std::vector<Minutes> settlement_ready;
  std::vector<Minutes> return_first;
  std::vector<Minutes> return_all;
  std::int64_t population_displaced = 0;
  double people_days_displaced = 0;           // clipped at the horizon
  double weighted_people_days_displaced = 0;  // people counted with their settlement's weight
  // First day at which 50 / 90 / 100 % of the displaced are back; nullopt if never.
  std::optional<double> days_to_return_50, days_to_return_90, days_to_return_100;
  std::int64_t dwellings_damaged = 0;
  std::int64_t dwellings_repaired = 0;  // in housing packages that ended

  std::vector<Milestone> milestones;  // the assets with a due date, in asset order
  double milestone_days_late = 0;     // Σ lateness; a never-done one counts up to the horizon

  // The objective's components (docs/scenario.md, "Objective"), clipped at the horizon.
  double weighted_people_days_without_access = 0;  // population × settlement weight
  std::array<double, kServiceCount> weighted_people_days_without_service{};  // by gw::Service
  std::array<double, kLandUseCount> hectare_days_contaminated{};             // by gw::LandUse
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

namespace detail {
struct Shared;
}

// What validations of many plans of one district share: the validator's own index of the road
// network with the routes its travel checks found, and each hazard's overlay on the roads (each
// rebuilt whenever a scenario's roads or hazard differ from the ones it was derived from). It
// changes no verdict, only the time: the samples of a forecast repeat the same trips. Not for use
// by two threads at once: one per thread. `threads` is how many threads one validation may use for
// its travel checks, 0 for every core (the report is the same for any number).
class Workspace {
 public:
  explicit Workspace(unsigned threads = 1);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

 private:
  friend Report validate_plan(const Scenario&, const std::vector<Task>&, const Plan&, Workspace&);
  std::unique_ptr<detail::Shared> shared_;
  unsigned threads_ = 1;
};

// validate_plan, with what earlier validations in `ws` left.
Report validate_plan(const Scenario& scenario, const std::vector<Task>& tasks, const Plan& plan,
                     Workspace& ws);

// docs/model.md §2, exposed for tests.
std::uint64_t fnv1a64(std::string_view bytes);
std::uint64_t splitmix64(std::uint64_t z);
bool nts_cancelled(std::uint64_t seed, std::string_view hazard_id, double cancel_share);

}  // namespace gw::validate
