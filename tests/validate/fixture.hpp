// Builders shared by the validator's tests: coordinates in metres around a fixed origin, roads,
// tasks, assignments, templates and the checks on a report's violations.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "validate/validate.hpp"

namespace gw::validate::testing {

inline constexpr double kLon0 = 35.0;
inline constexpr double kLat0 = 48.5;

// The point x metres east and y metres north of the origin.
inline LonLat at(double x, double y) {
  constexpr double kPi = 3.14159265358979323846;
  const double mlat = 111132.954 - 559.822 * std::cos(2 * kLat0 * kPi / 180);
  const double mlon = 111412.84 * std::cos(kLat0 * kPi / 180);
  return {kLon0 + x / mlon, kLat0 + y / mlat};
}

inline NodeId node(std::uint32_t i) { return NodeId(i); }
inline EdgeId edge(std::uint32_t i) { return EdgeId(i); }

// A straight road from node a to node b (their positions), `length_m` long.
inline void road(RoadNetwork& r, std::uint32_t a, std::uint32_t b, double length_m,
                 double speed_kmh, bool bridge = false) {
  const LonLat pa = r.node_pos[a];
  const LonLat pb = r.node_pos[b];
  const LonLat mid{(pa.lon + pb.lon) / 2, (pa.lat + pb.lat) / 2};
  r.add_edge(node(a), node(b), {pa, mid, pb}, length_m, speed_kmh, RoadClass::kTertiary, bridge, 1);
}

// A square hazard polygon with corners (x0, y0) and (x1, y1).
// A ring of four nodes, 1 km apart at 36 km/h (100 s an edge), and a 3 km detour around it:
//
//   n0 --e0-- n1 --e1-- n2
//    |                  |
//    +------- e2 -------+    e2: n0 - n2 directly, 150 s (a short cut that opens late)
//    |
//   e3: n0 - n3, 100 s; e4: n3 - n2, 400 s (the long way)
inline RoadNetwork ring() {
  RoadNetwork r;
  for (const auto& q : {at(0, 0), at(1000, 0), at(2000, 0), at(0, -1000)}) r.add_node(q);
  road(r, 0, 1, 1000, 36);
  road(r, 1, 2, 1000, 36);
  road(r, 0, 2, 1500, 36);
  road(r, 0, 3, 1000, 36);
  road(r, 3, 2, 4000, 36);
  r.build_adjacency();
  return r;
}

inline Polygon square(double x0, double y0, double x1, double y1) {
  Polygon p;
  p.outer = {at(x0, y0), at(x0, y1), at(x1, y1), at(x1, y0), at(x0, y0)};
  return p;
}

inline Settlement settlement(std::string id, std::int64_t population, LonLat pos) {
  Settlement s;
  s.id = std::move(id);
  s.name = s.id;
  s.population = population;
  s.pos = pos;
  return s;
}

// 100 % in every month for every trade: durations are then the nominal minutes, rounded up.
inline void flat_seasons(Parameters& p) {
  for (auto& row : p.season_percent) row.fill(100);
}

inline TemplateStep step(ActivityKind a, double per_unit, std::vector<std::uint8_t> after,
                         int max_crews, double crew_share, bool opens = true) {
  TemplateStep s;
  s.activity = a;
  s.per_unit = per_unit;
  s.after = std::move(after);
  s.max_crews = max_crews;
  s.crew_share = crew_share;
  s.opens = opens;
  return s;
}

inline Task hazard_task(TaskKind k, std::uint32_t hazard, double work, Terrain terrain,
                        EdgeId site) {
  Task t;
  t.kind = k;
  t.hazard = HazardId(hazard);
  t.work = work;
  t.terrain = terrain;
  t.site_edge = site;
  return t;
}

inline Task repair(std::uint32_t asset, std::uint8_t step_index, std::uint32_t package,
                   ActivityKind activity, double work, EdgeId site) {
  Task t;
  t.kind = TaskKind::kRepair;
  t.asset = AssetId(asset);
  t.step = step_index;
  t.package = package;
  t.activity = activity;
  t.work = work;
  t.site_edge = site;
  return t;
}

inline Task housing(std::uint32_t settlement, DamageClass c, std::uint32_t package,
                    std::uint32_t dwellings, EdgeId site) {
  static constexpr ActivityKind kByClass[] = {ActivityKind::kHouseLight, ActivityKind::kHouseHeavy,
                                              ActivityKind::kHouseRebuild};
  Task t;
  t.kind = TaskKind::kHousing;
  t.settlement = SettlementId(settlement);
  t.step = static_cast<std::uint8_t>(c);
  t.package = package;
  t.activity = kByClass[static_cast<std::size_t>(c)];
  t.dwellings = dwellings;
  t.work = dwellings;
  t.site_edge = site;
  return t;
}

inline Assignment asg(std::uint32_t t, std::uint32_t c, Minutes depart, Minutes start, Minutes end,
                      std::uint32_t from, std::uint32_t entry, Minutes travel) {
  return Assignment{TaskId(t),    CrewId(c),     depart, start, end,
                    NodeId(from), NodeId(entry), travel, false, {}};
}

// A scenario, its declared tasks and a plan, with the edits the tests make to them.
struct Case {
  Scenario sc;
  std::vector<Task> tasks;
  Plan plan;

  Assignment& of(std::uint32_t task) {
    for (auto& a : plan.assignments) {
      if (a.task.index() == task) return a;
    }
    throw std::runtime_error("no assignment");
  }
  // Removes tasks and their assignments, renumbering the tasks after them.
  void erase_tasks(std::vector<std::uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    auto gone = [&](std::size_t t) { return std::binary_search(ids.begin(), ids.end(), t); };
    std::vector<Task> kept;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      if (!gone(t)) kept.push_back(tasks[t]);
    }
    tasks = std::move(kept);
    std::vector<Assignment> left;
    for (auto a : plan.assignments) {
      if (gone(a.task.index())) continue;
      const auto shift = std::count_if(ids.begin(), ids.end(),
                                       [&](std::uint32_t x) { return x < a.task.index(); });
      a.task = TaskId(static_cast<std::uint32_t>(a.task.index() - static_cast<std::size_t>(shift)));
      left.push_back(a);
    }
    plan.assignments = std::move(left);
  }
  [[nodiscard]] Report run() const { return validate_plan(sc, tasks, plan); }
};

inline std::string dump(const Report& r) {
  std::string s;
  for (const auto& v : r.violations) s += v + "\n";
  return s;
}

inline bool has(const Report& r, const std::string& needle) {
  return std::any_of(r.violations.begin(), r.violations.end(),
                     [&](const std::string& v) { return v.find(needle) != std::string::npos; });
}

inline std::size_t service(Service s) { return static_cast<std::size_t>(s); }

}  // namespace gw::validate::testing

#define EXPECT_VIOLATION(report, needle) \
  EXPECT_TRUE(has(report, needle)) << "wanted '" << (needle) << "' in:\n" << dump(report)
#define EXPECT_NO_VIOLATION(report, needle) \
  EXPECT_FALSE(has(report, needle)) << "did not want '" << (needle) << "' in:\n" << dump(report)
