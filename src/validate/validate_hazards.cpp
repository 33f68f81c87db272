// The validator's task list (docs/model.md §1-§3): each declared task classified, the hazards'
// corridor and land parts and their packages re-derived and compared with the declared ones, and
// the fields of the hazards' tasks (the projects are in validate_projects.cpp).
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

std::string Validator::label(std::uint32_t t) const {
  const Task& k = tasks_[t];
  std::string s = cat("task ", t, " (", name(k.kind));
  const TaskInfo& i = info_[t];
  if (i.hazard != kNone) s += cat(" ", sc_.hazards[i.hazard].id);
  if (i.asset != kNone) s += cat(" ", sc_.assets[i.asset].id);
  if (i.settlement != kNone) s += cat(" ", sc_.settlements[i.settlement].id);
  if (is_demining(k.kind)) {
    if (i.corridor != kNone) s += cat(" edge ", i.corridor);
    s += cat(" pkg ", k.package);
  } else if (k.kind == TaskKind::kRepair) {
    s += cat(" step ", static_cast<unsigned>(k.step), " pkg ", k.package);
  } else if (k.kind == TaskKind::kHousing) {
    s += k.step < kDamageClassCount ? cat(" ", name(static_cast<DamageClass>(k.step)))
                                    : cat(" class ", static_cast<unsigned>(k.step));
    s += cat(" pkg ", k.package);
  }
  return s + ")";
}

void Validator::classify_tasks() {
  info_.resize(tasks_.size());
  hz_.resize(sc_.hazards.size());
  asset_tasks_.resize(sc_.assets.size());
  housing_tasks_.resize(sc_.settlements.size());
  for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
    const Task& k = tasks_[t];
    TaskInfo& i = info_[t];
    if (static_cast<std::size_t>(k.kind) >= kTaskKindCount) {
      sink_.add(cat("task ", t, ": unknown kind ", static_cast<int>(k.kind)));
      continue;
    }
    if ((k.kind == TaskKind::kRepair || k.kind == TaskKind::kHousing) &&
        static_cast<std::size_t>(k.activity) >= kActivityKindCount) {
      sink_.add(cat("task ", t, ": unknown activity ", static_cast<int>(k.activity)));
      continue;
    }
    if (k.kind == TaskKind::kRepair) {
      if (!k.asset.valid() || k.asset.index() >= sc_.assets.size()) {
        sink_.add(cat("task ", t, " (repair): asset ", k.asset.value, " does not exist"));
        continue;
      }
      i.asset = static_cast<std::uint32_t>(k.asset.index());
      asset_tasks_[i.asset].push_back(t);
      i.activity = k.activity;
    } else if (k.kind == TaskKind::kHousing) {
      if (!k.settlement.valid() || k.settlement.index() >= sc_.settlements.size()) {
        sink_.add(
            cat("task ", t, " (housing): settlement ", k.settlement.value, " does not exist"));
        continue;
      }
      i.settlement = static_cast<std::uint32_t>(k.settlement.index());
      housing_tasks_[i.settlement].push_back(t);
      i.activity = k.activity;
    } else {
      if (!k.hazard.valid() || k.hazard.index() >= sc_.hazards.size()) {
        sink_.add(
            cat("task ", t, " (", name(k.kind), "): hazard ", k.hazard.value, " does not exist"));
        continue;
      }
      i.hazard = static_cast<std::uint32_t>(k.hazard.index());
      if (is_demining(k.kind) && k.corridor_edge.valid()) {
        if (k.corridor_edge.index() >= rn_.num_edges()) {
          sink_.add(cat("task ", t, " (", name(k.kind), " ", sc_.hazards[i.hazard].id,
                        "): corridor edge ", k.corridor_edge.value, " does not exist"));
          i.hazard = kNone;
          continue;
        }
        i.corridor = static_cast<std::uint32_t>(k.corridor_edge.index());
      }
      if (k.kind == TaskKind::kSurvey) {
        hz_[i.hazard].surveys.push_back(t);
      } else {
        hz_[i.hazard].work_tasks.push_back(t);
      }
    }
    i.ok = true;
    i.work = k.work;
    if (k.site_edge.valid() && k.site_edge.index() < rn_.num_edges()) {
      i.site = static_cast<std::uint32_t>(k.site_edge.index());
    } else {
      sink_.add(cat(label(t), ": site edge ", k.site_edge.value, " is not an edge of the network"));
    }
  }
}

