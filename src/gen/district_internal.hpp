// Private to the district generator (district.cpp, district_roads.cpp, district_hazards.cpp): the
// helpers and the Builder class, whose layout steps (district.cpp lists them) are defined a few to
// a file. Not a public API.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gen/aftermath.hpp"
#include "gen/district.hpp"
#include "gen/places.hpp"
#include "gen/random.hpp"
#include "gen/road_damage.hpp"
#include "gen/shapes.hpp"
#include "gen/war.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::gen::district_detail {

inline constexpr double kTwoPi = 2.0 * geo::kPi;
inline constexpr double kSideAtScale1 = 34641.0;  // sqrt(1,200 km²)
inline constexpr double kGridSpacing = 420.0;     // farm-track grid

inline bool segments_cross(XY p, XY p2, XY q, XY q2, XY& at) {
  const XY r = p2 - p;
  const XY s = q2 - q;
  const double den = cross(r, s);
  if (std::abs(den) < 1e-12) return false;
  const XY qp = q - p;
  const double t = cross(qp, s) / den;
  const double u = cross(qp, r) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return false;
  at = p + r * t;
  return true;
}

constexpr std::size_t cls_index(RoadClass c) { return static_cast<std::size_t>(c); }

inline double speed_kmh(RoadClass c) {
  switch (c) {
    case RoadClass::kMotorway:
      return 110;
    case RoadClass::kTrunk:
      return 90;
    case RoadClass::kPrimary:
      return 80;
    case RoadClass::kSecondary:
      return 70;
    case RoadClass::kTertiary:
      return 60;
    case RoadClass::kUnclassified:
      return 50;
    case RoadClass::kResidential:
      return 30;
    case RoadClass::kService:
    case RoadClass::kTrack:
      return 20;
  }
  return 20;
}

// Routing cost per metre by class: routes prefer roads that already exist, so they merge.
inline double class_factor(RoadClass c) {
  constexpr std::array<double, 9> f = {0.6, 0.6, 0.65, 0.7, 0.75, 0.8, 0.95, 1.0, 1.0};
  return f[cls_index(c)];
}

class NameMaker {
 public:
  std::string make(Rng& r) {
    static constexpr std::array<std::string_view, 32> kPre = {
        "Nov", "Star", "Vel",  "Mal", "Ber", "Dub",  "Hor",  "Kam",  "Lys",  "Pol", "Vys",
        "Zel", "Chor", "Kal",  "Lyp", "Ol",  "Pish", "Ros",  "Sos",  "Tern", "Vil", "Yar",
        "Zor", "Bil",  "Kras", "Myr", "Pry", "Sad",  "Hlyb", "Ozer", "Kup",  "Shev"};
    static constexpr std::array<std::string_view, 10> kMid = {"",  "",   "",   "o",  "a",
                                                              "y", "ov", "en", "ar", "il"};
    static constexpr std::array<std::string_view, 16> kSuf = {
        "ivka",  "ne",   "ove", "ivske", "ychi",   "ky",   "ka",   "yn",
        "ivtsi", "opil", "ets", "ianka", "ohirka", "avka", "yvka", "ivshchyna"};
    static constexpr std::array<std::string_view, 4> kWord = {"Nova ", "Stara ", "Velyka ",
                                                              "Mala "};
    for (int attempt = 0;; ++attempt) {
      std::string s;
      if (r.chance(0.1)) s += kWord[r.index(kWord.size())];
      s += kPre[r.index(kPre.size())];
      s += kMid[r.index(kMid.size())];
      s += kSuf[r.index(kSuf.size())];
      if (attempt >= 8) s += " " + std::to_string(attempt - 6);
      if (used_.insert(s).second) return s;
    }
  }

 private:
  std::set<std::string> used_;
};

class Builder {
 public:
  explicit Builder(const DistrictOptions& o)
      : k_(o.scale),
        seed_(o.seed),
        side_(kSideAtScale1 * std::sqrt(o.scale)),
        proj_(LonLat{36.5, 49.5}) {
    n_ = std::max(3, static_cast<int>(std::ceil(side_ / kGridSpacing)) + 1);
    g_ = side_ / (n_ - 1);
    half_band_ = 0.1 * side_;
    Rng r(seed_, 0);
    f1_ = r.uniform(0.6, 1.4);
    f2_ = r.uniform(2.0, 3.5);
    p1_ = r.uniform(0, kTwoPi);
    p2_ = r.uniform(0, kTwoPi);
  }

  Scenario run();

