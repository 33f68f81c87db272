// The scenario reader and writer (docs/scenario.md). The JSON accessors and the layer resolver
// are in scenario_json_access.cpp, the road network in scenario_roads.cpp, the parameters and
// the objective in scenario_parameters.cpp.
#include "io/scenario_json.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "geo/projection.hpp"
#include "io/asset_kinds_internal.hpp"
#include "io/file_util.hpp"
#include "io/gdal_util.hpp"
#include "io/input_file.hpp"
#include "io/scenario_json_internal.hpp"
#include "model/error.hpp"

namespace gw::io {

using namespace scenario_detail;

namespace {

// An error message from nlohmann, cut to a sane length (it may quote a whole bad token).
std::string cut_message(const std::string& m) { return cut_text(m, 200); }

Scenario read_document(const json& doc, const std::string& source,
                       const std::filesystem::path& base_dir, ScenarioSources* sources);

// `depends_on`: one asset id, or an array of them (docs/scenario.md, "damage").
std::vector<std::string> depends_on_list(const json& p, const Where& w) {
  std::vector<std::string> out;
  if (!p.contains("depends_on") || p["depends_on"].is_null()) return out;
  const json& v = p["depends_on"];
  if (!v.is_array()) {
    out.push_back(text(p, "depends_on", w));
  } else {
    for (const auto& e : v) {
      if (e.is_string()) {
        out.push_back(e.get<std::string>());
      } else if (e.is_number_integer()) {
        out.push_back(e.is_number_unsigned() ? std::to_string(e.get<std::uint64_t>())
                                             : std::to_string(e.get<std::int64_t>()));
      } else {
        w.fail(w.key("depends_on") + " must be an asset id or an array of asset ids");
      }
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (out[i] == out[j])
        w.fail(w.key("depends_on") + ": " + quote_value(out[i]) + " listed twice");
    }
  }
  return out;
}

Asset read_asset(const json& f, const Where& w, const std::string& start_date) {
  Asset a;
  const json& p = properties(f, w);
  a.id = text(p, "id", w);
  a.kind = enum_value<AssetKind>(p, "kind", kAssetKindNames, w);
  const kinds::AssetKindInfo& k = kinds::info(a.kind);
  if (k.line) {
    a.geometry = line_coords(geometry(f, "LineString", w), w);
  } else {
    a.geometry = {position(geometry(f, "Point", w), w)};
  }
  a.service = k.service;
  if (a.kind == AssetKind::kPublicBuilding) {
    const std::string b = text(p, "building", w);
    const auto it = std::find_if(kinds::kBuildings.begin(), kinds::kBuildings.end(),
                                 [&](const kinds::BuildingInfo& x) { return x.name == b; });
    if (it == kinds::kBuildings.end()) {
      w.fail(w.key("building") + ": unknown value " + quote_value(b) +
             " (expected one of: school, clinic, administration)");
    }
    a.service = it->service;
  }
  const std::string qkey(k.quantity_key);
  a.quantity = k.line ? number_or(p, qkey.c_str(), geo::length_m(a.geometry), w)
                      : number(p, qkey.c_str(), w);
  if (!(a.quantity > 0)) w.fail(w.key(qkey) + " must be > 0");
  check_range(a.quantity, qkey.c_str(), 0, limits::kQuantityMax, w);
  a.trade = enum_value_or<Trade>(p, "trade", kTradeNames, k.trade, w);
  a.serves = string_list(p, "serves", w);
  a.depends_on = depends_on_list(p, w.named(a.id));
  if (p.contains("due_date") && !p["due_date"].is_null()) {
    const Where nw = w.named(a.id);
    const std::string due = text(p, "due_date", nw);
    const auto day = parse_iso_date(due);
    if (!day)
      nw.fail(nw.key("due_date") + " must be a calendar date YYYY-MM-DD, not " + quote_value(due));
    const auto start = parse_iso_date(start_date);
    if (start && *day < *start) {
      nw.fail(nw.key("due_date") + " " + quote_value(due) + " is before start_date " +
              quote_value(start_date));
    }
    a.due_date = due;
  }
  a.work_factor =
      number_in_or(p, "work_factor", 1.0, limits::kWorkFactorMin, limits::kWorkFactorMax, w);
  return a;
}

// A settlement's people displaced and dwellings (docs/scenario.md, "settlements"). `w` names the
// settlement with its id.
void read_return_fields(const json& p, const Where& w, double household_size, Settlement& st) {
  const auto pop = static_cast<double>(st.population);
  if (p.contains("displaced") && !p["displaced"].is_null()) {
    const double d = number(p, "displaced", w);
    if (!(d >= 0 && d <= pop)) {
      w.fail(w.key("displaced") + " must be between 0 and the population (" + range_text(pop) +
             "), not " + range_text(d));
    }
    st.displaced = std::llround(d);
  }
  // The default: one dwelling per household, the last one partly filled.
  const double dwellings_default = std::ceil(pop / household_size - 1e-9);
  st.dwellings =
      static_cast<std::int64_t>(p.contains("dwellings") && !p["dwellings"].is_null()
                                    ? whole_in(p, "dwellings", 0, limits::kDwellingsMax, w)
                                    : std::max(0.0, dwellings_default));
  static constexpr std::array<const char*, kDamageClassCount> kKeys = {
      "dwellings_light", "dwellings_heavy", "dwellings_destroyed"};
  std::int64_t damaged = 0;
  for (std::size_t c = 0; c < kDamageClassCount; ++c) {
    if (!p.contains(kKeys[c]) || p[kKeys[c]].is_null()) continue;
    st.damaged_dwellings[c] =
        static_cast<std::int64_t>(whole_in(p, kKeys[c], 0, limits::kDwellingsMax, w));
    damaged += st.damaged_dwellings[c];
  }
  if (damaged > st.dwellings) {
    w.fail("dwellings_light + dwellings_heavy + dwellings_destroyed (" + std::to_string(damaged) +
           ") must be at most dwellings (" + std::to_string(st.dwellings) + ")");
  }
  st.heating = enum_value_or<Heating>(p, "heating", kHeatingNames, Heating::kNetwork, w);
  st.housing_work_factor = number_in_or(p, "housing_work_factor", 1.0, limits::kWorkFactorMin,
                                        limits::kWorkFactorMax, w);
}

// depends_on forms no cycle: an error names the assets of the first loop found, from the one
// listed first.
void check_no_dependency_cycle(const std::vector<Asset>& assets,
                               const std::unordered_map<std::string, std::size_t>& ids,
                               const Where& w) {
  const std::size_t n = assets.size();
  std::vector<std::uint8_t> state(n, 0);                   // 0 new, 1 on the path, 2 done
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // (asset, next dependency)
  std::vector<std::size_t> path;
  for (std::size_t root = 0; root < n; ++root) {
    if (state[root] != 0) continue;
    stack.emplace_back(root, 0);
    state[root] = 1;
    path.push_back(root);
    while (!stack.empty()) {
      auto& [a, next] = stack.back();
      if (next == assets[a].depends_on.size()) {
        state[a] = 2;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      const std::size_t b = ids.at(assets[a].depends_on[next++]);
      if (state[b] == 1) {
        // The loop is the path from b to a, then b again; name it from its first listed asset.
        std::vector<std::size_t> loop(std::find(path.begin(), path.end(), b), path.end());
        std::rotate(loop.begin(), std::min_element(loop.begin(), loop.end()), loop.end());
        std::string text;
        for (std::size_t x : loop) text += quote_value(assets[x].id) + " -> ";
        text += quote_value(assets[loop.front()].id);
        const Where dw = w.idx("damage", loop.front()).named(assets[loop.front()].id);
        dw.fail(dw.key("depends_on") + " forms a cycle: " + text);
      }
      if (state[b] == 0) {
        state[b] = 1;
        path.push_back(b);
        stack.emplace_back(b, 0);
      }
    }
  }
}

bool objective_kind_given(const json& doc) {
  if (!doc.contains("parameters") || !doc["parameters"].is_object()) return false;
  const json& p = doc["parameters"];
  return p.contains("objective") && p["objective"].is_object() && p["objective"].contains("kind");
}

// Hubs at settlements named by id or by (unique) name: {"places": ["Vaduz", "S0004"], "kind": ...}.
// Each hub takes its settlement's id, name and position.
std::vector<Hub> hubs_at_places(const json& spec, const std::vector<Settlement>& settlements,
                                const Where& w) {
  for (const auto& [k, v] : spec.items()) {
    if (k != "places" && k != "kind" && k != "comment")
      w.fail("unknown key " + quote_value(k) + " (expected places, kind)");
  }
  if (!spec.contains("places")) w.fail("missing 'places'");
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
          w.fail("places: several settlements are named " + quote_value(want) + "; give the id ('" +
                 found->id + "' or " + quote_value(st.id) + ")");
        found = &st;
      }
    }
    if (!found) w.fail("places: no settlement has the id or name " + quote_value(want));
    hubs.push_back({found->id, found->name, kind, found->pos, {}, 0});
  }
  return hubs;
}

}  // namespace

