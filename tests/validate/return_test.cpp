// Tests of the validator's built-up hazards, housing and return of the displaced (docs/model.md §1,
// §3, §4, §7) on a small town, every measure computed by hand.
//
//   H (hub)            T (1000 displaced of 1000 ... see below)   E (electric heating)
//   n0 -------- e0 -------- n1 -------- e1 -------- n2 -------- e2 -------- n3
//   (0,0)                (1000,0)                (2000,0)                (3000,0)
//      SS1 (300,40)  PS1 (400,40)  BH1 (600,40)  PL1 (100..900, 50)   HR: 900..950 x 100..150
//
// T: population 1000, 600 displaced, 400 dwellings of which 40 lightly damaged (two housing
// packages of 20); weight 2. E: population 200, 100 displaced, 100 dwellings, electric heating.
// Households of 2.5 people. HR is a confirmed residential hazard 86 m from T (in its built-up
// area). Substation SS1 powers T and E; pumping station PS1 (water for T) needs SS1 and the power
// line PL1; boiler house BH1 heats T and E (E ignores it). Day 0 is 2027-04-01: the heating season
// (15 October to 14 April) ends at day 14. Crews: manual M1, general G1 and G2, all at H (n0) and
// working from e0 through n0, so every travel is 0. Everything works 7 days a week at 100 %.
#include <gtest/gtest.h>

#include <string>

#include "fixture.hpp"
#include "validate/validate.hpp"

