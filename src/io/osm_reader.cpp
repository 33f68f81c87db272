// OpenStreetMap import. The file is read with libosmium, without metadata. Node locations come
// from a table of (OSM id, location) pairs sorted by id: every node of the file (one pass), or only
// the nodes the roads and place areas use (a pass over ways and relations, then one over nodes).
// Road ways are then cut into edges at every node that two road ways share, that a way visits
// twice, and at way ends, so the graph has one edge per stretch between junctions.
#include "io/osm_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>
#include <string_view>
#include <system_error>
#include <utility>

#include "geo/projection.hpp"
#include "model/error.hpp"
#include "network/union_find.hpp"

namespace gw::io {
namespace {

using OsmId = osmium::object_id_type;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// Shorter edges (distinct OSM nodes at the same spot) get this length, so every edge has a
// positive length that survives the scenario writer's rounding to 0.1 m.
constexpr double kMinEdgeLengthM = 0.1;
// kAuto reads once, keeping every node location (16 bytes a node), while the file's estimated
// node count is at most this; larger files get two passes and keep only the nodes they need.
constexpr double kOnePassMaxNodes = 32e6;

// The OSM highway values read as roads, their model class and default speed (km/h). The main
// classes keep the built-in district's speeds (src/gen/district.cpp); a link is about half as
// fast as its road, living streets are at walking pace, highway=road (unknown type) as a
// residential road.
struct Highway {
  std::string_view value;
  RoadClass cls;
  double speed_kmh;
};
constexpr std::array<Highway, 16> kHighways = {{
    {"motorway", RoadClass::kMotorway, 110},
    {"motorway_link", RoadClass::kMotorway, 60},
    {"trunk", RoadClass::kTrunk, 90},
    {"trunk_link", RoadClass::kTrunk, 50},
    {"primary", RoadClass::kPrimary, 80},
    {"primary_link", RoadClass::kPrimary, 50},
    {"secondary", RoadClass::kSecondary, 70},
    {"secondary_link", RoadClass::kSecondary, 40},
    {"tertiary", RoadClass::kTertiary, 60},
    {"tertiary_link", RoadClass::kTertiary, 35},
    {"unclassified", RoadClass::kUnclassified, 50},
    {"residential", RoadClass::kResidential, 30},
    {"living_street", RoadClass::kResidential, 10},
    {"service", RoadClass::kService, 20},
    {"track", RoadClass::kTrack, 20},
    {"road", RoadClass::kUnclassified, 30},
}};

int highway_index(const char* value) {
  if (value == nullptr) return -1;
  const std::string_view v(value);
  for (std::size_t i = 0; i < kHighways.size(); ++i) {
    if (kHighways[i].value == v) return static_cast<int>(i);
  }
  return -1;
}

bool is(const char* value, const char* expected) {
  return value != nullptr && std::strcmp(value, expected) == 0;
}

// access=no closes a way to everyone unless a vehicle key opens it again (motor_vehicle=yes,
// agricultural=yes, ...). Other access values (private, destination, agricultural, forestry, ...)
// are legal restrictions on a road that exists and that crews can use: those ways are kept.
bool closed_to_vehicles(const osmium::TagList& tags) {
  if (!is(tags["access"], "no")) return false;
  for (const char* key :
       {"vehicle", "motor_vehicle", "motorcar", "hgv", "agricultural", "forestry"}) {
    const char* v = tags[key];
    if (v != nullptr && !is(v, "no")) return false;
  }
  return true;
}

enum class PlaceType : std::uint8_t { kCity, kTown, kVillage, kHamlet };

std::optional<PlaceType> place_type(const char* value) {
  if (value == nullptr) return std::nullopt;
  const std::string_view v(value);
  if (v == "city") return PlaceType::kCity;
  if (v == "town") return PlaceType::kTown;
  if (v == "village") return PlaceType::kVillage;
  if (v == "hamlet") return PlaceType::kHamlet;
  return std::nullopt;
}

struct Place {
  char osm_type = 'n';  // 'n', 'w' or 'r'
  OsmId id = 0;
  PlaceType type = PlaceType::kVillage;
  std::string name;
  std::int64_t population = -1;  // -1: no usable tag
};

Place place_of(char osm_type, OsmId id, PlaceType type, const osmium::TagList& tags) {
  Place p{osm_type, id, type, {}, -1};
  if (const char* n = tags["name"]) p.name = n;
  if (const char* pop = tags["population"]) p.population = parse_osm_population(pop);
  return p;
}

struct PlaceNode {
  Place place;
  osmium::Location loc;
};

// A place mapped as a closed way or a multipolygon/boundary relation.
struct PlaceArea {
  Place place;
  std::vector<OsmId> refs;  // the closed way's nodes, or the member ways' nodes
  OsmId label = 0;          // relation member node with role label or admin_centre
  bool has_label = false;
  std::vector<OsmId> member_ways;  // relations: outer (or role-less) member ways
};

struct RoadWay {
  OsmId id;
  std::uint32_t begin, end;  // node references: refs[begin, end)
  std::uint8_t highway;      // index in kHighways
  bool bridge;
};

// Node locations by OSM id.
struct NodeTable {
  std::vector<OsmId> ids;  // sorted ascending, unique
  std::vector<osmium::Location> locs;

