// The validator's projects (docs/model.md §1, §3): the settlement whose built-up area holds each
// residential hazard, each asset's steps and packages from its kind's template and each
// settlement's housing packages, re-derived and matched with the declared repair and housing
// tasks, their sites, and the hazards on each asset.
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

namespace {
constexpr std::array<ActivityKind, kDamageClassCount> kHousingActivity = {
    ActivityKind::kHouseLight, ActivityKind::kHouseHeavy, ActivityKind::kHouseRebuild};

std::string list_of(const std::vector<std::uint32_t>& xs) {
  std::string s;
  for (std::size_t i = 0; i < xs.size(); ++i) s += cat(i == 0 ? "" : ", ", xs[i]);
  return s;
}
}  // namespace

std::string Validator::step_name(std::uint32_t a, std::uint32_t i) const {
  return cat("asset ", sc_.assets[a].id, " step ", i, " (", name(asset_steps_[a][i].activity), ")");
}

std::string Validator::housing_name(std::uint32_t s, std::uint32_t c) const {
  return cat("settlement ", sc_.settlements[s].id, " housing ", name(static_cast<DamageClass>(c)));
}

void Validator::derive_built_up() {
  built_up_.assign(sc_.hazards.size(), kNone);
  built_up_hazards_.assign(sc_.settlements.size(), {});
  std::vector<std::pair<Pt, std::uint32_t>> pts;
  for (std::uint32_t s = 0; s < sc_.settlements.size(); ++s)
    pts.emplace_back(net_.global(sc_.settlements[s].pos), s);
  settlement_tree_ = decltype(settlement_tree_)(pts.begin(), pts.end());
  const double radius = P_.built_up_radius_m;
  std::vector<std::uint32_t> cand;
  for (std::uint32_t h = 0; h < sc_.hazards.size(); ++h) {
    const Hazard& hazard = sc_.hazards[h];
    if (hazard.land_use != LandUse::kResidential) continue;
    if (hazard.settlement) {
      if (auto it = settlement_by_id_.find(*hazard.settlement); it != settlement_by_id_.end()) {
        built_up_[h] = it->second;
      } else {
        sink_.add(cat("hazard ", hazard.id, ": settlement '", *hazard.settlement,
                      "' is not a settlement"));
      }
    } else if (hz_[h].valid_poly && radius >= 0) {
      // Candidates from the global projection with a margin for its difference from the hazard's
      // own; the distance that decides is measured in the hazard's projection.
      const Box gbox = global_box(hazard.polygon);
      const double extent = std::max(gbox.max_corner().x() - gbox.min_corner().x(),
                                     gbox.max_corner().y() - gbox.min_corner().y());
      cand.clear();
      for (auto it = settlement_tree_.qbegin(
               geom::bgi::intersects(geom::grow(gbox, radius * 1.01 + 5 + 0.01 * extent)));
           it != settlement_tree_.qend(); ++it) {
        cand.push_back(it->second);
      }
      std::sort(cand.begin(), cand.end());
      double best = std::numeric_limits<double>::infinity();
      for (auto s : cand) {
        const double d = geom::bg::distance(hz_[h].proj(sc_.settlements[s].pos), hz_[h].poly);
        if (d <= radius && d < best) {  // strictly nearer: a tie keeps the one listed first
          best = d;
          built_up_[h] = s;
        }
      }
    }
    if (built_up_[h] != kNone) built_up_hazards_[built_up_[h]].push_back(h);
  }
}

std::pair<std::uint32_t, double> Validator::nearest_edge(LonLat p) const {
  const Projection proj(p);
  const Pt q = proj(p);
  return net_.edges->nearest(
      Box(net_.global(p), net_.global(p)),
      [&](std::uint32_t e) { return geom::distance(q, geom::project_edge(rn_, e, proj)); },
      [](std::uint32_t) { return true; }, std::numeric_limits<double>::infinity());
}

std::vector<Validator::SiteRef> Validator::site_refs(const std::vector<LonLat>& points) const {
  std::vector<SiteRef> out;
  for (const auto& p : points) {
    const auto best = nearest_edge(p);
    out.push_back({p, best.first, best.second});
  }
  return out;
}

