// The synthetic scenario on real roads. Everything is laid out in metres in a local projection of
// the region (x east, y north, origin at the south-west corner of the roads' bounding box).
//
//  1. the region's size: the convex hull of the road nodes; the scale k = area / 1,200 km²;
//  2. a contaminated band 0.2·√area wide with a wavy centre line, placed (among 8 directions and
//     5 offsets) to cover as many road nodes as possible while keeping the main hub outside it;
//  3. the households after the war with the district's recipes (src/gen/aftermath.hpp): the
//     displaced, the dwellings (from the extract's buildings where the caller counted them, else
//     from the population) and their damage, heating;
//  4. hazards with the district's recipes (src/gen/war.hpp, road_damage.hpp): fields and forest
//     belts next to the band's roads (their terrain read from the land cover where it is mapped),
//     verges along the band's roads, built-up areas in and around the emptied settlements,
//     wetlands where the land cover has them, scattered UXO elsewhere; mines on every road into
//     the most fought-over settlements until about 30 % of the people are cut off;
//  5. blown bridges on the real bridges (those on the mined roads, and in the war zone), the
//     utilities cut at their sources, damaged public buildings, a memorial, damaged road runs;
//  6. crews at the main hub and the largest towns outside the band, the builders sized to the
//     work.
#include "gen/synth.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>

#include "gen/aftermath.hpp"
#include "gen/places.hpp"
#include "gen/random.hpp"
#include "gen/road_damage.hpp"
#include "gen/shapes.hpp"
#include "gen/war.hpp"
#include "gen/workload.hpp"
#include "geo/box_index.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::gen {

namespace {

constexpr double kTwoPi = 2.0 * geo::kPi;
constexpr double kDistrictKm2 = 1200;

// Area of the convex hull (Andrew's monotone chain).
double hull_area_m2(std::vector<XY> pts) {
  std::sort(pts.begin(), pts.end(),
            [](XY a, XY b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  pts.erase(
      std::unique(pts.begin(), pts.end(), [](XY a, XY b) { return a.x == b.x && a.y == b.y; }),
      pts.end());
  if (pts.size() < 3) return 0;
  std::vector<XY> h(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(h[k - 1] - h[k - 2], pts[i] - h[k - 2]) <= 0) --k;
    h[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(h[k - 1] - h[k - 2], pts[i - 1] - h[k - 2]) <= 0) --k;
    h[k++] = pts[i - 1];
  }
  h.resize(k - 1);
  return shoelace(h);
}

bool inside_ring(LonLat p, const Ring& r) {
  bool in = false;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
    if ((r[i].lat > p.lat) != (r[j].lat > p.lat) &&
        p.lon < (r[j].lon - r[i].lon) * (p.lat - r[i].lat) / (r[j].lat - r[i].lat) + r[i].lon) {
      in = !in;
    }
  }
  return in;
}

class Synth {
 public:
  Synth(Scenario& s, const std::vector<LandCover>& land, const SynthOptions& opt)
      : s_(s), land_(land), seed_(opt.seed) {}

  SynthReport run() {
    if (s_.roads.num_edges() == 0)
      throw Error(ErrorCode::kInvalidInput, "synth: the region has no road");
    if (s_.hubs.empty()) throw Error(ErrorCode::kInvalidInput, "synth: the region has no hub");
    if (s_.roads.adj_offset.size() != s_.roads.num_nodes() + 1) s_.roads.build_adjacency();
    make_frame();
    main_hub_pos_ = s_.hubs.front().pos;
    make_band();
    keep_hubs_behind_the_front();
    std::vector<std::vector<LonLat>> rings;
    for (const auto& c : land_) rings.push_back(c.polygon.outer);
    land_index_ = std::make_unique<geo::BoxIndex>(rings);
    make_households();
    make_hazards();
    make_front_lines();
    make_assets();
    make_crews();
    s_.params.seed = seed_;
    // As the reader does for a scenario file that names no objective (docs/scenario.md,
    // "Objective"): measured by the return of the displaced when anyone is displaced.
    const bool displaced = std::any_of(s_.settlements.begin(), s_.settlements.end(),
                                       [](const Settlement& x) { return x.displaced > 0; });
    s_.params.objective.kind = displaced ? ObjectiveKind::kReturn : ObjectiveKind::kAccess;
    return report_;
  }

