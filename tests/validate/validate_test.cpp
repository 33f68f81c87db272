// Tests of the independent plan validator on a hand-built district.
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
// m², land part 8,000 m². The bridge B1 (span 10 m) is closed until repaired; e2 opens when HZ1's
// survey and its corridor package are done. Both settlements reach the hub H1 only through e1 and
// e2.
#include "validate/validate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace gw::validate {
namespace {

constexpr double kLon0 = 35.0;
constexpr double kLat0 = 48.5;
constexpr double kPi = 3.14159265358979323846;

LonLat at(double x, double y) {
  const double mlat = 111132.954 - 559.822 * std::cos(2 * kLat0 * kPi / 180);
  const double mlon = 111412.84 * std::cos(kLat0 * kPi / 180);
  return {kLon0 + x / mlon, kLat0 + y / mlat};
}

NodeId node(std::uint32_t i) { return NodeId(i); }
EdgeId edge(std::uint32_t i) { return EdgeId(i); }

// Task ids of the fixture.
constexpr std::uint32_t kSurvey = 0, kCorridor = 1, kLand = 2, kBridge = 3, kClinic = 4;
// Crew ids.
constexpr std::uint32_t kSurveyCrew = 0, kManualCrew = 1, kBridgeCrew = 2, kGeneralCrew = 3;

struct Fixture {
  Scenario sc;
  std::vector<Task> tasks;
  Plan plan;

  Fixture() {
    auto& r = sc.roads;
    const LonLat p[] = {at(0, 0), at(1000, 0), at(1100, 0), at(2000, 0), at(1000, -1000)};
    for (const auto& q : p) r.add_node(q);
    r.add_edge(node(0), node(1), {p[0], at(500, 0), p[1]}, 1000, 50, RoadClass::kTertiary, false,
               1);
    r.add_edge(node(1), node(2), {p[1], p[2]}, 100, 50, RoadClass::kTertiary, true, 2);
    r.add_edge(node(2), node(3), {p[2], at(1500, 0), p[3]}, 900, 50, RoadClass::kTertiary, false,
               3);
    r.add_edge(node(1), node(4), {p[1], p[4]}, 1000, 50, RoadClass::kTrack, false, 4);
    r.build_adjacency();

    sc.settlements.push_back(
        {"S0", "West", 1000, at(-20, 10), 1.0, 0, 0, {}, Heating::kNetwork, {}, 0});
    sc.settlements.push_back(
        {"S1", "South", 500, at(1010, -990), 1.0, 0, 0, {}, Heating::kNetwork, {}, 0});
    sc.hubs.push_back({"H1", "Centre", HubKind::kDistrictCentre, at(2030, 5), {}, 0});

    Hazard hz;
    hz.id = "HZ1";
    hz.polygon.outer = {at(1400, -30), at(1400, 30), at(1600, 30), at(1600, -30), at(1400, -30)};
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
    sc.params.nts_cancel_share = 0;  // HZ1 is not cancelled

    auto task = [](TaskKind k, std::uint32_t hazard, double work, EdgeId site) {
      Task t;
      t.kind = k;
      t.hazard = HazardId(hazard);
      t.work = work;
      t.terrain = Terrain::kForest;
      t.site_edge = site;
      return t;
    };
    tasks.push_back(task(TaskKind::kSurvey, 0, 12000, edge(2)));
    tasks.push_back(task(TaskKind::kClearance, 0, 4000, edge(2)));
    tasks.back().corridor_edge = edge(2);
    tasks.push_back(task(TaskKind::kClearance, 0, 8000, edge(2)));
    Task rep;
    rep.kind = TaskKind::kRepair;
    rep.asset = AssetId(0);
    rep.work = 10;
    rep.site_edge = edge(1);
    tasks.push_back(rep);
    rep.asset = AssetId(1);
    rep.work = 100;
    rep.site_edge = edge(0);
    tasks.push_back(rep);

    // Durations: bridge 10 m / (40 x 0.1 m/day) = 2.5 days -> 4200 min; survey 12000 / 100000
    // m²/day
    // -> 201.6 -> 202 min; corridor 4000 / (20 x 20 x 0.5) = 20 days -> 33600 min; land 67200 min;
    // clinic 100 / (25 x 2) = 2 days -> 3360 min. Travel: base n4 to n1 or n2 is 72 (+8) s -> 2
    // min.
    auto asg = [](std::uint32_t t, std::uint32_t c, Minutes depart, Minutes start, Minutes end,
                  std::uint32_t from, std::uint32_t entry, Minutes travel) {
      return Assignment{TaskId(t), CrewId(c),    depart,        start,
                        end,       NodeId(from), NodeId(entry), travel};
    };
    plan.rule = "hand";
    plan.assignments = {
        asg(kSurvey, kSurveyCrew, 4202, 4204, 4406, 4, 2, 2),
        asg(kCorridor, kManualCrew, 4406, 4408, 38008, 4, 2, 2),
        asg(kLand, kManualCrew, 38008, 38008, 105208, 2, 2, 0),
        asg(kBridge, kBridgeCrew, 0, 2, 4202, 4, 1, 2),
        asg(kClinic, kGeneralCrew, 0, 2, 3362, 4, 1, 2),
    };
  }

