#include "io/scenario_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "geo/projection.hpp"
#include "io/gis_layer.hpp"
#include "io/osm_reader.hpp"
#include "model/error.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

// A scenario layer read from a GIS file (src/io/gis_layer.hpp): messages about its features name
// the file, the layer, the feature's FID and the attribute a property was read from.
struct Origin {
  std::string label;                            // "hazards.gpkg: layer 'hazards'"
  std::vector<std::int64_t> fids;               // per feature
  std::map<std::string, std::string> field_of;  // groundwork property -> attribute
};
using Origins = std::map<std::string, Origin>;

// Names the element being read, for error messages: "scenario.json: hazards[17]", or for a layer
// from a file "scenario.json: hazards: hazards.gpkg: layer 'hazards': FID 17".
struct Where {
  std::string text;
  const Origins* origins = nullptr;
  const Origin* origin = nullptr;  // the layer of the feature being read, when from a file
  [[nodiscard]] Where at(const std::string& key) const {
    return {text + ": " + key, origins, origin};
  }
  [[nodiscard]] Where idx(const std::string& layer, std::size_t i) const {
    const Origin* o = nullptr;
    if (origins) {
      auto it = origins->find(layer);
      if (it != origins->end()) o = &it->second;
    }
    return {text + ": " + element(layer, i), origins, o};
  }
  // "hazards[17]", or "hazards: hazards.gpkg: layer 'hazards': FID 17" for a layer from a file.
  [[nodiscard]] std::string element(const std::string& layer, std::size_t i) const {
    if (origins) {
      auto it = origins->find(layer);
      if (it != origins->end() && i < it->second.fids.size()) {
        return layer + ": " + it->second.label + ": FID " + std::to_string(it->second.fids[i]);
      }
    }
    return layer + "[" + std::to_string(i) + "]";
  }
  // A property's name in messages: "area_m2", or "area_m2 (field 'AREA')" when read from a file.
  [[nodiscard]] std::string key(const std::string& k) const {
    if (origin) {
      auto it = origin->field_of.find(k);
      if (it != origin->field_of.end() && it->second != k)
        return k + " (field '" + it->second + "')";
    }
    return k;
  }
  [[nodiscard]] std::string missing(const std::string& k) const {
    std::string m = "missing '" + k + "'";
    if (origin) {
      auto it = origin->field_of.find(k);
      m += it != origin->field_of.end()
               ? " (field '" + it->second + "' is empty)"
               : " (the layer has no attribute '" + k + "'; map one in \"fields\")";
    }
    return m;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, text + ": " + what);
  }
};

const json& member(const json& obj, const char* key, const Where& w) {
  if (!obj.is_object()) w.fail("expected a JSON object");
  auto it = obj.find(key);
  if (it == obj.end()) w.fail(w.missing(key));
  return *it;
}

