// The scenario: everything groundwork knows about a district before planning. Plain data.
// Fields marked "linked" are filled by gw::link_scenario() (src/plan/link.hpp), not by readers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/geometry.hpp"
#include "model/parameters.hpp"
#include "model/road_network.hpp"
#include "model/types.hpp"

namespace gw {

struct Settlement {
  std::string id;
  std::string name;
  std::int64_t population = 0;  // before the war (access and services are counted over it)
  LonLat pos;
  double weight = 1.0;  // priority weight (a settlement with a clinic may count more)
  // People displaced on day 0, who return when the settlement is ready (docs/model.md §7); at
  // most the population.
  std::int64_t displaced = 0;
  // Dwellings, and how many of them are lightly damaged, heavily damaged and destroyed (indexed by
  // DamageClass); the damaged ones make the settlement's housing project (docs/model.md §3).
  std::int64_t dwellings = 0;
  std::array<std::int64_t, 3> damaged_dwellings{};
  Heating heating = Heating::kNetwork;
  // Effort of its housing repairs relative to the assessment (docs/uncertainty.md): what a survey
  // of the houses found (more destroyed than assessed > 1), or a drawn truth. Multiplies the time
  // of every housing package; the packages themselves do not change. (0, 100].
  double housing_work_factor = 1.0;
  NodeId node;                 // linked: nearest road node
  double snap_distance_m = 0;  // linked
};

struct Hub {
  std::string id;
  std::string name;
  HubKind kind = HubKind::kDistrictCentre;
  LonLat pos;
  NodeId node;                 // linked
  double snap_distance_m = 0;  // linked
};

struct Hazard {
  std::string id;
  Polygon polygon;
  double area_m2 = 0;
  HazardStatus status = HazardStatus::kSuspected;
  Contamination contamination = Contamination::kAntiPersonnel;
  Terrain terrain = Terrain::kField;
  LandUse land_use = LandUse::kAgriculture;
  // Residential hazards: the settlement whose built-up area holds it, when the scenario says so
  // (otherwise the nearest settlement within built_up_radius_m, docs/model.md §1).
  std::optional<std::string> settlement;
  // Clearance effort per m² relative to the nominal rates (docs/uncertainty.md): below 1 where
  // technical survey found part or all of the area empty and released it faster, above 1 where the
  // ground is denser in items than assumed. Field knowledge or a drawn truth; multiplies the time
  // of its clearance, mechanical and follow-up packages (not of its non-technical survey), whose
  // number and areas do not change. (0, 100].
  double work_factor = 1.0;
  SettlementId built_up;  // linked: the settlement whose built-up area holds it (or invalid)
};

struct Asset {
  std::string id;
  AssetKind kind = AssetKind::kRoadSection;
  // The service it provides to the settlements it serves: power, comms, water, heat or gas by its
  // kind; school, clinic or none (administration) for public buildings; none for road sections,
  // bridges and memorials.
  Service service = Service::kNone;
  // Geometry: a point, or a line for lines, mains and pipes.
  LineString geometry;
  // Work quantity, in the unit of its kind (docs/scenario.md, "damage"): pavement m² (road
  // section), span m (bridge), length m (lines, mains), floor or site m² (buildings, stations,
  // masts, memorials). The steps of its project scale with it.
  double quantity = 0;
  Trade trade = Trade::kRoad;           // the trade that usually repairs it (informational)
  std::vector<std::string> serves;      // settlement ids whose service this asset provides
  std::vector<std::string> depends_on;  // asset ids that must work for this one to work
  std::optional<std::string> due_date;  // a milestone: ISO date by which it should be done
  // Effort relative to the assessed quantity (docs/uncertainty.md): what was found on site, or a
  // drawn truth. Multiplies the time of every package of its project. (0, 100].
  double work_factor = 1.0;
  // linked
  std::vector<SettlementId> served;
  std::vector<AssetId> depends;
  EdgeId edge;                 // road sections and bridges: the edge it cuts
  double snap_distance_m = 0;  // road sections and bridges: distance to that edge
};

struct Crew {
  std::string id;
  Trade trade = Trade::kManual;
  int people = 0;
  std::string base;  // id of a settlement or hub where the crew is based
  // Multiplies every rate of this crew (a better equipped or more experienced crew > 1).
  double productivity_factor = 1.0;
  NodeId base_node;  // linked
};

struct Scenario {
  std::string name;
  RoadNetwork roads;
  std::vector<Settlement> settlements;
  std::vector<Hub> hubs;
  std::vector<Hazard> hazards;
  std::vector<Asset> assets;
  std::vector<Crew> crews;
  Parameters params;
};

}  // namespace gw
