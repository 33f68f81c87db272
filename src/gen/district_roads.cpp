// The district generator's steps 4 and 5 (district.cpp lists the layout): settlements on grid
// nodes, roads upgraded along A* routes between them, and the road network numbered for the
// scenario.
#include "gen/district_internal.hpp"

namespace gw::gen::district_detail {

std::uint32_t Builder::free_node_near(XY p, std::vector<std::uint8_t>& used) const {
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

void Builder::make_settlements() {
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
  auto throw_darts = [&](std::size_t count, double dmin, double lo, double hi, int kind, auto pop) {
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

std::vector<std::uint32_t> Builder::route(std::uint32_t src, std::uint32_t dst) {
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

void Builder::upgrade(const std::vector<std::uint32_t>& path, RoadClass cls) {
  for (auto e : path) {
    if (cls < ecls_[e]) ecls_[e] = cls;
    nbest_[ea_[e]] = std::min(nbest_[ea_[e]], ecls_[e]);
    nbest_[eb_[e]] = std::min(nbest_[eb_[e]], ecls_[e]);
  }
}

void Builder::make_roads() {
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

void Builder::build_network() {
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
  std::vector<std::uint32_t> order(ea_.size());
  for (std::size_t e = 0; e < order.size(); ++e) order[e] = static_cast<std::uint32_t>(e);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
  std::vector<std::uint32_t> node_id(nxy_.size(), std::numeric_limits<std::uint32_t>::max());
  auto node_of = [&](std::uint32_t old) {
    if (node_id[old] == std::numeric_limits<std::uint32_t>::max())
      node_id[old] = net.add_node(ll(nxy_[old])).value;
    return NodeId(node_id[old]);
  };
  net.node_pos.reserve(nxy_.size());
  net_internal_.assign(order.begin(), order.end());
  net.edge_shape.reserve(3 * ea_.size());
  for (const std::uint32_t e : order) {
    const LineString shape = {ll(nxy_[ea_[e]]), ll(emid_[e]), ll(nxy_[eb_[e]])};
    const NodeId a = node_of(ea_[e]);
    const NodeId b = node_of(eb_[e]);
    net.add_edge(a, b, shape, geo::length_m(shape), speed_kmh(ecls_[e]), ecls_[e], ebridge_[e] != 0,
                 static_cast<std::int64_t>(net.num_edges() + 1));
  }
  net.build_adjacency();
  net_node_ = std::move(node_id);
}

}  // namespace gw::gen::district_detail