  // Index of the node with a valid location, or kNone.
  [[nodiscard]] std::uint32_t find(OsmId id) const {
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) return kNone;
    const auto i = static_cast<std::uint32_t>(it - ids.begin());
    return locs[i].valid() ? i : kNone;
  }
  [[nodiscard]] LonLat pos(std::uint32_t i) const {
    return {locs[i].lon_without_check(), locs[i].lat_without_check()};
  }
};

void take_place_node(const osmium::Node& n, std::vector<PlaceNode>& out) {
  if (n.tags().empty()) return;
  const auto type = place_type(n.tags()["place"]);
  if (!type || !n.location().valid()) return;
  out.push_back({place_of('n', n.id(), *type, n.tags()), n.location()});
}

// Ways and relations (and in one-pass mode every node) of the main pass.
class Collector : public osmium::handler::Handler {
 public:
  explicit Collector(bool store_nodes) : store_nodes_(store_nodes) {}

  void node(const osmium::Node& n) {
    if (store_nodes_) {
      node_ids.push_back(n.id());
      node_locs.push_back(n.location());
    }
    take_place_node(n, place_nodes);
  }

  void way(const osmium::Way& w) {
    ++ways_read;
    const auto& tags = w.tags();
    if (tags.empty()) return;
    const int hw = highway_index(tags["highway"]);
    if (hw >= 0) {
      if (is(tags["area"], "yes")) {
        ++ways_skipped_area;
      } else if (closed_to_vehicles(tags)) {
        ++ways_skipped_access;
      } else {
        add_road(w, static_cast<std::uint8_t>(hw));
      }
    }
    if (const auto type = place_type(tags["place"])) {
      if (!w.is_closed()) {
        ++places_skipped;
        return;
      }
      PlaceArea a{place_of('w', w.id(), *type, tags), {}, 0, false, {}};
      for (const auto& nr : w.nodes()) a.refs.push_back(nr.ref());
      areas.push_back(std::move(a));
    }
  }

  void relation(const osmium::Relation& r) {
    const auto& tags = r.tags();
    const auto type = place_type(tags["place"]);
    if (!type || !(is(tags["type"], "multipolygon") || is(tags["type"], "boundary"))) return;
    PlaceArea a{place_of('r', r.id(), *type, tags), {}, 0, false, {}};
    for (const auto& m : r.members()) {
      const std::string_view role = m.role();
      if (m.type() == osmium::item_type::node && (role == "label" || role == "admin_centre")) {
        // A label member wins over an admin_centre member.
        if (!a.has_label || role == "label") a.label = m.ref();
        a.has_label = true;
      } else if (m.type() == osmium::item_type::way && (role.empty() || role == "outer")) {
        a.member_ways.push_back(m.ref());
      }
    }
    areas.push_back(std::move(a));
  }

  std::vector<OsmId> node_ids;
  std::vector<osmium::Location> node_locs;
  std::vector<PlaceNode> place_nodes;
  std::vector<RoadWay> roads;
  std::vector<OsmId> refs;
  std::vector<PlaceArea> areas;
  std::size_t ways_read = 0, ways_skipped_area = 0, ways_skipped_access = 0, places_skipped = 0;

 private:
  void add_road(const osmium::Way& w, std::uint8_t hw) {
    const auto& nodes = w.nodes();
    if (nodes.size() < 2) return;
    const auto begin = refs.size();
    for (const auto& nr : nodes) refs.push_back(nr.ref());
    if (refs.size() >= kNone) throw Error(ErrorCode::kUnsupported, "more than 4 billion way nodes");
    const char* bridge = w.tags()["bridge"];
    roads.push_back({w.id(), static_cast<std::uint32_t>(begin),
                     static_cast<std::uint32_t>(refs.size()), hw,
                     bridge != nullptr && !is(bridge, "no")});
  }

