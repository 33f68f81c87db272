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
//  6. a north-south front-line band in the east; hazards (fields, forest belts, verges along real
//     edges, village edges, wetlands) concentrated in it, plus scattered UXO spots elsewhere;
//  7. damaged assets around the band, crews at depots west of it.
#include "gen/district.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gen/places.hpp"
#include "gen/random.hpp"
#include "gen/shapes.hpp"
#include "gen/war.hpp"
#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::gen {
namespace {

constexpr double kTwoPi = 2.0 * geo::kPi;
constexpr double kSideAtScale1 = 34641.0;  // sqrt(1,200 km²)
constexpr double kGridSpacing = 420.0;     // farm-track grid

bool segments_cross(XY p, XY p2, XY q, XY q2, XY& at) {
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

double speed_kmh(RoadClass c) {
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
      return 20;
    case RoadClass::kTrack:
      return 20;
  }
  return 20;
}

// Routing cost per metre by class: routes prefer roads that already exist, so they merge.
double class_factor(RoadClass c) {
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

  Scenario run() {
    make_grid();
    make_rivers();
    make_edges();
    make_settlements();
    make_roads();
    build_network();
    make_hazards();
    make_assets();
    make_crews();
    sc_.params.seed = seed_;
    return std::move(sc_);
  }

 private:
  // ---- helpers ----
  LonLat ll(XY p) const { return proj_.inverse({p.x - side_ / 2, p.y - side_ / 2}); }
  double front_x(double y) const {
    const double t = y / side_;
    return side_ * (0.68 + 0.06 * std::sin(kTwoPi * t * f1_ + p1_) +
                    0.025 * std::sin(kTwoPi * t * f2_ + p2_));
  }
  double band_dist(XY p) const { return std::abs(p.x - front_x(p.y)); }
  bool inside(XY p) const { return p.x >= 0 && p.y >= 0 && p.x <= side_ && p.y <= side_; }
  std::uint32_t node_at(int i, int j) const {
    return static_cast<std::uint32_t>(std::clamp(j, 0, n_ - 1) * n_ + std::clamp(i, 0, n_ - 1));
  }
  std::vector<XY> edge_shape(std::uint32_t e) const {
    return {nxy_[ea_[e]], emid_[e], nxy_[eb_[e]]};
  }

  // ---- 1. grid ----
  void make_grid() {
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

  // ---- 2. rivers ----
  void make_rivers() {
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

  // ---- 3. candidate edges, river crossings, connectivity ----
  void make_edges() {
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
      for (const auto& [p, q] : halves) {
        if (crosses[e]) break;
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
  std::uint32_t other(std::uint32_t e, std::uint32_t n) const {
    return ea_[e] == n ? eb_[e] : ea_[e];
  }

  // ---- 4. settlements ----
  std::uint32_t free_node_near(XY p, std::vector<std::uint8_t>& used) const {
    const int i0 = static_cast<int>(std::lround(p.x / g_));
    const int j0 = static_cast<int>(std::lround(p.y / g_));
    for (int rad = 0; rad < n_; ++rad) {
      for (int dj = -rad; dj <= rad; ++dj) {
        for (int di = -rad; di <= rad; ++di) {
          if (std::max(std::abs(di), std::abs(dj)) != rad) continue;
          const int i = i0 + di;
          const int j = j0 + dj;
          if (i < 0 || j < 0 || i >= n_ || j >= n_) continue;
          const auto node = node_at(i, j);
          if (!used[node]) {
            used[node] = 1;
            return node;
          }
        }
      }
    }
    return 0;
  }

  void make_settlements() {
    Rng r(seed_, 4);
    std::vector<std::uint8_t> used(nxy_.size(), 0);
    PointGrid grid(side_, 2000);
    auto add = [&](XY p, int kind, double pop) {
      const auto node = free_node_near(p, used);
      const auto id = static_cast<std::uint32_t>(places_.size());
      places_.push_back({nxy_[node], node, kind, pop});
      grid.insert(id, nxy_[node]);
    };
    auto clear_of = [&](XY p, double dmin) {
      bool ok = true;
      grid.for_near(p, dmin, [&](std::uint32_t id) { ok = ok && dist(places_[id].p, p) >= dmin; });
      return ok;
    };
    // District centre: west of the front.
    add({r.uniform(0.22, 0.32) * side_, r.uniform(0.4, 0.6) * side_}, 0, r.lognormal(16000, 0.15));
    const std::size_t towns = scaled_count(5, k_);
    const std::size_t total = scaled_count(105, k_, towns + 4);
    auto throw_darts = [&](std::size_t count, double dmin, double lo, double hi, int kind,
                           auto pop) {
      std::size_t misses = 0;
      for (std::size_t placed = 0; placed < count;) {
        const XY p{r.uniform(lo, hi) * side_, r.uniform(lo, hi) * side_};
        if (!clear_of(p, dmin)) {
          if (++misses > 200) {
            dmin *= 0.8;
            misses = 0;
          }
          continue;
        }
        add(p, kind, pop());
        ++placed;
      }
    };
    throw_darts(towns, 6000, 0.06, 0.94, 1,
                [&] { return std::clamp(r.lognormal(4000, 0.35), 2000.0, 9000.0); });
    throw_darts(total - towns - 1, 1300, 0.01, 0.99, 2,
                [&] { return std::clamp(r.lognormal(230, 0.9), 15.0, 2500.0); });
    // Scale populations to the district's total.
    const double target = r.uniform(52000, 64000) * k_;
    double sum = 0;
    for (const auto& s : places_) sum += s.pop;
    NameMaker names;
    for (std::size_t i = 0; i < places_.size(); ++i) {
      auto& s = places_[i];
      s.pop = std::max(5.0, std::round(s.pop * target / sum));
      Settlement out;
      out.id = make_id("S", i + 1, 4);
      out.name = names.make(r);
      out.population = static_cast<std::int64_t>(s.pop);
      out.pos = ll(s.p);
      sc_.settlements.push_back(std::move(out));
    }
    place_index_ = std::make_unique<PlaceIndex>(places_, side_);

    // Hubs: the district centre and exits to the regional road on the west and north boundary.
    const XY c = places_[0].p;
    const int ci = static_cast<int>(std::lround(c.x / g_));
    const int cj = static_cast<int>(std::lround(c.y / g_));
    exits_.push_back(node_at(0, cj + static_cast<int>(r.index(7)) - 3));
    exits_.push_back(node_at(ci + static_cast<int>(r.index(7)) - 3, n_ - 1));
    sc_.hubs.push_back({"H1",
                        sc_.settlements[0].name + " (district centre)",
                        HubKind::kDistrictCentre,
                        sc_.settlements[0].pos,
                        {},
                        0});
    sc_.hubs.push_back(
        {"H2", "Regional road exit west", HubKind::kRegionalExit, ll(nxy_[exits_[0]]), {}, 0});
    sc_.hubs.push_back(
        {"H3", "Regional road exit north", HubKind::kRegionalExit, ll(nxy_[exits_[1]]), {}, 0});
  }

  // ---- 5. roads ----
  struct HeapItem {
    double f;
    std::uint32_t node;
    double g;
  };

  // A* from src to dst, or (dst == kNone) Dijkstra to the nearest node on a main road.
  std::vector<std::uint32_t> route(std::uint32_t src, std::uint32_t dst) {
    if (dist_.empty()) {
      dist_.assign(nxy_.size(), 0);
      prev_.assign(nxy_.size(), kNone);
      stamp_.assign(nxy_.size(), 0);
    }
    ++cur_stamp_;
    auto cmp = [](const HeapItem& a, const HeapItem& b) {
      return a.f > b.f || (a.f == b.f && a.node > b.node);
    };
    auto h = [&](std::uint32_t v) { return dst == kNone ? 0.0 : 0.8 * dist(nxy_[v], nxy_[dst]); };
    heap_.clear();
    dist_[src] = 0;
    prev_[src] = kNone;
    stamp_[src] = cur_stamp_;
    heap_.push_back({h(src), src, 0});
    std::uint32_t found = kNone;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), cmp);
      const HeapItem it = heap_.back();
      heap_.pop_back();
      if (it.g > dist_[it.node]) continue;
      if (it.node == dst ||
          (dst == kNone && it.node != src && nbest_[it.node] <= RoadClass::kSecondary)) {
        found = it.node;
        break;
      }
      for (std::uint32_t k = adj_off_[it.node]; k < adj_off_[it.node + 1]; ++k) {
        const std::uint32_t e = adj_[k];
        const std::uint32_t v = other(e, it.node);
        const double ng =
            it.g + elen_[e] * enoise_[e] * class_factor(ecls_[e]) * (ebridge_[e] ? 2.5 : 1.0);
        if (stamp_[v] != cur_stamp_ || ng < dist_[v]) {
          stamp_[v] = cur_stamp_;
          dist_[v] = ng;
          prev_[v] = e;
          heap_.push_back({ng + h(v), v, ng});
          std::push_heap(heap_.begin(), heap_.end(), cmp);
        }
      }
    }
    std::vector<std::uint32_t> path;
    for (std::uint32_t v = found; v != kNone && v != src; v = other(prev_[v], v))
      path.push_back(prev_[v]);
    return path;
  }
  void upgrade(const std::vector<std::uint32_t>& path, RoadClass cls) {
    for (auto e : path) {
      if (cls < ecls_[e]) ecls_[e] = cls;
      nbest_[ea_[e]] = std::min(nbest_[ea_[e]], ecls_[e]);
      nbest_[eb_[e]] = std::min(nbest_[eb_[e]], ecls_[e]);
    }
  }

  void make_roads() {
    Rng r(seed_, 5);
    const std::uint32_t centre_node = places_[0].node;
    for (auto x : exits_) upgrade(route(centre_node, x), RoadClass::kPrimary);
    // Main roads: a spanning tree over the centre and the towns (Prim), plus some second links.
    std::vector<std::uint32_t> mains;
    for (std::uint32_t i = 0; i < places_.size(); ++i) {
      if (places_[i].kind <= 1) mains.push_back(i);
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> links;
    {
      std::vector<double> best(mains.size(), std::numeric_limits<double>::max());
      std::vector<std::size_t> from(mains.size(), 0);
      std::vector<std::uint8_t> in(mains.size(), 0);
      best[0] = 0;
      for (std::size_t step = 0; step < mains.size(); ++step) {
        std::size_t u = mains.size();
        for (std::size_t i = 0; i < mains.size(); ++i) {
          if (!in[i] && (u == mains.size() || best[i] < best[u])) u = i;
        }
        in[u] = 1;
        if (step > 0) links.emplace_back(mains[from[u]], mains[u]);
        for (std::size_t i = 0; i < mains.size(); ++i) {
          const double d = dist(places_[mains[u]].p, places_[mains[i]].p);
          if (!in[i] && d < best[i]) {
            best[i] = d;
            from[i] = u;
          }
        }
      }
    }
    // Each town also links to its nearest other town (a secondary road that avoids the centre).
    for (std::size_t i = 1; i < mains.size() && mains.size() > 2; ++i) {
      std::uint32_t nb = kNone;
      for (std::size_t j = 1; j < mains.size(); ++j) {
        if (j != i && (nb == kNone || dist(places_[mains[j]].p, places_[mains[i]].p) <
                                          dist(places_[nb].p, places_[mains[i]].p))) {
          nb = mains[j];
        }
      }
      const bool linked = std::any_of(links.begin(), links.end(), [&](const auto& l) {
        return (l.first == mains[i] && l.second == nb) || (l.first == nb && l.second == mains[i]);
      });
      if (!linked && r.chance(0.75)) links.emplace_back(mains[i], nb);
    }
    // Primary roads join the centre to its exits and to the two largest towns; the rest are
    // secondary.
    std::vector<std::uint32_t> big_towns(mains.begin() + 1, mains.end());
    std::stable_sort(big_towns.begin(), big_towns.end(),
                     [&](auto a, auto b) { return places_[a].pop > places_[b].pop; });
    big_towns.resize(std::min<std::size_t>(2, big_towns.size()));
    auto is_big = [&](std::uint32_t t) {
      return std::find(big_towns.begin(), big_towns.end(), t) != big_towns.end();
    };
    for (const auto& t : big_towns) {
      if (std::none_of(links.begin(), links.end(), [&](const auto& l) {
            return (l.first == 0 && l.second == t) || (l.first == t && l.second == 0);
          })) {
        links.emplace_back(0, t);
      }
    }
    // Primary roads first: secondary roads then share them where that is shorter, keeping their own
    // stretches secondary.
    for (const bool primary_pass : {true, false}) {
      for (const auto& [a, b] : links) {
        const bool primary = (a == 0 && is_big(b)) || (b == 0 && is_big(a));
        if (primary != primary_pass) continue;
        upgrade(route(places_[a].node, places_[b].node),
                primary ? RoadClass::kPrimary : RoadClass::kSecondary);
      }
    }
    // Local roads: each village to its nearest neighbour; the larger ones to the nearest main road.
    std::vector<double> pops;
    for (const auto& p : places_) {
      if (p.kind == 2) pops.push_back(p.pop);
    }
    std::sort(pops.begin(), pops.end());
    const double big = pops.empty() ? 0 : pops[pops.size() * 6 / 10];
    for (std::uint32_t i = 0; i < places_.size(); ++i) {
      if (places_[i].kind != 2) continue;
      const auto nb = place_index_->nearest(places_[i].p, i, [](std::uint32_t) { return true; });
      if (nb != kNone) upgrade(route(places_[i].node, places_[nb].node), RoadClass::kUnclassified);
      if (places_[i].pop >= big && nbest_[places_[i].node] > RoadClass::kSecondary) {
        upgrade(route(places_[i].node, kNone), RoadClass::kTertiary);
      }
    }
    // Streets: tracks at a settlement's node (two steps out for towns) become residential.
    for (const auto& p : places_) {
      std::vector<std::uint32_t> ring{p.node};
      for (int step = 0; step < (p.kind == 2 ? 1 : 2); ++step) {
        std::vector<std::uint32_t> next;
        for (auto v : ring) {
          for (std::uint32_t k = adj_off_[v]; k < adj_off_[v + 1]; ++k) {
            const auto e = adj_[k];
            if (ecls_[e] == RoadClass::kTrack) ecls_[e] = RoadClass::kResidential;
            next.push_back(other(e, v));
          }
        }
        ring = std::move(next);
      }
    }
  }

  // Edges are emitted in Z-order (Morton order) of their middle points and nodes numbered by first
  // appearance, as the scenario reader numbers them: ids that are near in memory are near on the
  // ground, which keeps the planner's searches cache-friendly on large districts, and a scenario
  // read back from its file has exactly the same ids.
  void build_network() {
    auto& net = sc_.roads;
    std::vector<std::uint64_t> key(ea_.size());
    double minx = 1e300, miny = 1e300;
    for (const auto& p : emid_) {
      minx = std::min(minx, p.x);
      miny = std::min(miny, p.y);
    }
    auto spread = [](std::uint64_t v) {  // interleave the low 32 bits with zeros
      v &= 0xffffffffULL;
      v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
      v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
      v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
      v = (v | (v << 2)) & 0x3333333333333333ULL;
      v = (v | (v << 1)) & 0x5555555555555555ULL;
      return v;
    };
    constexpr double kCell = 250.0;
    for (std::size_t e = 0; e < ea_.size(); ++e) {
      const auto cx = static_cast<std::uint64_t>((emid_[e].x - minx) / kCell);
      const auto cy = static_cast<std::uint64_t>((emid_[e].y - miny) / kCell);
      key[e] = spread(cx) | (spread(cy) << 1);
    }
    std::vector<std::size_t> order(ea_.size());
    for (std::size_t e = 0; e < order.size(); ++e) order[e] = e;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    std::vector<std::uint32_t> node_id(nxy_.size(), std::numeric_limits<std::uint32_t>::max());
    auto node_of = [&](std::uint32_t old) {
      if (node_id[old] == std::numeric_limits<std::uint32_t>::max())
        node_id[old] = net.add_node(ll(nxy_[old])).value;
      return NodeId(node_id[old]);
    };
    net.node_pos.reserve(nxy_.size());
    net.edge_shape.reserve(3 * ea_.size());
    for (const std::size_t e : order) {
      const LineString shape = {ll(nxy_[ea_[e]]), ll(emid_[e]), ll(nxy_[eb_[e]])};
      const NodeId a = node_of(ea_[e]);
      const NodeId b = node_of(eb_[e]);
      net.add_edge(a, b, shape, geo::length_m(shape), speed_kmh(ecls_[e]), ecls_[e],
                   ebridge_[e] != 0, static_cast<std::int64_t>(net.num_edges() + 1));
    }
    net.build_adjacency();
  }

  // ---- 6. hazards ----
  void add_hazard(const std::vector<XY>& ring, HazardStatus st, Contamination c, Terrain t,
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
  XY band_point(Rng& r) const {
    const double y = r.uniform(0.01, 0.99) * side_;
    const double t = r.uniform() + r.uniform() - 1;  // triangular: denser at the old front line
    return {std::clamp(front_x(y) + t * half_band_, 0.01 * side_, 0.99 * side_), y};
  }

  void make_hazards() {
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

  // ---- 7. assets ----
  void make_assets() {
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

  // ---- crews ----
  void make_crews() {
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
  std::vector<std::uint32_t> exits_;

  std::vector<double> dist_;
  std::vector<std::uint32_t> prev_, stamp_;
  std::uint32_t cur_stamp_ = 0;
  std::vector<HeapItem> heap_;

  Scenario sc_;
};

}  // namespace

gw::Scenario generate_district(const DistrictOptions& opt) {
  if (!(opt.scale > 0 && opt.scale <= 1000)) {
    throw Error(ErrorCode::kInvalidInput,
                "district scale must be in (0, 1000], got " + std::to_string(opt.scale));
  }
  gw::Scenario s = Builder(opt).run();
  char name[96];
  std::snprintf(name, sizeof name, "Default district (scale %g, seed %llu)", opt.scale,
                static_cast<unsigned long long>(opt.seed));
  s.name = name;
  return s;
}

}  // namespace gw::gen
