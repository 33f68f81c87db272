#include "model/parameters.hpp"

namespace gw {

namespace {
constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }
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

  auto& q = repair_rate;
  // Road brigade of 30 repairs about 300 m² of cratered pavement a day (ILO ASIST norms, order of
  // magnitude); a general brigade half as fast.
  q[idx(Trade::kRoad)][idx(AssetKind::kRoadSection)] = 10;
  q[idx(Trade::kGeneral)][idx(AssetKind::kRoadSection)] = 5;
  // Bridge brigade of 40: 4 m of span a day including abutments (Bailey: 55 m by 98 soldiers in 9.5
  // h at peak, without site preparation).
  q[idx(Trade::kBridge)][idx(AssetKind::kBridge)] = 0.1;
  // Line brigades: comms 15 people ≈ 2 km a day; power 20 people ≈ 1.5 km a day (assumption).
  q[idx(Trade::kComms)][idx(AssetKind::kCommsLine)] = 133;
  q[idx(Trade::kPower)][idx(AssetKind::kPowerLine)] = 75;
  // General brigade of 25 repairs about 50 m² of floor a day (assumption).
  q[idx(Trade::kGeneral)][idx(AssetKind::kPublicBuilding)] = 2;

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
}

}  // namespace gw