  bool store_nodes_;
};

// Second pass (two-pass mode): the locations of the wanted nodes, and the place nodes.
class NodeFilter : public osmium::handler::Handler {
 public:
  NodeFilter(NodeTable& table, std::vector<PlaceNode>& places) : table_(table), places_(places) {}

  void node(const osmium::Node& n) {
    const OsmId id = n.id();
    if (id < last_) cursor_ = 0;  // unsorted input: search the whole table again
    last_ = id;
    const auto& ids = table_.ids;
    cursor_ = static_cast<std::size_t>(
        std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(cursor_), ids.end(), id) -
        ids.begin());
    if (cursor_ < ids.size() && ids[cursor_] == id) table_.locs[cursor_] = n.location();
    take_place_node(n, places_);
  }

 private:
  NodeTable& table_;
  std::vector<PlaceNode>& places_;
  std::size_t cursor_ = 0;
  OsmId last_ = std::numeric_limits<OsmId>::min();
};

// The node references of the relation areas' member ways (an extra pass over ways).
class MemberWays : public osmium::handler::Handler {
 public:
  explicit MemberWays(std::vector<PlaceArea>& areas) : areas_(areas) {
    for (std::uint32_t a = 0; a < areas.size(); ++a) {
      if (areas[a].has_label) continue;
      for (OsmId w : areas[a].member_ways) wanted_.emplace_back(w, a);
    }
    std::sort(wanted_.begin(), wanted_.end());
  }
  [[nodiscard]] bool empty() const { return wanted_.empty(); }

  void way(const osmium::Way& w) {
    auto it = std::lower_bound(wanted_.begin(), wanted_.end(),
                               std::pair<OsmId, std::uint32_t>{w.id(), 0});
    for (; it != wanted_.end() && it->first == w.id(); ++it) {
      auto& refs = areas_[it->second].refs;
      for (const auto& nr : w.nodes()) refs.push_back(nr.ref());
    }
  }

 private:
  std::vector<PlaceArea>& areas_;
  std::vector<std::pair<OsmId, std::uint32_t>> wanted_;
};

// Runs one pass of `handler` over the entities `what` of the file.
template <typename Handler>
void run_pass(const osmium::io::File& file, osmium::osm_entity_bits::type what, Handler& handler) {
  osmium::io::Reader reader{file, what, osmium::io::read_meta::no};
  osmium::apply(reader, handler);
  reader.close();
}

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

// Bytes a node takes in a file, to estimate the node count from the file size.
double bytes_per_node(const osmium::io::File& f) {
  if (f.format() == osmium::io::file_format::xml &&
      f.compression() == osmium::io::file_compression::none) {
    return 80;
  }
  return 8;  // PBF (about 8.5 in Geofabrik extracts); compressed XML is a little larger
}

