#include "model/parameters.hpp"

namespace gw {

namespace {

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

// Reconstruction rates per person per working day. Sources: ILO ASIST labour-based norms (order of
// magnitude for road works) and the Bailey bridge figure of docs/scenario.md; every other figure is
// an assumption, stated as "a brigade of N does X a day", listed in docs/scenario.md.
void set_activity_rates(Parameters& p) {
  auto set = [&p](Trade t, ActivityKind a, double v) { p.activity_rate[idx(t)][idx(a)] = v; };
  // Debris: a general brigade of 25 with a loader clears about 100 m² of site a day; road
  // brigades (graders, trucks) 150; bridge brigades 75.
  set(Trade::kGeneral, ActivityKind::kDebris, 4);
  set(Trade::kRoad, ActivityKind::kDebris, 5);
  set(Trade::kBridge, ActivityKind::kDebris, 3);
  // Buildings, per m² of floor: a general brigade of 25 rebuilds 20 m² of structure, roofs 40 m²
  // and fits out 30 m² a day.
  set(Trade::kGeneral, ActivityKind::kStructure, 0.8);
  set(Trade::kGeneral, ActivityKind::kRoof, 1.6);
  set(Trade::kGeneral, ActivityKind::kFitOut, 1.2);
  set(Trade::kBridge, ActivityKind::kStructure, 0.6);
  // Roads: a road brigade of 30 fills about 300 m² of cratered pavement a day (ILO ASIST, order of
  // magnitude), a general brigade half as fast; it lays about 450 m² of new surface a day.
  set(Trade::kRoad, ActivityKind::kCraterFill, 10);
  set(Trade::kGeneral, ActivityKind::kCraterFill, 5);
  set(Trade::kRoad, ActivityKind::kResurfacing, 15);
  // Bridges, per m of span: a brigade of 40 builds 2 m of piers and abutments and 4 m of deck a
  // day (Bailey: 55 m by 98 soldiers in 9.5 h at peak, without site work); road brigades build the
  // approaches at 0.2 m of span per person-day (30 people: 6 m a day), bridge brigades at 0.1.
  set(Trade::kBridge, ActivityKind::kSubstructure, 0.05);
  set(Trade::kBridge, ActivityKind::kDeck, 0.1);
  set(Trade::kRoad, ActivityKind::kApproach, 0.2);
  set(Trade::kBridge, ActivityKind::kApproach, 0.1);
  // Lines: comms 15 people about 2 km a day; power 20 people about 1.5 km a day.
  set(Trade::kComms, ActivityKind::kCommsLine, 133);
  set(Trade::kPower, ActivityKind::kPowerLine, 75);
  // Pipes (water, heat, gas): a general brigade of 25 lays about 300 m a day, a power brigade of 20
  // (pipe fitters among its electricians) 150.
  set(Trade::kGeneral, ActivityKind::kPipe, 12);
  set(Trade::kPower, ActivityKind::kPipe, 7.5);
  // Station equipment, per m² of station: a power brigade of 20 installs 20 m² of substation
  // equipment, 16 m² of pump room and 12 m² of boiler room a day; general brigades half of the
  // last two; a comms brigade of 15 equips 15 m² of mast site a day.
  set(Trade::kPower, ActivityKind::kPowerEquipment, 1);
  set(Trade::kPower, ActivityKind::kWaterEquipment, 0.8);
  set(Trade::kGeneral, ActivityKind::kWaterEquipment, 0.4);
  set(Trade::kPower, ActivityKind::kHeatEquipment, 0.6);
  set(Trade::kGeneral, ActivityKind::kHeatEquipment, 0.3);
  set(Trade::kComms, ActivityKind::kCommsEquipment, 1);
  // Dwellings: 10 person-days for a lightly damaged one (glazing, roof patches), 50 for a heavily
  // damaged one, 200 to rebuild one of about 80 m².
  set(Trade::kGeneral, ActivityKind::kHouseLight, 0.1);
  set(Trade::kGeneral, ActivityKind::kHouseHeavy, 0.02);
  set(Trade::kGeneral, ActivityKind::kHouseRebuild, 0.005);
  // A memorial: a general brigade of 25 builds about 25 m² a day.
  set(Trade::kGeneral, ActivityKind::kMemorial, 1);
}

// Project templates by asset kind (docs/scenario.md, "Templates"): the steps, their quantity per
// unit of the asset's quantity, their order, how many crews may work each at once and the least
// quantity worth a crew. Crew limits are assumptions: several brigades on a bridge deck, many on
// a long line, one on a mast.
void set_templates(Parameters& p) {
  using A = ActivityKind;
  auto step = [](A a, double per_unit, std::vector<std::uint8_t> after, int max_crews,
                 double crew_share, bool opens = true) {
    TemplateStep s;
    s.activity = a;
    s.per_unit = per_unit;
    s.after = std::move(after);
    s.max_crews = max_crews;
    s.crew_share = crew_share;
    s.opens = opens;
    return s;
  };
  auto& t = p.templates;
  // A cratered road section (m² of pavement): fill the craters (the road opens), then resurface.
  t[idx(AssetKind::kRoadSection)] = {step(A::kCraterFill, 1, {}, 3, 150),
                                     step(A::kResurfacing, 1, {0}, 3, 300, false)};
  // A bridge (m of span): clear 8 m² of site per m of span, build the substructure, then the deck
  // and the approaches.
  t[idx(AssetKind::kBridge)] = {step(A::kDebris, 8, {}, 2, 100),
                                step(A::kSubstructure, 1, {0}, 2, 5), step(A::kDeck, 1, {1}, 3, 5),
                                step(A::kApproach, 1, {1}, 2, 5)};
  t[idx(AssetKind::kCommsLine)] = {step(A::kCommsLine, 1, {}, 6, 1500)};
  t[idx(AssetKind::kPowerLine)] = {step(A::kPowerLine, 1, {}, 8, 1000)};
  // A public building (m² of floor): debris (half the floor), structure (60 %), roof (40 %), then
  // the fit-out of the whole floor.
  t[idx(AssetKind::kPublicBuilding)] = {
      step(A::kDebris, 0.5, {}, 4, 150), step(A::kStructure, 0.6, {0}, 4, 200),
      step(A::kRoof, 0.4, {1}, 3, 200), step(A::kFitOut, 1, {2}, 6, 150)};
  // Stations (m² of station): debris, then the equipment; a boiler house also needs its building.
  t[idx(AssetKind::kSubstation)] = {step(A::kDebris, 1, {}, 2, 200),
                                    step(A::kPowerEquipment, 1, {0}, 3, 150)};
  t[idx(AssetKind::kPumpingStation)] = {step(A::kDebris, 1, {}, 2, 200),
                                        step(A::kWaterEquipment, 1, {0}, 2, 100)};
  t[idx(AssetKind::kBoilerHouse)] = {step(A::kDebris, 0.5, {}, 2, 200),
                                     step(A::kStructure, 0.5, {0}, 3, 200),
                                     step(A::kHeatEquipment, 1, {1}, 2, 150)};
  t[idx(AssetKind::kCommsMast)] = {step(A::kDebris, 1, {}, 1, 0),
                                   step(A::kCommsEquipment, 1, {0}, 1, 0)};
  // Mains and pipes (m).
  t[idx(AssetKind::kWaterMain)] = {step(A::kPipe, 1, {}, 8, 800)};
  t[idx(AssetKind::kHeatMain)] = {step(A::kPipe, 1, {}, 6, 600)};
  t[idx(AssetKind::kGasLine)] = {step(A::kPipe, 1, {}, 6, 1000)};
  // A memorial (m²): clear the site, then build.
  t[idx(AssetKind::kMemorial)] = {step(A::kDebris, 1, {}, 2, 100),
                                  step(A::kMemorial, 1, {0}, 3, 50)};
}

// Share of the nominal rate worked in each month (January first), in percent (assumptions,
// docs/scenario.md "Seasons"): frozen ground and snow slow demining and outdoor works from
// December to February and the thaw's mud slows March and November; dogs lose working hours in
// the heat of July and August (dogs "can seldom be worked above 40 °C", DRDC Suffield 2005);
// asphalt is not laid in the cold; the general trades work much of the winter indoors.
void set_seasons(Parameters& p) {
  using M = std::array<std::uint8_t, kMonthCount>;
  //                                     J   F   M    A    M    J    J    A    S    O    N   D
  p.season_percent[idx(Trade::kSurvey)] = M{30, 30, 60, 100, 100, 100, 100, 100, 100, 100, 70, 30};
  p.season_percent[idx(Trade::kManual)] = M{20, 30, 70, 100, 100, 100, 100, 100, 100, 100, 70, 30};
  p.season_percent[idx(Trade::kDog)] = M{30, 40, 80, 100, 100, 90, 60, 60, 90, 100, 80, 40};
  p.season_percent[idx(Trade::kMechanical)] =
      M{40, 50, 70, 100, 100, 100, 100, 100, 100, 100, 80, 50};
  p.season_percent[idx(Trade::kRoad)] = M{10, 20, 60, 100, 100, 100, 100, 100, 100, 100, 60, 20};
  p.season_percent[idx(Trade::kBridge)] = M{40, 50, 80, 100, 100, 100, 100, 100, 100, 100, 80, 50};
  p.season_percent[idx(Trade::kComms)] = M{50, 60, 80, 100, 100, 100, 100, 100, 100, 100, 80, 60};
  p.season_percent[idx(Trade::kPower)] = M{50, 60, 80, 100, 100, 100, 100, 100, 100, 100, 80, 60};
  p.season_percent[idx(Trade::kGeneral)] = M{60, 70, 90, 100, 100, 100, 100, 100, 100, 100, 90, 70};
}

}  // namespace

// Every default below is documented, with its source, in docs/scenario.md ("Productivity").
Parameters::Parameters() {
  auto& r = rate;
  // Manual teams: 25 m² per deminer per day (HALO Trust: 10–50), 8 deminers in a team of 10
  // (leader and medic do not detect) -> 20 m² per team member per working day.
  r[idx(Trade::kManual)][idx(TaskKind::kClearance)] = 20;
  // Follow-up on machine-prepared ground: vegetation cut and soil tilled, about 3x faster
  // (assumption).
  r[idx(Trade::kManual)][idx(TaskKind::kFollowUp)] = 60;
  // Dog teams: 2 dogs ≈ 850 m² a day (SFOR 2001), team of 6 (2 handlers, 2 assistants, leader,
  // medic).
  r[idx(Trade::kDog)][idx(TaskKind::kClearance)] = 140;
  r[idx(Trade::kDog)][idx(TaskKind::kFollowUp)] = 210;
  // Machines: MV-4 peak 1,500 m²/h; sustained far lower: 4,000 m² a day per unit of 4 people.
  r[idx(Trade::kMechanical)][idx(TaskKind::kMechanical)] = 1000;
  // Non-technical survey: a 4-person team covers about 10 ha of suspected area a day (assumption).
  r[idx(Trade::kSurvey)][idx(TaskKind::kSurvey)] = 25000;

  set_activity_rates(*this);
  set_templates(*this);
  set_seasons(*this);

  for (auto& row : terrain_factor) row.fill(1.0);
  auto& t = terrain_factor;
  t[idx(Trade::kManual)][idx(Terrain::kForest)] = 0.5;   // vegetation cutting
  t[idx(Trade::kManual)][idx(Terrain::kBuiltUp)] = 0.6;  // metal contamination, rubble
  t[idx(Trade::kManual)][idx(Terrain::kWetland)] = 0.5;
  t[idx(Trade::kDog)][idx(Terrain::kForest)] = 0.7;
  t[idx(Trade::kDog)][idx(Terrain::kBuiltUp)] = 0.5;
  t[idx(Trade::kDog)][idx(Terrain::kWetland)] = 0.4;
  t[idx(Trade::kMechanical)][idx(Terrain::kForest)] = 0.4;
  t[idx(Trade::kMechanical)][idx(Terrain::kBuiltUp)] = 0;
  t[idx(Trade::kMechanical)][idx(Terrain::kWetland)] = 0;

  mechanical_terrain.fill(false);
  mechanical_terrain[idx(Terrain::kField)] = true;
  mechanical_terrain[idx(Terrain::kVerge)] = true;

  // Weighted objective, in people-day equivalents (assumptions, docs/scenario.md "Objective"):
  // a hectare of cropland carries about one person's livelihood, pasture half, forest a fifth;
  // contaminated yards and built-up land keep people from returning (2); verges hinder movement
  // (1).
  auto& land = objective.weights.land_hectare_day;
  land[idx(LandUse::kAgriculture)] = 1.0;
  land[idx(LandUse::kPasture)] = 0.5;
  land[idx(LandUse::kForestry)] = 0.2;
  land[idx(LandUse::kResidential)] = 2.0;
  land[idx(LandUse::kTransport)] = 1.0;
  land[idx(LandUse::kOther)] = 0.1;
  // A day without a clinic weighs half a day without road access, without power or a school a
  // quarter, without communications a tenth.
  auto& sv = objective.weights.service_people_day;
  sv[idx(Service::kPower)] = 0.25;
  sv[idx(Service::kComms)] = 0.1;
  sv[idx(Service::kClinic)] = 0.5;
  sv[idx(Service::kSchool)] = 0.25;
  // Water as power (a quarter), heat a quarter (the return rule already makes it essential in the
  // heating season), gas a tenth (an input of heat) (assumptions).
  sv[idx(Service::kWater)] = 0.25;
  sv[idx(Service::kHeat)] = 0.25;
  sv[idx(Service::kGas)] = 0.1;
}

}  // namespace gw
