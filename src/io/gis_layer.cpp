#include "io/gis_layer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "io/gdal_util.hpp"
#include "model/error.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

// How a property's value is read from an attribute (docs/scenario.md lists the properties).
// kList: a text is split at commas or semicolons (formats without arrays); kDate: a date field
// becomes "YYYY-MM-DD", a text passes as it is.
enum class PropType { kText, kNumber, kBool, kList, kDate };
struct Prop {
  std::string_view name;
  PropType type;
};
enum class GeomNeed { kNone, kSome };
struct Schema {
  std::string_view key;
  GeomNeed geometry;
  std::vector<Prop> props;
};

const std::vector<Schema>& schemas() {
  using enum PropType;
  static const std::vector<Schema> kSchemas = {
      {"roads",
       GeomNeed::kSome,
       {{"id", kText},
        {"class", kText},
        {"speed_kmh", kNumber},
        {"length_m", kNumber},
        {"bridge", kBool}}},
      {"settlements",
       GeomNeed::kSome,
       {{"id", kText},
        {"name", kText},
        {"population", kNumber},
        {"weight", kNumber},
        {"displaced", kNumber},
        {"dwellings", kNumber},
        {"dwellings_light", kNumber},
        {"dwellings_heavy", kNumber},
        {"dwellings_destroyed", kNumber},
        {"heating", kText},
        {"housing_work_factor", kNumber}}},
      {"hubs", GeomNeed::kSome, {{"id", kText}, {"name", kText}, {"kind", kText}}},
      {"hazards",
       GeomNeed::kSome,
       {{"id", kText},
        {"area_m2", kNumber},
        {"status", kText},
        {"contamination", kText},
        {"terrain", kText},
        {"land_use", kText},
        {"settlement", kText},
        {"work_factor", kNumber}}},
      {"damage",
       GeomNeed::kSome,
       {{"id", kText},
        {"kind", kText},
        {"pavement_m2", kNumber},
        {"span_m", kNumber},
        {"length_m", kNumber},
        {"floor_m2", kNumber},
        {"site_m2", kNumber},
        {"area_m2", kNumber},
        {"building", kText},
        {"trade", kText},
        {"serves", kList},
        {"depends_on", kList},
        {"due_date", kDate},
        {"work_factor", kNumber}}},
      // Field reports (`groundwork replan`, docs/replanning.md), not a scenario layer.
      {"reports",
       GeomNeed::kNone,
       {{"id", kText},
        {"date", kDate},
        {"hazard", kText},
        {"asset", kText},
        {"area_cleared_m2", kNumber},
        {"area_cancelled_m2", kNumber},
        {"items_found", kNumber},
        {"quantity_done", kNumber},
        {"crew", kText},
        {"crew_days_lost", kNumber}}},
      {"crews",
       GeomNeed::kNone,
       {{"id", kText},
        {"trade", kText},
        {"people", kNumber},
        {"base", kText},
        {"productivity_factor", kNumber}}},
  };
  return kSchemas;
}

const Schema& schema_of(const std::string& key) {
  for (const auto& s : schemas()) {
    if (s.key == key) return s;
  }
  throw Error(ErrorCode::kInternal, "no GIS layer schema for '" + key + "'");
}

[[noreturn]] void fail(const std::string& where, const std::string& what,
                       ErrorCode code = ErrorCode::kInvalidInput) {
  throw Error(code, where + ": " + what);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "'" : ", '") + s + "'";
  return out.empty() ? "none" : out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The whole string as a finite number, or nothing.