double number(const json& obj, const char* key, const Where& w) {
  const json& v = member(obj, key, w);
  if (!v.is_number()) w.fail(w.key(key) + " must be a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) w.fail(w.key(key) + " must be finite");
  return d;
}

double number_or(const json& obj, const char* key, double fallback, const Where& w) {
  if (!obj.contains(key) || obj[key].is_null()) return fallback;
  return number(obj, key, w);
}

std::string text(const json& obj, const char* key, const Where& w) {
  const json& v = member(obj, key, w);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  w.fail(w.key(key) + " must be a string");
}

template <typename E, std::size_t N>
E enum_value(const json& obj, const char* key, const std::array<std::string_view, N>& names,
             const Where& w) {
  const std::string s = text(obj, key, w);
  if (auto e = enum_from_name<E>(s, names)) return *e;
  std::string allowed;
  for (auto n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
  w.fail(w.key(key) + ": unknown value '" + s + "' (expected one of: " + allowed + ")");
}

template <typename E, std::size_t N>
E enum_value_or(const json& obj, const char* key, const std::array<std::string_view, N>& names,
                E fallback, const Where& w) {
  if (!obj.contains(key) || obj[key].is_null()) return fallback;
  return enum_value<E>(obj, key, names, w);
}

LonLat position(const json& c, const Where& w) {
  if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) {
    w.fail("a position must be [longitude, latitude]");
  }
  const LonLat p{c[0].get<double>(), c[1].get<double>()};
  if (!(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90)) {
    w.fail("coordinates out of WGS 84 range");
  }
  return p;
}

LineString line_coords(const json& c, const Where& w) {
  if (!c.is_array() || c.size() < 2) w.fail("a LineString needs at least 2 positions");
  LineString l;
  l.reserve(c.size());
  for (const auto& p : c) l.push_back(position(p, w));
  return l;
}

Ring ring_coords(const json& c, const Where& w) {
  if (!c.is_array() || c.size() < 4) w.fail("a polygon ring needs at least 4 positions");
  Ring r;
  r.reserve(c.size());
  for (const auto& p : c) r.push_back(position(p, w));
  if (!(r.front() == r.back())) w.fail("a polygon ring must be closed");
  return r;
}

// The features of a FeatureCollection layer (an absent layer is empty).
// The scenario's layers: inline JSON, or read from GIS files named by layer references
// (docs/scenario.md, "Layers from GIS files"), converted to the same JSON on first use.
class Layers {
 public:
  Layers(const json& doc, std::filesystem::path base_dir, std::string source, ScenarioSources* info)
      : doc_(doc), base_dir_(std::move(base_dir)), source_(std::move(source)), info_(info) {}
  // The layer's JSON (a FeatureCollection, or the crews array); nullptr when the key is absent.
  const json* get(const std::string& key) {
    if (!doc_.contains(key)) return nullptr;
    const json& v = doc_[key];
    if (!is_layer_ref(v)) return &v;
    if (auto it = loaded_.find(key); it != loaded_.end()) return &it->second;
    const std::string where = source_ + ": " + key;
    const LayerRef ref = parse_layer_ref(v, key, base_dir_, where);
    GisLayer g = read_gis_layer(ref, key, where);
    if (info_) info_->layers.push_back({key, g.label, g.crs, g.fids.size()});
    origins_[key] = {g.label, std::move(g.fids), std::move(g.field_of)};
    json j = key == "crews"
                 ? std::move(g.features)
                 : json{{"type", "FeatureCollection"}, {"features", std::move(g.features)}};
    return &(loaded_[key] = std::move(j));
  }
  [[nodiscard]] const Origins& origins() const { return origins_; }

 private:
  const json& doc_;
  std::filesystem::path base_dir_;
  std::string source_;
  ScenarioSources* info_;
  std::map<std::string, json> loaded_;
  Origins origins_;
};

// The features of a FeatureCollection layer (an absent layer is empty).
const json kEmptyArray = json::array();

const json& features(Layers& layers, const char* layer, const Where& w, bool required) {
  const json* fc = layers.get(layer);
  if (!fc) {
    if (required) w.fail(std::string("missing layer '") + layer + "'");
    return kEmptyArray;
  }
  const Where lw = w.at(layer);
  if (!fc->is_object() || fc->value("type", "") != "FeatureCollection") {
    lw.fail("must be a GeoJSON FeatureCollection or a layer reference {\"source\": ...}");
  }
  const json& f = member(*fc, "features", lw);
  if (!f.is_array()) lw.fail("features must be an array");
  return f;
}

const json& geometry(const json& feature, const char* type, const Where& w) {
  const json& g = member(feature, "geometry", w);
  if (!g.is_object()) w.fail("geometry must be an object");
  const std::string t = g.value("type", "");
  if (t != type) w.fail(std::string("geometry must be a ") + type + ", not '" + t + "'");
  return member(g, "coordinates", w);
}

const json& properties(const json& feature, const Where& w) {
  const json& p = member(feature, "properties", w);
  if (!p.is_object()) w.fail("properties must be an object");
  return p;
}

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
    const double speed = number(p, "speed_kmh", fw);
    if (speed <= 0) fw.fail(fw.key("speed_kmh") + " must be > 0");
    const double length = number_or(p, "length_m", geo::length_m(shape), fw);
    if (!(length > 0)) fw.fail(fw.key("length_m") + " must be > 0");
    bool bridge = false;
    if (p.contains("bridge") && !p["bridge"].is_null()) {
      if (!p["bridge"].is_boolean()) fw.fail(fw.key("bridge") + " must be true or false");
      bridge = p["bridge"].get<bool>();
    }
    const std::int64_t source = p.contains("id") && p["id"].is_number_integer()
                                    ? p["id"].get<std::int64_t>()
                                    : static_cast<std::int64_t>(i);
    const double weight = number_or(p, "weight", 1.0, fw);
    if (!(weight >= 0)) fw.fail(fw.key("weight") + " must be >= 0");
    const NodeId a = node_at(shape.front());
    const NodeId b = node_at(shape.back());
    const EdgeId e = net.add_edge(a, b, shape, length, speed, cls, bridge, source);
    net.edge_weight[e.index()] = weight;
  }
  net.build_adjacency();
}

