#include "plan/tasks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "geo/box_index.hpp"
#include "geo/edge_index.hpp"
#include "geo/overlay.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"
#include "model/random.hpp"
#include "network/union_find.hpp"

namespace gw::plan {

namespace {

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

LineString edge_shape(const RoadNetwork& net, EdgeId e) {
  return {net.edge_shape.begin() + net.edge_shape_offset[e.index()],
          net.edge_shape.begin() + net.edge_shape_offset[e.index() + 1]};
}

}  // namespace

bool nts_cancels(std::uint64_t seed, std::string_view hazard_id, double cancel_share) {
  const std::uint64_t x = splitmix64(seed ^ fnv1a64(hazard_id));
  const double u = static_cast<double>(x >> 11) * 0x1.0p-53;
  return u < cancel_share;
}

std::size_t task_class(const Task& t) {
  if (is_reconstruction(t.kind)) return kDeminingClassCount + idx(t.activity);
  return idx(t.kind) * kTerrainCount + idx(t.terrain);
}

double per_person_rate(const Parameters& p, Trade trade, std::size_t task_class) {
  const std::size_t tr = idx(trade);
  if (task_class >= kDeminingClassCount)
    return p.activity_rate[tr][task_class - kDeminingClassCount];
  return p.rate[tr][task_class / kTerrainCount] * p.terrain_factor[tr][task_class % kTerrainCount];
}

double daily_rate(const Scenario& s, const Crew& c, const Task& t) {
  return daily_rate(c, per_person_rate(s.params, c.trade, task_class(t)));
}

double nominal_minutes(const Parameters& p, double work, double rate) {
  return work / rate * 1440.0 * 7.0 / p.working_days_per_week;
}

Minutes work_minutes(const Parameters& p, double work, double rate) {
  return static_cast<Minutes>(std::ceil(nominal_minutes(p, work, rate) - 1e-9));
}

std::int64_t need_percent_minutes(const Scenario& s, const Crew& c, const Task& t) {
  return Calendar::percent_minutes(
      nominal_minutes(s.params, t.work * t.effort, daily_rate(s, c, t)));
}

TaskSet generate_tasks(const Scenario& s) {
  const RoadNetwork& net = s.roads;
  const Parameters& p = s.params;
  const double half = p.corridor_width_m / 2;
  const geo::EdgeIndex edges(net);
  TaskSet ts;
  std::vector<std::vector<TaskId>> preds;
  std::vector<std::vector<TaskId>> blockers(net.num_edges());
  // Final tasks (clearance or follow-up) of each hazard, and of each (hazard, edge) corridor.
  std::vector<std::vector<TaskId>> hazard_final(s.hazards.size());
  std::vector<std::vector<std::pair<EdgeId, TaskId>>> hazard_corridor_final(s.hazards.size());
  std::vector<std::vector<EdgeId>> hazard_blocks(s.hazards.size());
  std::vector<TaskId> survey_of(s.hazards.size());
  ts.hazard_outcome.resize(s.hazards.size());

  auto add = [&](Task t, std::vector<TaskId> pre) {
    ts.tasks.push_back(t);
    preds.push_back(std::move(pre));
    return TaskId::from_index(ts.tasks.size() - 1);
  };

  // Pass 1: the road corridors each hazard blocks, with the overlap areas.
  std::vector<std::vector<std::pair<EdgeId, double>>> corridors(s.hazards.size());
  std::vector<char> blocked(net.num_edges(), 0);
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const Hazard& z = s.hazards[h];
    for (EdgeId e : edges.near_box(z.polygon.outer, half)) {
      const double a = geo::corridor_overlap_m2(z.polygon, edge_shape(net, e), half);
      if (a >= 1.0) {
        corridors[h].emplace_back(e, a);
        blocked[e.index()] = 1;
      }
    }
  }
  for (const Asset& a : s.assets) {
    if (a.edge.valid()) blocked[a.edge.index()] = 1;
  }
  // The safe ground at day 0: nodes connected to a hub through edges nothing blocks.
  network::UnionFind safe(net.num_nodes());
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if (!blocked[e]) safe.unite(net.edge_from[e].index(), net.edge_to[e].index());
  }
  std::vector<char> safe_root(net.num_nodes(), 0);
  for (const Hub& hub : s.hubs) safe_root[safe.find(hub.node.index())] = 1;
  auto touches_safe_ground = [&](EdgeId e) {
    return safe_root[safe.find(net.edge_from[e.index()].index())] != 0 ||
           safe_root[safe.find(net.edge_to[e.index()].index())] != 0;
  };

  // The edges that touch the safe ground, indexed on their own: a hazard deep in the contaminated
  // band then finds its nearest one without looking at the many edges in between.
  std::vector<EdgeId> safe_list;
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    if (touches_safe_ground(EdgeId::from_index(e))) safe_list.push_back(EdgeId::from_index(e));
  }
  const geo::EdgeIndex safe_edges(net, safe_list);

  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const Hazard& z = s.hazards[h];
    const auto hid = HazardId::from_index(h);
    const LonLat centre = geo::vertex_centroid(z.polygon.outer);
    const auto& corridor = corridors[h];
    // Site of the survey and land packages: the edge nearest the polygon among the edges that
    // touch the safe ground of day 0 (survey teams and clearance crews approach from the safe
    // side), so that no hazard waits for a road that only its own clearance can open.
    EdgeId site =
        safe_edges
            .nearest_to(
                z.polygon.outer, [](EdgeId) { return true; },
                [&](EdgeId e) { return geo::polygon_distance_m(z.polygon, edge_shape(net, e)); })
            .edge;
    if (!site.valid()) site = edges.nearest(centre).edge;  // no safe ground at all
    for (const auto& [e, a] : corridor) hazard_blocks[h].push_back(e);

    const bool suspected = z.status == HazardStatus::kSuspected;
    const bool cancelled = suspected && nts_cancels(p.seed, z.id, p.nts_cancel_share);
    TaskId survey;
    if (suspected) {
      Task t;
      t.kind = TaskKind::kSurvey;
      t.hazard = hid;
      t.work = z.area_m2;
      t.terrain = z.terrain;
      t.site_edge = site;
      t.site = centre;
      survey = add(t, {});
      survey_of[h] = survey;
      for (const auto& [e, a] : corridor) blockers[e.index()].push_back(survey);
    }
    HazardOutcome& out = ts.hazard_outcome[h];
    double corridor_total = 0;
    for (const auto& [e, a] : corridor) corridor_total += a;
    if (cancelled) {
      out.cancelled_m2 = z.area_m2;
      continue;
    }
    out.corridor_m2 = corridor_total;
    out.land_m2 = std::max(0.0, z.area_m2 - corridor_total);
    const bool mechanical = p.mechanical_terrain[idx(z.terrain)];
    double hazard_packages = 0;
    auto packages = [&](double part, EdgeId corridor_edge, EdgeId site_edge) {
      if (part < 1.0) return;
      // The guard of docs/scenario.md ("Limits"): a tiny work_package_m2 on a large hazard would
      // make millions of packages and hours of planning; say so instead.
      const double np = std::ceil(part / p.work_package_m2);
      hazard_packages += np;
      if (!(hazard_packages <= kMaxPackagesPerHazard)) {
        throw Error(
            ErrorCode::kInvalidInput,
            "hazard " + quote_value(z.id) + ": " + std::to_string(z.area_m2) +
                " m² in work packages of work_package_m2 = " + std::to_string(p.work_package_m2) +
                " m² make over " + std::to_string(static_cast<long long>(kMaxPackagesPerHazard)) +
                " packages; raise work_package_m2");
      }
      if (ts.tasks.size() + 2 * static_cast<std::size_t>(np) > kMaxTasks) {
        throw Error(ErrorCode::kInvalidInput,
                    "the scenario makes over " + std::to_string(kMaxTasks) +
                        " tasks; raise work_package_m2 or split the district");
      }
      const auto n = static_cast<std::uint32_t>(np);
      for (std::uint32_t k = 0; k < n; ++k) {
        Task t;
        t.hazard = hid;
        t.corridor_edge = corridor_edge;
        t.package = k;
        t.work = part / n;
        t.effort = z.work_factor;
        t.terrain = z.terrain;
        t.site_edge = site_edge;
        t.site = centre;
        std::vector<TaskId> pre;
        if (survey.valid()) pre.push_back(survey);
        TaskId final_task;
        if (mechanical) {
          t.kind = TaskKind::kMechanical;
          const TaskId m = add(t, pre);
          t.kind = TaskKind::kFollowUp;
          final_task = add(t, {m});
        } else {
          t.kind = TaskKind::kClearance;
          final_task = add(t, pre);
        }
        hazard_final[h].push_back(final_task);
        if (corridor_edge.valid()) {
          blockers[corridor_edge.index()].push_back(final_task);
          hazard_corridor_final[h].emplace_back(corridor_edge, final_task);
        }
      }
    };
    for (const auto& [e, a] : corridor) packages(a, e, e);
    packages(out.land_m2, EdgeId{}, site);
  }

  // Reconstruction projects (docs/model.md §3, §4): each asset's steps from its kind's template,
  // after the hazards on the asset; each settlement's housing, after its built-up hazards.
  std::vector<std::vector<LonLat>> hazard_rings;
  hazard_rings.reserve(s.hazards.size());
  for (const auto& z : s.hazards) hazard_rings.push_back(z.polygon.outer);
  const geo::BoxIndex hazard_index(hazard_rings);
  std::vector<std::vector<TaskId>> asset_rows(s.assets.size());
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    const Asset& a = s.assets[i];
    std::vector<TaskId> site_pre;  // the hazards on the asset
    EdgeId site_edge;
    if (a.edge.valid()) {
      site_edge = a.edge;
      for (std::uint32_t h : hazard_index.query(edge_shape(net, a.edge), half)) {
        const auto& blocks = hazard_blocks[h];
        if (std::find(blocks.begin(), blocks.end(), a.edge) == blocks.end()) continue;
        if (survey_of[h].valid()) site_pre.push_back(survey_of[h]);
        for (const auto& [e, task] : hazard_corridor_final[h]) {
          if (e == a.edge) site_pre.push_back(task);
        }
      }
    } else {
      const LonLat anchor = a.geometry[a.geometry.size() / 2];
      site_edge = edges.nearest(anchor).edge;
      for (std::uint32_t h : hazard_index.query(a.geometry, half)) {
        if (geo::polygon_distance_m(s.hazards[h].polygon, a.geometry) > half) continue;
        if (survey_of[h].valid()) site_pre.push_back(survey_of[h]);
        site_pre.insert(site_pre.end(), hazard_final[h].begin(), hazard_final[h].end());
      }
    }
    const auto& steps = p.templates[idx(a.kind)];
    std::vector<std::vector<TaskId>> step_tasks(steps.size());
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const TemplateStep& st = steps[k];
      const double q = st.per_unit * a.quantity;
      const int n = st.crew_share > 0
                        ? std::max(1, std::min(st.max_crews,
                                               static_cast<int>(std::min(q / st.crew_share, 1e6))))
                        : st.max_crews;
      if (ts.tasks.size() + static_cast<std::size_t>(n) > kMaxTasks) {
        throw Error(ErrorCode::kInvalidInput,
                    "the scenario makes over " + std::to_string(kMaxTasks) +
                        " tasks; raise the templates' crew_share or split the district");
      }
      std::vector<TaskId> pre;
      if (st.after.empty()) pre = site_pre;
      for (std::uint8_t j : st.after)
        pre.insert(pre.end(), step_tasks[j].begin(), step_tasks[j].end());
      for (int k2 = 0; k2 < n; ++k2) {
        Task t;
        t.kind = TaskKind::kRepair;
        t.asset = AssetId::from_index(i);
        t.activity = st.activity;
        t.step = static_cast<std::uint8_t>(k);
        t.package = static_cast<std::uint32_t>(k2);
        t.work = q / n;
        t.effort = a.work_factor;
        t.site_edge = site_edge;
        t.site = a.geometry[a.geometry.size() / 2];
        const TaskId id = add(t, pre);
        step_tasks[k].push_back(id);
        asset_rows[i].push_back(id);
        if (a.edge.valid() && st.opens) blockers[a.edge.index()].push_back(id);
      }
    }
  }
  // Housing: the built-up hazards of each settlement go first.
  std::vector<std::vector<TaskId>> built_up_pre(s.settlements.size());
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const SettlementId st = s.hazards[h].built_up;
    if (!st.valid()) continue;
    auto& row = built_up_pre[st.index()];
    if (survey_of[h].valid()) row.push_back(survey_of[h]);
    row.insert(row.end(), hazard_final[h].begin(), hazard_final[h].end());
  }
  std::vector<std::vector<TaskId>> housing_rows(s.settlements.size());
  constexpr std::array<ActivityKind, kDamageClassCount> kHouseActivity = {
      ActivityKind::kHouseLight, ActivityKind::kHouseHeavy, ActivityKind::kHouseRebuild};
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    EdgeId site_edge;
    for (std::size_t c = 0; c < kDamageClassCount; ++c) {
      const std::int64_t d = st.damaged_dwellings[c];
      if (d <= 0) continue;
      if (!site_edge.valid()) site_edge = edges.nearest(st.pos).edge;
      const std::int64_t size = p.housing_package_dwellings[c];
      const std::int64_t n = (d + size - 1) / size;
      if (ts.tasks.size() + static_cast<std::size_t>(n) > kMaxTasks) {
        throw Error(ErrorCode::kInvalidInput,
                    "the scenario makes over " + std::to_string(kMaxTasks) +
                        " tasks; raise housing_package_dwellings or split the district");
      }
      for (std::int64_t k = 0; k < n; ++k) {
        Task t;
        t.kind = TaskKind::kHousing;
        t.settlement = SettlementId::from_index(i);
        t.activity = kHouseActivity[c];
        t.step = static_cast<std::uint8_t>(c);
        t.package = static_cast<std::uint32_t>(k);
        t.dwellings = static_cast<std::uint32_t>(d / n + (k < d % n ? 1 : 0));
        t.work = t.dwellings;
        t.effort = st.housing_work_factor;
        t.site_edge = site_edge;
        t.site = st.pos;
        housing_rows[i].push_back(add(t, built_up_pre[i]));
      }
    }
  }

  for (auto& row : preds) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    ts.preds.push_row(row);
  }
  for (auto& row : blockers) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    ts.edge_blockers.push_row(row);
  }
  std::vector<std::vector<TaskId>> per_hazard(s.hazards.size());
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    if (ts.tasks[t].hazard.valid())
      per_hazard[ts.tasks[t].hazard.index()].push_back(TaskId::from_index(t));
  }
  for (auto& row : per_hazard) ts.hazard_tasks.push_row(row);
  for (auto& row : asset_rows) ts.asset_tasks.push_row(row);
  for (auto& row : housing_rows) ts.housing_tasks.push_row(row);
  return ts;
}

}  // namespace gw::plan