  Assignment& of(std::uint32_t task) {
    for (auto& a : plan.assignments) {
      if (a.task.index() == task) return a;
    }
    throw std::runtime_error("no assignment");
  }
  Report run() const { return validate_plan(sc, tasks, plan); }
};

std::string dump(const Report& r) {
  std::string s;
  for (const auto& v : r.violations) s += v + "\n";
  return s;
}

bool has(const Report& r, const std::string& needle) {
  return std::any_of(r.violations.begin(), r.violations.end(),
                     [&](const std::string& v) { return v.find(needle) != std::string::npos; });
}

#define EXPECT_VIOLATION(report, needle) \
  EXPECT_TRUE(has(report, needle)) << "wanted '" << (needle) << "' in:\n" << dump(report)

TEST(ValidateHash, MatchesReferenceValues) {
  EXPECT_EQ(fnv1a64(""), 14695981039346656037ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_FALSE(nts_cancelled(1, "HZ1", 0.0));
  EXPECT_TRUE(nts_cancelled(1, "HZ1", 1.0));
}

TEST(Validate, ValidPlanPassesWithItsMeasures) {
  const Fixture f;
  const Report r = f.run();
  EXPECT_TRUE(r.valid()) << dump(r);
  const auto& m = r.measures;
  EXPECT_EQ(m.population_total, 1500);
  ASSERT_EQ(m.settlement_access.size(), 2u);
  EXPECT_EQ(m.settlement_access[0], 38008);  // e2 opens when its corridor package ends
  EXPECT_EQ(m.settlement_access[1], 38008);
  EXPECT_NEAR(m.people_days_without_access, 1500.0 * 38008 / 1440, 1e-6);
  ASSERT_TRUE(m.days_to_access_50 && m.days_to_access_90 && m.days_to_access_100);
  EXPECT_NEAR(*m.days_to_access_100, 38008.0 / 1440, 1e-9);
  EXPECT_NEAR(m.people_days_without_service[static_cast<std::size_t>(Service::kClinic)],
              1000.0 * 3362 / 1440, 1e-6);
  EXPECT_EQ(m.people_days_without_service[static_cast<std::size_t>(Service::kPower)], 0);
  EXPECT_NEAR(m.makespan_days, 105208.0 / 1440, 1e-9);
  EXPECT_NEAR(m.hectares_released, 1.2, 0.01);
  EXPECT_EQ(m.hectares_cancelled, 0);
}

TEST(Validate, HorizonClipsPeopleDays) {
  Fixture f;
  f.sc.params.horizon_days = 10;
  const Report r = f.run();
  EXPECT_NEAR(r.measures.people_days_without_access, 1500.0 * 10, 1e-6);
}

TEST(Validate, NeverOpenedRoadMeansNoAccess) {
  Fixture f;
  f.plan.assignments.erase(f.plan.assignments.begin() + 1,
                           f.plan.assignments.begin() + 3);  // no clearance
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 1 (clearance HZ1 edge 2 pkg 0): not assigned");
  EXPECT_EQ(r.measures.settlement_access[0], kNever);
  EXPECT_FALSE(r.measures.days_to_access_50.has_value());
  EXPECT_NEAR(r.measures.people_days_without_access, 1500.0 * 1095, 1e-6);
}

TEST(Validate, ReportsOverlap) {
  Fixture f;
  auto& land = f.of(kLand);
  land.depart = 30000;
  land.start = 30000;
  land.end = 30000 + 67200;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "crew C2: assignments of tasks 1 and 2 overlap");
}

TEST(Validate, ReportsWrongTrade) {
  Fixture f;
  f.of(kClinic).crew = CrewId(kBridgeCrew);
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 4 (repair PB1), crew C3: trade bridge cannot do this task");
}

TEST(Validate, ReportsTooShort) {
  Fixture f;
  f.of(kSurvey).end = 4204 + 201;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 0 (survey HZ1), crew C1: lasts 201 min, needs 202 min");
}

TEST(Validate, ReportsPrecedence) {
  Fixture f;
  auto& s = f.of(kSurvey);
  s.depart = 40000;  // the survey now ends long after the clearance starts
  s.start = 40002;
  s.end = 40204;
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 1 (clearance HZ1 edge 2 pkg 0): starts at 4408 before predecessor task 0 "
                   "(survey HZ1) ends at 40204");
  EXPECT_VIOLATION(r, "task 2 (clearance HZ1 pkg 0): starts at 38008 before predecessor task 0");
}