 private:
  // ---- frame and band ----
  [[nodiscard]] XY xy(LonLat p) const {
    const XY q = proj_.forward(p);
    return {q.x - min_.x, q.y - min_.y};
  }
  [[nodiscard]] LonLat ll(XY p) const { return proj_.inverse({p.x + min_.x, p.y + min_.y}); }

  void make_frame() {
    const auto& pos = s_.roads.node_pos;
    double lon0 = pos[0].lon, lon1 = lon0, lat0 = pos[0].lat, lat1 = lat0;
    for (const auto& p : pos) {
      lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
      lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
    }
    proj_ = geo::LocalProjection({(lon0 + lon1) / 2, (lat0 + lat1) / 2});
    min_ = proj_.forward({lon0, lat0});
    const XY max = proj_.forward({lon1, lat1});
    side_ = std::max({max.x - min_.x, max.y - min_.y, 1000.0});
    node_xy_.reserve(pos.size());
    for (const auto& p : pos) node_xy_.push_back(xy(p));
    const double area = hull_area_m2(node_xy_);
    report_.region_km2 = area / 1e6;
    k_ = std::clamp(report_.region_km2 / kDistrictKm2, 0.01, 1000.0);
    report_.scale = k_;
    size_ = std::max(std::sqrt(area), 1000.0);
    hb_ = 0.1 * size_;
    report_.band_half_width_m = hb_;
    for (std::size_t e = 0; e < s_.roads.num_edges(); ++e) {
      const auto shape = edge_xy(EdgeId::from_index(e));
      edge_mid_.push_back(point_along(shape, polyline_length(shape) / 2));
    }
  }

  [[nodiscard]] double wiggle(double u) const {
    const double t = u / size_;
    return size_ *
           (0.06 * std::sin(kTwoPi * t * f1_ + p1_) + 0.025 * std::sin(kTwoPi * t * f2_ + p2_));
  }
  // Signed distance from the band's centre line (positive on the side nrm_ points to).
  [[nodiscard]] double band_offset(XY p) const {
    const XY d = p - centre_;
    const double u = d.x * dir_.x + d.y * dir_.y;
    const double v = d.x * nrm_.x + d.y * nrm_.y;
    return v - wiggle(u);
  }
  [[nodiscard]] double band_dist(XY p) const { return std::abs(band_offset(p)); }
  // Behind the front: on the main hub's side of the band and at least `margin` outside it.
  [[nodiscard]] bool behind(XY p, double margin) const {
    const double o = band_offset(p);
    return std::abs(o) > hb_ + margin && (o > 0) == (band_offset(xy(main_hub_pos_)) > 0);
  }

  // The hubs behind the front. Access leads to any hub, and survey and clearance crews approach a
  // hazard from the ground that a hub reaches on day 0 (docs/model.md §1): a hub across the band
  // would put that ground out of the crews' reach, as an occupied town would be.
  void keep_hubs_behind_the_front() {
    std::vector<Hub> kept{s_.hubs.front()};
    for (std::size_t i = 1; i < s_.hubs.size(); ++i) {
      if (behind(xy(s_.hubs[i].pos), 1000)) kept.push_back(s_.hubs[i]);
    }
    report_.hubs_dropped = s_.hubs.size() - kept.size();
    s_.hubs = std::move(kept);
  }

