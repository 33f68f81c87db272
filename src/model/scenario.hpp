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
  std::int64_t population = 0;
  LonLat pos;
  double weight = 1.0;         // priority weight (a settlement with a clinic may count more)
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
};

struct Asset {
  std::string id;
  AssetKind kind = AssetKind::kRoadSection;
  Service service = Service::kNone;  // power/comms for lines; clinic/school for public buildings
  // Geometry: a point for road sections, bridges and buildings; a line for comms and power lines.
  LineString geometry;
  // Work quantity, in the unit of its kind: pavement m² (road section), span m (bridge),
  // line length m (comms and power lines), floor m² (public building).
  double quantity = 0;
  Trade trade = Trade::kRoad;             // trade that repairs it
  std::vector<std::string> serves;        // settlement ids whose service this asset provides
  std::optional<std::string> depends_on;  // asset id that must work for this one to work
  // linked
  std::vector<SettlementId> served;
  AssetId depends;             // invalid when none
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