void Validator::check_site_near_points(std::uint32_t t, const std::vector<SiteRef>& refs,
                                       const std::string& what) {
  if (refs.empty()) return;
  if (info_[t].site != kNone) {
    for (const auto& r : refs) {
      const Projection proj(r.point);
      const double d = geom::distance(proj(r.point), geom::project_edge(rn_, info_[t].site, proj));
      if (d <= r.dist + 1.0) return;
    }
    sink_.add(cat(label(t), ": site edge ", info_[t].site, " is not the edge nearest to ", what,
                  " (edge ", refs[0].edge, ")"));
  }
  info_[t].site = refs[0].edge;
}

void Validator::derive_assets() {
  const double w2 = P_.corridor_width_m / 2;
  const std::size_t na = sc_.assets.size();
  asset_edge_.assign(na, kNone);
  asset_deps_.assign(na, {});
  asset_hazards_.assign(na, {});
  asset_steps_.assign(na, {});
  std::unordered_map<std::string, std::uint32_t> asset_by_id;
  for (std::uint32_t a = 0; a < na; ++a) asset_by_id.emplace(sc_.assets[a].id, a);

  // The templates themselves, once per kind (an asset's steps are derived with the same guards).
  for (std::size_t k = 0; k < kAssetKindCount; ++k) {
    const auto& tmpl = P_.templates[k];
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
      const std::string where = cat("parameters: the ", kAssetKindNames[k], " template's step ", i);
      if (tmpl[i].max_crews < 1)
        sink_.add(cat(where, " has max_crews ", tmpl[i].max_crews, ", below 1"));
      for (auto j : tmpl[i].after) {
        if (j >= tmpl.size() || j == i)
          sink_.add(cat(where, " comes after step ", static_cast<int>(j),
                        ", which is not another "
                        "step of it"));
      }
    }
  }

  // Edge -> hazards blocking it (from derive_hazards).
  for (std::uint32_t h = 0; h < hz_.size(); ++h) {
    for (const auto& he : hz_[h].edges) {
      if (he.blocked) edge_hazards_[he.edge].push_back(h);
    }
  }

  for (std::uint32_t a = 0; a < na; ++a) {
    const Asset& asset = sc_.assets[a];
    for (const auto& dep : asset.depends_on) {
      if (auto it = asset_by_id.find(dep); it != asset_by_id.end()) {
        asset_deps_[a].push_back(it->second);
      } else {
        sink_.add(cat("asset ", asset.id, ": depends_on '", dep, "' is not an asset"));
      }
    }
    derive_steps(a);
    match_repairs(a);
    const auto& ts = asset_tasks_[a];
    if (asset.geometry.empty()) {
      sink_.add(cat("asset ", asset.id, ": no geometry"));
      continue;
    }
    if (cuts_road(asset.kind)) {
      const LonLat p = asset.geometry[0];
      const Projection proj(p);
      const Pt q = proj(p);
      Box b(net_.global(p), net_.global(p));
      auto dist = [&](std::uint32_t e) {
        return geom::distance(q, geom::project_edge(rn_, e, proj));
      };
      std::pair<std::uint32_t, double> best{kNone, 0};
      if (asset.kind == AssetKind::kBridge) {
        best = net_.edges->nearest(
            b, dist, [&](std::uint32_t e) { return rn_.edge_bridge[e] != 0; }, 200.0);
      }
      if (best.first == kNone) best = nearest_edge(p);
      asset_edge_[a] = best.first;
      if (best.first == kNone) continue;
      for (auto t : ts) {
        if (info_[t].site != best.first) {
          sink_.add(cat(label(t), ": site edge ",
                        info_[t].site == kNone ? std::string("none") : cat(info_[t].site),
                        ", the asset cuts edge ", best.first));
          info_[t].site = best.first;
        }
      }
      if (auto it = edge_hazards_.find(best.first); it != edge_hazards_.end())
        asset_hazards_[a] = it->second;
    } else {
      // Site: nearest edge to the point, or to the line's middle vertex (either middle one when
      // the line has an even number of vertices).
      std::vector<LonLat> points{asset.geometry[asset.geometry.size() / 2]};
      if (asset.geometry.size() % 2 == 0)
        points.push_back(asset.geometry[asset.geometry.size() / 2 - 1]);
      if (!ts.empty()) {
        const auto refs = site_refs(points);
        for (auto t : ts) check_site_near_points(t, refs, "the asset");
      }
      // Hazards on the asset: its geometry within w/2 of the polygon (0.5 m tolerance).
      Box gb;
      geom::bg::assign_inverse(gb);
      for (const auto& p : asset.geometry) geom::bg::expand(gb, net_.global(p));
      for (auto it = hazard_tree_.qbegin(geom::bgi::intersects(
               geom::grow(gb, w2 + 3 + 0.01 * (gb.max_corner().x() - gb.min_corner().x()))));
           it != hazard_tree_.qend(); ++it) {
        const std::uint32_t h = it->second;
        const Line line = geom::project(asset.geometry, hz_[h].proj);
        if (geom::distance(line, hz_[h].poly) <= w2 - 0.5) asset_hazards_[a].push_back(h);
      }
      std::sort(asset_hazards_[a].begin(), asset_hazards_[a].end());
    }
  }

  // Supply chains (§7): linking rejects a cycle of depends_on; the validator reports one.
  std::vector<char> state(na, 0);  // 0 new, 1 on the path, 2 done
  auto visit = [&](auto&& self, std::uint32_t a) -> void {
    state[a] = 1;
    for (auto d : asset_deps_[a]) {
      if (state[d] == 1) {
        sink_.add(cat("asset ", sc_.assets[a].id, ": depends_on '", sc_.assets[d].id,
                      "' closes a cycle of dependencies"));
      } else if (state[d] == 0) {
        self(self, d);
      }
    }
    state[a] = 2;
  };
  for (std::uint32_t a = 0; a < na; ++a) {
    if (state[a] == 0) visit(visit, a);
  }
}

