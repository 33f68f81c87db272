// The roads after the war (road_damage.hpp).
#include "gen/road_damage.hpp"

#include <algorithm>
#include <cmath>

#include "gen/war.hpp"

namespace gw::gen {

namespace {

constexpr double kTwoPi = 2.0 * geo::kPi;

// Mines on the roads into a village (assumptions): retreating troops mine the approaches with
// anti-tank mines on the carriageway and anti-personnel mines on the verges, in a strip 20-50 m
// wide and 60-250 m long that starts 40-150 m out of the village; half of them are known
// (reported by residents or the troops), half only suspected.
inline constexpr HazardRecipe kApproachMines{0, 0, 0, 0, 0, 0.5, {35, 55, 10, 0}};

// Residential hazards (assumptions): the built-up areas of emptied villages hold mines, booby
// traps and unexploded shells among the houses; sizes as the former village-edge hazards.
inline constexpr HazardRecipe kResidential{0,   1.2 * kHa,      0.7, 0.15 * kHa, 8 * kHa,
                                           0.3, {25, 0, 45, 30}};

// Share of a road's length damaged at intensity I (assumptions): paved roads carried the war's
// traffic and took its shells, 90 %·I; service roads and unpaved tracks, churned by armour where
// it used them, 45 %·I. (Runs end early at junctions with other classes, so the damaged length
// comes out somewhat below these shares.)
double damaged_share(RoadClass c, double intensity) {
  return (c <= RoadClass::kResidential ? 0.9 : 0.45) * intensity;
}

// Length of a damaged run (assumptions): lognormal around 3 km on paved roads (0.5-8 km: a road
// between two villages), 6 km on tracks (1-15 km: a route the armour used).
double run_length_m(RoadClass c, Rng& r) {
  if (c <= RoadClass::kResidential) return std::clamp(r.lognormal(3000, 0.5), 500.0, 8000.0);
  return std::clamp(r.lognormal(6000, 0.5), 1000.0, 15000.0);
}

}  // namespace

RoadView::RoadView(const RoadNetwork& g, std::function<XY(LonLat)> fwd,
                   std::function<LonLat(XY)> inv, const std::function<double(XY)>& front_offset,
                   double half_band_m)
    : roads(g), to_xy(std::move(fwd)), to_lonlat(std::move(inv)) {
  edge_intensity.reserve(g.num_edges());
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const auto pl = shape(EdgeId::from_index(e));
    const XY mid = point_along(pl, polyline_length(pl) / 2);
    edge_intensity.push_back(war_intensity(front_offset(mid), half_band_m));
  }
}

std::vector<XY> RoadView::shape(EdgeId e) const {
  std::vector<XY> out;
  for (auto k = roads.edge_shape_offset[e.index()]; k < roads.edge_shape_offset[e.index() + 1]; ++k)
    out.push_back(to_xy(roads.edge_shape[k]));
  return out;
}