TEST(Validate, ReportsRepairBeforeHazardOnItsEdge) {
  // A road section on e2, under HZ1: its repair must wait for the survey and the corridor package.
  Fixture f;
  Asset road;
  road.id = "R1";
  road.kind = AssetKind::kRoadSection;
  road.geometry = {at(1500, 2)};
  road.quantity = 30;
  f.sc.assets.push_back(road);
  Task rep;
  rep.kind = TaskKind::kRepair;
  rep.asset = AssetId(2);
  rep.work = 30;
  rep.site_edge = edge(2);
  f.tasks.push_back(rep);
  // Road crew-like general crew: 30 m² / (25 x 5) -> 0.24 days -> 404 min. Works from n2 after the
  // bridge.
  f.plan.assignments.push_back(
      {TaskId(5), CrewId(kGeneralCrew), 4202, 4204, 4608, NodeId(1), NodeId(2), 0});
  const Report r = f.run();
  EXPECT_VIOLATION(
      r, "task 5 (repair R1): starts at 4204 before predecessor task 0 (survey HZ1) ends at 4406");
  EXPECT_VIOLATION(
      r,
      "task 5 (repair R1): starts at 4204 before predecessor task 1 (clearance HZ1 edge 2 pkg 0)");
  EXPECT_FALSE(has(r, "before predecessor task 2"))
      << dump(r);  // land packages do not hold a road repair
}

TEST(Validate, ReportsUnreachableSite) {
  Fixture f;
  auto& s = f.of(kSurvey);  // leaves before the bridge is repaired
  s.depart = 0;
  s.start = 2;
  s.end = 204;
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 0 (survey HZ1), crew C1: site unreachable, entry node 2 not connected to "
                   "base node 4 over roads open at 0");
}

TEST(Validate, ReportsTravelTooShort) {
  Fixture f;
  f.of(kLand).entry_node = node(3);  // n2 -> n3 over e2 takes 65 s -> 2 min
  const Report r = f.run();
  EXPECT_VIOLATION(
      r,
      "task 2 (clearance HZ1 pkg 0), crew C2: starts at 38008, before depart 38008 + travel 2 min");
  f.of(kLand).start = 38010;
  f.of(kLand).end = 38010 + 67200;
  f.of(kLand).travel_min = 5;  // more than needed is fine
  EXPECT_TRUE(f.run().valid()) << dump(f.run());
}

TEST(Validate, ReportsWrongChainOfNodes) {
  Fixture f;
  f.of(kLand).from_node = node(4);
  f.of(kClinic).entry_node = node(2);
  const Report r = f.run();
  EXPECT_VIOLATION(
      r,
      "task 2 (clearance HZ1 pkg 0), crew C2: from_node 4, expected 2 (the previous entry node)");
  EXPECT_VIOLATION(r, "task 4 (repair PB1), crew C4: entry node 2 is not an end of site edge 0");
}

