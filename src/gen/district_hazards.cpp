// The district generator's steps 6 and 7 (district.cpp lists the layout): hazards around the
// front-line band and scattered UXO spots, damaged assets, and crews at depots west of the band.
#include "gen/district_internal.hpp"

namespace gw::gen::district_detail {

void Builder::add_hazard(const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
                         LandUse lu) {
  Hazard h;
  for (const auto& p : ring) h.polygon.outer.push_back(ll(p));
  h.polygon.outer.push_back(h.polygon.outer.front());
  h.area_m2 = geo::area_m2(h.polygon);
  if (h.area_m2 < 1000 || h.area_m2 > 1e6) return;  // outside 0.1..100 ha (never by construction)
  h.id = make_id("HZ", sc_.hazards.size() + 1, 5);
  h.status = st;
  h.contamination = c;
  h.terrain = t;
  h.land_use = lu;
  sc_.hazards.push_back(std::move(h));
}

void Builder::make_hazards() {
  Rng r(seed_, 6);
  // Fields.
  for (std::size_t i = 0, n = scaled_count(kFieldHazards.count, k_); i < n; ++i) {
    const double area = kFieldHazards.draw_area(r);
    const auto poly = blob(band_point(r), area, r.uniform(1, 3), r.uniform(0, geo::kPi), r);
    add_hazard(poly, draw_status(r, kFieldHazards.confirmed),
               draw_contamination(r, kFieldHazards.contamination), Terrain::kField,
               r.chance(0.8) ? LandUse::kAgriculture : LandUse::kPasture);
  }
  // Forest belts: long narrow strips along field boundaries (grid directions).
  for (std::size_t i = 0, n = scaled_count(kForestBelts.count, k_); i < n; ++i) {
    const double wid = r.uniform(15, 40);
    const double len = forest_belt_length_m(r, wid);
    const double ang = (r.chance(0.5) ? 0 : geo::kPi / 2) + r.uniform(-0.08, 0.08);
    add_hazard(rectangle(band_point(r), len, wid, ang), draw_status(r, kForestBelts.confirmed),
               draw_contamination(r, kForestBelts.contamination), Terrain::kForest,
               LandUse::kForestry);
  }
  // Verges along real road edges in the band, often main roads.
  std::vector<std::uint32_t> band_edges, band_main;
  for (std::uint32_t e = 0; e < ea_.size(); ++e) {
    if (band_dist(emid_[e]) >= half_band_) continue;
    band_edges.push_back(e);
    if (ecls_[e] <= RoadClass::kTertiary) band_main.push_back(e);
  }
  if (!band_edges.empty()) {
    for (std::size_t i = 0, n = scaled_count(kVergeHazards.count, k_); i < n; ++i) {
      const bool main = !band_main.empty() && r.chance(0.45);
      const auto e =
          main ? band_main[r.index(band_main.size())] : band_edges[r.index(band_edges.size())];
      const auto strip = verge_strip(edge_shape(e), r);
      add_hazard(strip, draw_status(r, kVergeHazards.confirmed),
                 draw_contamination(r, kVergeHazards.contamination), Terrain::kVerge,
                 LandUse::kTransport);
    }
  }
  // Village edges in or near the band.
  std::vector<std::uint32_t> band_places;
  for (std::uint32_t i = 0; i < places_.size(); ++i) {
    if (band_dist(places_[i].p) < half_band_ + 500) band_places.push_back(i);
  }
  if (!band_places.empty()) {
    for (std::size_t i = 0, n = scaled_count(kVillageEdges.count, k_); i < n; ++i) {
      const XY c = places_[band_places[r.index(band_places.size())]].p +
                   rotate({r.uniform(120, 450), 0}, r.uniform(0, kTwoPi));
      const double area = kVillageEdges.draw_area(r);
      add_hazard(blob(c, area, r.uniform(1, 2), r.uniform(0, geo::kPi), r),
                 draw_status(r, kVillageEdges.confirmed),
                 draw_contamination(r, kVillageEdges.contamination), Terrain::kBuiltUp,
                 LandUse::kResidential);
    }
  }
  // Wetlands along rivers in the band.
  std::vector<std::pair<XY, double>> wet;
  for (const auto& rv : rivers_) {
    for (std::size_t i = 1; i < rv.size(); ++i) {
      if (inside(rv[i]) && band_dist(rv[i]) < half_band_) {
        const XY d = rv[i] - rv[i - 1];
        wet.emplace_back(rv[i], std::atan2(d.y, d.x));
      }
    }
  }
  if (!wet.empty()) {
    for (std::size_t i = 0, n = scaled_count(kWetlands.count, k_); i < n; ++i) {
      const auto& [p, ang] = wet[r.index(wet.size())];
      const double area = kWetlands.draw_area(r);
      add_hazard(
          blob(p + XY{r.uniform(-80, 80), r.uniform(-80, 80)}, area, r.uniform(2, 4), ang, r),
          draw_status(r, kWetlands.confirmed), draw_contamination(r, kWetlands.contamination),
          Terrain::kWetland, r.chance(0.6) ? LandUse::kOther : LandUse::kPasture);
    }
  }
  // Scattered unexploded ordnance away from the front.
  for (std::size_t i = 0, n = scaled_count(kScatteredUxo.count, k_); i < n; ++i) {
    XY p;
    do {
      p = {r.uniform(0.01, 0.99) * side_, r.uniform(0.01, 0.99) * side_};
    } while (band_dist(p) < half_band_);
    const double area = kScatteredUxo.draw_area(r);
    const bool forest = r.chance(0.25);
    add_hazard(blob(p, area, r.uniform(1, 1.8), r.uniform(0, geo::kPi), r),
               draw_status(r, kScatteredUxo.confirmed),
               r.chance(0.8) ? Contamination::kUxo : Contamination::kCluster,
               forest ? Terrain::kForest : Terrain::kField,
               forest ? LandUse::kForestry : LandUse::kAgriculture);
  }
}

void Builder::make_assets() {
  Rng r(seed_, 7);
  const double near_band = half_band_ + 2000;
  // Blown bridges in and near the band.
  std::vector<std::uint32_t> bridges;
  for (std::uint32_t e = 0; e < ea_.size(); ++e) {
    if (ebridge_[e] && band_dist(ecross_[e]) < half_band_ + 3000) bridges.push_back(e);
  }
  for (std::size_t i = 0; i < bridges.size(); ++i) {
    const auto e = bridges[i];
    if (i > 0 && !r.chance(0.65)) continue;
    const double span = bridge_span_m(r, ecls_[e]);
    new_asset(sc_.assets, AssetKind::kBridge, Service::kNone, Trade::kBridge, span).geometry = {
        ll(ecross_[e])};
  }
  // Power and comms lines feeding chains of villages near the band; comms often need power.
  std::vector<std::uint32_t> affected;
  for (std::uint32_t i = 1; i < places_.size(); ++i) {
    if (band_dist(places_[i].p) < near_band) affected.push_back(i);
  }
  std::vector<std::string> ids;
  for (const auto& st : sc_.settlements) ids.push_back(st.id);
  add_service_damage(
      places_, *place_index_, affected,
      [&](std::uint32_t id) { return band_dist(places_[id].p) < near_band; }, ids,
      [&](XY p) { return ll(p); }, r, sc_.assets);
  // Cratered road sections in the band, mostly on the roads that matter; fill up to ~115 * k.
  std::vector<std::uint32_t> band_edges, band_main;
  for (std::uint32_t e = 0; e < ea_.size(); ++e) {
    if (band_dist(emid_[e]) >= half_band_ || ebridge_[e]) continue;
    band_edges.push_back(e);
    if (ecls_[e] <= RoadClass::kTertiary) band_main.push_back(e);
  }
  const std::size_t want =
      std::max(scaled_count(55, k_),
               scaled_count(115, k_) - std::min(scaled_count(115, k_), sc_.assets.size()));
  for (std::size_t i = 0; i < want && !band_edges.empty(); ++i) {
    const bool main = !band_main.empty() && r.chance(0.7);
    const auto e =
        main ? band_main[r.index(band_main.size())] : band_edges[r.index(band_edges.size())];
    const auto shape = edge_shape(e);
    const XY p = point_along(shape, r.uniform(0.25, 0.75) * polyline_length(shape));
    new_asset(sc_.assets, AssetKind::kRoadSection, Service::kNone, Trade::kRoad,
              crater_pavement_m2(r, ecls_[e]))
        .geometry = {ll(p)};
  }
}

void Builder::make_crews() {
  Rng r(seed_, 8);
  // Depots: the district centre and the largest towns well behind the front.
  std::vector<std::uint32_t> towns;
  for (std::uint32_t i = 1; i < places_.size(); ++i) {
    if (places_[i].kind == 1 && band_dist(places_[i].p) > half_band_ + 2000) towns.push_back(i);
  }
  std::stable_sort(towns.begin(), towns.end(),
                   [&](auto a, auto b) { return places_[a].pop > places_[b].pop; });
  towns.resize(std::min(towns.size(), scaled_count(3 * std::sqrt(k_), 1.0)));
  std::vector<std::uint32_t> depots{0, 0};
  depots.insert(depots.end(), towns.begin(), towns.end());

  std::vector<Crew> crews = compose_crews(k_, r);
  for (std::size_t i = 0; i < crews.size(); ++i) {
    crews[i].id = make_id("C", i + 1, 4);
    crews[i].base = sc_.settlements[depots[i % depots.size()]].id;
  }
  sc_.crews = std::move(crews);
}

}  // namespace gw::gen::district_detail