  // The band's centre line: the candidate direction and offset that keeps the main hub outside the
  // band and covers the most road nodes (or, if no candidate keeps the hub out, the one that keeps
  // it furthest away).
  void make_band() {
    Rng r(seed_, 0);
    f1_ = r.uniform(0.6, 1.4);
    f2_ = r.uniform(2.0, 3.5);
    p1_ = r.uniform(0, kTwoPi);
    p2_ = r.uniform(0, kTwoPi);
    XY mean{0, 0};
    for (const XY& p : node_xy_) mean = mean + p;
    mean = mean * (1.0 / static_cast<double>(node_xy_.size()));
    const XY hub = xy(s_.hubs.front().pos);
    // Sample the nodes for scoring: a few thousand are enough.
    const std::size_t stride = std::max<std::size_t>(1, node_xy_.size() / 4000);
    double best_score = -1;
    bool best_ok = false;
    for (int a = 0; a < 8; ++a) {
      const double ang = (a + r.uniform()) * geo::kPi / 8;
      for (const double off : {0.0, 0.15, -0.15, 0.3, -0.3}) {
        dir_ = {std::cos(ang), std::sin(ang)};
        nrm_ = perp(dir_);
        centre_ = mean + nrm_ * (off * size_);
        const double hub_d = band_dist(hub);
        const bool ok = hub_d > hb_ + 1000;
        std::size_t covered = 0;
        for (std::size_t i = 0; i < node_xy_.size(); i += stride)
          covered += band_dist(node_xy_[i]) < hb_ ? 1 : 0;
        const double score = ok ? static_cast<double>(covered) : hub_d;
        if ((ok && !best_ok) || (ok == best_ok && score > best_score)) {
          best_ok = ok;
          best_score = score;
          best_dir_ = dir_;
          best_centre_ = centre_;
        }
      }
    }
    dir_ = best_dir_;
    nrm_ = perp(dir_);
    centre_ = best_centre_;
  }

  [[nodiscard]] std::vector<XY> edge_xy(EdgeId e) const {
    const auto& g = s_.roads;
    std::vector<XY> out;
    for (std::uint32_t k = g.edge_shape_offset[e.index()]; k < g.edge_shape_offset[e.index() + 1];
         ++k) {
      out.push_back(xy(g.edge_shape[k]));
    }
    return out;
  }

  // The land cover polygon at p (the smallest, when several overlap), or nullptr.
  [[nodiscard]] const LandCover* cover_at(LonLat p) const {
    const LandCover* best = nullptr;
    double best_area = 0;
    for (std::uint32_t i : land_index_->query({p}, 0)) {
      const Polygon& poly = land_[i].polygon;
      if (!inside_ring(p, poly.outer)) continue;
      if (std::any_of(poly.holes.begin(), poly.holes.end(),
                      [&](const Ring& h) { return inside_ring(p, h); }))
        continue;
      const double a = geo::area_m2(poly);
      if (!best || a < best_area) {
        best = &land_[i];
        best_area = a;
      }
    }
    return best;
  }

  // ---- hazards ----
  bool add_hazard(const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
                  LandUse lu, const std::string& settlement = {}) {
    if (!is_simple_ring(ring)) return false;  // never for blobs and rectangles; verges are checked
    Hazard h;
    for (const auto& p : ring) h.polygon.outer.push_back(ll(p));
    h.polygon.outer.push_back(h.polygon.outer.front());
    h.area_m2 = geo::area_m2(h.polygon);
    if (h.area_m2 < 1000 || h.area_m2 > 1e6) return false;  // outside 0.1..100 ha
    h.id = make_id("HZ", s_.hazards.size() + 1, 5);
    h.status = st;
    h.contamination = c;
    h.terrain = t;
    h.land_use = lu;
    if (!settlement.empty()) h.settlement = settlement;
    s_.hazards.push_back(std::move(h));
    return true;
  }
  HazardSink hazard_sink() {
    return [this](const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
                  LandUse lu, const std::string& settlement) {
      return add_hazard(ring, st, c, t, lu, settlement);
    };
  }