std::vector<std::string> string_list(const json& p, const char* key, const Where& w) {
  std::vector<std::string> out;
  if (!p.contains(key) || p[key].is_null()) return out;
  if (!p[key].is_array()) w.fail(w.key(key) + " must be an array of ids");
  for (const auto& v : p[key]) {
    if (!v.is_string()) w.fail(w.key(key) + " must be an array of ids");
    out.push_back(v.get<std::string>());
  }
  return out;
}

// The quantity property of each asset kind, with its unit in the name.
constexpr std::array<const char*, kAssetKindCount> kQuantityKey = {
    "pavement_m2", "span_m", "length_m", "length_m", "floor_m2"};
constexpr std::array<Trade, kAssetKindCount> kDefaultTrade = {
    Trade::kRoad, Trade::kBridge, Trade::kComms, Trade::kPower, Trade::kGeneral};

Asset read_asset(const json& f, const Where& w) {
  Asset a;
  const json& p = properties(f, w);
  a.id = text(p, "id", w);
  a.kind = enum_value<AssetKind>(p, "kind", kAssetKindNames, w);
  const bool is_line = a.kind == AssetKind::kCommsLine || a.kind == AssetKind::kPowerLine;
  if (is_line) {
    a.geometry = line_coords(geometry(f, "LineString", w), w);
    a.service = a.kind == AssetKind::kCommsLine ? Service::kComms : Service::kPower;
  } else {
    a.geometry = {position(geometry(f, "Point", w), w)};
  }
  if (a.kind == AssetKind::kPublicBuilding) {
    const std::string b = text(p, "building", w);
    if (b == "school") {
      a.service = Service::kSchool;
    } else if (b == "clinic") {
      a.service = Service::kClinic;
    } else {
      w.fail(w.key("building") + ": unknown value '" + b + "' (expected one of: school, clinic)");
    }
  }
  const char* qkey = kQuantityKey[static_cast<std::size_t>(a.kind)];
  a.quantity = is_line ? number_or(p, qkey, geo::length_m(a.geometry), w) : number(p, qkey, w);
  if (!(a.quantity > 0)) w.fail(w.key(qkey) + " must be > 0");
  a.trade = enum_value_or<Trade>(p, "trade", kTradeNames,
                                 kDefaultTrade[static_cast<std::size_t>(a.kind)], w);
  a.serves = string_list(p, "serves", w);
  if (p.contains("depends_on") && !p["depends_on"].is_null())
    a.depends_on = text(p, "depends_on", w);
  return a;
}

// Hubs at settlements named by id or by (unique) name: {"places": ["Vaduz", "S0004"], "kind": ...}.
// Each hub takes its settlement's id, name and position.
std::vector<Hub> hubs_at_places(const json& spec, const std::vector<Settlement>& settlements,
                                const Where& w) {
  for (const auto& [k, v] : spec.items()) {
    if (k != "places" && k != "kind" && k != "comment")
      w.fail("unknown key '" + k + "' (expected places, kind)");
  }
  const json& places = spec["places"];
  if (!places.is_array() || places.empty())
    w.fail("places must be a non-empty array of settlement ids or names");
  const HubKind kind =
      enum_value_or<HubKind>(spec, "kind", kHubKindNames, HubKind::kDistrictCentre, w);
  std::vector<Hub> hubs;
  for (const auto& p : places) {
    if (!p.is_string()) w.fail("places must be a non-empty array of settlement ids or names");
    const std::string want = p.get<std::string>();
    const Settlement* found = nullptr;
    for (const auto& st : settlements) {
      if (st.id == want) found = &st;
    }
    if (!found) {
      for (const auto& st : settlements) {
        if (st.name != want) continue;
        if (found)
          w.fail("places: several settlements are named '" + want + "'; give the id ('" +
                 found->id + "' or '" + st.id + "')");
        found = &st;
      }
    }
    if (!found) w.fail("places: no settlement has the id or name '" + want + "'");
    hubs.push_back({found->id, found->name, kind, found->pos, {}, 0});
  }
  return hubs;
}