const HazardGeometry& Validator::hazard_geometry(std::uint32_t h) {
  const Hazard& hazard = sc_.hazards[h];
  const double w2 = P_.corridor_width_m / 2;
  std::uint64_t print = fp_mix(0, fp_bits(w2));
  for (const auto& p : hazard.polygon.outer)
    print = fp_mix(fp_mix(print, fp_bits(p.lon)), fp_bits(p.lat));
  for (const auto& ring : hazard.polygon.holes) {
    print = fp_mix(print, ring.size());
    for (const auto& p : ring) print = fp_mix(fp_mix(print, fp_bits(p.lon)), fp_bits(p.lat));
  }
  if (shared_hazards_.size() != sc_.hazards.size()) shared_hazards_.resize(sc_.hazards.size());
  HazardGeometry& g = shared_hazards_[h];
  if (g.print == print && print != 0) return g;
  g = HazardGeometry{};
  g.print = print;
  g.proj = Projection(geom::centre(hazard.polygon.outer));
  g.poly = geom::project(hazard.polygon, g.proj);
  g.gbox = global_box(hazard.polygon);
  const double extent = std::max(g.gbox.max_corner().x() - g.gbox.min_corner().x(),
                                 g.gbox.max_corner().y() - g.gbox.min_corner().y());
  // Edges near the polygon, their distances and corridor areas.
  std::vector<std::uint32_t> cand;
  net_.edges->query(geom::grow(g.gbox, w2 + 0.5 + 2 + 0.01 * extent), cand);
  std::sort(cand.begin(), cand.end());
  for (auto e : cand) {
    const Line line = geom::project_edge(rn_, e, g.proj);
    const double d = geom::distance(line, g.poly);
    if (!(d <= w2 + 0.5)) continue;
    HazEdge he;
    he.edge = e;
    he.dist = d;
    he.area = d <= w2 ? geom::corridor_area(g.poly, line, w2) : 0.0;
    he.required = d <= w2 - 0.5 && (he.area < 0 || he.area >= 6);
    g.edges.push_back(he);
  }
  return g;
}

void Validator::derive_hazards() {
  std::vector<std::pair<Box, std::uint32_t>> hazard_boxes;
  for (std::uint32_t h = 0; h < sc_.hazards.size(); ++h) {
    const Hazard& hazard = sc_.hazards[h];
    HazardInfo& hi = hz_[h];
    const bool suspected = hazard.status == HazardStatus::kSuspected;
    hi.cancelled = suspected && nts_cancelled(P_.seed, hazard.id, P_.nts_cancel_share);
    if (hazard.polygon.outer.size() < 3) {
      sink_.add(cat("hazard ", hazard.id, ": polygon has fewer than 3 points"));
      continue;
    }
    const HazardGeometry& g = hazard_geometry(h);
    hi.proj = g.proj;
    hi.poly = g.poly;
    hi.valid_poly = true;
    hi.edges = g.edges;
    hazard_boxes.emplace_back(g.gbox, h);
    check_hazard_tasks(h);
  }
  hazard_tree_ = decltype(hazard_tree_)(hazard_boxes.begin(), hazard_boxes.end());
}