void Validator::derive_steps(std::uint32_t a) {
  const Asset& asset = sc_.assets[a];
  const auto kind = static_cast<std::size_t>(asset.kind);
  if (kind >= kAssetKindCount) {
    sink_.add(cat("asset ", asset.id, ": unknown kind ", kind));
    return;
  }
  const auto& tmpl = P_.templates[kind];
  auto& steps = asset_steps_[a];
  steps.resize(tmpl.size());
  for (std::uint32_t i = 0; i < tmpl.size(); ++i) {
    const TemplateStep& ts = tmpl[i];
    StepInfo& st = steps[i];
    st.activity = ts.activity;
    for (auto j : ts.after) {
      if (j < tmpl.size() && j != i) st.after.push_back(j);
    }
    st.max_crews = std::max(1, ts.max_crews);
    st.opens = ts.opens;
    st.quantity = ts.per_unit * asset.quantity;
    int n = st.max_crews;
    if (ts.crew_share != 0) {
      const double f = std::floor(st.quantity / ts.crew_share);
      if (f < static_cast<double>(st.max_crews)) n = f >= 1 ? static_cast<int>(f) : 1;
    }
    st.work = st.quantity / n;
    st.task.assign(static_cast<std::size_t>(n), kNone);
  }
}

void Validator::match_repairs(std::uint32_t a) {
  const Asset& asset = sc_.assets[a];
  auto& steps = asset_steps_[a];
  for (auto t : asset_tasks_[a]) {
    const Task& k = tasks_[t];
    if (k.step >= steps.size()) {
      sink_.add(
          cat(label(t), ": the ", name(asset.kind), " template has ", steps.size(), " steps"));
      continue;
    }
    StepInfo& st = steps[k.step];
    TaskInfo& i = info_[t];
    i.step = k.step;
    i.activity = st.activity;
    st.declared.push_back(t);
    if (k.package >= st.task.size()) {
      sink_.add(cat(label(t), ": ", step_name(a, k.step), " has ", st.task.size(), " packages"));
      continue;
    }
    std::uint32_t& slot = st.task[k.package];
    if (slot != kNone) {
      sink_.add(cat(step_name(a, k.step), " pkg ", k.package, ": 2 repair tasks (", label(slot),
                    ", ", label(t), ")"));
      continue;
    }
    slot = t;
    if (k.activity != st.activity) {
      sink_.add(
          cat(label(t), ": activity ", name(k.activity), ", the step's is ", name(st.activity)));
    }
    if (!within(k.work, st.work, 1e-6 * std::abs(st.work) + 1e-6)) {
      sink_.add(cat(label(t), ": work ", num(k.work), ", expected ", num(st.work), " (",
                    num(st.quantity), " in ", st.task.size(), " packages)"));
      i.work = st.work;
    }
  }
  if (asset_tasks_[a].empty() && !steps.empty()) {
    std::size_t n = 0;
    for (const auto& st : steps) n += st.task.size();
    sink_.add(cat("asset ", asset.id, ": no repair task declared (expected ", n, ")"));
    return;
  }
  for (std::uint32_t s = 0; s < steps.size(); ++s) {
    std::vector<std::uint32_t> missing;
    for (std::uint32_t p = 0; p < steps[s].task.size(); ++p) {
      if (steps[s].task[p] == kNone) missing.push_back(p);
    }
    if (!missing.empty()) {
      sink_.add(cat(step_name(a, s), ": no repair task for package ", list_of(missing), " of ",
                    steps[s].task.size()));
    }
  }
}