  // Terrain and land use at a hazard's centre: the land cover's where it is mapped, else
  // `fallback` (and for open land, agriculture or pasture).
  std::pair<Terrain, LandUse> terrain_at(XY c, Terrain fallback, Rng& r) {
    if (const LandCover* cover = cover_at(ll(c))) {
      ++report_.hazards_on_land_cover;
      return {cover->terrain, cover->land_use};
    }
    if (fallback == Terrain::kForest) return {Terrain::kForest, LandUse::kForestry};
    return {fallback, r.chance(0.8) ? LandUse::kAgriculture : LandUse::kPasture};
  }

  // A point `off` metres beside a random point of edge e.
  XY beside(EdgeId e, double off, Rng& r) const {
    const auto shape = edge_xy(e);
    const XY q = point_along(shape, r.uniform() * polyline_length(shape));
    return q + rotate({off, 0}, r.uniform(0, kTwoPi));
  }

  void make_hazards() {
    Rng r(seed_, 6);
    std::vector<EdgeId> band_edges, band_main, far_edges;
    for (std::size_t e = 0; e < s_.roads.num_edges(); ++e) {
      const auto id = EdgeId::from_index(e);
      if (band_dist(edge_mid_[e]) < hb_) {
        band_edges.push_back(id);
        if (s_.roads.edge_class[e] <= RoadClass::kTertiary) band_main.push_back(id);
      } else {
        far_edges.push_back(id);
      }
    }
    if (!band_edges.empty()) {
      // Fields next to the band's roads.
      for (std::size_t i = 0, n = scaled_count(kFieldHazards.count, k_); i < n; ++i) {
        const double area = kFieldHazards.draw_area(r);
        const XY c = beside(band_edges[r.index(band_edges.size())],
                            r.uniform(30, 300) + std::sqrt(area) / 2, r);
        const auto poly = blob(c, area, r.uniform(1, 3), r.uniform(0, geo::kPi), r);
        const HazardStatus st = draw_status(r, kFieldHazards.confirmed);
        const Contamination ct = draw_contamination(r, kFieldHazards.contamination);
        const auto [t, lu] = terrain_at(c, Terrain::kField, r);
        add_hazard(poly, st, ct, t, lu);
      }
      // Forest belts: along the edges of mapped forests in the band, else beside its roads.
      std::vector<std::size_t> forests;
      for (std::size_t i = 0; i < land_.size(); ++i) {
        if (land_[i].terrain == Terrain::kForest &&
            band_dist(xy(geo::vertex_centroid(land_[i].polygon.outer))) < hb_ + 1000) {
          forests.push_back(i);
        }
      }
      for (std::size_t i = 0, n = scaled_count(kForestBelts.count, k_); i < n; ++i) {
        const double wid = r.uniform(15, 40);
        const double len = forest_belt_length_m(r, wid);
        XY c;
        double ang = 0;
        if (!forests.empty()) {
          const Ring& ring = land_[forests[r.index(forests.size())]].polygon.outer;
          const std::size_t v = r.index(ring.size() - 1);
          c = xy(ring[v]);
          const XY d = xy(ring[v + 1]) - c;
          ang = std::atan2(d.y, d.x);
          ++report_.hazards_on_land_cover;
        } else {
          c = beside(band_edges[r.index(band_edges.size())], r.uniform(30, 200), r);
          ang = r.uniform(0, geo::kPi);
        }
        add_hazard(rectangle(c, len, wid, ang), draw_status(r, kForestBelts.confirmed),
                   draw_contamination(r, kForestBelts.contamination), Terrain::kForest,
                   LandUse::kForestry);
      }
      // Verges along the band's roads, often main roads.
      for (std::size_t i = 0, n = scaled_count(kVergeHazards.count, k_); i < n; ++i) {
        // A strip along a sharp bend can fold over itself: try another stretch of road then.
        for (int attempt = 0; attempt < 20; ++attempt) {
          const bool main = !band_main.empty() && r.chance(0.45);
          const EdgeId e =
              main ? band_main[r.index(band_main.size())] : band_edges[r.index(band_edges.size())];
          const auto strip = verge_strip(edge_xy(e), r);
          if (!is_simple_ring(strip)) continue;
          add_hazard(strip, draw_status(r, kVergeHazards.confirmed),
                     draw_contamination(r, kVergeHazards.contamination), Terrain::kVerge,
                     LandUse::kTransport);
          break;
        }
      }
    }
    // Built-up areas in and around the emptied settlements.
    add_residential_hazards(s_.settlements, war_, r, hazard_sink());
    // Wetlands where the land cover maps them in the band.
    std::vector<std::size_t> wet;
    for (std::size_t i = 0; i < land_.size(); ++i) {
      if (land_[i].terrain == Terrain::kWetland &&
          band_dist(xy(geo::vertex_centroid(land_[i].polygon.outer))) < hb_) {
        wet.push_back(i);
      }
    }
    if (!wet.empty()) {
      for (std::size_t i = 0, n = scaled_count(kWetlands.count, k_); i < n; ++i) {
        const Ring& ring = land_[wet[r.index(wet.size())]].polygon.outer;
        const XY c = xy(geo::vertex_centroid(ring));
        const double area = std::min(kWetlands.draw_area(r), 0.8 * geo::area_m2(Polygon{ring, {}}));
        add_hazard(blob(c, area, r.uniform(1, 2.5), r.uniform(0, geo::kPi), r),
                   draw_status(r, kWetlands.confirmed),
                   draw_contamination(r, kWetlands.contamination), Terrain::kWetland,
                   LandUse::kOther);
        ++report_.hazards_on_land_cover;
      }
    }
    // Scattered unexploded ordnance beside roads away from the band.
    if (!far_edges.empty()) {
      for (std::size_t i = 0, n = scaled_count(kScatteredUxo.count, k_); i < n; ++i) {
        const double area = kScatteredUxo.draw_area(r);
        const XY c = beside(far_edges[r.index(far_edges.size())],
                            r.uniform(30, 300) + std::sqrt(area) / 2, r);
        const auto poly = blob(c, area, r.uniform(1, 1.8), r.uniform(0, geo::kPi), r);
        const HazardStatus st = draw_status(r, kScatteredUxo.confirmed);
        const Contamination ct = draw_contamination(r, kScatteredUxo.contamination);
        const auto [t, lu] = terrain_at(c, r.chance(0.25) ? Terrain::kForest : Terrain::kField, r);
        add_hazard(poly, st, ct, t, lu);
      }
    }
  }

