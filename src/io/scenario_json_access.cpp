// The scenario reader's JSON accessors and layer resolver (scenario_json_internal.hpp).
#include <cmath>
#include <cstdio>
#include <string>

#include "io/gis_layer.hpp"
#include "io/scenario_json_internal.hpp"

namespace gw::io::scenario_detail {

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

std::string range_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

void check_range(double v, const char* key, double lo, double hi, const Where& w) {
  if (!(v >= lo && v <= hi)) {
    w.fail(w.key(key) + " must be between " + range_text(lo) + " and " + range_text(hi) + ", not " +
           range_text(v));
  }
}

double number_in(const json& obj, const char* key, double lo, double hi, const Where& w) {
  const double v = number(obj, key, w);
  check_range(v, key, lo, hi, w);
  return v;
}

double whole_in(const json& obj, const char* key, double lo, double hi, const Where& w) {
  const double v = number(obj, key, w);
  if (!(v >= lo && v <= hi) || v != std::floor(v)) {
    w.fail(w.key(key) + " must be a whole number between " + range_text(lo) + " and " +
           range_text(hi) + ", not " + range_text(v));
  }
  return v;
}

std::optional<std::chrono::sys_days> parse_iso_date(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char extra = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || d < 1) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

double number_in_or(const json& obj, const char* key, double fallback, double lo, double hi,
                    const Where& w) {
  if (!obj.contains(key) || obj[key].is_null()) return fallback;
  return number_in(obj, key, lo, hi, w);
}

std::string text(const json& obj, const char* key, const Where& w) {
  const json& v = member(obj, key, w);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  w.fail(w.key(key) + " must be a string");
}

std::string type_of(const json& obj) {
  if (!obj.is_object()) return "";
  const auto it = obj.find("type");
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
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

const json* Layers::get(const std::string& key) {
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

const json kEmptyArray = json::array();

const json& features(Layers& layers, const char* layer, const Where& w, bool required) {
  const json* fc = layers.get(layer);
  if (!fc) {
    if (required) w.fail(std::string("missing layer '") + layer + "'");
    return kEmptyArray;
  }
  const Where lw = w.at(layer);
  if (!fc->is_object() || type_of(*fc) != "FeatureCollection") {
    lw.fail("must be a GeoJSON FeatureCollection or a layer reference {\"source\": ...}");
  }
  const json& f = member(*fc, "features", lw);
  if (!f.is_array()) lw.fail("features must be an array");
  return f;
}

const json& geometry(const json& feature, const char* type, const Where& w) {
  const json& g = member(feature, "geometry", w);
  if (!g.is_object()) w.fail("geometry must be an object");
  if (!g.contains("type") || !g["type"].is_string()) w.fail("geometry: type must be a string");
  const std::string t = type_of(g);
  if (t != type) w.fail(std::string("geometry must be a ") + type + ", not " + quote_value(t));
  return member(g, "coordinates", w);
}

const json& properties(const json& feature, const Where& w) {
  const json& p = member(feature, "properties", w);
  if (!p.is_object()) w.fail("properties must be an object");
  return p;
}

}  // namespace gw::io::scenario_detail
