#include "io/scenario_layers.hpp"

#include <memory>

#include "io/gpkg_util.hpp"
#include "io/scenario_json.hpp"

namespace gw::io {

namespace fs = std::filesystem;
using gdal::Field;
using gdal::LayerWriter;

namespace {

void write_hazards(const fs::path& path, const Scenario& s) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  LayerWriter w(*ds, "hazards", wkbPolygon,
                {{"id", OFTString},
                 {"status", OFTString},
                 {"contamination", OFTString},
                 {"terrain", OFTString},
                 {"land_use", OFTString},
                 {"area_m2", OFTReal}},
                path, errors);
  for (const Hazard& z : s.hazards) {
    auto f = w.feature();
    f->SetField("id", z.id.c_str());
    f->SetField("status", std::string(name(z.status)).c_str());
    f->SetField("contamination", std::string(name(z.contamination)).c_str());
    f->SetField("terrain", std::string(name(z.terrain)).c_str());
    f->SetField("land_use", std::string(name(z.land_use)).c_str());
    f->SetField("area_m2", z.area_m2);
    w.add(*f, gdal::polygon(z.polygon));
  }
  w.finish();
  gdal::close_gpkg(ds, path, errors);
}

void write_damage(const fs::path& path, const Scenario& s) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  // The quantity property of each asset kind (as in the scenario file).
  constexpr std::array<const char*, kAssetKindCount> kQuantity = {
      "pavement_m2", "span_m", "length_m", "length_m", "floor_m2"};
  LayerWriter w(*ds, "damage", wkbUnknown,
                {{"id", OFTString},
                 {"kind", OFTString},
                 {"trade", OFTString},
                 {"pavement_m2", OFTReal},
                 {"span_m", OFTReal},
                 {"length_m", OFTReal},
                 {"floor_m2", OFTReal},
                 {"building", OFTString},
                 {"serves", OFTString},
                 {"depends_on", OFTString}},
                path, errors);
  for (const Asset& a : s.assets) {
    auto f = w.feature();
    f->SetField("id", a.id.c_str());
    f->SetField("kind", std::string(name(a.kind)).c_str());
    f->SetField("trade", std::string(name(a.trade)).c_str());
    f->SetField(kQuantity[static_cast<std::size_t>(a.kind)], a.quantity);
    if (a.kind == AssetKind::kPublicBuilding)
      f->SetField("building", std::string(name(a.service)).c_str());
    std::string serves;
    for (const auto& id : a.serves) serves += (serves.empty() ? "" : ",") + id;
    if (!serves.empty()) f->SetField("serves", serves.c_str());
    std::string deps;
    for (const auto& id : a.depends_on) deps += (deps.empty() ? "" : ",") + id;
    if (!deps.empty()) f->SetField("depends_on", deps.c_str());
    const bool is_line = a.kind == AssetKind::kCommsLine || a.kind == AssetKind::kPowerLine;
    w.add(*f, is_line ? gdal::line(a.geometry.data(), a.geometry.data() + a.geometry.size())
                      : gdal::point(a.geometry.front()));
  }
  w.finish();
  gdal::close_gpkg(ds, path, errors);
}

}  // namespace

FileOutput hazards_gpkg_output(const Scenario& s, std::string name) {
  return {std::move(name), [&s](const fs::path& tmp) { write_hazards(tmp, s); }};
}

FileOutput damage_gpkg_output(const Scenario& s, std::string name) {
  return {std::move(name), [&s](const fs::path& tmp) { write_damage(tmp, s); }};
}

nlohmann::json layered_scenario_json(const Scenario& s, const nlohmann::json& roads,
                                     const std::string& hazards_file,
                                     const std::string& damage_file) {
  nlohmann::json doc;
  doc["groundwork_scenario"] = 1;
  doc["name"] = s.name;
  doc["parameters"] = parameters_to_json(s.params);
  doc["roads"] = roads;
  nlohmann::json hubs = nlohmann::json::array();
  for (const Hub& h : s.hubs) {
    hubs.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "Point"}, {"coordinates", {h.pos.lon, h.pos.lat}}}},
         {"properties", {{"id", h.id}, {"name", h.name}, {"kind", std::string(name(h.kind))}}}});
  }
  doc["hubs"] = {{"type", "FeatureCollection"}, {"features", std::move(hubs)}};
  doc["hazards"] = {{"source", hazards_file}, {"layer", "hazards"}};
  doc["damage"] = {{"source", damage_file}, {"layer", "damage"}};
  doc["crews"] = crews_to_json(s.crews);
  return doc;
}

}  // namespace gw::io
