// Private to the OpenStreetMap import (osm_reader.cpp reads the file, osm_build.cpp builds the
// road graph and the settlements): the tag tables, the collected ways, relations and places, and
// the node table. Not a public API; it includes libosmium, which osm_reader.hpp does not expose.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <osmium/handler.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/osm_reader.hpp"
#include "model/error.hpp"

namespace gw::io::osm_detail {

using OsmId = osmium::object_id_type;
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// Shorter edges (distinct OSM nodes at the same spot) get this length, so every edge has a
// positive length that survives the scenario writer's rounding to 0.1 m.
inline constexpr double kMinEdgeLengthM = 0.1;
// kAuto reads once, keeping every node location (16 bytes a node), while the file's estimated
// node count is at most this; larger files get two passes and keep only the nodes they need.
inline constexpr double kOnePassMaxNodes = 32e6;

// The OSM highway values read as roads, their model class and default speed (km/h). The main
// classes keep the built-in district's speeds (src/gen/district.cpp); a link is about half as
// fast as its road, living streets are at walking pace, highway=road (unknown type) as a
// residential road.
struct Highway {
  std::string_view value;
  RoadClass cls;
  double speed_kmh;
};
inline constexpr std::array<Highway, 16> kHighways = {{
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

inline int highway_index(const char* value) {
  if (value == nullptr) return -1;
  const std::string_view v(value);
  for (std::size_t i = 0; i < kHighways.size(); ++i) {
    if (kHighways[i].value == v) return static_cast<int>(i);
  }
  return -1;
}

inline bool is(const char* value, const char* expected) {
  return value != nullptr && std::strcmp(value, expected) == 0;
}

// access=no closes a way to everyone unless a vehicle key opens it again (motor_vehicle=yes,
// agricultural=yes, ...). Other access values (private, destination, agricultural, forestry, ...)
// are legal restrictions on a road that exists and that crews can use: those ways are kept.
inline bool closed_to_vehicles(const osmium::TagList& tags) {
  if (!is(tags["access"], "no")) return false;
  for (const char* key :
       {"vehicle", "motor_vehicle", "motorcar", "hgv", "agricultural", "forestry"}) {
    const char* v = tags[key];
    if (v != nullptr && !is(v, "no")) return false;
  }
  return true;
}

enum class PlaceType : std::uint8_t { kCity, kTown, kVillage, kHamlet };

inline std::optional<PlaceType> place_type(const char* value) {
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

inline Place place_of(char osm_type, OsmId id, PlaceType type, const osmium::TagList& tags) {
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

inline void take_place_node(const osmium::Node& n, std::vector<PlaceNode>& out) {
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

// The speed of each kHighways entry, with the options' overrides; unknown keys and speeds that are
// not > 0 are errors.
std::array<double, kHighways.size()> speeds(const OsmImportOptions& opt);

// Settlements from place nodes and areas; an area is dropped as a duplicate when a place node with
// the same name (or any place node, for an unnamed area) lies within its bounding box.
void build_settlements(const Collector& c, const std::vector<PlaceNode>& place_nodes,
                       const NodeTable& table, const OsmImportOptions& opt, OsmImport& out);
// Builds the road graph from the road ways and the node table.
void build_roads(const Collector& c, const NodeTable& table, const OsmImportOptions& opt,
                 const std::string& source, OsmImport& out);

}  // namespace gw::io::osm_detail
