// The scenario's road network: the roads layer built into a graph, or the roads (and places) of
// an OpenStreetMap file named by the roads layer reference.
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "geo/projection.hpp"
#include "io/gis_layer.hpp"
#include "io/scenario_json_internal.hpp"

namespace gw::io::scenario_detail {

namespace {

// Node ids from coordinates: edges that share an end point (to 1e-7 degrees) share a node.
struct NodeKey {
  std::int64_t x, y;
  bool operator==(const NodeKey&) const = default;
};
struct NodeKeyHash {
  std::size_t operator()(const NodeKey& k) const noexcept {
    return std::hash<std::int64_t>{}(k.x * 1000003 ^ k.y);
  }
};
NodeKey key_of(LonLat p) { return {std::llround(p.lon * 1e7), std::llround(p.lat * 1e7)}; }

}  // namespace

void read_roads(Layers& layers, const Where& w, RoadNetwork& net) {
  const json& fs = features(layers, "roads", w, true);
  if (fs.empty()) w.at("roads").fail("no road features");
  std::unordered_map<NodeKey, NodeId, NodeKeyHash> nodes;
  auto node_at = [&](LonLat p) {
    auto [it, fresh] = nodes.try_emplace(key_of(p), NodeId{});
    if (fresh) it->second = net.add_node(p);
    return it->second;
  };
  for (std::size_t i = 0; i < fs.size(); ++i) {
    const Where fw = w.idx("roads", i);
    const LineString shape = line_coords(geometry(fs[i], "LineString", fw), fw);
    const json& p = properties(fs[i], fw);
    const auto cls = enum_value<RoadClass>(p, "class", kRoadClassNames, fw);
    const double speed = number_in(p, "speed_kmh", limits::kSpeedMinKmh, limits::kSpeedMaxKmh, fw);
    const double length = number_or(p, "length_m", geo::length_m(shape), fw);
    if (!(length > 0)) fw.fail(fw.key("length_m") + " must be > 0");
    check_range(length, "length_m", 0, limits::kEdgeLengthMaxM, fw);
    bool bridge = false;
    if (p.contains("bridge") && !p["bridge"].is_null()) {
      if (!p["bridge"].is_boolean()) fw.fail(fw.key("bridge") + " must be true or false");
      bridge = p["bridge"].get<bool>();
    }
    const std::int64_t source = p.contains("id") && p["id"].is_number_integer()
                                    ? p["id"].get<std::int64_t>()
                                    : static_cast<std::int64_t>(i);
    const double weight = number_in_or(p, "weight", 1.0, 0, limits::kWeightMax, fw);
    const NodeId a = node_at(shape.front());
    const NodeId b = node_at(shape.back());
    const EdgeId e = net.add_edge(a, b, shape, length, speed, cls, bridge, source);
    net.edge_weight[e.index()] = weight;
  }
  net.build_adjacency();
}

std::optional<OsmImport> read_osm_roads(const json& doc, const std::filesystem::path& base_dir,
                                        const std::string& source, ScenarioSources* info) {
  if (!doc.contains("roads") || !is_layer_ref(doc["roads"])) return std::nullopt;
  const Where w{source + ": roads"};
  const std::vector<std::string> osm_keys = {"speed_kmh", "keep_largest_component", "population"};
  const LayerRef ref = parse_layer_ref(doc["roads"], "roads", base_dir, w.text, osm_keys);
  if (!is_osm_file(ref.path)) {
    for (const auto& [k, v] : ref.extra.items()) w.fail(k + " applies to OpenStreetMap files only");
    return std::nullopt;
  }
  if (ref.layer || !ref.fields.empty() || !ref.values.empty() || !ref.open_options.empty() ||
      ref.crs) {
    w.fail(
        "layer, fields, values, open_options and crs apply to GIS layers, not to OpenStreetMap "
        "files");
  }
  OsmImportOptions opt;
  if (ref.extra.contains("speed_kmh")) {
    const json& sp = ref.extra["speed_kmh"];
    if (!sp.is_object()) w.fail("speed_kmh must be an object {\"highway value\": km/h}");
    for (const auto& [k, v] : sp.items()) {
      if (!v.is_number() ||
          !(v.get<double>() >= limits::kSpeedMinKmh && v.get<double>() <= limits::kSpeedMaxKmh))
        w.at("speed_kmh").at(k).fail("must be a number between 0.1 and 1000");
      opt.speed_kmh_by_class[k] = v.get<double>();
    }
  }
  if (ref.extra.contains("keep_largest_component")) {
    if (!ref.extra["keep_largest_component"].is_boolean())
      w.fail("keep_largest_component must be true or false");
    opt.keep_largest_component = ref.extra["keep_largest_component"].get<bool>();
  }
  if (ref.extra.contains("population")) {
    const json& pop = ref.extra["population"];
    if (!pop.is_object()) w.fail("population must be an object {\"city\": people, ...}");
    for (const auto& [k, v] : pop.items()) {
      if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= limits::kPopulationMax))
        w.at("population").at(k).fail("must be a number between 0 and 1000000000");
      const auto people = static_cast<std::int64_t>(std::llround(v.get<double>()));
      if (k == "city") {
        opt.default_population_city = people;
      } else if (k == "town") {
        opt.default_population_town = people;
      } else if (k == "village") {
        opt.default_population_village = people;
      } else if (k == "hamlet") {
        opt.default_population_hamlet = people;
      } else {
        w.at("population")
            .fail("unknown place type " + quote_value(k) +
                  " (expected city, town, village, hamlet)");
      }
    }
  }
  OsmImport imp;
  try {
    imp = read_osm(ref.path, opt);
  } catch (const Error& e) {
    throw Error(e.code(), w.text + ": " + e.what());
  }
  if (info) {
    const OsmImportReport& r = imp.report;
    info->roads_from_osm = true;
    char line[512];
    std::snprintf(
        line, sizeof line,
        "roads: %zu edges, %zu nodes, %.0f km from %s (OpenStreetMap); %zu smaller components "
        "dropped (%zu edges, %.1f km)",
        r.edges, r.nodes, r.length_m / 1000, ref.source.c_str(), r.components_dropped,
        r.edges_dropped, r.length_dropped_m / 1000);
    info->notes.emplace_back(line);
    if (!doc.contains("settlements")) {
      std::snprintf(
          line, sizeof line,
          "settlements: %zu OpenStreetMap places (%zu from areas, %zu with a default population)",
          r.settlements, r.settlements_from_areas, r.population_defaulted);
      info->notes.emplace_back(line);
    }
    if (!doc.contains("hubs")) {
      std::snprintf(line, sizeof line, "hubs: %zu OpenStreetMap towns and cities", r.hubs);
      info->notes.emplace_back(line);
    }
  }
  return imp;
}

}  // namespace gw::io::scenario_detail