OsmImport import(const std::filesystem::path& path, const OsmImportOptions& opt,
                 detail::OsmNodePass pass) {
  const std::string source = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw Error(ErrorCode::kIo, source + ": no such file");
  if (std::filesystem::is_directory(status))
    throw Error(ErrorCode::kIo, source + ": is a directory, not an OSM file");
  (void)speeds(opt);  // bad options fail before the file is read

  const osmium::io::File file{source};
  if (file.format() == osmium::io::file_format::unknown) {
    throw Error(ErrorCode::kUnsupported,
                source + ": unknown OSM file type (expected .osm.pbf, .osm, .osm.bz2 or .osm.gz)");
  }
  if (pass == detail::OsmNodePass::kAuto) {
    const double nodes =
        static_cast<double>(std::filesystem::file_size(path, ec)) / bytes_per_node(file);
    pass = !ec && nodes <= kOnePassMaxNodes ? detail::OsmNodePass::kOnePass
                                            : detail::OsmNodePass::kTwoPass;
  }
  const bool one_pass = pass == detail::OsmNodePass::kOnePass;

  OsmImport out;
  Collector c(one_pass);
  NodeTable table;
  std::vector<PlaceNode> place_nodes;
  using osmium::osm_entity_bits::node;
  using osmium::osm_entity_bits::relation;
  using osmium::osm_entity_bits::way;
  if (one_pass) {
    run_pass(file, node | way | relation, c);
    ++out.report.passes;
    MemberWays members(c.areas);
    if (!members.empty()) {
      run_pass(file, way, members);
      ++out.report.passes;
    }
    table.ids = std::move(c.node_ids);
    table.locs = std::move(c.node_locs);
    if (!std::is_sorted(table.ids.begin(), table.ids.end())) {
      std::vector<std::uint32_t> order(table.ids.size());
      for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](std::uint32_t a, std::uint32_t b) { return table.ids[a] < table.ids[b]; });
      NodeTable sorted;
      sorted.ids.reserve(order.size());
      sorted.locs.reserve(order.size());
      for (std::uint32_t i : order)
        sorted.ids.push_back(table.ids[i]), sorted.locs.push_back(table.locs[i]);
      table = std::move(sorted);
    }
    place_nodes = std::move(c.place_nodes);
  } else {
    run_pass(file, way | relation, c);
    ++out.report.passes;
    MemberWays members(c.areas);
    if (!members.empty()) {
      run_pass(file, way, members);
      ++out.report.passes;
    }
    table.ids = c.refs;
    for (const auto& a : c.areas) {
      table.ids.insert(table.ids.end(), a.refs.begin(), a.refs.end());
      if (a.has_label) table.ids.push_back(a.label);
    }
    std::sort(table.ids.begin(), table.ids.end());
    table.ids.erase(std::unique(table.ids.begin(), table.ids.end()), table.ids.end());
    table.locs.assign(table.ids.size(), osmium::Location{});
    NodeFilter filter(table, place_nodes);
    run_pass(file, node, filter);
    ++out.report.passes;
  }
  out.report.ways_read = c.ways_read;
  out.report.ways_skipped_access = c.ways_skipped_access;
  out.report.ways_skipped_area = c.ways_skipped_area;
  out.report.places_skipped = c.places_skipped;

  if (c.roads.empty()) {
    throw Error(
        ErrorCode::kInvalidInput,
        source + ": no roads: none of its " + std::to_string(c.ways_read) +
            " ways is a road a vehicle can use (highway=motorway ... residential, service, track)");
  }
  if (table.ids.size() >= kNone)
    throw Error(ErrorCode::kUnsupported, source + ": more than 4 billion nodes");
  build_roads(c, table, opt, source, out);
  build_settlements(c, place_nodes, table, opt, out);
  return out;
}

}  // namespace

const std::map<std::string, double>& default_osm_speeds_kmh() {
  static const std::map<std::string, double> m = [] {
    std::map<std::string, double> r;
    for (const auto& h : kHighways) r.emplace(std::string(h.value), h.speed_kmh);
    return r;
  }();
  return m;
}

std::int64_t parse_osm_population(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  // Digit groups: the first of 1-3 digits (any number when there is no separator), every further
  // group of exactly 3 digits after the same separator.
  constexpr std::array<std::string_view, 7> kSeparators = {
      ",", " ", "'", ".", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"};
  std::int64_t v = 0;
  int group = 0;
  bool first_group = true;
  std::string_view sep;
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      v = v * 10 + (ch - '0');
      if (v > 10'000'000'000) return -1;
      ++group;
      ++i;
      continue;
    }
    std::string_view token;
    for (auto t : kSeparators) {
      if (s.substr(i, t.size()) == t) token = t;
    }
    if (token.empty() || group == 0) return -1;
    if (first_group) {
      if (group > 3) return -1;
      sep = token;
      first_group = false;
    } else if (group != 3 || token != sep) {
      return -1;
    }
    group = 0;
    i += token.size();
  }
  if (group == 0 || (!first_group && group != 3)) return -1;
  return v;
}

namespace detail {
OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt,
                   OsmNodePass pass) {
  const std::string source = path.string();
  try {
    return import(path, opt, pass);
  } catch (const Error& e) {
    const std::string msg = e.what();
    if (msg.starts_with(source + ":")) throw;
    throw Error(e.code(), source + ": " + msg);
  } catch (const osmium::unsupported_file_format_error& e) {
    throw Error(ErrorCode::kUnsupported, source + ": unsupported OSM file: " + e.what());
  } catch (const std::system_error& e) {
    throw Error(ErrorCode::kIo, source + ": cannot read: " + e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kParse, source + ": not a valid OSM file: " + e.what());
  }
}
}  // namespace detail

OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt) {
  return detail::read_osm(path, opt, detail::OsmNodePass::kAuto);
}

}  // namespace gw::io