namespace gw::validate {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's builders

constexpr std::uint32_t kT = 0, kE = 1;
constexpr std::uint32_t kSS1 = 0, kPL1 = 1, kPS1 = 2, kBH1 = 3;
// Tasks.
constexpr std::uint32_t kClear = 0, kSubstation = 1, kLine = 2, kPump = 3, kBoiler = 4, kHouse0 = 5,
                        kHouse1 = 6;
// Crews.
constexpr std::uint32_t kM1 = 0, kG1 = 1, kG2 = 2;

Asset asset(std::string id, AssetKind kind, Service s, LineString geometry, double quantity,
            std::vector<std::string> serves) {
  Asset a;
  a.id = std::move(id);
  a.kind = kind;
  a.service = s;
  a.geometry = std::move(geometry);
  a.quantity = quantity;
  a.trade = Trade::kGeneral;
  a.serves = std::move(serves);
  return a;
}

struct Town : Case {
  Town() {
    auto& r = sc.roads;
    for (int i = 0; i < 4; ++i) r.add_node(at(1000.0 * i, 0));
    for (std::uint32_t i = 0; i < 3; ++i) road(r, i, i + 1, 1000, 60);
    r.build_adjacency();
    sc.hubs.push_back({"H", "Hub", HubKind::kDistrictCentre, at(0, -20), {}, 0});

    Settlement t = settlement("T", 1000, at(1000, 30));
    t.displaced = 600;
    t.dwellings = 400;
    t.damaged_dwellings = {40, 0, 0};
    t.weight = 2;
    sc.settlements.push_back(t);
    Settlement e = settlement("E", 200, at(2000, 30));
    e.displaced = 100;
    e.dwellings = 100;
    e.heating = Heating::kElectric;
    sc.settlements.push_back(e);

    Hazard hz;
    hz.id = "HR";
    hz.polygon = square(900, 100, 950, 150);
    hz.area_m2 = 2500;
    hz.status = HazardStatus::kConfirmed;
    hz.terrain = Terrain::kForest;
    hz.land_use = LandUse::kResidential;
    sc.hazards.push_back(hz);

    using S = Service;
    sc.assets.push_back(
        asset("SS1", AssetKind::kSubstation, S::kPower, {at(300, 40)}, 10, {"T", "E"}));
    sc.assets.push_back(asset("PL1", AssetKind::kPowerLine, S::kPower,
                              {at(100, 50), at(500, 50), at(900, 50)}, 20, {}));
    sc.assets.push_back(
        asset("PS1", AssetKind::kPumpingStation, S::kWater, {at(400, 40)}, 10, {"T"}));
    sc.assets.push_back(
        asset("BH1", AssetKind::kBoilerHouse, S::kHeat, {at(600, 40)}, 10, {"T", "E"}));
    sc.assets[kPS1].depends_on = {"SS1", "PL1"};
    sc.assets[kSS1].due_date = "2027-04-02";
    sc.assets[kPL1].due_date = "2027-04-02";
    sc.assets[kBH1].due_date = "2027-04-10";

    sc.crews.push_back({"M1", Trade::kManual, 20, "H", 1.0, {}});
    sc.crews.push_back({"G1", Trade::kGeneral, 10, "H", 1.0, {}});
    sc.crews.push_back({"G2", Trade::kGeneral, 10, "H", 1.0, {}});

    Parameters& p = sc.params;
    flat_seasons(p);
    p.working_days_per_week = 7;
    p.horizon_days = 30;
    p.household_size = 2.5;
    p.housing_package_dwellings = {20, 4, 2};
    const auto manual = static_cast<std::size_t>(Trade::kManual);
    p.rate[manual][static_cast<std::size_t>(TaskKind::kClearance)] = 125;  // 2500 m² a day
    p.terrain_factor[manual][static_cast<std::size_t>(Terrain::kForest)] = 1;
    p.mechanical_terrain[static_cast<std::size_t>(Terrain::kForest)] = false;
    // One package per project; 10 units a day for the general crews, 20 dwellings a day.
    using A = ActivityKind;
    for (auto [kind, activity] : {std::pair{AssetKind::kSubstation, A::kPowerEquipment},
                                  std::pair{AssetKind::kPowerLine, A::kPowerLine},
                                  std::pair{AssetKind::kPumpingStation, A::kWaterEquipment},
                                  std::pair{AssetKind::kBoilerHouse, A::kHeatEquipment}}) {
      p.templates[static_cast<std::size_t>(kind)] = {step(activity, 1, {}, 1, 0)};
      p.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                     [static_cast<std::size_t>(activity)] = 1;
    }
    p.activity_rate[static_cast<std::size_t>(Trade::kGeneral)]
                   [static_cast<std::size_t>(A::kHouseLight)] = 2;
    p.objective.kind = ObjectiveKind::kWeighted;
    auto& w = p.objective.weights;
    w.access_people_day = 0;
    w.land_hectare_day.fill(0);
    w.service_people_day.fill(0);
    w.road_km_day = 0;
    w.return_people_day = 1;
    w.milestone_day = 100;

    tasks.push_back(hazard_task(TaskKind::kClearance, 0, 2500, Terrain::kForest, edge(0)));
    tasks.push_back(repair(kSS1, 0, 0, A::kPowerEquipment, 10, edge(0)));
    tasks.push_back(repair(kPL1, 0, 0, A::kPowerLine, 20, edge(0)));
    tasks.push_back(repair(kPS1, 0, 0, A::kWaterEquipment, 10, edge(0)));
    tasks.push_back(repair(kBH1, 0, 0, A::kHeatEquipment, 10, edge(0)));
    tasks.push_back(housing(kT, DamageClass::kLight, 0, 20, edge(0)));
    tasks.push_back(housing(kT, DamageClass::kLight, 1, 20, edge(0)));

    // A day (1440 min) for each package but the power line's two. The boiler house ends at day 29,
    // the second housing package at day 20.
    plan.rule = "hand";
    plan.assignments = {
        asg(kClear, kM1, 0, 0, 1440, 0, 0, 0),
        asg(kSubstation, kG1, 0, 0, 1440, 0, 0, 0),
        asg(kLine, kG1, 1440, 1440, 4320, 0, 0, 0),
        asg(kBoiler, kG1, 4320, 40320, 41760, 0, 0, 0),
        asg(kPump, kG2, 0, 0, 1440, 0, 0, 0),
        asg(kHouse0, kG2, 1440, 1440, 2880, 0, 0, 0),
        asg(kHouse1, kG2, 2880, 27360, 28800, 0, 0, 0),
    };
  }
};

// T is ready when it has access (0), its land (1440), power (1440) and water (PS1 works when PL1
// does, 4320), and in the heating season heat (41760): from day 14 (20160), when the season ends.
// Then 380 dwellings are habitable (the first package ended at 2880): 380 x 2.5 - 400 = 550 people
// return; 600 (all) once the second package ends at 28800. E (electric: heat is power) is ready at
// 1440, with room for 100 x 2.5 - 100 = 150 >= 100.
TEST(ValidateReturn, MeasuresByHand) {
  const Town f;
  const Report r = f.run();
  ASSERT_TRUE(r.valid()) << dump(r);
  const Measures& m = r.measures;
  EXPECT_EQ(m.asset_done, (std::vector<Minutes>{1440, 4320, 1440, 41760}));
  EXPECT_EQ(m.asset_works, (std::vector<Minutes>{1440, 4320, 4320, 41760}));
  EXPECT_EQ(m.service_restored[service(Service::kPower)], (std::vector<Minutes>{1440, 1440}));
  EXPECT_EQ(m.service_restored[service(Service::kWater)], (std::vector<Minutes>{4320, 0}));
  EXPECT_EQ(m.service_restored[service(Service::kHeat)], (std::vector<Minutes>{41760, 1440}));
  EXPECT_EQ(m.service_restored[service(Service::kGas)], (std::vector<Minutes>{0, 0}));
  EXPECT_NEAR(m.people_days_without_service[service(Service::kPower)], 1000 + 200, 1e-9);
  EXPECT_NEAR(m.people_days_without_service[service(Service::kWater)], 1000.0 * 3, 1e-9);
  EXPECT_NEAR(m.people_days_without_service[service(Service::kHeat)], 1000.0 * 29 + 200, 1e-9);

  EXPECT_EQ(m.residential_released, (std::vector<Minutes>{1440, 0}));
  EXPECT_EQ(m.settlement_ready, (std::vector<Minutes>{20160, 1440}));
  EXPECT_EQ(m.return_first, (std::vector<Minutes>{20160, 1440}));
  EXPECT_EQ(m.return_all, (std::vector<Minutes>{28800, 1440}));
  EXPECT_EQ(m.population_displaced, 700);
  EXPECT_EQ(m.dwellings_damaged, 40);
  EXPECT_EQ(m.dwellings_repaired, 40);
  // T: 600 for 14 days, 50 for 6 more; E: 100 for a day.
  const double t_days = (600.0 * 20160 + 50.0 * (28800 - 20160)) / 1440;
  EXPECT_DOUBLE_EQ(t_days, 8700);
  EXPECT_NEAR(m.people_days_displaced, 8700 + 100, 1e-9);
  EXPECT_NEAR(m.weighted_people_days_displaced, 8700 * 2 + 100, 1e-9);
  // 650 of 700 back at day 14 (over 50 and 90 %), all at day 20.
  EXPECT_EQ(m.days_to_return_50, 14.0);
  EXPECT_EQ(m.days_to_return_90, 14.0);
  EXPECT_EQ(m.days_to_return_100, 20.0);

  // Milestones: SS1 on time, PL1 2 days late (due day 1), BH1 20 days late (due day 9).
  ASSERT_EQ(m.milestones.size(), 3u);
  EXPECT_EQ(m.milestones[0].asset, kSS1);
  EXPECT_EQ(m.milestones[0].due, 1440);
  EXPECT_EQ(m.milestones[0].lateness_days, 0.0);
  EXPECT_EQ(m.milestones[1].lateness_days, 2.0);
  EXPECT_EQ(m.milestones[2].asset, kBH1);
  EXPECT_EQ(m.milestones[2].due, 12960);
  EXPECT_EQ(m.milestones[2].lateness_days, 20.0);
  EXPECT_NEAR(m.milestone_days_late, 22, 1e-12);

  EXPECT_NEAR(m.objective, 8700 * 2 + 100 + 100 * 22, 1e-9);  // weighted: return + milestones
}

TEST(ValidateReturn, ReturnObjectiveIsPeopleDaysDisplaced) {
  Town f;
  f.sc.params.objective.kind = ObjectiveKind::kReturn;
  EXPECT_NEAR(f.run().measures.objective, 8800, 1e-9);
}

// Network-heated, E waits for the boiler house in the heating season: ready at day 14.
TEST(ValidateReturn, ElectricHeatingIsThePowerService) {
  Town f;
  f.sc.settlements[kE].heating = Heating::kNetwork;
  const Measures m = f.run().measures;
  EXPECT_EQ(m.service_restored[service(Service::kHeat)][kE], 41760);
  EXPECT_EQ(m.return_first[kE], 20160);
  EXPECT_NEAR(m.people_days_displaced, 8700 + 100 * 14, 1e-9);
}

// No heating season: T is ready when water comes (4320), with 380 dwellings habitable.
TEST(ValidateReturn, WithoutHeatingSeasonReturnFollowsWater) {
  Town f;
  f.sc.params.heating_season_from = {5, 1};
  f.sc.params.heating_season_to = {5, 1};
  const Measures m = f.run().measures;
  EXPECT_EQ(m.return_first[kT], 4320);
  EXPECT_NEAR(m.people_days_displaced, (600.0 * 4320 + 50.0 * (28800 - 4320)) / 1440 + 100, 1e-9);
}

// A season from 10 April (day 9) to 14 October: T is ready from 4320 to day 9, when 550 return;
// then without heat until 41760 it is not ready, so the second housing package (28800) brings
// nobody back until the heat does, and nobody leaves.
TEST(ValidateReturn, NobodyReturnsWhileNotReadyAndNobodyLeaves) {
  Town f;
  f.sc.params.heating_season_from = {4, 10};
  f.sc.params.heating_season_to = {10, 15};
  const Measures m = f.run().measures;
  EXPECT_EQ(m.settlement_ready[kT], 4320);
  EXPECT_EQ(m.return_first[kT], 4320);
  EXPECT_EQ(m.return_all[kT], 41760);
  EXPECT_NEAR(m.people_days_displaced, (600.0 * 4320 + 50.0 * (41760 - 4320)) / 1440 + 100, 1e-9);
  EXPECT_EQ(m.days_to_return_90, 3.0);  // 650 of 700 at 4320
  EXPECT_EQ(m.days_to_return_100, 29.0);
}

// Residential land: the housing of T waits for HR, its built-up hazard (§4), and T is not ready
// before HR is released (§7).
TEST(ValidateReturn, HousingWaitsForTheBuiltUpHazards) {
  Town f;
  f.of(kClear) = asg(kClear, kM1, 0, 1440, 2880, 0, 0, 0);
  Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 5 (housing T light pkg 0): starts at 1440 before predecessor task 0 "
                   "(clearance HR pkg 0) ends at 2880");
  EXPECT_EQ(r.measures.residential_released[kT], 2880);