void Validator::check_hazard_tasks(std::uint32_t h) {
  const Hazard& hazard = sc_.hazards[h];
  HazardInfo& hi = hz_[h];
  const double A = hazard.area_m2;
  const bool suspected = hazard.status == HazardStatus::kSuspected;

  // Surveys.
  if (!suspected && !hi.surveys.empty()) {
    sink_.add(cat("hazard ", hazard.id, " is confirmed but has a survey task (",
                  label(hi.surveys[0]), ")"));
  } else if (suspected && hi.surveys.empty()) {
    sink_.add(cat("hazard ", hazard.id, ": missing survey task"));
  } else if (hi.surveys.size() > 1) {
    sink_.add(cat("hazard ", hazard.id, ": ", hi.surveys.size(), " survey tasks (",
                  label(hi.surveys[0]), ", ", label(hi.surveys[1]), ")"));
  }
  for (auto t : hi.surveys) {
    if (!within(tasks_[t].work, A, part_tol(A))) {
      sink_.add(
          cat(label(t), ": work ", num(tasks_[t].work), " m², hazard area is ", num(A), " m²"));
      info_[t].work = A;
    }
  }

  // Group the declared packages by part.
  for (auto t : hi.work_tasks) hi.parts[info_[t].corridor].tasks.push_back(t);

  auto find_edge = [&](std::uint32_t e) -> HazEdge* {
    for (auto& he : hi.edges) {
      if (he.edge == e) return &he;
    }
    return nullptr;
  };

  if (hi.cancelled) {
    if (!hi.work_tasks.empty()) {
      sink_.add(cat("hazard ", hazard.id, " is cancelled by non-technical survey but has ",
                    hi.work_tasks.size(), " clearance tasks (", label(hi.work_tasks[0]), ")"));
    }
    for (auto& he : hi.edges)
      he.blocked = he.dist <= P_.corridor_width_m / 2 && (he.area < 0 || he.area >= 1);
    return;
  }

  // Which edges it blocks: the declared corridor parts (checked below) and the required ones.
  for (auto& [e, part] : hi.parts) {
    if (e == kNone) continue;
    if (HazEdge* he = find_edge(e)) {
      he->blocked = true;
    } else {
      const double d = geom::distance(geom::project_edge(rn_, e, hi.proj), hi.poly);
      sink_.add(cat("hazard ", hazard.id, ": corridor packages on edge ", e,
                    ", which it does not block (", num(d), " m away)"));
      part.mine = 0;
      part.area_ok = false;
    }
  }
  double corridor_sum = 0;
  double corridor_tol = 0;
  bool land_known = true;
  for (auto& he : hi.edges) {
    if (he.required && !hi.parts.count(he.edge)) {
      sink_.add(cat("hazard ", hazard.id, " blocks edge ", he.edge, " (corridor ",
                    he.area < 0 ? std::string("?") : num(he.area),
                    " m²) but has no corridor packages on it"));
      he.blocked = true;
    }
    if (!he.blocked) continue;
    if (he.area < 0) {
      land_known = false;
    } else {
      corridor_sum += he.area;
      corridor_tol += part_tol(he.area);
    }
    if (auto it = hi.parts.find(he.edge); it != hi.parts.end()) {
      it->second.mine = he.area;
      it->second.tolerance = part_tol(std::max(0.0, he.area));
    }
  }
  const double land = std::max(0.0, A - corridor_sum);
  if (auto it = hi.parts.find(kNone); it != hi.parts.end()) {
    it->second.mine = land_known ? land : -1;
    it->second.tolerance = part_tol(land) + corridor_tol;
  } else if (land_known && land > part_tol(land) + corridor_tol) {
    sink_.add(
        cat("hazard ", hazard.id, ": no land packages for its land part of ", num(land), " m²"));
  }
  for (auto& [e, part] : hi.parts) check_part(h, e, part);
}

void Validator::check_part(std::uint32_t h, std::uint32_t edge, Part& part) {
  const Hazard& hazard = sc_.hazards[h];
  const bool mech = P_.mechanical_terrain[static_cast<std::size_t>(hazard.terrain)];
  const std::string where = edge == kNone ? cat("hazard ", hazard.id, " land")
                                          : cat("hazard ", hazard.id, " edge ", edge);
  struct Pkg {
    std::vector<std::uint32_t> primary, follow;
  };
  std::map<std::uint32_t, Pkg> pkgs;
  for (auto t : part.tasks) {
    const Task& k = tasks_[t];
    if (k.kind == TaskKind::kClearance && mech) {
      sink_.add(cat(label(t), ": terrain ", name(hazard.terrain),
                    " is cleared by mechanical + follow_up, not clearance"));
    } else if (k.kind != TaskKind::kClearance && !mech) {
      sink_.add(cat(label(t), ": terrain ", name(hazard.terrain),
                    " is not mechanical: expected clearance"));
    }
    if (k.kind == TaskKind::kFollowUp) {
      pkgs[k.package].follow.push_back(t);
    } else {
      pkgs[k.package].primary.push_back(t);
    }
  }
  const std::size_t n = pkgs.size();
  part.packages = n;
  if (n == 0) return;
  if (pkgs.rbegin()->first != n - 1) {
    sink_.add(cat(where, ": package indices are not 0..", n - 1));
  }
  double total = 0;
  for (auto& [idx, p] : pkgs) {
    if (p.primary.size() != 1) {
      sink_.add(cat(where, " pkg ", idx, ": ", p.primary.size(), " ",
                    mech ? "mechanical" : "clearance", " tasks, expected 1"));
    }
    if (mech && p.follow.size() != 1) {
      sink_.add(cat(where, " pkg ", idx, ": ", p.follow.size(), " follow_up tasks, expected 1"));
    }
    const std::uint32_t first = !p.primary.empty() ? p.primary[0] : p.follow[0];
    total += tasks_[first].work;
    if (!p.primary.empty() && !p.follow.empty() &&
        !within(tasks_[p.follow[0]].work, tasks_[p.primary[0]].work,
                1e-6 * tasks_[p.primary[0]].work + 1e-6)) {
      sink_.add(cat(label(p.follow[0]), ": work ", num(tasks_[p.follow[0]].work),
                    " m² differs from its mechanical task's ", num(tasks_[p.primary[0]].work),
                    " m²"));
    }
  }
  const double wp = P_.work_package_m2;
  const double dn = static_cast<double>(n);
  if (!((dn - 1) * wp < total + 1e-6 && total <= dn * wp + 1e-6)) {
    sink_.add(cat(where, ": ", n, " packages for ", num(total), " m², expected ",
                  std::ceil(total / wp - 1e-9), " (ceil of area / work_package_m2)"));
  }
  for (auto t : part.tasks) {
    if (!within(tasks_[t].work, total / dn, 1e-6 * total / dn + 1e-3)) {
      sink_.add(cat(label(t), ": work ", num(tasks_[t].work), " m², packages of its part are ",
                    num(total / dn), " m² each"));
      break;
    }
  }
  if (part.mine >= 0 && part.area_ok && !within(total, part.mine, part.tolerance)) {
    sink_.add(
        cat(where, ": packages total ", num(total), " m², the part is ", num(part.mine), " m²"));
    for (auto t : part.tasks) info_[t].work = part.mine / dn;
  }
}

