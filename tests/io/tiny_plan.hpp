// A hand-made scenario, task set, plan and evaluation for the output writer tests:
// three edges (the middle one a bridge), two settlements, one hub, one hazard on the bridge,
// the bridge as the damaged asset, a survey crew and a bridge crew.
#pragma once

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/evaluate.hpp"

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

  Settlement alpha;
  alpha.id = "S1";
  alpha.name = "Alpha";
  alpha.population = 1000;
  alpha.pos = {30.02, 50.0};
  alpha.node = n2;
  Settlement beta;
  beta.id = "S2";
  beta.name = "Beta \"upper\"";
  beta.population = 500;
  beta.pos = {30.02, 50.01};
  beta.node = n3;
  s.settlements.push_back(alpha);
  s.settlements.push_back(beta);
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
  s.assets.push_back(a);

  s.crews.push_back({"C1", Trade::kSurvey, 4, "HUB", 1.0, n0});
  s.crews.push_back({"C2", Trade::kBridge, 40, "HUB", 1.0, n0});

  // Tasks: 0 survey, 1 corridor clearance on edge 1, 2 land clearance (left unassigned), 3 repair.
  auto& tasks = x.t.tasks;
  tasks.push_back({TaskKind::kSurvey,
                   HazardId(0),
                   AssetId{},
                   EdgeId{},
                   0,
                   31900,
                   Terrain::kVerge,
                   EdgeId(1),
                   {30.015, 50.0},
                   ActivityKind::kDebris,
                   0,
                   SettlementId{},
                   0});
  tasks.push_back({TaskKind::kClearance,
                   HazardId(0),
                   AssetId{},
                   EdgeId(1),
                   0,
                   4000.25,
                   Terrain::kVerge,
                   EdgeId(1),
                   {30.015, 50.0},
                   ActivityKind::kDebris,
                   0,
                   SettlementId{},
                   0});
  tasks.push_back({TaskKind::kClearance,
                   HazardId(0),
                   AssetId{},
                   EdgeId{},
                   0,
                   7000,
                   Terrain::kVerge,
                   EdgeId(1),
                   {30.0151234567891, 50.0009876543219},
                   ActivityKind::kDebris,
                   0,
                   SettlementId{},
                   0});
  tasks.push_back({TaskKind::kRepair,
                   HazardId{},
                   AssetId(0),
                   EdgeId{},
                   0,
                   12,
                   Terrain::kField,
                   EdgeId(1),
                   {30.015, 50.0},
                   ActivityKind::kDebris,
                   0,
                   SettlementId{},
                   0});

  const Minutes day = kMinutesPerDay;
  Plan& p = x.p;
  p.rule = "nearest";
  // C1 surveys, then (a survey crew cannot clear, but the writers do not care) clears the corridor.
  p.assignments.push_back({TaskId(0), CrewId(0), 0, 15, day + 15, n0, n1, 15});
  p.assignments.push_back({TaskId(1), CrewId(0), day + 15, day + 15, 3 * day, n1, n1, 0});
  p.assignments.push_back({TaskId(3), CrewId(1), 0, 3 * day, 5 * day + 720, n0, n1, 12});

  Evaluation& ev = x.ev;
  ev.edge_open = {0, 5 * day + 720, kNever};
  ev.settlement_access = {5 * day + 720, kNever};
  for (auto& v : ev.service_restored) v = {0, 0};
  ev.service_restored[static_cast<std::size_t>(Service::kPower)] = {10 * day, kNever};
  ev.task_end = {day + 15, 3 * day, kNever, 5 * day + 720};
  ev.hazard_cancelled = {kNever};
  ev.hazard_cleared = {kNever};
  ev.population_total = 1500;
  ev.people_days_without_access = 1000 * 5.5 + 500 * 60.0;
  ev.days_to_access_50 = 5.5;
  ev.people_days_without_service[static_cast<std::size_t>(Service::kPower)] =
      1000 * 10.0 + 500 * 60.0;
  ev.hectares_cancelled = 0;
  ev.hectares_released = 0.400025;
  ev.makespan_days = 5.5;
  for (int d = 0; d <= 60; ++d) {
    ev.access_by_day.push_back(d >= 6 ? 1000 : 0);
    ev.cancelled_ha_by_day.push_back(0);
    ev.released_ha_by_day.push_back(d >= 3 ? 0.400025 : 0);
  }
  ev.cancelled_ha_by_month = {0, 0};
  ev.released_ha_by_month = {0.400025, 0.400025};
  ev.crew_use = {{3 * day - 15, 15, 5 * day + 720 - 3 * day, 2},
                 {2 * day + 720, 12, 3 * day - 12, 1}};
  ev.crew_use_total = {ev.crew_use[0].working + ev.crew_use[1].working,
                       ev.crew_use[0].travelling + ev.crew_use[1].travelling,
                       ev.crew_use[0].idle + ev.crew_use[1].idle, 3};
  return x;
}

}  // namespace gw::test