  // Named in the hazard, E's built-up area holds it instead: T's housing need not wait.
  f.sc.hazards[0].settlement = "E";
  r = f.run();
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_EQ(r.measures.residential_released, (std::vector<Minutes>{0, 2880}));
  EXPECT_EQ(r.measures.return_first[kE], 2880);

  f.sc.hazards[0].settlement = "nowhere";
  EXPECT_VIOLATION(f.run(), "hazard HR: settlement 'nowhere' is not a settlement");
}

TEST(ValidateReturn, BuiltUpAreaIsTheNearestSettlementWithinTheRadius) {
  Town f;
  f.sc.params.built_up_radius_m = 80;  // HR is 86 m from T
  EXPECT_EQ(f.run().measures.residential_released[kT], 0);
  f.sc.params.built_up_radius_m = 90;
  EXPECT_EQ(f.run().measures.residential_released[kT], 1440);
  f.sc.hazards[0].land_use = LandUse::kAgriculture;  // only residential hazards are built-up
  EXPECT_EQ(f.run().measures.residential_released[kT], 0);
}

TEST(ValidateReturn, BuiltUpTieGoesToTheSettlementListedFirst) {
  Town f;
  f.sc.settlements.push_back(settlement("T2", 0, at(925, 125)));  // HR's centre: distance 0
  EXPECT_EQ(f.run().measures.residential_released, (std::vector<Minutes>{0, 0, 1440}));
  f.sc.settlements[kT].pos = at(910, 140);  // inside HR too: both at 0, T listed first
  EXPECT_EQ(f.run().measures.residential_released, (std::vector<Minutes>{1440, 0, 0}));
}