Scenario scenario_from_json(const json& doc, const std::string& source,
                            const std::filesystem::path& base_dir, ScenarioSources* sources) {
  try {
    return read_document(doc, source, base_dir, sources);
  } catch (const json::exception& e) {
    // A safety net: every accessor checks types first, so this means a check is missing; the
    // file is still named and the status is still "invalid input", not "internal error".
    throw Error(ErrorCode::kInvalidInput,
                source + ": a value of the wrong JSON type: " + cut_message(e.what()));
  }
}

namespace {

Scenario read_document(const json& doc, const std::string& source,
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
    const double pop = number_in(p, "population", 0, limits::kPopulationMax, fw);
    st.population = static_cast<std::int64_t>(std::llround(pop));
    st.weight = number_in_or(p, "weight", 1.0, 0, limits::kWeightMax, fw);
    read_return_fields(p, fw.named(st.id), s.params.household_size, st);
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
    // The same check as for a polygon from a GIS layer: a self-intersecting ring has no
    // meaningful area (geo::area_m2 would give 0 or less than its parts).
    if (const std::string why = gdal::polygon_problem(z.polygon); !why.empty())
      fw.fail("geometry: invalid polygon" + why);
    z.area_m2 = number_or(p, "area_m2", geo::area_m2(z.polygon), fw);
    if (!(z.area_m2 > 0)) fw.fail(fw.key("area_m2") + " must be > 0");
    check_range(z.area_m2, "area_m2", 0, limits::kAreaMaxM2, fw);
    z.status = enum_value<HazardStatus>(p, "status", kHazardStatusNames, fw);
    z.contamination = enum_value<Contamination>(p, "contamination", kContaminationNames, fw);
    z.terrain = enum_value<Terrain>(p, "terrain", kTerrainNames, fw);
    z.land_use = enum_value_or<LandUse>(p, "land_use", kLandUseNames, LandUse::kOther, fw);
    if (p.contains("settlement") && !p["settlement"].is_null())
      z.settlement = text(p, "settlement", fw.named(z.id));
    z.work_factor = number_in_or(p, "work_factor", 1.0, limits::kWorkFactorMin,
                                 limits::kWorkFactorMax, fw.named(z.id));
    s.hazards.push_back(std::move(z));
  }
  const json& df = features(layers, "damage", w, false);
  for (std::size_t i = 0; i < df.size(); ++i)
    s.assets.push_back(read_asset(df[i], w.idx("damage", i), s.params.start_date));

