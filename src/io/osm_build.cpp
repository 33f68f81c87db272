// The OpenStreetMap import's second half: the road graph cut at junctions (the largest component
// kept) and the settlements and hubs from the places that osm_reader.cpp collected.
#include <cmath>

#include "geo/projection.hpp"
#include "io/osm_reader_internal.hpp"
#include "model/error.hpp"
#include "network/union_find.hpp"

namespace gw::io::osm_detail {

namespace {

std::int64_t default_population(PlaceType t, const OsmImportOptions& opt) {
  switch (t) {
    case PlaceType::kCity:
      return opt.default_population_city;
    case PlaceType::kTown:
      return opt.default_population_town;
    case PlaceType::kVillage:
      return opt.default_population_village;
    case PlaceType::kHamlet:
      return opt.default_population_hamlet;
  }
  return opt.default_population_hamlet;
}

// Area-weighted centroid of a closed ring (in a local projection); the vertex centroid when the
// ring has no area.
LonLat ring_centroid(const Ring& ring) {
  const LonLat c0 = geo::vertex_centroid(ring);
  const geo::LocalProjection proj(c0);
  double a2 = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const geo::XY p = proj.forward(ring[i]);
    const geo::XY q = proj.forward(ring[i + 1]);
    const double cross = p.x * q.y - q.x * p.y;
    a2 += cross;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  if (std::abs(a2) < 1e-6) return c0;
  return proj.inverse({cx / (3 * a2), cy / (3 * a2)});
}

std::string place_id(const Place& p) {
  return std::string("osm-") + p.osm_type + std::to_string(p.id);
}

}  // namespace

std::array<double, kHighways.size()> speeds(const OsmImportOptions& opt) {
  std::array<double, kHighways.size()> s{};
  for (std::size_t i = 0; i < kHighways.size(); ++i) s[i] = kHighways[i].speed_kmh;
  for (const auto& [key, v] : opt.speed_kmh_by_class) {
    const int i = highway_index(key.c_str());
    if (i < 0) {
      throw Error(ErrorCode::kInvalidInput,
                  "speed_kmh_by_class: unknown highway class '" + key +
                      "' (known: motorway ... track, their _link, living_street, road)");
    }
    if (!(v > 0) || !std::isfinite(v)) {
      throw Error(ErrorCode::kInvalidInput,
                  "speed_kmh_by_class: the speed of '" + key + "' must be > 0 km/h");
    }
    s[static_cast<std::size_t>(i)] = v;
  }
  return s;
}

// Settlements from place nodes and areas; an area is dropped as a duplicate when a place node with
// the same name (or any place node, for an unnamed area) lies within its bounding box.
void build_settlements(const Collector& c, const std::vector<PlaceNode>& place_nodes,
                       const NodeTable& table, const OsmImportOptions& opt, OsmImport& out) {
  std::vector<PlaceType> types;
  auto add = [&](const Place& p, LonLat pos) {
    Settlement s;
    s.id = place_id(p);
    s.name = p.name.empty() ? s.id : p.name;
    s.population = p.population;
    if (s.population < 0) {
      s.population = default_population(p.type, opt);
      ++out.report.population_defaulted;
    }
    s.pos = pos;
    out.settlements.push_back(std::move(s));
    types.push_back(p.type);
  };
  for (const auto& pn : place_nodes) add(pn.place, {pn.loc.lon(), pn.loc.lat()});

  for (const auto& a : c.areas) {
    Ring ring;
    if (a.has_label) {
      const std::uint32_t k = table.find(a.label);
      if (k != kNone) ring.push_back(table.pos(k));
    }
    if (ring.empty()) {
      std::vector<OsmId> refs = a.refs;
      if (a.place.osm_type == 'r') {  // member ways share their end nodes: count each node once
        std::sort(refs.begin(), refs.end());
        refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
      }
      for (OsmId r : refs) {
        const std::uint32_t k = table.find(r);
        if (k != kNone) ring.push_back(table.pos(k));
      }
    }
    if (ring.empty()) {
      ++out.report.places_skipped;
      continue;
    }
    double x0 = ring[0].lon, x1 = x0, y0 = ring[0].lat, y1 = y0;
    for (const auto& p : ring) {
      x0 = std::min(x0, p.lon), x1 = std::max(x1, p.lon), y0 = std::min(y0, p.lat),
      y1 = std::max(y1, p.lat);
    }
    const bool duplicate =
        std::any_of(place_nodes.begin(), place_nodes.end(), [&](const PlaceNode& pn) {
          const double lon = pn.loc.lon(), lat = pn.loc.lat();
          return (a.place.name.empty() || pn.place.name == a.place.name) && lon >= x0 &&
                 lon <= x1 && lat >= y0 && lat <= y1;
        });
    if (duplicate) {
      ++out.report.places_duplicate;
      continue;
    }
    LonLat pos;
    if (ring.size() == 1) {
      pos = ring[0];
    } else if (a.place.osm_type == 'w' && ring.size() >= 4 && ring.size() == a.refs.size()) {
      pos = ring_centroid(ring);
    } else {
      pos = geo::vertex_centroid(ring);  // relations: the mean of the member ways' nodes
    }
    add(a.place, pos);
    ++out.report.settlements_from_areas;
  }
  out.report.settlements = out.settlements.size();

  // Hubs: the towns and cities; the most populous one is the district centre. Without any town or
  // city, the most populous place is the only hub.
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i] == PlaceType::kCity || types[i] == PlaceType::kTown) chosen.push_back(i);
  }
  auto more_people = [&](std::size_t a, std::size_t b) {
    return out.settlements[a].population > out.settlements[b].population;
  };
  if (chosen.empty() && !out.settlements.empty()) {
    std::size_t top = 0;
    for (std::size_t i = 1; i < out.settlements.size(); ++i) {
      if (more_people(i, top)) top = i;
    }
    chosen.push_back(top);
  }
  std::stable_sort(chosen.begin(), chosen.end(), more_people);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const Settlement& s = out.settlements[chosen[k]];
    Hub h;
    h.id = "hub-" + s.id;
    h.name = s.name;
    h.kind = k == 0 ? HubKind::kDistrictCentre : HubKind::kService;
    h.pos = s.pos;
    out.hubs.push_back(std::move(h));
  }
  out.report.hubs = out.hubs.size();
}

