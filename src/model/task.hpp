// Tasks generated from a scenario (src/plan/tasks.hpp) and the precedence and road-blocking
// relations between them. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/geometry.hpp"
#include "model/types.hpp"

namespace gw {

struct Task {
  TaskKind kind = TaskKind::kSurvey;
  HazardId hazard;            // survey, clearance, mechanical, follow-up: the hazard worked
  AssetId asset;              // repair: the asset whose project it belongs to
  EdgeId corridor_edge;       // clearance packages of a road corridor: the edge they open
  std::uint32_t package = 0;  // index of the work package within its hazard part or step
  // m² for demining and survey; for repair and housing, the package's quantity in the unit of its
  // activity (dwellings for housing).
  double work = 0;
  // Multiplies the time the work takes (the work_factor of its hazard, asset or settlement's
  // housing; 1 for surveys): durations are work × effort / rate.
  double effort = 1.0;
  Terrain terrain = Terrain::kField;
  EdgeId site_edge;  // the road edge the crew works from (reached through either end)
  LonLat site;       // representative point of the work, for maps
  // Repair and housing: the activity, and the index of the step in its project (repair: in the
  // asset kind's template; housing: the damage class).
  ActivityKind activity = ActivityKind::kDebris;
  std::uint8_t step = 0;
  SettlementId settlement;      // housing: the settlement whose dwellings it repairs
  std::uint32_t dwellings = 0;  // housing: dwellings made habitable when it ends
};

// Compressed lists: the items of key k are items[offset[k] .. offset[k+1]).
template <typename T>
struct Csr {
  std::vector<std::uint32_t> offset{0};
  std::vector<T> items;
  [[nodiscard]] std::size_t size() const { return offset.size() - 1; }
  [[nodiscard]] const T* begin(std::size_t k) const { return items.data() + offset[k]; }
  [[nodiscard]] const T* end(std::size_t k) const { return items.data() + offset[k + 1]; }
  [[nodiscard]] std::size_t count(std::size_t k) const { return offset[k + 1] - offset[k]; }
  void push_row(const std::vector<T>& row) {
    items.insert(items.end(), row.begin(), row.end());
    offset.push_back(static_cast<std::uint32_t>(items.size()));
  }
};

struct HazardOutcome {
  double cancelled_m2 = 0;  // cancelled by non-technical survey
  double corridor_m2 = 0;   // area inside road corridors still to clear after survey
  double land_m2 = 0;       // the rest, still to clear after survey (land release)
};

struct TaskSet {
  std::vector<Task> tasks;
  Csr<TaskId> preds;                          // per task: tasks that must end before it starts
  Csr<TaskId> edge_blockers;                  // per edge: tasks that must end before the edge opens
  Csr<TaskId> hazard_tasks;                   // per hazard: all its tasks
  std::vector<HazardOutcome> hazard_outcome;  // per hazard
  Csr<TaskId> asset_tasks;                    // per asset: every package of its project
  Csr<TaskId> housing_tasks;                  // per settlement: its housing packages
};

}  // namespace gw
