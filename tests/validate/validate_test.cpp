// Tests of the independent plan validator on the hand-built district of district.hpp: the rules
// of docs/model.md §1-§5 and the measures of §7 that do not involve the return of the displaced
// (return_test.cpp), projects (projects_test.cpp) or the calendar (calendar_test.cpp).
#include "validate/validate.hpp"

#include <gtest/gtest.h>

#include <string>

#include "district.hpp"

namespace gw::validate {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's builders

TEST(ValidateHash, MatchesReferenceValues) {
  EXPECT_EQ(fnv1a64(""), 14695981039346656037ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_FALSE(nts_cancelled(1, "HZ1", 0.0));
  EXPECT_TRUE(nts_cancelled(1, "HZ1", 1.0));
}

TEST(Validate, ValidPlanPassesWithItsMeasures) {
  const District f;
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
  EXPECT_NEAR(m.people_days_without_service[service(Service::kClinic)], 1000.0 * 3362 / 1440, 1e-6);
  EXPECT_EQ(m.people_days_without_service[service(Service::kPower)], 0);
  EXPECT_EQ(m.asset_done, (std::vector<Minutes>{2662, 3362}));
  EXPECT_EQ(m.asset_works, (std::vector<Minutes>{2662, 3362}));
  EXPECT_EQ(m.service_restored[service(Service::kClinic)], (std::vector<Minutes>{3362, 0}));
  EXPECT_NEAR(m.makespan_days, 105208.0 / 1440, 1e-9);
  EXPECT_NEAR(m.hectares_released, 1.2, 0.01);
  EXPECT_EQ(m.hectares_cancelled, 0);
  // Nobody displaced: nobody returns.
  EXPECT_EQ(m.population_displaced, 0);
  EXPECT_EQ(m.people_days_displaced, 0);
  EXPECT_EQ(m.return_first, (std::vector<Minutes>{kNever, kNever}));
  EXPECT_EQ(m.return_all, (std::vector<Minutes>{kNever, kNever}));
  EXPECT_EQ(m.days_to_return_100, 0.0);
}

TEST(Validate, HorizonClipsPeopleDays) {
  District f;
  f.sc.params.horizon_days = 10;
  const Report r = f.run();
  EXPECT_NEAR(r.measures.people_days_without_access, 1500.0 * 10, 1e-6);
}

TEST(Validate, NeverOpenedRoadMeansNoAccess) {
  District f;
  f.plan.assignments.erase(f.plan.assignments.begin() + 1,
                           f.plan.assignments.begin() + 3);  // no clearance
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 1 (clearance HZ1 edge 2 pkg 0): not assigned");
  EXPECT_EQ(r.measures.settlement_access[0], kNever);
  EXPECT_FALSE(r.measures.days_to_access_50.has_value());
  EXPECT_NEAR(r.measures.people_days_without_access, 1500.0 * 1095, 1e-6);
}

TEST(Validate, ReportsOverlap) {
  District f;
  auto& land = f.of(kLand);
  land.depart = 30000;
  land.start = 30000;
  land.end = 30000 + 67200;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "crew C2: assignments of tasks 1 and 2 overlap");
}

TEST(Validate, ReportsWrongTrade) {
  District f;
  f.of(kClinic).crew = CrewId(kBridgeCrew);
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 6 (repair PB1 step 0 pkg 0), crew C3: trade bridge cannot do this task");
}

TEST(Validate, ReportsTooShort) {
  District f;
  f.of(kSurvey).end = 4204 + 201;
  f.of(kDeck0).end = 562 + 2099;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 0 (survey HZ1), crew C1: lasts 201 min, needs 202 min");
  EXPECT_VIOLATION(r, "task 4 (repair B1 step 1 pkg 0), crew C3: lasts 2099 min, needs 2100 min");
}

TEST(Validate, ReportsPrecedence) {
  District f;
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

TEST(Validate, ReportsStepBeforeTheStepItComesAfter) {
  District f;
  auto& deck = f.of(kDeck1);
  deck.start = 500;  // before the debris ends at 562
  deck.end = 2600;
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 5 (repair B1 step 1 pkg 1): starts at 500 before predecessor task 3 "
                   "(repair B1 step 0 pkg 0) ends at 562");
  EXPECT_EQ(r.violations.size(), 1u) << dump(r);
}

// Hazards on an asset come before its first steps only (§4), and the road opens with the steps
// whose `opens` is true (§5).
TEST(Validate, HazardOnTheEdgeHoldsTheFirstStepsOnly) {
  District f;
  f.add_road_section_on_e2();
  const Report r = f.run();
  EXPECT_VIOLATION(
      r,
      "task 7 (repair R1 step 0 pkg 0): starts at 4204 before predecessor task 0 (survey HZ1) ends "
      "at 4406");
  EXPECT_VIOLATION(r,
                   "task 7 (repair R1 step 0 pkg 0): starts at 4204 before predecessor task 1 "
                   "(clearance HZ1 edge 2 pkg 0)");
  EXPECT_NO_VIOLATION(r, "before predecessor task 2");  // land packages do not hold a road repair
  EXPECT_NO_VIOLATION(r, "task 8 (repair R1 step 1 pkg 0): starts");  // not a first step
}

TEST(Validate, RoadOpensWithItsOpeningStepsOnly) {
  District f;
  f.add_road_section_on_e2();
  // After the corridor: crater fill 38010 -> 38414, resurfacing 38414 -> 38818.
  f.plan.assignments[7] = asg(7, kGeneralCrew, 38008, 38010, 38414, 1, 2, 0);
  f.plan.assignments[8] = asg(8, kGeneralCrew, 38414, 38414, 38818, 2, 2, 0);
  Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.settlement_access[0], 38414);  // not 38818: resurfacing does not close it