// Roads (and, unless the scenario gives its own, settlements and hubs) from an OpenStreetMap
// file named by the roads layer reference; nothing when the roads are not such a reference.
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
      if (!v.is_number() || !(v.get<double>() > 0))
        w.at("speed_kmh").at(k).fail("must be a number > 0");
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
      if (!v.is_number() || v.get<double>() < 0)
        w.at("population").at(k).fail("must be a number >= 0");
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
            .fail("unknown place type '" + k + "' (expected city, town, village, hamlet)");
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

template <typename F>
void set_table(const json& j, const char* key, const Where& w, F&& apply_one) {
  if (!j.contains(key)) return;
  const Where tw = w.at(key);
  if (!j[key].is_object()) tw.fail("must be an object keyed by trade");
  for (const auto& [trade_name, row] : j[key].items()) {
    const auto trade = enum_from_name<Trade>(trade_name, kTradeNames);
    if (!trade) tw.fail("unknown trade '" + trade_name + "'");
    if (!row.is_object()) tw.at(trade_name).fail("must be an object");
    for (const auto& item : row.items()) {
      const json& v = item.value();
      const std::string col = item.key();
      if (!v.is_number() || v.template get<double>() < 0) {
        tw.at(trade_name).at(col).fail("must be a number >= 0");
      }
      apply_one(*trade, col, v.template get<double>(), tw.at(trade_name));
    }
  }
}

// `parameters.objective` (docs/scenario.md, "Objective"): the kind and the weights of the mix.
void apply_objective(const json& j, Objective& o, const Where& w) {
  if (!j.is_object()) w.fail("must be an object");
  for (const auto& [k, v] : j.items()) {
    if (k != "kind" && k != "weights" && k != "comment")
      w.fail("unknown key '" + k + "' (expected kind, weights)");
  }
  if (j.contains("kind")) o.kind = enum_value<ObjectiveKind>(j, "kind", kObjectiveKindNames, w);
  if (!j.contains("weights")) return;
  const Where ww = w.at("weights");
  const json& wj = j["weights"];
  if (!wj.is_object()) ww.fail("must be an object");
  auto non_negative = [](const json& obj, const char* key, const Where& at) {
    const double v = number(obj, key, at);
    if (!(v >= 0)) at.fail(std::string(key) + " must be >= 0");
    return v;
  };
  // A table keyed by enum names: only the entries given change.
  auto table = [&](const char* key, const auto& names, auto& cells, auto skip) {
    if (!wj.contains(key)) return;
    const Where tw = ww.at(key);
    if (!wj[key].is_object()) tw.fail("must be an object");
    for (const auto& [name_key, v] : wj[key].items()) {
      std::optional<std::size_t> idx;
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name_key && !skip(i)) idx = i;
      }
      if (!idx) {
        std::string allowed;
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (!skip(i)) allowed += (allowed.empty() ? "" : ", ") + std::string(names[i]);
        }
        tw.fail("unknown key '" + name_key + "' (expected one of: " + allowed + ")");
      }
      cells[*idx] = non_negative(wj[key], name_key.c_str(), tw);
    }
  };
  for (const auto& [k, v] : wj.items()) {
    if (k != "access_people_day" && k != "land_hectare_day" && k != "service_people_day" &&
        k != "road_km_day" && k != "comment") {
      ww.fail("unknown key '" + k +
              "' (expected access_people_day, land_hectare_day, service_people_day, road_km_day)");
    }
  }
  ObjectiveWeights& x = o.weights;
  if (wj.contains("access_people_day"))
    x.access_people_day = non_negative(wj, "access_people_day", ww);
  if (wj.contains("road_km_day")) x.road_km_day = non_negative(wj, "road_km_day", ww);
  table("land_hectare_day", kLandUseNames, x.land_hectare_day, [](std::size_t) { return false; });
  table("service_people_day", kServiceNames, x.service_people_day,
        [](std::size_t i) { return static_cast<Service>(i) == Service::kNone; });
}

}  // namespace

json objective_to_json(const Objective& o) {
  json land = json::object();
  for (std::size_t k = 0; k < kLandUseCount; ++k)
    land[std::string(kLandUseNames[k])] = o.weights.land_hectare_day[k];
  json services = json::object();
  for (const Service sv : kRestorableServices)
    services[std::string(name(sv))] = o.weights.service_people_day[static_cast<std::size_t>(sv)];
  return json{{"kind", std::string(name(o.kind))},
              {"weights",
               {{"access_people_day", o.weights.access_people_day},
                {"land_hectare_day", land},
                {"service_people_day", services},
                {"road_km_day", o.weights.road_km_day}}}};
}