std::optional<double> parse_number(const std::string& text) {
  const std::string t = trim(text);
  double v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(const std::string& text) {
  const std::string t = lower(trim(text));
  if (t == "true" || t == "yes" || t == "y" || t == "t" || t == "1") return true;
  if (t == "false" || t == "no" || t == "n" || t == "f" || t == "0") return false;
  return std::nullopt;
}

// An attribute's value as JSON, in the type groundwork expects for the property (docs/scenario.md,
// "Layers from GIS files": text that reads as a number is a number, and so on). A value that does
// not convert is passed on as it is, and the scenario reader reports it with its usual message.
json convert(const OGRFeature& f, int i, PropType type, const std::map<std::string, json>* values) {
  const OGRFieldType ft = f.GetFieldDefnRef(i)->GetType();
  const std::string text = f.GetFieldAsString(i);
  if (values) {
    auto it = values->find(text);
    if (it != values->end()) return it->second;
  }
  json raw;
  switch (ft) {
    case OFTInteger:
    case OFTInteger64:
      raw = static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
      break;
    case OFTReal:
      raw = f.GetFieldAsDouble(i);
      break;
    case OFTStringList: {
      raw = json::array();
      for (char** p = f.GetFieldAsStringList(i); p && *p; ++p) raw.push_back(std::string(*p));
      break;
    }
    default:
      raw = text;
      break;
  }
  switch (type) {
    case PropType::kNumber:
      if (raw.is_string()) {
        if (auto v = parse_number(text)) return *v;
      }
      return raw;
    case PropType::kBool:
      if (raw.is_number_integer()) return raw.get<std::int64_t>() != 0;
      if (raw.is_string()) {
        if (auto b = parse_bool(text)) return *b;
      }
      return raw;
    case PropType::kList: {
      if (raw.is_array()) return raw;
      json list = json::array();
      std::string cur;
      for (char c : text + ",") {
        if (c == ',' || c == ';') {
          if (auto t = trim(cur); !t.empty()) list.push_back(t);
          cur.clear();
        } else {
          cur += c;
        }
      }
      return list;
    }
    case PropType::kDate:
      if (ft == OFTDate || ft == OFTDateTime) {
        int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        if (f.GetFieldAsDateTime(i, &y, &m, &d, &h, &mi, &sec, &tz)) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
          return std::string(buf);
        }
      }
      return raw;
    case PropType::kText:
      // A whole number stored as a real (Shapefile numeric columns) is an integer id.
      if (raw.is_number_float()) {
        const double d = raw.get<double>();
        if (std::floor(d) == d && std::abs(d) < 9e15) return static_cast<std::int64_t>(d);
        return text;
      }
      return raw;
  }
  return raw;
}

json position_json(double x, double y) { return json::array({x, y}); }

json points_json(const OGRSimpleCurve& c) {
  json a = json::array();
  for (int i = 0; i < c.getNumPoints(); ++i) a.push_back(position_json(c.getX(i), c.getY(i)));
  return a;
}

// A 2-D linear OGR geometry as GeoJSON (RFC 7946). Other types keep their name and no coordinates,
// so that the scenario reader reports "geometry must be a Point, not 'MultiPoint'".
json geometry_json(const OGRGeometry& g) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *g.toPoint();
      return {{"type", "Point"}, {"coordinates", position_json(p.getX(), p.getY())}};
    }
    case wkbLineString:
      return {{"type", "LineString"}, {"coordinates", points_json(*g.toLineString())}};
    case wkbPolygon: {
      const auto& poly = *g.toPolygon();
      json rings = json::array();
      rings.push_back(points_json(*poly.getExteriorRing()));
      for (int r = 0; r < poly.getNumInteriorRings(); ++r)
        rings.push_back(points_json(*poly.getInteriorRing(r)));
      return {{"type", "Polygon"}, {"coordinates", rings}};
    }
    default: {
      const char* name = OGRGeometryTypeToName(wkbFlatten(g.getGeometryType()));
      std::string t = name ? name : "unknown";
      t.erase(std::remove(t.begin(), t.end(), ' '), t.end());  // "Multi Polygon" -> "MultiPolygon"
      return {{"type", t}};
    }
  }
}

