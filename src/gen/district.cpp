// The default district generator. Everything is laid out in metres on a square of side
// sqrt(1,200 km² * scale) and inverse-projected to WGS 84 around lon 36.5, lat 49.5.
//
// Layout, in order (each step has its own random stream so that changing one leaves the others):
//  1. a jittered grid of farm-track nodes (~420 m) with diagonals in 30 % of the cells, edges bent
//     at the middle;
//  2. rivers (meandering polylines); track candidates that cross a river are mostly dropped
//     (fords), the survivors and every road edge crossing a river are bridges;
//  3. connectivity: dropped candidates are re-added where they join two components;
//  4. settlements on grid nodes: a district centre west of the front, towns, many villages;
//  5. roads upgraded along A* routes: primary/secondary between centre, towns and exits,
//     unclassified to the nearest neighbour, tertiary to the nearest main road, residential
//     streets around settlements;
//  6. a north-south front-line band in the east; the households after the war (displacement,
//     dwellings and their damage, heating: src/gen/aftermath.hpp) by the war's intensity, 1 in the
//     band and falling away from it; hazards (fields, forest belts, verges along real edges,
//     built-up areas of the emptied settlements, wetlands) concentrated in the band, plus
//     scattered UXO spots elsewhere; mines on every road into the most fought-over settlements
//     until about 30 % of the people are cut off (src/gen/road_damage.hpp);
//  7. damaged assets: blown bridges, utilities cut at their sources, public buildings, a
//     memorial (src/gen/utilities.cpp), damaged road runs; crews at depots west of the band, the
//     builders split by the work of each trade (src/gen/workload.hpp).
//
// Steps 1-3 are here; 4-5 (settlements, roads, the network's numbering) are in district_roads.cpp,
// 6-7 and the crews in district_hazards.cpp; the Builder class is in district_internal.hpp.
#include "gen/district.hpp"

#include <cstdio>

#include "gen/district_internal.hpp"

namespace gw::gen {

namespace district_detail {

Scenario Builder::run() {
  make_grid();
  make_rivers();
  make_edges();
  make_settlements();
  make_roads();
  build_network();
  make_households();
  make_hazards();
  make_front_lines();
  make_assets();
  make_crews();
  sc_.params.seed = seed_;
  // People were displaced: the plan is measured by when they can go home (docs/model.md §7).
  sc_.params.objective.kind = ObjectiveKind::kReturn;
  return std::move(sc_);
}

void Builder::make_grid() {
  Rng r(seed_, 1);
  nxy_.resize(static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_));
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      const double jx = r.uniform(-0.25, 0.25);
      const double jy = r.uniform(-0.25, 0.25);
      XY p{i * g_, j * g_};
      if (i > 0 && i < n_ - 1) p.x += jx * g_;
      if (j > 0 && j < n_ - 1) p.y += jy * g_;
      nxy_[node_at(i, j)] = p;
    }
  }
}

void Builder::make_rivers() {
  Rng r(seed_, 2);
  const std::size_t count =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(2 * std::sqrt(k_))));
  constexpr double kStep = 250;
  for (std::size_t k = 0; k < count; ++k) {
    XY p;
    double base = 0;
    if (k == 0) {  // the main river runs west to east, across the front
      p = {0, r.uniform(0.25, 0.75) * side_};
    } else {
      const std::size_t sidei = r.index(4);
      const double t = r.uniform(0.1, 0.9) * side_;
      const std::array<XY, 4> starts = {XY{0, t}, XY{side_, t}, XY{t, 0}, XY{t, side_}};
      const std::array<double, 4> heads = {0, geo::kPi, geo::kPi / 2, -geo::kPi / 2};
      p = starts[sidei];
      base = heads[sidei] + r.uniform(-0.6, 0.6);
    }
    std::vector<XY> river{p - rotate({kStep, 0}, base), p};
    double h = base;
    const auto max_steps = static_cast<std::size_t>(8 * side_ / kStep);
    for (std::size_t s = 0; s < max_steps; ++s) {
      h = std::clamp(h + 0.18 * r.normal(), base - 1.1, base + 1.1);
      p = p + rotate({kStep, 0}, h);
      river.push_back(p);
      if (p.x < -kStep || p.y < -kStep || p.x > side_ + kStep || p.y > side_ + kStep) break;
    }
    rivers_.push_back(std::move(river));
  }
}