// Housing packages (§3): n = ceil(D / package size); package k holds floor(D / n), plus one when
// k < D mod n.
TEST(ValidateReturn, HousingPackagesSplitTheDwellings) {
  Town f;
  f.sc.settlements[kT].damaged_dwellings = {7, 0, 0};
  f.sc.params.housing_package_dwellings[0] = 3;  // 3 packages: 3, 2, 2
  f.erase_tasks({kHouse0, kHouse1});
  for (std::uint32_t k = 0; k < 3; ++k)
    f.tasks.push_back(housing(kT, DamageClass::kLight, k, k == 0 ? 3 : 2, edge(0)));
  Report r = f.run();
  EXPECT_VIOLATION(r, "task 5 (housing T light pkg 0): not assigned");
  EXPECT_NO_VIOLATION(r, "dwellings, expected");
  EXPECT_NO_VIOLATION(r, "no housing task");

  f.tasks[5].dwellings = 2;
  f.tasks[5].work = 2;
  f.tasks[6].dwellings = 3;
  r = f.run();
  EXPECT_VIOLATION(r, "task 5 (housing T light pkg 0): 2 dwellings, expected 3 (7 in 3 packages)");
  EXPECT_VIOLATION(r, "task 5 (housing T light pkg 0): work 2.0, expected 3 (its dwellings)");
  EXPECT_VIOLATION(r, "task 6 (housing T light pkg 1): 3 dwellings, expected 2");
}