// Every coordinate of a linear geometry, for the range check of layers without a CRS.
bool all_lonlat(const json& geom) {
  std::function<bool(const json&)> walk = [&](const json& c) -> bool {
    if (c.is_array() && c.size() >= 2 && c[0].is_number()) {
      const double lon = c[0].get<double>(), lat = c[1].get<double>();
      return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
    }
    if (c.is_array()) {
      return std::all_of(c.begin(), c.end(), walk);
    }
    return true;
  };
  return !geom.contains("coordinates") || walk(geom["coordinates"]);
}

std::string crs_name(const OGRSpatialReference& srs) {
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = srs.GetName();
  return name ? name : "unnamed CRS";
}

}  // namespace

bool is_layer_ref(const json& j) { return j.is_object() && j.contains("source"); }

std::vector<std::string> layer_property_names(const std::string& key) {
  std::vector<std::string> out;
  for (const Prop& p : schema_of(key).props) out.emplace_back(p.name);
  return out;
}

bool is_osm_file(const std::filesystem::path& p) {
  const std::string n = lower(p.filename().string());
  for (std::string_view ext : {".osm.pbf", ".osm", ".osm.bz2", ".osm.gz"}) {
    if (n.size() > ext.size() && n.compare(n.size() - ext.size(), ext.size(), ext) == 0)
      return true;
  }
  return false;
}

LayerRef parse_layer_ref(const json& j, const std::string& key,
                         const std::filesystem::path& base_dir, const std::string& where,
                         const std::vector<std::string>& extra_keys) {
  if (!j.is_object()) fail(where, "a layer reference must be an object");
  LayerRef ref;
  std::vector<std::string> allowed = {"source",       "layer", "fields", "values",
                                      "open_options", "crs",   "comment"};
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  for (const auto& [k, v] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      fail(where, "unknown key '" + k + "' (expected one of: " + quoted_list(allowed) + ")");
    }
    if (std::find(extra_keys.begin(), extra_keys.end(), k) != extra_keys.end()) ref.extra[k] = v;
  }
  if (!j["source"].is_string() || j["source"].get<std::string>().empty()) {
    fail(where, "source must be a file name");
  }
  ref.source = j["source"].get<std::string>();
  const std::filesystem::path p(ref.source);
  // GDAL's virtual file systems (/vsizip/..., /vsicurl/...) are taken as they are.
  ref.path = p.is_absolute() || ref.source.rfind("/vsi", 0) == 0 ? p : base_dir / p;
  if (j.contains("layer")) {
    if (!j["layer"].is_string()) fail(where, "layer must be a string");
    ref.layer = j["layer"].get<std::string>();
  }
  if (j.contains("crs")) {
    if (!j["crs"].is_string()) fail(where, "crs must be a string such as \"EPSG:32634\"");
    ref.crs = j["crs"].get<std::string>();
  }
  const std::vector<std::string> known = layer_property_names(key);
  auto check_known = [&](const std::string& what, const std::string& prop) {
    if (std::find(known.begin(), known.end(), prop) == known.end()) {
      fail(where, what + ": '" + prop + "' is not a property of " + key +
                      " (expected one of: " + quoted_list(known) + ")");
    }
  };
  if (j.contains("fields")) {
    if (!j["fields"].is_object())
      fail(where, "fields must be an object {\"property\": \"ATTRIBUTE\"}");
    for (const auto& [prop, attr] : j["fields"].items()) {
      check_known("fields", prop);
      if (!attr.is_string() || attr.get<std::string>().empty()) {
        fail(where, "fields: " + prop + " must name an attribute (a string)");
      }
      ref.fields[prop] = attr.get<std::string>();
    }
  }
  if (j.contains("values")) {
    if (!j["values"].is_object())
      fail(where, "values must be an object {\"property\": {\"file value\": value}}");
    for (const auto& [prop, table] : j["values"].items()) {
      check_known("values", prop);
      if (!table.is_object())
        fail(where, "values: " + prop + " must be an object {\"file value\": value}");
      for (const auto& [from, to] : table.items()) ref.values[prop][from] = to;
    }
  }
  if (j.contains("open_options")) {
    const json& o = j["open_options"];
    if (!o.is_array()) fail(where, "open_options must be an array of \"KEY=VALUE\" strings");
    for (const auto& v : o) {
      if (!v.is_string() || v.get<std::string>().find('=') == std::string::npos) {
        fail(where, "open_options must be an array of \"KEY=VALUE\" strings");
      }
      ref.open_options.push_back(v.get<std::string>());
    }
  }
  return ref;
}