void Builder::make_edges() {
  Rng r(seed_, 3);
  std::vector<std::uint32_t> ca, cb;
  std::vector<std::uint8_t> cdiag;
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      if (i + 1 < n_) {
        ca.push_back(node_at(i, j));
        cb.push_back(node_at(i + 1, j));
        cdiag.push_back(0);
      }
      if (j + 1 < n_) {
        ca.push_back(node_at(i, j));
        cb.push_back(node_at(i, j + 1));
        cdiag.push_back(0);
      }
      if (i + 1 < n_ && j + 1 < n_ && r.chance(0.3)) {
        const bool up = r.chance(0.5);
        ca.push_back(up ? node_at(i, j) : node_at(i + 1, j));
        cb.push_back(up ? node_at(i + 1, j + 1) : node_at(i, j + 1));
        cdiag.push_back(1);
      }
    }
  }
  const std::size_t nc = ca.size();
  std::vector<XY> cmid(nc);
  for (std::size_t e = 0; e < nc; ++e) {
    const XY a = nxy_[ca[e]];
    const XY b = nxy_[cb[e]];
    const double len = dist(a, b);
    const double off = std::clamp(0.05 * r.normal(), -0.12, 0.12) * len;
    cmid[e] = (a + b) * 0.5 + perp(unit(b - a)) * off;
  }

  // River segments bucketed by grid cell.
  std::vector<std::pair<XY, XY>> segs;
  PointGrid seg_grid(side_ + 2 * g_, g_);
  const XY shift{g_, g_};
  for (const auto& rv : rivers_) {
    for (std::size_t i = 1; i < rv.size(); ++i) {
      const auto id = static_cast<std::uint32_t>(segs.size());
      segs.emplace_back(rv[i - 1], rv[i]);
      // A segment (250 m) is shorter than a cell: its end points' cells and their corner cover
      // it.
      seg_grid.insert(id, rv[i - 1] + shift);
      seg_grid.insert(id, rv[i] + shift);
      seg_grid.insert(id, XY{rv[i - 1].x, rv[i].y} + shift);
      seg_grid.insert(id, XY{rv[i].x, rv[i - 1].y} + shift);
    }
  }
  std::vector<std::uint8_t> crosses(nc, 0);
  std::vector<XY> cross_at(nc);
  for (std::size_t e = 0; e < nc; ++e) {
    const std::array<std::pair<XY, XY>, 2> halves = {std::pair{nxy_[ca[e]], cmid[e]},
                                                     std::pair{cmid[e], nxy_[cb[e]]}};
    for (const auto& half : halves) {
      if (crosses[e]) break;
      // Named copies: clang 14 cannot capture structured bindings in the lambda below.
      const XY p = half.first;
      const XY q = half.second;
      const XY c = (p + q) * 0.5 + shift;
      seg_grid.for_near(c, dist(p, q) / 2 + 1, [&](std::uint32_t s) {
        XY at;
        if (!crosses[e] && segments_cross(p, q, segs[s].first, segs[s].second, at)) {
          crosses[e] = 1;
          cross_at[e] = at;
        }
      });
    }
  }

  // Keep most tracks, few river crossings (fords), then reconnect components.
  std::vector<std::uint8_t> keep(nc, 0);
  for (std::size_t e = 0; e < nc; ++e)
    keep[e] = crosses[e] ? r.chance(0.15) : (cdiag[e] || r.chance(0.9));
  std::vector<std::uint32_t> parent(nxy_.size());
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t e = 0; e < nc; ++e) {
    if (keep[e]) parent[find(ca[e])] = find(cb[e]);
  }
  for (std::size_t e = 0; e < nc; ++e) {
    if (keep[e]) continue;
    const auto a = find(ca[e]);
    const auto b = find(cb[e]);
    if (a != b) {
      parent[a] = b;
      keep[e] = 1;
    }
  }
  for (std::size_t e = 0; e < nc; ++e) {
    if (!keep[e]) continue;
    ea_.push_back(ca[e]);
    eb_.push_back(cb[e]);
    emid_.push_back(cmid[e]);
    ebridge_.push_back(crosses[e]);
    ecross_.push_back(cross_at[e]);
    elen_.push_back(dist(nxy_[ca[e]], cmid[e]) + dist(cmid[e], nxy_[cb[e]]));
    enoise_.push_back(r.uniform(1.0, 1.35));
  }
  ecls_.assign(ea_.size(), RoadClass::kTrack);
  nbest_.assign(nxy_.size(), RoadClass::kTrack);
  adj_off_.assign(nxy_.size() + 1, 0);
  for (std::size_t e = 0; e < ea_.size(); ++e) {
    ++adj_off_[ea_[e] + 1];
    ++adj_off_[eb_[e] + 1];
  }
  for (std::size_t i = 0; i < nxy_.size(); ++i) adj_off_[i + 1] += adj_off_[i];
  adj_.assign(adj_off_.back(), 0);
  std::vector<std::uint32_t> fill(adj_off_.begin(), adj_off_.end() - 1);
  for (std::size_t e = 0; e < ea_.size(); ++e) {
    adj_[fill[ea_[e]]++] = static_cast<std::uint32_t>(e);
    adj_[fill[eb_[e]]++] = static_cast<std::uint32_t>(e);
  }
}

}  // namespace district_detail

gw::Scenario generate_district(const DistrictOptions& opt) {
  if (!(opt.scale > 0 && opt.scale <= 1000)) {
    throw Error(ErrorCode::kInvalidInput,
                "district scale must be in (0, 1000], got " + std::to_string(opt.scale));
  }
  gw::Scenario s = district_detail::Builder(opt).run();
  char name[96];
  std::snprintf(name, sizeof name, "Default district (scale %g, seed %llu)", opt.scale,
                static_cast<unsigned long long>(opt.seed));
  s.name = name;
  return s;
}

}  // namespace gw::gen