json parameters_to_json(const Parameters& p) {
  json j;
  j["seed"] = p.seed;
  j["start_date"] = p.start_date;
  j["horizon_days"] = p.horizon_days;
  j["working_days_per_week"] = p.working_days_per_week;
  j["corridor_width_m"] = p.corridor_width_m;
  j["work_package_m2"] = p.work_package_m2;
  j["nts_cancel_share"] = p.nts_cancel_share;
  j["snap_warning_m"] = p.snap_warning_m;
  j["max_snap_m"] = p.max_snap_m;
  json rates = json::object();
  json repair = json::object();
  json terrain = json::object();
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    const std::string tn(kTradeNames[t]);
    // Every cell is written, zeros included, so that a file read back plans exactly the same.
    for (std::size_t k = 0; k < kTaskKindCount; ++k) {
      if (static_cast<TaskKind>(k) != TaskKind::kRepair)
        rates[tn][std::string(kTaskKindNames[k])] = p.rate[t][k];
    }
    for (std::size_t k = 0; k < kAssetKindCount; ++k) {
      repair[tn][std::string(kAssetKindNames[k])] = p.repair_rate[t][k];
    }
    if (is_demining(static_cast<Trade>(t))) {
      for (std::size_t k = 0; k < kTerrainCount; ++k) {
        terrain[tn][std::string(kTerrainNames[k])] = p.terrain_factor[t][k];
      }
    }
  }
  j["rates_m2_per_person_day"] = rates;
  j["repair_rates_per_person_day"] = repair;
  j["terrain_factors"] = terrain;
  json mech = json::array();
  for (std::size_t k = 0; k < kTerrainCount; ++k) {
    if (p.mechanical_terrain[k]) mech.push_back(std::string(kTerrainNames[k]));
  }
  j["mechanical_terrains"] = mech;
  j["objective"] = objective_to_json(p.objective);
  return j;
}