  const json* crews = layers.get("crews");
  const json& cr = crews ? *crews : kEmptyArray;
  if (!cr.is_array()) w.at("crews").fail("must be an array or a layer reference {\"source\": ...}");
  for (std::size_t i = 0; i < cr.size(); ++i) {
    const Where cw = w.idx("crews", i);
    Crew c;
    c.id = text(cr[i], "id", cw);
    c.trade = enum_value<Trade>(cr[i], "trade", kTradeNames, cw);
    const double people = number(cr[i], "people", cw);
    if (!(people >= 1 && people <= limits::kPeopleMax) || people != std::floor(people))
      cw.fail(cw.key("people") + " must be a whole number between 1 and 1000000");
    c.people = static_cast<int>(people);
    c.base = text(cr[i], "base", cw);
    c.productivity_factor = number_in_or(cr[i], "productivity_factor", 1.0,
                                         limits::kProductivityMin, limits::kProductivityMax, cw);
    s.crews.push_back(std::move(c));
  }

  // Ids are unique within each layer; references resolve.
  auto unique = [&](const auto& items, const char* layer) {
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto [it, fresh] = seen.emplace(items[i].id, i);
      if (!fresh) {
        w.idx(layer, i).fail("duplicate id " + quote_value(items[i].id) + " (also " +
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
  for (std::size_t i = 0; i < s.hazards.size(); ++i) {
    const auto& sid = s.hazards[i].settlement;
    if (sid && !settlement_ids.contains(*sid)) {
      const Where hw = w.idx("hazards", i).named(s.hazards[i].id);
      hw.fail(hw.key("settlement") + ": unknown settlement " + quote_value(*sid));
    }
  }
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    for (const auto& sid : s.assets[i].serves) {
      if (!settlement_ids.contains(sid)) {
        const Where dw = w.idx("damage", i);
        dw.fail(dw.key("serves") + ": unknown settlement " + quote_value(sid));
      }
    }
    for (const auto& dep : s.assets[i].depends_on) {
      if (!asset_ids.contains(dep)) {
        const Where dw = w.idx("damage", i).named(s.assets[i].id);
        dw.fail(dw.key("depends_on") + ": unknown asset " + quote_value(dep));
      }
    }
  }
  check_no_dependency_cycle(s.assets, asset_ids, w);
  // parameters.objective.kind defaults to `return` when anyone is displaced (docs/scenario.md,
  // "Objective").
  if (!objective_kind_given(doc)) {
    const bool displaced = std::any_of(s.settlements.begin(), s.settlements.end(),
                                       [](const Settlement& x) { return x.displaced > 0; });
    s.params.objective.kind = displaced ? ObjectiveKind::kReturn : ObjectiveKind::kAccess;
  }
  for (std::size_t i = 0; i < s.crews.size(); ++i) {
    if (!settlement_ids.contains(s.crews[i].base) && !hub_ids.contains(s.crews[i].base)) {
      const Where cw = w.idx("crews", i);
      cw.fail(cw.key("base") + ": unknown settlement or hub " + quote_value(s.crews[i].base));
    }
  }
  return s;
}

}  // namespace

Scenario read_scenario(const std::filesystem::path& path, ScenarioSources* sources) {
  const std::string name = path.filename().string();
  const std::string text = read_input_file(path, "a scenario file (JSON)");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    // Syntax errors, and numbers that overflow a double anywhere, even under an ignored key
    // (nlohmann reports those as out_of_range). Its message quotes the last token read, which
    // may be a 50 MB number: cut.
    throw Error(ErrorCode::kParse, name + ": malformed JSON: " + cut_message(e.what()));
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
// A public building's `building` value for its service (administration provides none).
std::string building_name(Service sv) {
  for (const auto& b : kinds::kBuildings) {
    if (b.service == sv) return std::string(b.name);
  }
  return std::string(name(sv));
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
    json props{{"id", x.id},
               {"name", x.name},
               {"population", x.population},
               {"weight", x.weight},
               {"displaced", x.displaced},
               {"dwellings", x.dwellings},
               {"dwellings_light", x.damaged_dwellings[0]},
               {"dwellings_heavy", x.damaged_dwellings[1]},
               {"dwellings_destroyed", x.damaged_dwellings[2]},
               {"heating", std::string(name(x.heating))}};
    if (x.housing_work_factor != 1.0) props["housing_work_factor"] = x.housing_work_factor;
    st.push_back(feature({{"type", "Point"}, {"coordinates", pos_json(x.pos)}}, std::move(props)));
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
    if (z.settlement) hz.back()["properties"]["settlement"] = *z.settlement;
    if (z.work_factor != 1.0) hz.back()["properties"]["work_factor"] = z.work_factor;
  }
  doc["hazards"] = collection(std::move(hz));
  json dm = json::array();
  for (const auto& a : s.assets) {
    const kinds::AssetKindInfo& k = kinds::info(a.kind);
    json geom = k.line ? json{{"type", "LineString"}, {"coordinates", line_json(a.geometry)}}
                       : json{{"type", "Point"}, {"coordinates", pos_json(a.geometry.front())}};
    json props{
        {"id", a.id}, {"kind", std::string(name(a.kind))}, {"trade", std::string(name(a.trade))}};
    props[std::string(k.quantity_key)] = std::round(a.quantity * 10) / 10;
    if (a.kind == AssetKind::kPublicBuilding) props["building"] = building_name(a.service);
    if (!a.serves.empty()) props["serves"] = a.serves;
    if (!a.depends_on.empty()) props["depends_on"] = a.depends_on;
    if (a.due_date) props["due_date"] = *a.due_date;
    if (a.work_factor != 1.0) props["work_factor"] = a.work_factor;
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

void write_scenario(const std::filesystem::path& path, const Scenario& s) {
  write_file_atomic(path, scenario_to_json(s).dump());
}

}  // namespace gw::io
