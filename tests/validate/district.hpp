// The hand-built district most of the validator's tests start from.
//
//   S0 (clinic PB1 at 50 m north of n0)                        H1
//   n0 ---------- e0 ---------- n1 -e1(bridge B1)- n2 ----- e2 [HZ1] ----- n3
//   (0,0)                    (1000,0)          (1100,0)  x 1400..1600     (2000,0)
//                                |
//                                e3
//                                |
//                               n4  S1: every crew's base
//                           (1000,-1000)
//
// HZ1 is a suspected forest hazard of 200 m x 60 m straddling e2: corridor part 200 x 20 = 4,000
// m², land part 8,000 m². The bridge B1 (span 10 m) is closed until its project is done: debris
// (40 m², one package), then the deck (two packages of 5 m, one per bridge crew). e2 opens when
// HZ1's survey and its corridor package are done. Both settlements reach the hub H1 only through
// e1 and e2. Every month works at 100 % (the calendar has its own tests).
#pragma once

#include "fixture.hpp"

namespace gw::validate::testing {

// Task ids of the fixture.
inline constexpr std::uint32_t kSurvey = 0, kCorridor = 1, kLand = 2, kDebris = 3, kDeck0 = 4,
                               kDeck1 = 5, kClinic = 6;
// Crew ids.
inline constexpr std::uint32_t kSurveyCrew = 0, kManualCrew = 1, kBridgeCrew = 2, kGeneralCrew = 3,
                               kBridgeCrew2 = 4;

struct District : Case {
  District() {
    auto& r = sc.roads;
    for (const auto& q : {at(0, 0), at(1000, 0), at(1100, 0), at(2000, 0), at(1000, -1000)})
      r.add_node(q);
    road(r, 0, 1, 1000, 50);
    road(r, 1, 2, 100, 50, true);
    road(r, 2, 3, 900, 50);
    road(r, 1, 4, 1000, 50);
    r.build_adjacency();

    sc.settlements.push_back(settlement("S0", 1000, at(-20, 10)));
    sc.settlements.push_back(settlement("S1", 500, at(1010, -990)));
    sc.hubs.push_back({"H1", "Centre", HubKind::kDistrictCentre, at(2030, 5), {}, 0});

    Hazard hz;
    hz.id = "HZ1";
    hz.polygon = square(1400, -30, 1600, 30);
    hz.area_m2 = 12000;
    hz.status = HazardStatus::kSuspected;
    hz.terrain = Terrain::kForest;
    sc.hazards.push_back(hz);

    Asset bridge;
    bridge.id = "B1";
    bridge.kind = AssetKind::kBridge;
    bridge.geometry = {at(1050, 5)};
    bridge.quantity = 10;
    bridge.trade = Trade::kBridge;
    sc.assets.push_back(bridge);
    Asset clinic;
    clinic.id = "PB1";
    clinic.kind = AssetKind::kPublicBuilding;
    clinic.service = Service::kClinic;
    clinic.geometry = {at(0, 50)};
    clinic.quantity = 100;
    clinic.trade = Trade::kGeneral;
    clinic.serves = {"S0"};
    sc.assets.push_back(clinic);

    sc.crews.push_back({"C1", Trade::kSurvey, 4, "S1", 1.0, {}});
    sc.crews.push_back({"C2", Trade::kManual, 20, "S1", 1.0, {}});
    sc.crews.push_back({"C3", Trade::kBridge, 40, "S1", 1.0, {}});
    sc.crews.push_back({"C4", Trade::kGeneral, 25, "S1", 1.0, {}});
    sc.crews.push_back({"C5", Trade::kBridge, 40, "S1", 1.0, {}});

    Parameters& p = sc.params;
    p.nts_cancel_share = 0;  // HZ1 is not cancelled
    flat_seasons(p);
    // The fixture's templates: a bridge is 4 m² of debris per metre of span (one package), then
    // its deck (packages of at least 5 m, at most 2); a public building is its fit-out; a road
    // section is its crater fill (the road opens), then its resurfacing (it does not wait).
    using A = ActivityKind;
    p.templates[static_cast<std::size_t>(AssetKind::kBridge)] = {step(A::kDebris, 4, {}, 1, 0),
                                                                 step(A::kDeck, 1, {0}, 2, 5)};
    p.templates[static_cast<std::size_t>(AssetKind::kPublicBuilding)] = {
        step(A::kFitOut, 1, {}, 1, 0)};
    p.templates[static_cast<std::size_t>(AssetKind::kRoadSection)] = {
        step(A::kCraterFill, 1, {}, 1, 0), step(A::kResurfacing, 1, {0}, 1, 0, false)};
    p.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                   [static_cast<std::size_t>(A::kFitOut)] = 2;
    p.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                   [static_cast<std::size_t>(A::kResurfacing)] = 5;

    tasks.push_back(hazard_task(TaskKind::kSurvey, 0, 12000, Terrain::kForest, edge(2)));
    tasks.push_back(hazard_task(TaskKind::kClearance, 0, 4000, Terrain::kForest, edge(2)));
    tasks.back().corridor_edge = edge(2);
    tasks.push_back(hazard_task(TaskKind::kClearance, 0, 8000, Terrain::kForest, edge(2)));
    tasks.push_back(repair(0, 0, 0, A::kDebris, 40, edge(1)));
    tasks.push_back(repair(0, 1, 0, A::kDeck, 5, edge(1)));
    tasks.push_back(repair(0, 1, 1, A::kDeck, 5, edge(1)));
    tasks.push_back(repair(1, 0, 0, A::kFitOut, 100, edge(0)));

    // Durations (7/6 calendar days per working day): debris 40 m² / (40 x 3 m²/day) -> 560 min;
    // each deck package 5 m / (40 x 0.1 m/day) -> 2100 min; survey 12000 / (4 x 25000 m²/day) ->
    // 201.6 -> 202 min; corridor 4000 / (20 x 20 x 0.5) = 20 days -> 33600 min; land 67200 min;
    // clinic 100 / (25 x 2) = 2 days -> 3360 min. Travel: base n4 to n1 or n2 is 72 (+8) s -> 2
    // min. The bridge is done, and e1 open, at 2662.
    plan.rule = "hand";
    plan.assignments = {
        asg(kSurvey, kSurveyCrew, 4202, 4204, 4406, 4, 2, 2),
        asg(kCorridor, kManualCrew, 4406, 4408, 38008, 4, 2, 2),
        asg(kLand, kManualCrew, 38008, 38008, 105208, 2, 2, 0),
        asg(kDebris, kBridgeCrew, 0, 2, 562, 4, 1, 2),
        asg(kDeck0, kBridgeCrew, 562, 562, 2662, 1, 1, 0),
        asg(kDeck1, kBridgeCrew2, 0, 562, 2662, 4, 1, 2),
        asg(kClinic, kGeneralCrew, 0, 2, 3362, 4, 1, 2),
    };
  }

  // A road section R1 on e2, under HZ1, with its two steps as tasks 7 and 8, worked by the
  // general crew after the clinic: 30 m² / (25 x 5 m²/day) -> 404 min each.
  void add_road_section_on_e2() {
    Asset road_section;
    road_section.id = "R1";
    road_section.kind = AssetKind::kRoadSection;
    road_section.geometry = {at(1500, 2)};
    road_section.quantity = 30;
    sc.assets.push_back(road_section);
    tasks.push_back(repair(2, 0, 0, ActivityKind::kCraterFill, 30, edge(2)));
    tasks.push_back(repair(2, 1, 0, ActivityKind::kResurfacing, 30, edge(2)));
    plan.assignments.push_back(asg(7, kGeneralCrew, 4202, 4204, 4608, 1, 2, 0));
    plan.assignments.push_back(asg(8, kGeneralCrew, 4608, 4608, 5012, 2, 2, 0));
  }
};

}  // namespace gw::validate::testing