GisLayer read_gis_layer(const LayerRef& ref, const std::string& key, const std::string& where) {
  const Schema& schema = schema_of(key);
  gdal::ensure_registered();
  gdal::ErrorCapture errors;
  const std::string file_where = where + ": " + ref.source;

  std::vector<const char*> opts;
  for (const auto& o : ref.open_options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  GDALDatasetUniquePtr ds(GDALDataset::Open(ref.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                            nullptr, opts.data(), nullptr));
  if (!ds) {
    std::error_code ec;
    const bool vsi = ref.source.rfind("/vsi", 0) == 0;
    if (!vsi && !std::filesystem::exists(ref.path, ec))
      fail(file_where, "no such file", ErrorCode::kIo);
    fail(file_where, "GDAL cannot open it as a vector dataset" + errors.suffix(), ErrorCode::kIo);
  }

  // The layer: the one named; else the only one; else the one named like the scenario layer.
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(std::max(0, ds->GetLayerCount())));
  for (int i = 0; i < ds->GetLayerCount(); ++i) names.emplace_back(ds->GetLayer(i)->GetName());
  OGRLayer* layer = nullptr;
  if (ref.layer) {
    layer = ds->GetLayerByName(ref.layer->c_str());
    if (!layer)
      fail(file_where, "no layer '" + *ref.layer + "' (layers: " + quoted_list(names) + ")");
  } else if (names.size() == 1) {
    layer = ds->GetLayer(0);
  } else {
    layer = ds->GetLayerByName(key.c_str());
    if (!layer) {
      fail(file_where, names.empty()
                           ? std::string("the file has no layer")
                           : "the file has " + std::to_string(names.size()) + " layers (" +
                                 quoted_list(names) + "): name one with \"layer\"");
    }
  }
  GisLayer out;
  out.label = ref.source + ": layer '" + layer->GetName() + "'";
  const std::string lw = where + ": " + out.label;

  // Attributes: mapped ones must exist; unmapped properties are read from a same-named attribute.
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<std::string> attrs;
  attrs.reserve(static_cast<std::size_t>(std::max(0, defn->GetFieldCount())));
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    attrs.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  std::vector<int> field_index(schema.props.size(), -1);
  for (std::size_t k = 0; k < schema.props.size(); ++k) {
    const std::string prop(schema.props[k].name);
    auto mapped = ref.fields.find(prop);
    const std::string attr = mapped != ref.fields.end() ? mapped->second : prop;
    const int i = defn->GetFieldIndex(attr.c_str());
    if (i < 0 && mapped != ref.fields.end()) {
      std::string what = "fields: " + prop;
      what += " maps to attribute '" + attr + "', which the layer does not have (attributes: ";
      what += quoted_list(attrs) + ")";
      fail(lw, what);
    }
    field_index[k] = i;
    if (i >= 0) out.field_of[prop] = defn->GetFieldDefn(i)->GetNameRef();
  }
  const bool id_from_fid = field_index[0] < 0;  // every schema starts with "id"
  if (id_from_fid) out.field_of["id"] = "FID";

  // Coordinate reference system: transformed to WGS 84 lon/lat, x = longitude.
  OGRSpatialReference src;
  bool has_crs = false;
  if (ref.crs) {
    const char* const srs_opts[] = {"ALLOW_NETWORK_ACCESS=NO", "ALLOW_FILE_ACCESS=NO", nullptr};
    if (src.SetFromUserInput(ref.crs->c_str(), srs_opts) != OGRERR_NONE) {
      fail(lw, "crs: cannot interpret '" + *ref.crs + "'" + errors.suffix());
    }
    has_crs = true;
  } else if (schema.geometry != GeomNeed::kNone && layer->GetSpatialRef()) {
    src = *layer->GetSpatialRef();
    has_crs = true;
  }
  std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)> ct(
      nullptr, OGRCoordinateTransformation::DestroyCT);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (has_crs) {
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    out.crs = crs_name(src);
    ct.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
    if (!ct) fail(lw, "its CRS " + out.crs + " cannot be transformed to WGS 84" + errors.suffix());
  } else {
    out.crs = "none (taken as WGS 84 lon/lat)";
  }

  const char* geom_column = layer->GetGeometryColumn();
  const std::string geom_field =
      geom_column && *geom_column ? std::string(geom_column) : "geometry";
  layer->ResetReading();
  for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
    const std::int64_t fid = f->GetFID();
    const std::string fw = lw + ": FID " + std::to_string(fid);
    json props = json::object();
    for (std::size_t k = 0; k < schema.props.size(); ++k) {
      const int i = field_index[k];
      if (i < 0 || !f->IsFieldSetAndNotNull(i)) continue;
      // An empty text (CSV, spreadsheets) is no value, like NULL.
      if (f->GetFieldDefnRef(i)->GetType() == OFTString && trim(f->GetFieldAsString(i)).empty())
        continue;
      const std::string prop(schema.props[k].name);
      auto vt = ref.values.find(prop);
      props[prop] =
          convert(*f, i, schema.props[k].type, vt == ref.values.end() ? nullptr : &vt->second);
    }
    if (id_from_fid) props["id"] = fid;

    if (schema.geometry == GeomNeed::kNone) {
      out.features.push_back(std::move(props));
      out.fids.push_back(fid);
      continue;
    }
    const OGRGeometry* g0 = f->GetGeometryRef();
    if (!g0) fail(fw, geom_field + ": no geometry");
    if (g0->IsEmpty()) fail(fw, geom_field + ": empty geometry");
    std::unique_ptr<OGRGeometry> g(g0->hasCurveGeometry() ? g0->getLinearGeometry() : g0->clone());
    g->flattenTo2D();
    // A multi-geometry of one part is that part (QGIS and ArcGIS often write multi types).
    if (OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbGeometryCollection)) {
      auto* coll = g->toGeometryCollection();
      if (coll->getNumGeometries() == 1) {
        g.reset(coll->getGeometryRef(0)->clone());
      } else if (coll->getNumGeometries() > 1) {
        fail(fw, geom_field + ": a " +
                     std::string(OGRGeometryTypeToName(wkbFlatten(g->getGeometryType()))) + " of " +
                     std::to_string(coll->getNumGeometries()) +
                     " parts; groundwork needs one part per feature (split it, e.g. with QGIS's "
                     "\"Multipart to singleparts\")");
      }
    }
    if (!g->IsValid()) fail(fw, geom_field + ": invalid geometry" + errors.suffix());
    if (ct && g->transform(ct.get()) != OGRERR_NONE) {
      fail(fw, geom_field + ": cannot transform from " + out.crs + " to WGS 84" + errors.suffix());
    }
    json geom = geometry_json(*g);
    if (!has_crs && !all_lonlat(geom)) {
      fail(fw, geom_field +
                   ": coordinates are not WGS 84 longitude/latitude and the layer has no CRS; "
                   "name it with \"crs\" (e.g. \"EPSG:32634\")");
    }
    out.features.push_back(
        {{"type", "Feature"}, {"geometry", std::move(geom)}, {"properties", std::move(props)}});
    out.fids.push_back(fid);
  }
  return out;
}

}  // namespace gw::io
