// A hand-made scenario, task set, plan and evaluation for the output writer tests:
// three edges (the middle one a bridge), two settlements, one hub, one hazard on the bridge,
// the bridge as the damaged asset (due on day 4), a survey crew and a bridge crew. Settlement S1
// has 600 of its 1000 people displaced and 36 damaged dwellings, 20 of them repaired by one
// housing package; the evaluation is filled by hand, consistently with docs/model.md §7.
#pragma once

#include "model/evaluation.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::test {

struct TinyPlan {
  Scenario s;
  TaskSet t;
  Plan p;
  Evaluation ev;
};

inline TinyPlan make_tiny_plan() {
  TinyPlan x;
  Scenario& s = x.s;
  s.params.start_date = "2027-04-01";
  s.params.horizon_days = 60;
  auto& g = s.roads;
  const NodeId n0 = g.add_node({30.0, 50.0});
  const NodeId n1 = g.add_node({30.01, 50.0});
  const NodeId n2 = g.add_node({30.02, 50.0});
  const NodeId n3 = g.add_node({30.02, 50.01});
  g.add_edge(n0, n1, {{30.0, 50.0}, {30.005, 50.0001}, {30.01, 50.0}}, 716, 60, RoadClass::kPrimary,
             false, 101);
  g.add_edge(n1, n2, {{30.01, 50.0}, {30.02, 50.0}}, 716, 40, RoadClass::kPrimary, true, 102);
  g.add_edge(n2, n3, {{30.02, 50.0}, {30.02, 50.01}}, 1112, 20, RoadClass::kTrack, false, 103);
  g.build_adjacency();

  s.params.household_size = 2.5;
  auto settlement = [](const char* id, const char* name, std::int64_t population, LonLat pos,
                       NodeId node) {
    Settlement st;
    st.id = id;
    st.name = name;
    st.population = population;
    st.pos = pos;
    st.node = node;
    st.dwellings = (population * 2 + 4) / 5;  // ceil(population / 2.5)
    return st;
  };
  s.settlements.push_back(settlement("S1", "Alpha", 1000, {30.02, 50.0}, n2));
  s.settlements.push_back(settlement("S2", "Beta \"upper\"", 500, {30.02, 50.01}, n3));
  s.settlements[0].displaced = 600;
  s.settlements[0].damaged_dwellings = {20, 10, 6};
  s.hubs.push_back({"HUB", "District centre", HubKind::kDistrictCentre, {30.0, 50.0}, n0, 0});

  Hazard h;
  h.id = "HZ1";
  // Clockwise on purpose: the GeoJSON writer must turn the exterior ring counterclockwise.
  h.polygon.outer = {
      {30.014, 49.999}, {30.014, 50.001}, {30.016, 50.001}, {30.016, 49.999}, {30.014, 49.999}};
  h.area_m2 = 31900;
  h.status = HazardStatus::kSuspected;
  h.terrain = Terrain::kVerge;
  h.land_use = LandUse::kTransport;
  s.hazards.push_back(h);

  Asset a;
  a.id = "BR1";
  a.kind = AssetKind::kBridge;
  a.geometry = {{30.015, 50.0}};
  a.quantity = 12;
  a.trade = Trade::kBridge;
  a.edge = EdgeId(1);
  a.due_date = "2027-04-05";  // day 4
  s.assets.push_back(a);

  s.crews.push_back({"C1", Trade::kSurvey, 4, "HUB", 1.0, n0});
  s.crews.push_back({"C2", Trade::kBridge, 40, "HUB", 1.0, n0});

  // Tasks: 0 survey, 1 corridor clearance on edge 1, 2 land clearance (left unassigned), 3 repair
  // (the deck, step 2 of the bridge's template), 4 housing (20 lightly damaged dwellings of S1).
  auto task = [](TaskKind kind, double work, EdgeId site_edge, LonLat site) {
    Task k;
    k.kind = kind;
    k.work = work;
    k.site_edge = site_edge;
    k.site = site;
    return k;
  };
  auto& tasks = x.t.tasks;
  tasks.push_back(task(TaskKind::kSurvey, 31900, EdgeId(1), {30.015, 50.0}));
  tasks.push_back(task(TaskKind::kClearance, 4000.25, EdgeId(1), {30.015, 50.0}));
  tasks.push_back(
      task(TaskKind::kClearance, 7000, EdgeId(1), {30.0151234567891, 50.0009876543219}));
  tasks.push_back(task(TaskKind::kRepair, 12, EdgeId(1), {30.015, 50.0}));
  tasks.push_back(task(TaskKind::kHousing, 20, EdgeId(2), {30.02, 50.0}));
  for (std::size_t k = 0; k < 3; ++k) {
    tasks[k].hazard = HazardId(0);
    tasks[k].terrain = Terrain::kVerge;
  }
  tasks[1].corridor_edge = EdgeId(1);
  tasks[3].asset = AssetId(0);
  tasks[3].activity = ActivityKind::kDeck;
  tasks[3].step = 2;
  tasks[4].settlement = SettlementId(0);
  tasks[4].activity = ActivityKind::kHouseLight;
  tasks[4].dwellings = 20;

  const Minutes day = kMinutesPerDay;
  Plan& p = x.p;
  p.rule = "nearest";
  // C1 surveys, then (a survey crew cannot clear, but the writers do not care) clears the corridor.
  p.assignments.push_back({TaskId(0), CrewId(0), 0, 15, day + 15, n0, n1, 15, false, {}});
  p.assignments.push_back(
      {TaskId(1), CrewId(0), day + 15, day + 15, 3 * day, n1, n1, 0, false, {}});
  p.assignments.push_back({TaskId(3), CrewId(1), 0, 3 * day, 5 * day + 720, n0, n1, 12, false, {}});
  p.assignments.push_back(
      {TaskId(4), CrewId(1), 5 * day + 720, 6 * day, 8 * day, n1, n2, 30, false, {}});

  Evaluation& ev = x.ev;
  ev.edge_open = {0, 5 * day + 720, kNever};
  ev.settlement_access = {5 * day + 720, kNever};
  for (auto& v : ev.service_restored) v = {0, 0};
  ev.service_restored[static_cast<std::size_t>(Service::kPower)] = {10 * day, kNever};
  ev.task_end = {day + 15, 3 * day, kNever, 5 * day + 720, 8 * day};
  ev.hazard_cancelled = {kNever};
  ev.hazard_cleared = {kNever};
  ev.population_total = 1500;
  ev.people_days_without_access = 1000 * 5.5 + 500 * 60.0;
  ev.days_to_access_50 = 5.5;
  ev.people_days_without_service[static_cast<std::size_t>(Service::kPower)] =
      1000 * 10.0 + 500 * 60.0;
  ev.hectares_cancelled = 0;
  ev.hectares_released = 0.400025;
  ev.makespan_days = 8;
  for (int d = 0; d <= 60; ++d) {
    ev.access_by_day.push_back(d >= 6 ? 1000 : 0);
    ev.cancelled_ha_by_day.push_back(0);
    ev.released_ha_by_day.push_back(d >= 3 ? 0.400025 : 0);
  }
  ev.cancelled_ha_by_month = {0, 0};
  ev.released_ha_by_month = {0.400025, 0.400025};
  ev.crew_use = {{3 * day - 15, 15, 8 * day - 3 * day, 2},
                 {4 * day + 720, 42, 4 * day - 720 - 42, 2}};
  ev.crew_use_total = {ev.crew_use[0].working + ev.crew_use[1].working,
                       ev.crew_use[0].travelling + ev.crew_use[1].travelling,
                       ev.crew_use[0].idle + ev.crew_use[1].idle, 4};
  // Projects and return (docs/model.md §7). S1 is ready from day 10 (power); its 364 habitable
  // dwellings plus the 20 repaired on day 8 hold 384 × 2.5 = 960 people: 400 stayed, so 560 of
  // the 600 displaced come back on day 10 and 40 never do.
  ev.asset_done = {5 * day + 720};
  ev.asset_works = {5 * day + 720};
  ev.residential_released = {0, 0};
  ev.settlement_ready = {10 * day, kNever};
  ev.return_first = {10 * day, kNever};
  ev.return_all = {kNever, kNever};
  ev.population_displaced = 600;
  ev.people_days_displaced = 600 * 10.0 + 40 * 50.0;
  ev.weighted_people_days_displaced = ev.people_days_displaced;
  ev.days_to_return_50 = 10;
  ev.days_to_return_90 = 10;
  ev.dwellings_damaged = 36;
  ev.dwellings_repaired = 20;
  for (int d = 0; d <= 60; ++d) ev.returned_by_day.push_back(d >= 10 ? 560 : 0);
  ev.milestones.push_back({AssetId(0), 4 * day, 5 * day + 720, 1.5});
  ev.milestone_days_late = 1.5;
  return x;
}

}  // namespace gw::test