// Builds the road graph from the road ways and the node table.
void build_roads(const Collector& c, const NodeTable& table, const OsmImportOptions& opt,
                 const std::string& source, OsmImport& out) {
  const auto speed = speeds(opt);
  auto& rep = out.report;
  rep.ways_used = c.roads.size();

  // Each reference as a table index; how often each node is used (saturating at 2 = split point).
  std::vector<std::uint32_t> idx(c.refs.size());
  std::vector<std::uint8_t> uses(table.ids.size(), 0);
  for (std::size_t i = 0; i < c.refs.size(); ++i) {
    idx[i] = table.find(c.refs[i]);
    if (idx[i] == kNone) {
      ++rep.nodes_missing;
    } else if (uses[idx[i]] < 2) {
      ++uses[idx[i]];
    }
  }
  for (std::uint8_t u : uses) rep.nodes_used += u > 0 ? 1 : 0;
  // Way ends, and the nodes next to a missing one, are split points too.
  for (const auto& w : c.roads) {
    for (std::uint32_t p = w.begin; p < w.end; ++p) {
      if (idx[p] == kNone) continue;
      const bool end = p == w.begin || p + 1 == w.end;
      const bool gap =
          (p > w.begin && idx[p - 1] == kNone) || (p + 1 < w.end && idx[p + 1] == kNone);
      if (end || gap) uses[idx[p]] = 2;
    }
  }

  // Edges between split points: positions [p0, p1] in refs. Graph nodes numbered as met.
  struct Piece {
    std::uint32_t way, p0, p1, a, b;
  };
  std::vector<Piece> pieces;
  std::vector<std::uint32_t> graph_node(table.ids.size(), kNone);
  std::vector<std::uint32_t> graph_table;  // graph node -> table index
  auto node_of = [&](std::uint32_t k) {
    if (graph_node[k] == kNone) {
      graph_node[k] = static_cast<std::uint32_t>(graph_table.size());
      graph_table.push_back(k);
    }
    return graph_node[k];
  };
  for (std::uint32_t wi = 0; wi < c.roads.size(); ++wi) {
    const auto& w = c.roads[wi];
    std::uint32_t start = kNone, prev = kNone;
    for (std::uint32_t p = w.begin; p < w.end; ++p) {
      const std::uint32_t k = idx[p];
      if (k == kNone) {
        start = prev = kNone;
      } else if (start == kNone) {
        start = p, prev = k;
      } else if (k != prev) {
        prev = k;
        if (uses[k] >= 2) {
          pieces.push_back({wi, start, p, node_of(idx[start]), node_of(k)});
          start = p;
        }
      }
    }
  }
  if (pieces.empty()) {
    throw Error(ErrorCode::kInvalidInput,
                source + ": no roads: none of the " + std::to_string(c.roads.size()) +
                    " road ways has two nodes with a location in the file");
  }

  // Components; keep the one with the most nodes (the first met on a tie).
  network::UnionFind uf(graph_table.size());
  for (const auto& pc : pieces) uf.unite(pc.a, pc.b);
  std::uint32_t best = kNone;
  for (std::uint32_t v = 0; v < graph_table.size(); ++v) {
    const std::uint32_t r = uf.find(v);
    if (r != v) continue;
    ++rep.components;
    if (best == kNone || uf.size_of_root(r) > uf.size_of_root(best)) best = r;
  }
  auto kept = [&](const Piece& pc) { return !opt.keep_largest_component || uf.find(pc.a) == best; };

  RoadNetwork& net = out.roads;
  std::vector<std::uint32_t> new_id(graph_table.size(), kNone);
  auto final_node = [&](std::uint32_t g) {
    if (new_id[g] == kNone)
      new_id[g] = static_cast<std::uint32_t>(net.add_node(table.pos(graph_table[g])).value);
    return NodeId(new_id[g]);
  };
  LineString shape;
  for (const auto& pc : pieces) {
    shape.clear();
    std::uint32_t last = kNone;
    for (std::uint32_t p = pc.p0; p <= pc.p1; ++p) {
      if (idx[p] == last) continue;
      last = idx[p];
      shape.push_back(table.pos(last));
    }
    const double length = std::max(geo::length_m(shape), kMinEdgeLengthM);
    if (!kept(pc)) {
      ++rep.edges_dropped;
      rep.length_dropped_m += length;
      continue;
    }
    const auto& w = c.roads[pc.way];
    net.add_edge(final_node(pc.a), final_node(pc.b), shape, length, speed[w.highway],
                 kHighways[w.highway].cls, w.bridge, w.id);
    rep.length_m += length;
  }
  net.build_adjacency();
  rep.nodes = net.num_nodes();
  rep.edges = net.num_edges();
  rep.nodes_dropped = graph_table.size() - rep.nodes;
  rep.components_dropped = opt.keep_largest_component ? rep.components - 1 : 0;
}

}  // namespace gw::io::osm_detail
