// The independent plan validator. Everything here is derived from docs/model.md and the scenario's
// raw fields; nothing is shared with src/plan.
//
// Readings of docs/model.md the validator relies on (where the text leaves room):
// - Corridor band (§1): the Minkowski sum of the edge polyline and a disc of corridor_width_m / 2
//   (round ends and joins); this is the reading under which the "equivalently ... passes within
//   corridor_width_m / 2" clause of §1 holds.
// - Blocking (§1) is decided with the 0.5 m tolerance the text grants: an edge the polyline comes
//   within w/2 - 0.5 m of, with a corridor area over 6 m² (1 m² plus the 5 m² part tolerance),
//   must be blocked; one farther than w/2 + 0.5 m must not be; in between, the declared tasks
//   decide (for a cancelled hazard, which has no packages to tell, area >= 1 m² decides).
// - A bridge with no bridge edge within 200 m cuts the nearest edge of any kind (§1).
// - The "middle vertex" of a line with an even number of vertices may be either of the two middle
//   ones (§1); site edges of surveys, land packages, non-road repairs and housing are accepted
//   when they are within 1 m of the nearest edge's distance (ties between edges are common).
// - Snapping (§1) uses road nodes, i.e. nodes with at least one incident edge.
// - Crew trade fit (§6) is the rate test only; Asset::trade is informational.
// - Land part tolerance: 1 % + 5 m² of the land part plus that of every corridor part it is
//   computed from, since the land part is A minus the corridor parts.
// - days_to_access_p (§7 names no definition): the earliest access time at which at least p % of
//   the population has access, in days, not clipped to the horizon; nullopt if never.
// - Objective components (docs/scenario.md, "Objective"): a cancelled hazard's area_m2 is
//   contaminated until its earliest assigned survey ends; each declared final task's work (checked
//   above against my own part areas, within the part tolerance) until that task ends. Unassigned
//   pieces count until the horizon.
// - Durations (§6): the nominal minutes N are computed from the declared work (when it is within
//   the tolerance of the validator's own) in the formula's order of operations, and the percent-
//   minutes P = ceil(N × 100 − 1e-6) exactly as written; the formula's own 1e-6 is the only slack.
// - A residential hazard's `settlement` field decides its built-up area when it names a
//   settlement; one that names none is a violation and the hazard then belongs to no settlement
//   (§1). The field is ignored on other land uses. Distances to a hazard polygon are measured in a
//   projection centred on the hazard, like every other hazard distance here.
// - A project whose template has no step is done at 0 (§7: no package to end); a missing or
//   unassigned package makes its project never done, and its step's edge (§5) never open.
// - The concurrency check of a step counts every declared task of the step, extra packages
//   included, over [start, end): one ending at t and one starting at t do not overlap.
// - Return (§7): readiness and habitable dwellings change only at the plan's events (access,
//   release, services, housing ends) and at the heating season's day boundaries, so returned(t) is
//   constant between them and the integral is exact. A housing package ending at the moment the
//   settlement stops being ready does not count for that ready spell (τ is the last ready minute
//   before). With D = 0 both `return_first` and `return_all` are none: §7's text makes only
//   `return_day` none then, but gw::Evaluation (src/model/evaluation.hpp) says "return times are
//   kNever too when nobody was displaced", and the validator mirrors that field.
//   `days_to_return_p` (like days_to_access_p) is the first moment, in days, at which
//   Σ returned × 100 ≥ p × Σ D, not clipped to the horizon; 0 when Σ D = 0.
// - The heating season is empty when its `from` equals its `to`.
// - Milestones: lateness is not clipped to the horizon when the asset is done; when it is never
//   done, Σ lateness counts it from its due moment to the horizon (0 when due after it).
//
// The steps of Validator::run() are defined one group to a file: validate_network.cpp (network,
// linking and travel), validate_calendar.cpp (dates, seasons, durations), validate_hazards.cpp
// (tasks, hazards and their parts), validate_projects.cpp (built-up areas, asset projects,
// housing), validate_timeline.cpp (precedence, assignments, edge opening, crews),
// validate_measures.cpp (access, services, land, objective) and validate_return.cpp (return,
// milestones); the class itself is in validate_internal.hpp, its road index in road_index.hpp and
// its trip searches in trip_search.hpp.
#include "validate/validate.hpp"

#include <algorithm>
#include <thread>

#include "validate/validate_internal.hpp"

namespace gw::validate {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

bool nts_cancelled(std::uint64_t seed, std::string_view hazard_id, double cancel_share) {
  const std::uint64_t x = splitmix64(seed ^ fnv1a64(hazard_id));
  const double u = static_cast<double>(x >> 11) * 0x1.0p-53;
  return u < cancel_share;
}

namespace detail {

Report Validator::run() {
  for (const auto& problem : net_.problems()) sink_.add(problem);
  link_points();
  read_calendar();
  classify_tasks();
  derive_hazards();
  derive_built_up();
  derive_assets();
  derive_housing();
  check_task_fields();
  build_precedence();
  assign();
  compute_edge_open();
  check_crews();
  check_step_crews();
  check_precedence();
  Report r;
  r.measures = measures();
  r.violations = sink_.finish();
  return r;
}

}  // namespace detail

Workspace::Workspace(unsigned threads)
    : threads_(threads > 0 ? threads : std::max(1U, std::thread::hardware_concurrency())) {}
Workspace::~Workspace() = default;

Report validate_plan(const Scenario& scenario, const std::vector<Task>& tasks, const Plan& plan,
                     Workspace& ws) {
  if (!ws.shared_) ws.shared_ = std::make_unique<detail::Shared>();
  detail::Shared& shared = *ws.shared_;
  if (!shared.roads || !shared.roads->serves(scenario.roads)) {
    shared.trips.reset();
    shared.roads = std::make_unique<detail::RoadIndex>(scenario.roads);
    shared.trips = std::make_unique<detail::TripSearch>(*shared.roads);
    shared.hazards.clear();
  }
  shared.threads = ws.threads_;
  return detail::Validator(scenario, tasks, plan, shared).run();
}

Report validate_plan(const Scenario& scenario, const std::vector<Task>& tasks, const Plan& plan) {
  Workspace ws;
  return validate_plan(scenario, tasks, plan, ws);
}

}  // namespace gw::validate