  // ---- households and the roads into the settlements cut off ----
  // Signed distance from the band's centre line, negative on the main hub's side.
  [[nodiscard]] double front_offset(XY p) const {
    return band_offset(p) * (band_offset(xy(main_hub_pos_)) > 0 ? -1.0 : 1.0);
  }

  void make_households() {
    Rng r(seed_, 9);
    const std::size_t main = main_settlement();
    for (std::size_t i = 0; i < s_.settlements.size(); ++i) {
      const Settlement& st = s_.settlements[i];
      // Towns: 5,000 people or more (assumption), for district heat and the size of buildings.
      const int kind = i == main ? 0 : st.population >= 5000 ? 1 : 2;
      war_.places.push_back({xy(st.pos), 0, kind, static_cast<double>(st.population)});
    }
    war_.to_lonlat = [this](XY p) { return ll(p); };
    war_.side = side_;
    war_.measure([this](XY p) { return front_offset(p); }, hb_);
    gas_ = settle_households(s_.settlements, war_, s_.params, r);
  }

  // The road node nearest to p (as linking snaps settlements, docs/model.md §1).
  [[nodiscard]] NodeId nearest_node(XY p) const {
    std::uint32_t best = kNone;
    for (double rad = 500;; rad *= 2) {
      double bd = rad;
      node_grid_->for_near(p, rad, [&](std::uint32_t id) {
        const double d = dist(node_xy_[id], p);
        if (d < bd || (d == bd && id < best)) {
          bd = d;
          best = id;
        }
      });
      if (best != kNone || rad > 4 * side_) return NodeId(best == kNone ? 0 : best);
    }
  }

