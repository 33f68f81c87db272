// summary.json (outputs.hpp): the measures of docs/model.md §7, the objective and its components,
// crew utilisation and counts.
#include <cmath>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "model/evaluation.hpp"

namespace gw::io {

using nlohmann::json;
using namespace detail;

// ---------------------------------------------------------------------------------------------
// summary.json

namespace {

json use_json(const CrewUse& u, std::size_t crews) {
  const auto total = static_cast<double>(u.working + u.travelling + u.idle);
  auto share = [&](Minutes m) {
    return total > 0 ? round_to(static_cast<double>(m) / total, 1e4) : 0.0;
  };
  json j;
  j["crews"] = crews;
  j["tasks"] = u.tasks;
  j["working"] = share(u.working);
  j["travelling"] = share(u.travelling);
  j["idle"] = share(u.idle);
  j["working_days"] = round_to(minutes_to_days(u.working), 1e3);
  j["travelling_days"] = round_to(minutes_to_days(u.travelling), 1e3);
  j["idle_days"] = round_to(minutes_to_days(u.idle), 1e3);
  return j;
}

}  // namespace

json milestones_json(const Scenario& s, const Evaluation& ev) {
  json out = json::array();
  for (const Evaluation::Milestone& m : ev.milestones) {
    if (!m.asset.valid() || m.asset.index() >= s.assets.size()) {
      throw Error(ErrorCode::kInternal, "outputs: a milestone names asset " +
                                            std::to_string(m.asset.value) +
                                            " outside the scenario");
    }
    const Asset& a = s.assets[m.asset.index()];
    json j;
    j["asset"] = a.id;
    j["kind"] = name(a.kind);
    j["due_date"] = a.due_date ? json(*a.due_date) : json(iso_date(s.params.start_date, m.due));
    j["planned_date"] =
        m.done == kNever ? json(nullptr) : json(iso_date(s.params.start_date, m.done));
    j["planned_day"] = day_or_null(m.done);
    j["lateness_days"] = opt_days(m.lateness_days);
    out.push_back(std::move(j));
  }
  return out;
}

json objective_summary_json(const Scenario& s, const Evaluation& ev, const OutputMeta& meta) {
  const json weights = objective_to_json(s.params.objective)["weights"];
  json c;
  c["people_days_without_access"] = ev.people_days_without_access;
  c["weighted_people_days_without_access"] = ev.weighted_people_days_without_access;
  for (Service sv : kRestorableServices) {
    c["weighted_people_days_without_" + std::string(name(sv))] =
        ev.weighted_people_days_without_service[static_cast<std::size_t>(sv)];
  }
  json land = json::object();
  double land_total = 0;
  for (std::size_t k = 0; k < kLandUseCount; ++k) {
    land[std::string(kLandUseNames[k])] = ev.hectare_days_contaminated[k];
    land_total += ev.hectare_days_contaminated[k];
  }
  c["hectare_days_contaminated"] = land_total;
  c["hectare_days_contaminated_by_land_use"] = std::move(land);
  c["road_km_days_closed"] = ev.road_km_days_closed;
  c["makespan_days"] = ev.makespan_days;
  c["people_days_displaced"] = ev.people_days_displaced;
  c["weighted_people_days_displaced"] = ev.weighted_people_days_displaced;
  c["milestone_days_late"] = ev.milestone_days_late;
  json j;
  j["kind"] = std::string(name(s.params.objective.kind));
  j["value"] = ev.objective;
  j["baseline"] = meta.baseline_objective ? json(*meta.baseline_objective) : json(nullptr);
  const auto& lb = meta.lower_bound_objective;
  j["lower_bound"] = lb ? json(*lb) : json(nullptr);
  j["gap_percent"] = lb ? json(round_to(gap_percent(ev.objective, *lb), 1e3)) : json(nullptr);
  j["weights"] = weights;
  j["components"] = std::move(c);
  return j;
}

json summary_json(const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                  const OutputMeta& meta) {
  check_size(ev.crew_use.size(), s.crews.size(), "evaluation.crew_use");
  json j;
  j["rule"] = meta.rule.empty() ? p.rule : meta.rule;
  j["scenario"] = meta.scenario_name;
  j["start_date"] = s.params.start_date;
  j["horizon_days"] = s.params.horizon_days;
  j["seed"] = s.params.seed;
  j["seconds"] = round_to(meta.seconds, 1e3);

  j["population_total"] = ev.population_total;
  j["people_days_without_access"] = ev.people_days_without_access;
  const auto& lb = meta.lower_bound_people_days;
  j["lower_bound_people_days"] = lb ? json(*lb) : json(nullptr);
  j["gap_percent"] =
      lb ? json(round_to(gap_percent(ev.people_days_without_access, *lb), 1e3)) : json(nullptr);
  j["baseline_people_days"] =
      meta.baseline_people_days ? json(*meta.baseline_people_days) : json(nullptr);
  j["objective"] = objective_summary_json(s, ev, meta);
  j["days_to_access_50"] = opt_days(ev.days_to_access_50);
  j["days_to_access_90"] = opt_days(ev.days_to_access_90);
  j["days_to_access_100"] = opt_days(ev.days_to_access_100);
  for (Service sv : kRestorableServices) {
    j["people_days_without_" + std::string(name(sv))] =
        ev.people_days_without_service[static_cast<std::size_t>(sv)];
  }
  // Return of the displaced (docs/model.md §7).
  j["population_displaced"] = ev.population_displaced;
  j["people_days_displaced"] = ev.people_days_displaced;
  j["days_to_return_50"] = opt_days(ev.days_to_return_50);
  j["days_to_return_90"] = opt_days(ev.days_to_return_90);
  j["days_to_return_100"] = opt_days(ev.days_to_return_100);
  j["dwellings_damaged"] = ev.dwellings_damaged;
  j["dwellings_repaired"] = ev.dwellings_repaired;
  json returned = json::array();
  for (std::size_t d : month_end_days(ev.returned_by_day.size()))
    returned.push_back(ev.returned_by_day[d]);
  j["returned_by_month"] = std::move(returned);
  j["milestones"] = milestones_json(s, ev);
  j["hectares_cancelled"] = ev.hectares_cancelled;
  j["hectares_released"] = ev.hectares_released;
  j["hectares_cleared"] = ev.hectares_released - ev.hectares_cancelled;
  j["hectares_cancelled_by_month"] = ev.cancelled_ha_by_month;
  j["hectares_released_by_month"] = ev.released_ha_by_month;
  j["makespan_days"] = ev.makespan_days;
  j["end_date"] = iso_date(s.params.start_date,
                           static_cast<Minutes>(std::ceil(ev.makespan_days * kMinutesPerDay)));

  j["tasks"] = t.tasks.size();
  j["tasks_assigned"] = p.assignments.size();
  json by_kind = json::object();
  for (std::string_view k : kTaskKindNames) by_kind[std::string(k)] = 0;
  for (const Task& task : t.tasks)
    by_kind[std::string(name(task.kind))] =
        by_kind[std::string(name(task.kind))].get<std::size_t>() + 1;
  j["tasks_by_kind"] = std::move(by_kind);
  j["crews"] = s.crews.size();
  j["settlements"] = s.settlements.size();
  j["hubs"] = s.hubs.size();
  j["hazards"] = s.hazards.size();
  j["assets"] = s.assets.size();
  j["edges"] = s.roads.num_edges();
  j["nodes"] = s.roads.num_nodes();

  json util = use_json(ev.crew_use_total, s.crews.size());
  const auto [by_trade, crews_of] = crew_use_by_trade(s, ev);
  json trades = json::object();
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (crews_of[tr] > 0)
      trades[std::string(kTradeNames[tr])] = use_json(by_trade[tr], crews_of[tr]);
  }
  util["by_trade"] = std::move(trades);
  j["crew_utilisation"] = std::move(util);
  return j;
}

}  // namespace gw::io