TEST(Validate, ReportsMissingAndDuplicateTasks) {
  Fixture f;
  f.tasks.push_back(f.tasks[kSurvey]);
  f.plan.assignments.push_back(f.of(kSurvey));
  f.plan.assignments.back().task = TaskId(5);
  f.plan.assignments.back().crew = CrewId(kSurveyCrew);
  f.plan.assignments.push_back(f.of(kBridge));  // the same task twice
  const Report r = f.run();
  EXPECT_VIOLATION(r, "hazard HZ1: 2 survey tasks");
  EXPECT_VIOLATION(r, "task 3 (repair B1): assigned more than once");

  Fixture g;
  g.tasks.erase(g.tasks.begin() + kLand, g.tasks.end());
  g.plan.assignments.erase(g.plan.assignments.begin() + 2, g.plan.assignments.end());
  const Report q = g.run();
  EXPECT_VIOLATION(q, "hazard HZ1: no land packages for its land part of 799");
  EXPECT_VIOLATION(q, "asset B1: missing repair task");
  EXPECT_VIOLATION(q, "asset PB1: missing repair task");
}

TEST(Validate, ReportsMissingCorridorPackages) {
  Fixture f;
  f.tasks[kCorridor].corridor_edge = EdgeId();  // declared as a second land package
  f.tasks[kCorridor].package = 1;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "hazard HZ1 blocks edge 2 (corridor 4");
}

TEST(Validate, ReportsWrongWork) {
  Fixture f;
  f.tasks[kBridge].work = 9;
  f.tasks[kCorridor].work = 3000;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 3 (repair B1): work 9.0, asset quantity is 10.0");
  EXPECT_VIOLATION(r, "hazard HZ1 edge 2: packages total 3000.0 m², the part is 4");
}

TEST(Validate, ReportsWrongSiteAndTerrain) {
  Fixture f;
  f.tasks[kBridge].site_edge = edge(0);
  f.tasks[kSurvey].terrain = Terrain::kField;
  f.tasks[kClinic].site_edge = edge(99);
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 3 (repair B1): site edge 0, the asset cuts edge 1");
  EXPECT_VIOLATION(r, "task 0 (survey HZ1): terrain field, the hazard's is forest");
  EXPECT_VIOLATION(r, "task 4 (repair PB1): site edge 99 is not an edge of the network");
}

TEST(Validate, MechanicalTerrainNeedsMachinePlusFollowUp) {
  Fixture f;
  f.sc.hazards[0].terrain = Terrain::kField;
  for (auto& t : f.tasks) t.terrain = Terrain::kField;
  const Report r = f.run();
  EXPECT_VIOLATION(
      r, "task 1 (clearance HZ1 edge 2 pkg 0): terrain field is cleared by mechanical + follow_up");
  EXPECT_VIOLATION(r, "hazard HZ1 edge 2 pkg 0: 0 follow_up tasks, expected 1");
}

// The plan of a cancelled HZ1: its survey (ending at 4406), the bridge and the clinic, as task ids
// 0, 1 and 2.
void keep_only_the_survey(Fixture& f) {
  f.tasks.erase(f.tasks.begin() + kCorridor, f.tasks.begin() + kLand + 1);
  f.plan.assignments = {
      {TaskId(0), CrewId(kSurveyCrew), 4202, 4204, 4406, NodeId(4), NodeId(2), 2},
      {TaskId(1), CrewId(kBridgeCrew), 0, 2, 4202, NodeId(4), NodeId(1), 2},
      {TaskId(2), CrewId(kGeneralCrew), 0, 2, 3362, NodeId(4), NodeId(1), 2},
  };
}

TEST(Validate, CancelledHazardNeedsOnlyItsSurvey) {
  Fixture f;
  f.sc.params.nts_cancel_share = 1;  // every suspected hazard is cancelled
  EXPECT_VIOLATION(f.run(),
                   "hazard HZ1 is cancelled by non-technical survey but has 2 clearance tasks");

  keep_only_the_survey(f);
  const Report r = f.run();
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.settlement_access[0], 4406);  // e2 opens when the survey ends
  EXPECT_NEAR(r.measures.hectares_cancelled, 1.2, 1e-9);
  EXPECT_NEAR(r.measures.hectares_released, 1.2, 1e-9);
}