  void make_front_lines() {
    Rng r(seed_, 10);
    view_ = std::make_unique<RoadView>(
        s_.roads, [this](LonLat q) { return xy(q); }, [this](XY p) { return ll(p); },
        [this](XY p) { return front_offset(p); }, hb_);
    node_grid_ = std::make_unique<PointGrid>(side_, 1000);
    for (std::uint32_t i = 0; i < node_xy_.size(); ++i) node_grid_->insert(i, node_xy_[i]);
    // Neither the main settlement, the towns the crews are based at, nor a hub is cut off.
    std::vector<std::uint8_t> may_cut(s_.settlements.size(), 1);
    std::vector<NodeId> hub_nodes;
    for (const Hub& h : s_.hubs) hub_nodes.push_back(nearest_node(xy(h.pos)));
    for (const std::size_t t : depot_towns()) may_cut[t] = 0;
    may_cut[main_settlement()] = 0;
    std::vector<NodeId> node_of;
    for (std::size_t i = 0; i < s_.settlements.size(); ++i) {
      node_of.push_back(nearest_node(war_.places[i].p));
      if (std::find(hub_nodes.begin(), hub_nodes.end(), node_of.back()) != hub_nodes.end())
        may_cut[i] = 0;
    }
    // As in the built-in district: 27-31 % of the population cut off by mined roads.
    const auto cut = settlements_to_cut(s_.settlements, war_, may_cut, r.uniform(0.27, 0.31));
    std::vector<NodeId> nodes;
    nodes.reserve(cut.size());
    for (const auto i : cut) nodes.push_back(node_of[i]);
    cut_bridges_ = mine_approaches(*view_, nodes, r, hazard_sink());
  }

  // ---- assets ----
  void make_assets() {
    Rng r(seed_, 7);
    const RoadNetwork& g = s_.roads;
    // Blown bridges: every bridge on a road into a cut-off settlement, and up to 40 per 1,200 km²
    // (about the district's density) in the war zone, one per bridge way (source id) at its
    // longest edge; the span is the bridge's real length. Long bridges, those on main roads and
    // those where the fighting was hardest are likelier targets (weighted sampling without
    // replacement, weight = length x intensity, x3 on tertiary roads and above).
    std::map<std::int64_t, std::pair<EdgeId, double>> ways;  // way -> longest edge, total length
    for (std::size_t e = 0; e < g.num_edges(); ++e) {
      if (!g.edge_bridge[e]) continue;
      auto& [edge, total] = ways[g.edge_source_id[e]];
      if (!edge.valid() || g.edge_length_m[e] > g.edge_length_m[edge.index()])
        edge = EdgeId::from_index(e);
      total += g.edge_length_m[e];
    }
    auto blow = [&](EdgeId edge, double length) {
      const double span = std::clamp(std::round(length), 6.0, 500.0);
      new_asset(s_.assets, AssetKind::kBridge, Service::kNone, Trade::kBridge, span).geometry = {
          ll(edge_mid_[edge.index()])};
    };
    std::map<std::int64_t, int> forced;
    for (const EdgeId e : cut_bridges_) {
      const auto way = g.edge_source_id[e.index()];
      if (forced[way]++ == 0) blow(e, ways[way].second);
    }
    std::vector<std::pair<EdgeId, double>> bridges;
    std::vector<double> weight;
    for (const auto& [way, b] : ways) {
      const double w = view_->edge_intensity[b.first.index()];
      if (forced.contains(way) || w < kWarZone) continue;
      bridges.push_back(b);
      weight.push_back(std::max(b.second, 1.0) * w *
                       (g.edge_class[b.first.index()] <= RoadClass::kTertiary ? 3.0 : 1.0));
    }
    for (std::size_t n = std::min(bridges.size(), scaled_count(40, k_)); n > 0; --n) {
      double total = 0;
      for (double w : weight) total += w;
      double u = r.uniform() * total;
      std::size_t pick = kNone;
      for (std::size_t i = 0; i < weight.size(); ++i) {
        if (weight[i] == 0) continue;
        pick = i;  // the last with weight left, should rounding carry u past the end
        if (u < weight[i]) break;
        u -= weight[i];
      }
      if (pick == kNone) break;
      weight[pick] = 0;
      blow(bridges[pick].first, bridges[pick].second);
    }
    add_utilities(s_, war_, gas_, r);
    add_public_buildings(s_, war_, r);
    add_memorials(s_, war_, scaled_count(1, k_), r);
    add_road_damage(s_, *view_, r);
  }