void apply_parameters(const json& j, Parameters& p, const std::string& where) {
  const Where w{where};
  if (!j.is_object()) w.fail("must be an object");
  static const std::array<std::string_view, 15> kKnown = {"seed",
                                                          "start_date",
                                                          "horizon_days",
                                                          "working_days_per_week",
                                                          "corridor_width_m",
                                                          "work_package_m2",
                                                          "nts_cancel_share",
                                                          "snap_warning_m",
                                                          "max_snap_m",
                                                          "rates_m2_per_person_day",
                                                          "repair_rates_per_person_day",
                                                          "terrain_factors",
                                                          "mechanical_terrains",
                                                          "objective",
                                                          "comment"};
  for (const auto& [k, v] : j.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), k) == kKnown.end())
      w.fail("unknown parameter '" + k + "'");
  }
  auto positive = [&](const char* key, double& field) {
    if (!j.contains(key)) return;
    field = number(j, key, w);
    if (!(field > 0)) w.fail(std::string(key) + " must be > 0");
  };
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned() && !j["seed"].is_number_integer())
      w.fail("seed must be an integer");
    p.seed = j["seed"].get<std::uint64_t>();
  }
  if (j.contains("start_date")) {
    p.start_date = text(j, "start_date", w);
    int y = 0, m = 0, d = 0;
    char extra = 0;
    if (std::sscanf(p.start_date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31) {
      w.fail("start_date must be an ISO date YYYY-MM-DD");
    }
  }
  if (j.contains("horizon_days")) {
    const double h = number(j, "horizon_days", w);
    if (!(h >= 1 && h <= 36500)) w.fail("horizon_days must be between 1 and 36500");
    p.horizon_days = static_cast<int>(h);
  }
  if (j.contains("working_days_per_week")) {
    const double d = number(j, "working_days_per_week", w);
    if (!(d >= 1 && d <= 7)) w.fail("working_days_per_week must be between 1 and 7");
    p.working_days_per_week = static_cast<int>(d);
  }
  positive("corridor_width_m", p.corridor_width_m);
  positive("work_package_m2", p.work_package_m2);
  positive("snap_warning_m", p.snap_warning_m);
  positive("max_snap_m", p.max_snap_m);
  if (j.contains("nts_cancel_share")) {
    p.nts_cancel_share = number(j, "nts_cancel_share", w);
    if (!(p.nts_cancel_share >= 0 && p.nts_cancel_share <= 1))
      w.fail("nts_cancel_share must be in [0, 1]");
  }
  set_table(j, "rates_m2_per_person_day", w,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<TaskKind>(col, kTaskKindNames);
              if (!k || *k == TaskKind::kRepair) cw.fail("unknown task kind '" + col + "'");
              p.rate[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  set_table(j, "repair_rates_per_person_day", w,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<AssetKind>(col, kAssetKindNames);
              if (!k) cw.fail("unknown asset kind '" + col + "'");
              p.repair_rate[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  set_table(j, "terrain_factors", w,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<Terrain>(col, kTerrainNames);
              if (!k) cw.fail("unknown terrain '" + col + "'");
              p.terrain_factor[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  if (j.contains("mechanical_terrains")) {
    const Where mw = w.at("mechanical_terrains");
    if (!j["mechanical_terrains"].is_array()) mw.fail("must be an array of terrains");
    p.mechanical_terrain.fill(false);
    for (const auto& v : j["mechanical_terrains"]) {
      const auto k = v.is_string() ? enum_from_name<Terrain>(v.get<std::string>(), kTerrainNames)
                                   : std::nullopt;
      if (!k) mw.fail("unknown terrain " + v.dump());
      p.mechanical_terrain[static_cast<std::size_t>(*k)] = true;
    }
  }
  if (j.contains("objective")) apply_objective(j["objective"], p.objective, w.at("objective"));
}

Scenario scenario_from_json(const json& doc, const std::string& source,
                            const std::filesystem::path& base_dir, ScenarioSources* sources) {
  if (!doc.is_object())
    throw Error(ErrorCode::kInvalidInput, source + ": a scenario must be a JSON object");
  Layers layers(doc, base_dir, source, sources);
  const Where w{source, &layers.origins()};
  Scenario s;
  if (doc.contains("parameters"))
    apply_parameters(doc["parameters"], s.params, source + ": parameters");
  if (doc.contains("name") && doc["name"].is_string()) s.name = doc["name"].get<std::string>();
  std::optional<OsmImport> osm = read_osm_roads(doc, base_dir, source, sources);
  if (osm) {
    s.roads = std::move(osm->roads);
  } else {
    read_roads(layers, w, s.roads);
  }

  // Settlements and hubs the scenario leaves out come from the OpenStreetMap file's places.
  if (osm && !doc.contains("settlements")) s.settlements = std::move(osm->settlements);
  if (osm && !doc.contains("hubs")) s.hubs = std::move(osm->hubs);
  const json& sf =
      osm && !doc.contains("settlements") ? kEmptyArray : features(layers, "settlements", w, true);
  for (std::size_t i = 0; i < sf.size(); ++i) {
    const Where fw = w.idx("settlements", i);
    Settlement st;
    st.pos = position(geometry(sf[i], "Point", fw), fw);
    const json& p = properties(sf[i], fw);
    st.id = text(p, "id", fw);
    st.name = p.contains("name") ? text(p, "name", fw) : st.id;
    const double pop = number(p, "population", fw);
    if (pop < 0) fw.fail(fw.key("population") + " must be >= 0");
    st.population = static_cast<std::int64_t>(std::llround(pop));
    st.weight = number_or(p, "weight", 1.0, fw);
    if (st.weight < 0) fw.fail(fw.key("weight") + " must be >= 0");
    s.settlements.push_back(std::move(st));
  }
  if (doc.contains("hubs") && doc["hubs"].is_object() && doc["hubs"].contains("places")) {
    s.hubs = hubs_at_places(doc["hubs"], s.settlements, w.at("hubs"));
  }
  const json& hf = s.hubs.empty() && !(osm && !doc.contains("hubs"))
                       ? features(layers, "hubs", w, true)
                       : kEmptyArray;
  if (hf.empty() && s.hubs.empty()) w.at("hubs").fail("at least one hub is needed");
  for (std::size_t i = 0; i < hf.size(); ++i) {
    const Where fw = w.idx("hubs", i);
    Hub h;
    h.pos = position(geometry(hf[i], "Point", fw), fw);
    const json& p = properties(hf[i], fw);
    h.id = text(p, "id", fw);
    h.name = p.contains("name") ? text(p, "name", fw) : h.id;
    h.kind = enum_value_or<HubKind>(p, "kind", kHubKindNames, HubKind::kDistrictCentre, fw);
    s.hubs.push_back(std::move(h));
  }
  const json& zf = features(layers, "hazards", w, false);
  for (std::size_t i = 0; i < zf.size(); ++i) {
    const Where fw = w.idx("hazards", i);
    Hazard z;
    const json& c = geometry(zf[i], "Polygon", fw);
    if (!c.is_array() || c.empty()) fw.fail("a Polygon needs an outer ring");
    z.polygon.outer = ring_coords(c[0], fw);
    for (std::size_t r = 1; r < c.size(); ++r) z.polygon.holes.push_back(ring_coords(c[r], fw));
    const json& p = properties(zf[i], fw);
    z.id = text(p, "id", fw);
    z.area_m2 = number_or(p, "area_m2", geo::area_m2(z.polygon), fw);
    if (!(z.area_m2 > 0)) fw.fail(fw.key("area_m2") + " must be > 0");
    z.status = enum_value<HazardStatus>(p, "status", kHazardStatusNames, fw);
    z.contamination = enum_value<Contamination>(p, "contamination", kContaminationNames, fw);
    z.terrain = enum_value<Terrain>(p, "terrain", kTerrainNames, fw);
    z.land_use = enum_value_or<LandUse>(p, "land_use", kLandUseNames, LandUse::kOther, fw);
    s.hazards.push_back(std::move(z));
  }
  const json& df = features(layers, "damage", w, false);
  for (std::size_t i = 0; i < df.size(); ++i)
    s.assets.push_back(read_asset(df[i], w.idx("damage", i)));

  const json* crews = layers.get("crews");
  const json& cr = crews ? *crews : kEmptyArray;
  if (!cr.is_array()) w.at("crews").fail("must be an array or a layer reference {\"source\": ...}");
  for (std::size_t i = 0; i < cr.size(); ++i) {
    const Where cw = w.idx("crews", i);
    Crew c;
    c.id = text(cr[i], "id", cw);
    c.trade = enum_value<Trade>(cr[i], "trade", kTradeNames, cw);
    const double people = number(cr[i], "people", cw);
    if (!(people >= 1) || people != std::floor(people))
      cw.fail(cw.key("people") + " must be a whole number >= 1");
    c.people = static_cast<int>(people);
    c.base = text(cr[i], "base", cw);
    c.productivity_factor = number_or(cr[i], "productivity_factor", 1.0, cw);
    if (!(c.productivity_factor > 0)) cw.fail(cw.key("productivity_factor") + " must be > 0");
    s.crews.push_back(std::move(c));
  }

  // Ids are unique within each layer; references resolve.
  auto unique = [&](const auto& items, const char* layer) {
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto [it, fresh] = seen.emplace(items[i].id, i);
      if (!fresh) {
        w.idx(layer, i).fail("duplicate id '" + items[i].id + "' (also " +
                             w.element(layer, it->second) + ")");
      }
    }
    return seen;
  };
  const auto settlement_ids = unique(s.settlements, "settlements");
  const auto hub_ids = unique(s.hubs, "hubs");
  unique(s.hazards, "hazards");
  const auto asset_ids = unique(s.assets, "damage");
  unique(s.crews, "crews");
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    for (const auto& sid : s.assets[i].serves) {
      if (!settlement_ids.contains(sid)) {
        const Where dw = w.idx("damage", i);
        dw.fail(dw.key("serves") + ": unknown settlement '" + sid + "'");
      }
    }
    if (s.assets[i].depends_on && !asset_ids.contains(*s.assets[i].depends_on)) {
      const Where dw = w.idx("damage", i);
      dw.fail(dw.key("depends_on") + ": unknown asset '" + *s.assets[i].depends_on + "'");
    }
  }
  for (std::size_t i = 0; i < s.crews.size(); ++i) {
    if (!settlement_ids.contains(s.crews[i].base) && !hub_ids.contains(s.crews[i].base)) {
      const Where cw = w.idx("crews", i);
      cw.fail(cw.key("base") + ": unknown settlement or hub '" + s.crews[i].base + "'");
    }
  }
  return s;
}

Scenario read_scenario(const std::filesystem::path& path, ScenarioSources* sources) {
  const std::string name = path.filename().string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path.string() + ": cannot open file");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::kParse, name + ": malformed JSON: " + e.what());
  }
  return scenario_from_json(doc, name, path.parent_path(), sources);
}

namespace {
double round7(double v) { return std::round(v * 1e7) / 1e7; }
json pos_json(LonLat p) { return json::array({round7(p.lon), round7(p.lat)}); }
json line_json(const LineString& l) {
  json a = json::array();
  for (const auto& p : l) a.push_back(pos_json(p));
  return a;
}
json feature(json geom, json props) {
  return json{{"type", "Feature"}, {"geometry", std::move(geom)}, {"properties", std::move(props)}};
}
json collection(json feats) {
  return json{{"type", "FeatureCollection"}, {"features", std::move(feats)}};
}
}  // namespace

json scenario_to_json(const Scenario& s) {
  json doc;
  doc["groundwork_scenario"] = 1;
  doc["name"] = s.name;
  doc["parameters"] = parameters_to_json(s.params);
  const RoadNetwork& r = s.roads;
  json roads = json::array();
  for (std::size_t e = 0; e < r.num_edges(); ++e) {
    LineString shape(r.edge_shape.begin() + r.edge_shape_offset[e],
                     r.edge_shape.begin() + r.edge_shape_offset[e + 1]);
    json props{{"id", r.edge_source_id[e]},
               {"class", std::string(name(r.edge_class[e]))},
               {"speed_kmh", r.edge_speed_kmh[e]},
               {"length_m", std::round(r.edge_length_m[e] * 10) / 10}};
    if (r.edge_bridge[e]) props["bridge"] = true;
    if (r.edge_weight[e] != 1.0) props["weight"] = r.edge_weight[e];
    roads.push_back(feature({{"type", "LineString"}, {"coordinates", line_json(shape)}}, props));
  }
  doc["roads"] = collection(std::move(roads));
  json st = json::array();
  for (const auto& x : s.settlements) {
    st.push_back(feature(
        {{"type", "Point"}, {"coordinates", pos_json(x.pos)}},
        {{"id", x.id}, {"name", x.name}, {"population", x.population}, {"weight", x.weight}}));
  }
  doc["settlements"] = collection(std::move(st));
  json hubs = json::array();
  for (const auto& h : s.hubs) {
    hubs.push_back(feature({{"type", "Point"}, {"coordinates", pos_json(h.pos)}},
                           {{"id", h.id}, {"name", h.name}, {"kind", std::string(name(h.kind))}}));
  }
  doc["hubs"] = collection(std::move(hubs));
  json hz = json::array();
  for (const auto& z : s.hazards) {
    json rings = json::array({line_json(z.polygon.outer)});
    for (const auto& h : z.polygon.holes) rings.push_back(line_json(h));
    hz.push_back(feature({{"type", "Polygon"}, {"coordinates", rings}},
                         {{"id", z.id},
                          {"area_m2", std::round(z.area_m2 * 10) / 10},
                          {"status", std::string(name(z.status))},
                          {"contamination", std::string(name(z.contamination))},
                          {"terrain", std::string(name(z.terrain))},
                          {"land_use", std::string(name(z.land_use))}}));
  }
  doc["hazards"] = collection(std::move(hz));
  json dm = json::array();
  for (const auto& a : s.assets) {
    const bool is_line = a.kind == AssetKind::kCommsLine || a.kind == AssetKind::kPowerLine;
    json geom = is_line ? json{{"type", "LineString"}, {"coordinates", line_json(a.geometry)}}
                        : json{{"type", "Point"}, {"coordinates", pos_json(a.geometry.front())}};
    json props{
        {"id", a.id}, {"kind", std::string(name(a.kind))}, {"trade", std::string(name(a.trade))}};
    props[kQuantityKey[static_cast<std::size_t>(a.kind)]] = std::round(a.quantity * 10) / 10;
    if (a.kind == AssetKind::kPublicBuilding) props["building"] = std::string(name(a.service));
    if (!a.serves.empty()) props["serves"] = a.serves;
    if (a.depends_on) props["depends_on"] = *a.depends_on;
    dm.push_back(feature(std::move(geom), std::move(props)));
  }
  doc["damage"] = collection(std::move(dm));
  doc["crews"] = crews_to_json(s.crews);
  return doc;
}

json crews_to_json(const std::vector<Crew>& crews) {
  json out = json::array();
  for (const auto& c : crews) {
    json j{{"id", c.id},
           {"trade", std::string(name(c.trade))},
           {"people", c.people},
           {"base", c.base}};
    if (c.productivity_factor != 1.0) j["productivity_factor"] = c.productivity_factor;
    out.push_back(std::move(j));
  }
  return out;
}

void write_file_atomic(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::kIo, path.string() + ": cannot write file");
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw Error(ErrorCode::kIo, path.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(ErrorCode::kIo, path.string() + ": cannot rename temporary file");
  }
}

void write_scenario(const std::filesystem::path& path, const Scenario& s) {
  write_file_atomic(path, scenario_to_json(s).dump());
}

}  // namespace gw::io