void Validator::derive_housing() {
  const std::size_t ns = sc_.settlements.size();
  housing_steps_.assign(ns, std::vector<StepInfo>(kDamageClassCount));
  std::array<std::int64_t, kDamageClassCount> per{};
  for (std::size_t c = 0; c < kDamageClassCount; ++c) {
    per[c] = P_.housing_package_dwellings[c];
    if (per[c] < 1) {
      sink_.add(cat("parameters: housing_package_dwellings of ", name(static_cast<DamageClass>(c)),
                    " is ", per[c], ", below 1"));
      per[c] = std::numeric_limits<std::int32_t>::max();  // one package per step
    }
  }
  for (std::uint32_t s = 0; s < ns; ++s) {
    const Settlement& settlement = sc_.settlements[s];
    auto& steps = housing_steps_[s];
    for (std::size_t c = 0; c < kDamageClassCount; ++c) {
      StepInfo& st = steps[c];
      st.activity = kHousingActivity[c];
      const std::int64_t d = settlement.damaged_dwellings[c];
      if (d <= 0) continue;
      const std::int64_t n = (d + per[c] - 1) / per[c];
      for (std::int64_t k = 0; k < n; ++k)
        st.dwellings.push_back(static_cast<std::uint32_t>(d / n + (k < d % n ? 1 : 0)));
      st.task.assign(st.dwellings.size(), kNone);
    }
    std::vector<SiteRef> refs;
    if (!housing_tasks_[s].empty()) refs = site_refs({settlement.pos});
    for (auto t : housing_tasks_[s]) {
      const Task& k = tasks_[t];
      check_site_near_points(t, refs, "the settlement");
      if (k.step >= kDamageClassCount) {
        sink_.add(cat(label(t), ": damage class ", static_cast<int>(k.step), " does not exist"));
        continue;
      }
      StepInfo& st = steps[k.step];
      TaskInfo& i = info_[t];
      i.step = k.step;
      i.activity = st.activity;
      st.declared.push_back(t);
      if (k.package >= st.task.size()) {
        sink_.add(
            cat(label(t), ": ", housing_name(s, k.step), " has ", st.task.size(), " packages"));
        continue;
      }
      std::uint32_t& slot = st.task[k.package];
      if (slot != kNone) {
        sink_.add(cat(housing_name(s, k.step), " pkg ", k.package, ": 2 housing tasks (",
                      label(slot), ", ", label(t), ")"));
        continue;
      }
      slot = t;
      const std::uint32_t want = st.dwellings[k.package];
      if (k.activity != st.activity) {
        sink_.add(
            cat(label(t), ": activity ", name(k.activity), ", the step's is ", name(st.activity)));
      }
      if (k.dwellings != want) {
        sink_.add(cat(label(t), ": ", k.dwellings, " dwellings, expected ", want, " (",
                      settlement.damaged_dwellings[k.step], " in ", st.task.size(), " packages)"));
      }
      if (!within(k.work, want, 1e-6 * want + 1e-6)) {
        sink_.add(cat(label(t), ": work ", num(k.work), ", expected ", want, " (its dwellings)"));
        i.work = want;
      }
    }
    for (std::uint32_t c = 0; c < kDamageClassCount; ++c) {
      std::vector<std::uint32_t> missing;
      for (std::uint32_t p = 0; p < steps[c].task.size(); ++p) {
        if (steps[c].task[p] == kNone) missing.push_back(p);
      }
      if (!missing.empty()) {
        sink_.add(cat(housing_name(s, c), ": no housing task for package ", list_of(missing),
                      " of ", steps[c].task.size()));
      }
    }
  }
}

}  // namespace gw::validate::detail