  // The settlement of the main hub (the same id after "hub-", or the nearest); kNone without any.
  [[nodiscard]] std::size_t main_settlement() const {
    const Hub& hub = s_.hubs.front();
    std::size_t best = kNone;
    double bd = 0;
    for (std::size_t i = 0; i < s_.settlements.size(); ++i) {
      const double d = dist(xy(s_.settlements[i].pos), xy(hub.pos));
      if (best == kNone || d < bd) {
        best = i;
        bd = d;
      }
    }
    return best;
  }

  // ---- crews ----
  // The largest towns (1,000 people or more) well behind the front, where crews are based with
  // the main hub's: at most 3·√k of them.
  [[nodiscard]] std::vector<std::size_t> depot_towns() const {
    std::vector<std::size_t> towns;
    const std::size_t main = main_settlement();
    for (std::size_t i = 0; i < s_.settlements.size(); ++i) {
      if (i != main && s_.settlements[i].population >= 1000 &&
          behind(xy(s_.settlements[i].pos), 2000)) {
        towns.push_back(i);
      }
    }
    std::stable_sort(towns.begin(), towns.end(), [&](auto a, auto b) {
      return s_.settlements[a].population > s_.settlements[b].population;
    });
    towns.resize(std::min(towns.size(), scaled_count(3 * std::sqrt(k_), 1.0)));
    return towns;
  }

  void make_crews() {
    Rng r(seed_, 8);
    std::vector<std::string> depots{s_.hubs.front().id, s_.hubs.front().id};
    for (std::size_t t : depot_towns()) depots.push_back(s_.settlements[t].id);
    // Builders for the work (assumption: the reconstruction programme sends as many as keep them
    // about 65 % busy over the expected plan, about what the default district's 5,000 get); a
    // real region's housing follows its population, not its area. Without work, 5,000 per
    // 1,200 km² as in the default district.
    const auto needed = builders_needed(s_, kExpectedPlanDays);
    double total = 0;
    for (double x : needed) total += x;
    const int builders = total > 0 ? std::max(75, static_cast<int>(std::llround(total / 0.65)))
                                   : static_cast<int>(std::llround(5000 * k_));
    report_.builders = builders;
    std::vector<Crew> crews = compose_crews(k_, builders, needed, r);
    for (std::size_t i = 0; i < crews.size(); ++i) {
      crews[i].id = make_id("C", i + 1, 4);
      crews[i].base = depots[i % depots.size()];
    }
    s_.crews = std::move(crews);
  }

  Scenario& s_;
  const std::vector<LandCover>& land_;
  std::uint64_t seed_;
  SynthReport report_;
  geo::LocalProjection proj_;
  XY min_;
  double side_ = 1000;
  double size_ = 1000;
  double k_ = 1;
  double hb_ = 100;
  double f1_ = 1, f2_ = 2, p1_ = 0, p2_ = 0;
  XY centre_, dir_{1, 0}, nrm_{0, 1}, best_centre_, best_dir_{1, 0};
  LonLat main_hub_pos_;
  std::vector<XY> node_xy_;
  std::vector<XY> edge_mid_;
  std::unique_ptr<geo::BoxIndex> land_index_;
  WarMap war_;
  GasHeated gas_;
  std::unique_ptr<RoadView> view_;
  std::unique_ptr<PointGrid> node_grid_;
  std::vector<EdgeId> cut_bridges_;
};

}  // namespace

SynthReport synthesize(Scenario& s, const std::vector<LandCover>& land, const SynthOptions& opt) {
  return Synth(s, land, opt).run();
}

}  // namespace gw::gen