  auto& tmpl = f.sc.params.templates[static_cast<std::size_t>(AssetKind::kRoadSection)];
  tmpl[1].opens = true;
  r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.settlement_access[0], 38818);
}

TEST(Validate, ReportsUnreachableSite) {
  District f;
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
  District f;
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

// A stated route (docs/model.md §5) is what is checked: a chain of passable edges open at the
// departure from from_node to entry_node, within start - depart; a wrong one is a violation even
// where another road would serve.
TEST(Validate, ChecksTheStatedRoute) {
  District f;
  // Base n4 -> n1 over e3 (72 s); the survey goes on over the repaired bridge e1 (8 s) to n2.
  f.of(kSurvey).route = {edge(3), edge(1)};
  f.of(kDebris).route = {edge(3)};
  f.of(kClinic).route = {edge(3)};
  ASSERT_TRUE(f.run().valid()) << dump(f.run());

  const std::string survey = "task 0 (survey HZ1), crew C1: route ";
  f.of(kSurvey).route = {edge(3)};
  EXPECT_VIOLATION(f.run(), survey + "ends at node 1, not entry node 2");
  f.of(kSurvey).route = {edge(1), edge(3)};
  EXPECT_VIOLATION(f.run(), survey + "edge 1 does not leave node 4 (entry 0)");
  f.of(kSurvey).route = {edge(3), edge(1), edge(2), edge(2)};  // e2 waits for HZ1's corridor
  EXPECT_VIOLATION(f.run(), survey + "edge 2 is closed at 4202, opens at 38008");
  f.of(kSurvey).route = {edge(3), EdgeId(99)};
  EXPECT_VIOLATION(f.run(), survey + "entry 1: edge 99 is not an edge of the network");
  f.of(kSurvey).route = {edge(3), edge(1)};
  // Through the bridge before it is repaired (open at 2662).
  f.of(kDeck1).route = {edge(3), edge(1), edge(1)};
  EXPECT_VIOLATION(
      f.run(),
      "task 5 (repair B1 step 1 pkg 1), crew C5: route edge 1 is closed at 0, opens at "
      "2662");
  f.of(kDeck1).route.clear();
  // 72 + 2 x 72 s over e0 and back: 216 s, more than the 2 minutes the clinic's crew allows.
  f.of(kClinic).route = {edge(3), edge(0), edge(0)};
  EXPECT_VIOLATION(
      f.run(),
      "task 6 (repair PB1 step 0 pkg 0), crew C4: route takes 4 min, more than start 2 - "
      "depart 0");
  f.of(kClinic).start += 2;
  f.of(kClinic).end += 2;
  EXPECT_TRUE(f.run().valid()) << dump(f.run());  // now it fits
}

TEST(Validate, ReportsWrongChainOfNodes) {
  District f;
  f.of(kLand).from_node = node(4);
  f.of(kClinic).entry_node = node(2);
  const Report r = f.run();
  EXPECT_VIOLATION(
      r,
      "task 2 (clearance HZ1 pkg 0), crew C2: from_node 4, expected 2 (the previous entry node)");
  EXPECT_VIOLATION(
      r, "task 6 (repair PB1 step 0 pkg 0), crew C4: entry node 2 is not an end of site edge 0");
}

TEST(Validate, ReportsMissingAndDuplicateTasks) {
  District f;
  f.tasks.push_back(f.tasks[kSurvey]);
  f.plan.assignments.push_back(f.of(kSurvey));
  f.plan.assignments.back().task = TaskId(7);
  f.plan.assignments.back().crew = CrewId(kSurveyCrew);
  f.plan.assignments.push_back(f.of(kDebris));  // the same task twice
  const Report r = f.run();
  EXPECT_VIOLATION(r, "hazard HZ1: 2 survey tasks");
  EXPECT_VIOLATION(r, "task 3 (repair B1 step 0 pkg 0): assigned more than once");

  District g;
  g.erase_tasks({kLand, kDebris, kDeck0, kDeck1, kClinic});
  const Report q = g.run();
  EXPECT_VIOLATION(q, "hazard HZ1: no land packages for its land part of 799");
  EXPECT_VIOLATION(q, "asset B1: no repair task declared (expected 3)");
  EXPECT_VIOLATION(q, "asset PB1: no repair task declared (expected 1)");
}

TEST(Validate, ReportsMissingCorridorPackages) {
  District f;
  f.tasks[kCorridor].corridor_edge = EdgeId();  // declared as a second land package
  f.tasks[kCorridor].package = 1;
  const Report r = f.run();
  EXPECT_VIOLATION(r, "hazard HZ1 blocks edge 2 (corridor 4");
}

TEST(Validate, ReportsWrongWork) {
  District f;
  f.tasks[kDebris].work = 9;
  f.tasks[kCorridor].work = 3000;
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 3 (repair B1 step 0 pkg 0): work 9.0, expected 40.0 (40.0 in 1 packages)");
  EXPECT_VIOLATION(r, "hazard HZ1 edge 2: packages total 3000.0 m², the part is 4");
}

TEST(Validate, ReportsWrongSiteAndTerrain) {
  District f;
  f.tasks[kDebris].site_edge = edge(0);
  f.tasks[kSurvey].terrain = Terrain::kField;
  f.tasks[kClinic].site_edge = edge(99);
  const Report r = f.run();
  EXPECT_VIOLATION(r, "task 3 (repair B1 step 0 pkg 0): site edge 0, the asset cuts edge 1");
  EXPECT_VIOLATION(r, "task 0 (survey HZ1): terrain field, the hazard's is forest");
  EXPECT_NO_VIOLATION(r, "task 4 (repair B1 step 1 pkg 0): site");
  f.tasks[kClinic].site_edge = edge(2);
  EXPECT_VIOLATION(f.run(),
                   "task 6 (repair PB1 step 0 pkg 0): site edge 2 is not the edge nearest to the "
                   "asset (edge 0)");
  f.tasks[kClinic].site_edge = edge(99);
  EXPECT_VIOLATION(r,
                   "task 6 (repair PB1 step 0 pkg 0): site edge 99 is not an edge of the network");
}

TEST(Validate, MechanicalTerrainNeedsMachinePlusFollowUp) {
  District f;
  f.sc.hazards[0].terrain = Terrain::kField;
  for (auto& t : f.tasks) t.terrain = Terrain::kField;
  f.sc.params.mechanical_terrain[static_cast<std::size_t>(Terrain::kField)] = true;
  const Report r = f.run();
  EXPECT_VIOLATION(
      r, "task 1 (clearance HZ1 edge 2 pkg 0): terrain field is cleared by mechanical + follow_up");
  EXPECT_VIOLATION(r, "hazard HZ1 edge 2 pkg 0: 0 follow_up tasks, expected 1");
}

// The plan of a cancelled HZ1: its survey (ending at 4406), the bridge and the clinic, as task ids
// 0 to 4.
void keep_only_the_survey(District& f) { f.erase_tasks({kCorridor, kLand}); }

TEST(Validate, CancelledHazardNeedsOnlyItsSurvey) {
  District f;
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
// "Objective"): e1 (100 m) opens at 2662, e2 (900 m) at 38008; the corridor package (0.4 ha) ends
// at 38008, the land package (0.8 ha) at 105208; S0's clinic works from 3362.
TEST(Validate, ObjectiveComponentsByHand) {
  District f;
  f.sc.settlements[0].weight = 3;  // S0 has the clinic
  f.sc.hazards[0].land_use = LandUse::kTransport;
  f.sc.roads.edge_weight[2] = 2;
  f.sc.params.objective.kind = ObjectiveKind::kWeighted;
  auto& w = f.sc.params.objective.weights;
  w.access_people_day = 1;
  w.land_hectare_day.fill(0);
  w.land_hectare_day[static_cast<std::size_t>(LandUse::kTransport)] = 2;
  w.service_people_day.fill(0);
  w.service_people_day[service(Service::kClinic)] = 0.5;
  w.road_km_day = 0.25;
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  const auto& m = r.measures;
  const double access = (1000.0 * 3 + 500.0) * 38008 / 1440;
  const double clinic = 1000.0 * 3 * 3362 / 1440;
  const double land = 0.4 * 38008 / 1440 + 0.8 * 105208 / 1440;
  const double road = 0.1 * 2662 / 1440 + 0.9 * 2 * 38008 / 1440;
  EXPECT_NEAR(m.weighted_people_days_without_access, access, 1e-6);
  EXPECT_NEAR(m.weighted_people_days_without_service[service(Service::kClinic)], clinic, 1e-6);
  EXPECT_EQ(m.weighted_people_days_without_service[service(Service::kPower)], 0);
  EXPECT_NEAR(m.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kTransport)], land,
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
  f.sc.params.objective.kind = ObjectiveKind::kReturn;
  EXPECT_EQ(f.run().measures.objective, 0);  // nobody displaced
  // A horizon of 10 days clips every component.
  f.sc.params.objective.kind = ObjectiveKind::kWeighted;
  f.sc.params.horizon_days = 10;
  const Measures c = f.run().measures;
  EXPECT_NEAR(c.weighted_people_days_without_access, 3500.0 * 10, 1e-6);
  EXPECT_NEAR(c.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kTransport)], 1.2 * 10,
              1e-9);
  EXPECT_NEAR(c.road_km_days_closed, 0.1 * 2662 / 1440 + 0.9 * 2 * 10, 1e-9);
}

// A cancelled hazard's whole area is contaminated until its survey ends.
TEST(Validate, CancelledLandCountsUntilTheSurveyEnds) {
  District f;
  f.sc.params.nts_cancel_share = 1;
  keep_only_the_survey(f);
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  EXPECT_NEAR(r.measures.hectare_days_contaminated[static_cast<std::size_t>(LandUse::kAgriculture)],
              1.2 * 4406 / 1440, 1e-9);
}

TEST(Validate, CapsTheViolationList) {
  District f;
  for (int i = 0; i < 1500; ++i) f.plan.assignments.push_back(asg(999, 0, 0, 0, 0, 0, 0, 0));
  const Report r = f.run();
  ASSERT_EQ(r.violations.size(), kMaxViolations + 1);
  EXPECT_EQ(r.violations.back(), "... and 500 more violations");
}

}  // namespace
}  // namespace gw::validate