TEST(ValidateReturn, ReportsWrongHousingTasks) {
  Town f;
  f.tasks[kHouse0].activity = ActivityKind::kHouseHeavy;
  f.tasks[kHouse1].step = static_cast<std::uint8_t>(DamageClass::kHeavy);
  f.tasks.push_back(housing(kT, DamageClass::kLight, 0, 20, edge(2)));  // task 7: a duplicate
  f.plan.assignments.push_back(asg(7, kG1, 41760, 41760, 43200, 0, 2, 0));
  const Report r = f.run();
  EXPECT_VIOLATION(r,
                   "task 5 (housing T light pkg 0): activity house_heavy, the step's is "
                   "house_light");
  EXPECT_VIOLATION(r, "task 6 (housing T heavy pkg 1): settlement T housing heavy has 0 packages");
  EXPECT_VIOLATION(r, "settlement T housing light: no housing task for package 1 of 2");
  EXPECT_VIOLATION(r, "settlement T housing light pkg 0: 2 housing tasks (task 5");
  EXPECT_VIOLATION(r,
                   "task 7 (housing T light pkg 0): site edge 2 is not the edge nearest to the "
                   "settlement (edge 0)");
}

TEST(ValidateReturn, NeverDoneMilestoneIsLateUntilTheHorizon) {
  Town f;
  f.erase_tasks({kBoiler});
  Report r = f.run();
  EXPECT_VIOLATION(r, "asset BH1: no repair task declared (expected 1)");
  ASSERT_EQ(r.measures.milestones.size(), 3u);
  EXPECT_FALSE(r.measures.milestones[2].lateness_days.has_value());
  EXPECT_NEAR(r.measures.milestone_days_late, 2 + (30 - 9), 1e-12);

  f.sc.assets[kBH1].due_date = "2027-06-01";  // after the horizon: not late within it
  r = f.run();
  EXPECT_NEAR(r.measures.milestone_days_late, 2, 1e-12);
  f.sc.assets[kBH1].due_date = "2027-06-31";
  EXPECT_VIOLATION(f.run(), "asset BH1: due_date '2027-06-31' is not a date (YYYY-MM-DD)");
}

}  // namespace
}  // namespace gw::validate