std::vector<std::uint32_t> settlements_to_cut(const std::vector<Settlement>& settlements,
                                              const WarMap& w,
                                              const std::vector<std::uint8_t>& may_cut,
                                              double share) {
  std::vector<std::uint32_t> order;
  double total = 0;
  for (std::uint32_t i = 0; i < settlements.size(); ++i) {
    total += static_cast<double>(settlements[i].population);
    if (may_cut[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (w.intensity[a] != w.intensity[b]) return w.intensity[a] > w.intensity[b];
    return std::abs(w.offset[a]) < std::abs(w.offset[b]);
  });
  std::vector<std::uint32_t> out;
  double cut = 0;
  for (auto i : order) {
    if (cut >= share * total) break;
    out.push_back(i);
    cut += static_cast<double>(settlements[i].population);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<EdgeId> mine_approaches(const RoadView& v, const std::vector<NodeId>& nodes, Rng& r,
                                    const HazardSink& add) {
  const RoadNetwork& g = v.roads;
  std::vector<std::uint8_t> done(g.num_edges(), 0);
  std::vector<EdgeId> bridges;
  for (const NodeId node : nodes) {
    for (auto k = g.adj_offset[node.index()]; k < g.adj_offset[node.index() + 1]; ++k) {
      const EdgeId e = g.adj_edge[k];
      if (done[e.index()]) continue;
      done[e.index()] = 1;
      if (g.edge_bridge[e.index()]) {
        bridges.push_back(e);
        continue;
      }
      auto pl = v.shape(e);
      if (g.edge_from[e.index()] != node) std::reverse(pl.begin(), pl.end());
      const double len = polyline_length(pl);
      const double wid = r.uniform(20, 50);
      double s0 = r.uniform(40, 150);
      double run = std::max(r.uniform(60, 250), 1300 / wid);
      if (s0 + run > len - 5) {  // a short edge: mine what there is, away from its far end
        s0 = std::min(s0, 0.2 * len);
        run = std::max(1.0, len - s0 - 5);
      }
      const HazardStatus st = draw_status(r, kApproachMines.confirmed);
      const Contamination ct = draw_contamination(r, kApproachMines.contamination);
      std::vector<XY> ring;
      if (run * wid >= 1300) {
        const auto part = sub_polyline(pl, s0, s0 + run);
        ring = offset_polyline(part, wid / 2);
        const auto right = offset_polyline(part, -wid / 2);
        ring.insert(ring.end(), right.rbegin(), right.rend());
      }
      if (ring.empty() || !is_simple_ring(ring)) {  // a short or sharply bent edge: a patch on it
        const XY c = point_along(pl, std::min(len / 2, s0 + run / 2));
        ring = blob(c, std::max(1500.0, run * wid), 1.0, r.uniform(0, geo::kPi), r);
      }
      add(ring, st, ct, Terrain::kVerge, LandUse::kTransport, {});
    }
  }
  return bridges;
}

void add_residential_hazards(const std::vector<Settlement>& settlements, const WarMap& w, Rng& r,
                             const HazardSink& add) {
  for (std::uint32_t i = 0; i < settlements.size(); ++i) {
    const Settlement& st = settlements[i];
    if (w.intensity[i] < 0.5 || st.population <= 0 ||
        static_cast<double>(st.displaced) < 0.6 * static_cast<double>(st.population))
      continue;
    // One, plus one for a village of 500 or more, plus one half the time (assumption).
    const int count = 1 + (st.population >= 500 ? 1 : 0) + (r.chance(0.5) ? 1 : 0);
    for (int k = 0; k < count; ++k) {
      const XY c = w.places[i].p + rotate({r.uniform(0, 400), 0}, r.uniform(0, kTwoPi));
      const double area = kResidential.draw_area(r);
      add(blob(c, area, r.uniform(1, 2), r.uniform(0, geo::kPi), r),
          draw_status(r, kResidential.confirmed), draw_contamination(r, kResidential.contamination),
          Terrain::kBuiltUp, LandUse::kResidential, st.id);
    }
  }
}

void add_road_damage(Scenario& s, const RoadView& v, Rng& r) {
  const RoadNetwork& g = v.roads;
  auto eligible = [&](std::size_t e) { return !g.edge_bridge[e] && v.edge_intensity[e] >= 0.25; };
  std::vector<std::uint32_t> order;
  for (std::uint32_t e = 0; e < g.num_edges(); ++e) {
    if (eligible(e)) order.push_back(e);
  }
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[r.index(i)]);
  std::vector<std::uint8_t> used(g.num_edges(), 0);
  for (const std::uint32_t e0 : order) {
    const RoadClass cls = g.edge_class[e0];
    if (used[e0]) continue;
    // A run starts here with the probability that makes the damaged length about the class's
    // share of the road's length.
    const double want = run_length_m(cls, r);
    if (!r.chance(damaged_share(cls, v.edge_intensity[e0]) * g.edge_length_m[e0] / want)) continue;
    std::vector<std::uint32_t> run{e0};
    used[e0] = 1;
    double length = g.edge_length_m[e0];
    std::array<NodeId, 2> ends = {g.edge_from[e0], g.edge_to[e0]};
    for (bool grew = true; grew && length < want;) {
      grew = false;
      for (NodeId& end : ends) {
        if (length >= want) break;
        for (auto k = g.adj_offset[end.index()]; k < g.adj_offset[end.index() + 1]; ++k) {
          const auto e = g.adj_edge[k].index();
          if (used[e] || !eligible(e) || g.edge_class[e] != cls) continue;
          used[e] = 1;
          run.push_back(static_cast<std::uint32_t>(e));
          length += g.edge_length_m[e];
          end = g.other_end(EdgeId::from_index(e), end);
          grew = true;
          break;
        }
      }
    }
    const auto mid = EdgeId::from_index(run[run.size() / 2]);
    const auto pl = v.shape(mid);
    const XY p = point_along(pl, r.uniform(0.3, 0.7) * polyline_length(pl));
    new_asset(s.assets, AssetKind::kRoadSection, Service::kNone, Trade::kRoad,
              std::round(length * pavement_m(cls)))
        .geometry = {v.to_lonlat(p)};
  }
}

}  // namespace gw::gen