 private:
  // ---- helpers ----
  LonLat ll(XY p) const { return proj_.inverse({p.x - side_ / 2, p.y - side_ / 2}); }
  double front_x(double y) const {
    const double t = y / side_;
    return side_ * (0.68 + 0.06 * std::sin(kTwoPi * t * f1_ + p1_) +
                    0.025 * std::sin(kTwoPi * t * f2_ + p2_));
  }
  double band_dist(XY p) const { return std::abs(p.x - front_x(p.y)); }
  // Signed distance from the front line: negative on the hubs' side (west), positive beyond it.
  double front_offset(XY p) const { return p.x - front_x(p.y); }
  bool inside(XY p) const { return p.x >= 0 && p.y >= 0 && p.x <= side_ && p.y <= side_; }
  std::uint32_t node_at(int i, int j) const {
    return static_cast<std::uint32_t>(std::clamp(j, 0, n_ - 1) * n_ + std::clamp(i, 0, n_ - 1));
  }
  std::vector<XY> edge_shape(std::uint32_t e) const {
    return {nxy_[ea_[e]], emid_[e], nxy_[eb_[e]]};
  }

  // ---- 1. grid ----
  void make_grid();

  // ---- 2. rivers ----
  void make_rivers();

  // ---- 3. candidate edges, river crossings, connectivity ----
  void make_edges();
  std::uint32_t other(std::uint32_t e, std::uint32_t n) const {
    return ea_[e] == n ? eb_[e] : ea_[e];
  }

  // ---- 4. settlements ----
  std::uint32_t free_node_near(XY p, std::vector<std::uint8_t>& used) const;
  void make_settlements();

  // ---- 5. roads ----
  struct HeapItem {
    double f;
    std::uint32_t node;
    double g;
  };

  // A* from src to dst, or (dst == kNone) Dijkstra to the nearest node on a main road.
  std::vector<std::uint32_t> route(std::uint32_t src, std::uint32_t dst);
  void upgrade(const std::vector<std::uint32_t>& path, RoadClass cls);
  void make_roads();

  // Edges are emitted in Z-order (Morton order) of their middle points and nodes numbered by first
  // appearance, as the scenario reader numbers them: ids that are near in memory are near on the
  // ground, which keeps the planner's searches cache-friendly on large districts, and a scenario
  // read back from its file has exactly the same ids.
  void build_network();

  // ---- 6. households, hazards, the roads into the cut-off settlements ----
  void make_households();
  bool add_hazard(const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
                  LandUse lu, const std::string& settlement = {});
  XY band_point(Rng& r) const {
    const double y = r.uniform(0.01, 0.99) * side_;
    const double t = r.uniform() + r.uniform() - 1;  // triangular: denser at the old front line
    return {std::clamp(front_x(y) + t * half_band_, 0.01 * side_, 0.99 * side_), y};
  }

  HazardSink hazard_sink() {
    return [this](const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
                  LandUse lu, const std::string& settlement) {
      return add_hazard(ring, st, c, t, lu, settlement);
    };
  }
  void make_hazards();
  void make_front_lines();

  // ---- 7. assets ----
  void make_assets();

  // ---- crews ----
  void make_crews();
  double k_;
  std::uint64_t seed_;
  double side_;
  geo::LocalProjection proj_;
  int n_ = 3;
  double g_ = kGridSpacing;
  double half_band_ = 0;
  double f1_ = 1, f2_ = 2, p1_ = 0, p2_ = 0;

  std::vector<XY> nxy_;
  std::vector<std::vector<XY>> rivers_;
  std::vector<std::uint32_t> ea_, eb_;
  std::vector<XY> emid_, ecross_;
  std::vector<std::uint8_t> ebridge_;
  std::vector<double> elen_, enoise_;
  std::vector<RoadClass> ecls_, nbest_;
  std::vector<std::uint32_t> adj_off_, adj_;

  std::vector<Place> places_;
  std::unique_ptr<PlaceIndex> place_index_;
  WarMap war_;
  GasHeated gas_;
  std::vector<std::uint32_t> net_node_;      // grid node -> network node (build_network)
  std::vector<std::uint32_t> net_internal_;  // network edge -> candidate edge (build_network)
  std::vector<std::uint8_t> blow_;           // per candidate edge: a bridge to blow
  std::unique_ptr<RoadView> view_;
  std::vector<std::uint32_t> exits_;

  std::vector<double> dist_;
  std::vector<std::uint32_t> prev_, stamp_;
  std::uint32_t cur_stamp_ = 0;
  std::vector<HeapItem> heap_;

  Scenario sc_;
};

}  // namespace gw::gen::district_detail