void Validator::compute_safe_ground() {
  const double w2 = P_.corridor_width_m / 2;
  std::vector<char> blocked(rn_.num_edges(), 0);
  for (const auto& hi : hz_) {
    for (const auto& he : hi.edges) {
      if (he.dist <= w2 + 0.5) blocked[he.edge] = 1;
    }
  }
  for (auto e : asset_edge_) {
    if (e != kNone) blocked[e] = 1;
  }
  Dsu dsu(rn_.num_nodes());
  for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
    if (!blocked[e]) dsu.unite(rn_.edge_from[e].value, rn_.edge_to[e].value);
  }
  std::vector<char> hub_root(rn_.num_nodes(), 0);
  for (auto n : hub_node_) {
    if (n != kNone) hub_root[dsu.find(n)] = 1;
  }
  safe_touch_.assign(rn_.num_edges(), 0);
  bool any = false;
  for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
    safe_touch_[e] = static_cast<char>(hub_root[dsu.find(rn_.edge_from[e].value)] ||
                                       hub_root[dsu.find(rn_.edge_to[e].value)]);
    any = any || safe_touch_[e];
  }
  if (!any) safe_touch_.assign(rn_.num_edges(), 1);  // no safe ground at all: the nearest edge
}

void Validator::check_site_near_polygon(std::uint32_t t, std::uint32_t h) {
  TaskInfo& i = info_[t];
  HazardInfo& hi = hz_[h];
  if (!hi.valid_poly) return;
  if (safe_touch_.empty()) compute_safe_ground();
  double d = std::numeric_limits<double>::infinity();
  if (i.site != kNone) d = geom::distance(geom::project_edge(rn_, i.site, hi.proj), hi.poly);
  if (!hi.nearest_safe) {  // the same for every task of the hazard
    hi.nearest_safe = net_.edges->nearest(
        global_box(sc_.hazards[h].polygon),
        [&](std::uint32_t e) {
          return geom::distance(geom::project_edge(rn_, e, hi.proj), hi.poly);
        },
        [&](std::uint32_t e) { return safe_touch_[e] != 0; },
        std::numeric_limits<double>::infinity());
  }
  const auto best = *hi.nearest_safe;
  if (d <= best.second + 1.0) return;
  if (i.site != kNone) {
    sink_.add(cat(label(t), ": site edge ", i.site, " is ", num(d), " m from the hazard; edge ",
                  best.first, " is the nearest edge on day-0 safe ground, at ", num(best.second),
                  " m"));
  }
  i.site = best.first;
}

void Validator::check_task_fields() {
  for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
    const TaskInfo& i = info_[t];
    if (!i.ok) continue;
    const Task& k = tasks_[t];
    if (i.hazard != kNone) {
      const Hazard& hazard = sc_.hazards[i.hazard];
      if (k.terrain != hazard.terrain) {
        sink_.add(cat(label(t), ": terrain ", name(k.terrain), ", the hazard's is ",
                      name(hazard.terrain)));
      }
      if (k.kind == TaskKind::kSurvey) {
        check_site_near_polygon(t, i.hazard);
      } else if (is_demining(k.kind)) {
        if (i.corridor != kNone) {
          if (i.site != i.corridor) {
            sink_.add(cat(label(t), ": site edge ",
                          i.site == kNone ? std::string("none") : cat(i.site),
                          ", a corridor package is worked from its corridor edge ", i.corridor));
          }
          info_[t].site = i.corridor;
        } else {
          check_site_near_polygon(t, i.hazard);
        }
      }
    }
  }
}

}  // namespace gw::validate::detail