// The objective's components, computed by hand from the fixture's times (docs/scenario.md,
// "Objective"): e1 (100 m) opens at 4202, e2 (900 m) at 38008; the corridor package (0.4 ha) ends
// at 38008, the land package (0.8 ha) at 105208; S0's clinic works from 3362.
TEST(Validate, ObjectiveComponentsByHand) {
  Fixture f;
  f.sc.settlements[0].weight = 3;  // S0 has the clinic
  f.sc.hazards[0].land_use = LandUse::kResidential;
  f.sc.roads.edge_weight[2] = 2;
  f.sc.params.objective.kind = ObjectiveKind::kWeighted;
  auto& w = f.sc.params.objective.weights;
  w.access_people_day = 1;
  w.land_hectare_day.fill(0);
  w.land_hectare_day[static_cast<std::size_t>(LandUse::kResidential)] = 2;
  w.service_people_day.fill(0);
  w.service_people_day[static_cast<std::size_t>(Service::kClinic)] = 0.5;
  w.road_km_day = 0.25;
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  const auto& m = r.measures;
  const double access = (1000.0 * 3 + 500.0) * 38008 / 1440;
  const double clinic = 1000.0 * 3 * 3362 / 1440;
  const double land = 0.4 * 38008 / 1440 + 0.8 * 105208 / 1440;
  const double road = 0.1 * 4202 / 1440 + 0.9 * 2 * 38008 / 1440;
  EXPECT_NEAR(m.weighted_people_days_without_access, access, 1e-6);
  EXPECT_NEAR(m.weighted_people_days_without_service[static_cast<std::size_t>(Service::kClinic)],
              clinic, 1e-6);
  EXPECT_EQ(m.weighted_people_days_without_service[static_cast<std::size_t>(Service::kPower)], 0);
  EXPECT_NEAR(m.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kResidential)], land,
              1e-9);
  EXPECT_EQ(m.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kAgriculture)], 0);
  EXPECT_NEAR(m.road_km_days_closed, road, 1e-9);
  EXPECT_NEAR(m.objective, access + 0.5 * clinic + 2 * land + 0.25 * road, 1e-6);
  // The unweighted people-days are untouched by the weights.
  EXPECT_NEAR(m.people_days_without_access, 1500.0 * 38008 / 1440, 1e-6);

  f.sc.params.objective.kind = ObjectiveKind::kMakespan;
  EXPECT_NEAR(f.run().measures.objective, 105208.0 / 1440, 1e-9);
  f.sc.params.objective.kind = ObjectiveKind::kAccess;
  EXPECT_NEAR(f.run().measures.objective, 1500.0 * 38008 / 1440, 1e-6);
  // A horizon of 10 days clips every component.
  f.sc.params.objective.kind = ObjectiveKind::kWeighted;
  f.sc.params.horizon_days = 10;
  const Measures c = f.run().measures;
  EXPECT_NEAR(c.weighted_people_days_without_access, 3500.0 * 10, 1e-6);
  EXPECT_NEAR(c.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kResidential)],
              1.2 * 10, 1e-9);
  EXPECT_NEAR(c.road_km_days_closed, 0.1 * 2.918 + 0.9 * 2 * 10, 1e-3);
}

// A cancelled hazard's whole area is contaminated until its survey ends.
TEST(Validate, CancelledLandCountsUntilTheSurveyEnds) {
  Fixture f;
  f.sc.params.nts_cancel_share = 1;
  keep_only_the_survey(f);
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_NEAR(r.measures.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kAgriculture)],
              1.2 * 4406 / 1440, 1e-9);
}

TEST(Validate, CapsTheViolationList) {
  Fixture f;
  for (int i = 0; i < 1500; ++i)
    f.plan.assignments.push_back({TaskId(999), CrewId(0), 0, 0, 0, NodeId(0), NodeId(0), 0});
  const Report r = f.run();
  ASSERT_EQ(r.violations.size(), kMaxViolations + 1);
  EXPECT_EQ(r.violations.back(), "... and 500 more violations");
}

}  // namespace
}  // namespace gw::validate
