#include "io/scenario_layers.hpp"

#include <memory>

#include "io/asset_kinds_internal.hpp"
#include "io/gpkg_util.hpp"
#include "io/scenario_json.hpp"

namespace gw::io {

namespace fs = std::filesystem;
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
                 {"area_m2", OFTReal},
                 {"settlement", OFTString}},
                path, errors);
  for (const Hazard& z : s.hazards) {
    auto f = w.feature();
    f->SetField("id", z.id.c_str());
    f->SetField("status", std::string(name(z.status)).c_str());
    f->SetField("contamination", std::string(name(z.contamination)).c_str());
    f->SetField("terrain", std::string(name(z.terrain)).c_str());
    f->SetField("land_use", std::string(name(z.land_use)).c_str());
    f->SetField("area_m2", z.area_m2);
    if (z.settlement) f->SetField("settlement", z.settlement->c_str());
    w.add(*f, gdal::polygon(z.polygon));
  }
  w.finish();
  gdal::close_gpkg(ds, path, errors);
}

// Ids joined with commas (the GIS layers' list format, docs/scenario.md).
std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

void write_damage(const fs::path& path, const Scenario& s) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  LayerWriter w(*ds, "damage", wkbUnknown,
                {{"id", OFTString},
                 {"kind", OFTString},
                 {"trade", OFTString},
                 {"pavement_m2", OFTReal},
                 {"span_m", OFTReal},
                 {"length_m", OFTReal},
                 {"floor_m2", OFTReal},
                 {"site_m2", OFTReal},
                 {"area_m2", OFTReal},
                 {"building", OFTString},
                 {"serves", OFTString},
                 {"depends_on", OFTString},
                 {"due_date", OFTString}},
                path, errors);
  for (const Asset& a : s.assets) {
    const kinds::AssetKindInfo& k = kinds::info(a.kind);
    auto f = w.feature();
    f->SetField("id", a.id.c_str());
    f->SetField("kind", std::string(name(a.kind)).c_str());
    f->SetField("trade", std::string(name(a.trade)).c_str());
    f->SetField(std::string(k.quantity_key).c_str(), a.quantity);
    if (a.kind == AssetKind::kPublicBuilding) {
      for (const auto& b : kinds::kBuildings) {
        if (b.service == a.service) f->SetField("building", std::string(b.name).c_str());
      }
    }
    if (!a.serves.empty()) f->SetField("serves", joined(a.serves).c_str());
    if (!a.depends_on.empty()) f->SetField("depends_on", joined(a.depends_on).c_str());
    if (a.due_date) f->SetField("due_date", a.due_date->c_str());
    w.add(*f, k.line ? gdal::line(a.geometry.data(), a.geometry.data() + a.geometry.size())
                     : gdal::point(a.geometry.front()));
  }
  w.finish();
  gdal::close_gpkg(ds, path, errors);
}

void write_settlements(const fs::path& path, const Scenario& s) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  LayerWriter w(*ds, "settlements", wkbPoint,
                {{"id", OFTString},
                 {"name", OFTString},
                 {"population", OFTInteger64},
                 {"weight", OFTReal},
                 {"displaced", OFTInteger64},
                 {"dwellings", OFTInteger64},
                 {"dwellings_light", OFTInteger64},
                 {"dwellings_heavy", OFTInteger64},
                 {"dwellings_destroyed", OFTInteger64},
                 {"heating", OFTString}},
                path, errors);
  for (const Settlement& st : s.settlements) {
    auto f = w.feature();
    f->SetField("id", st.id.c_str());
    f->SetField("name", st.name.c_str());
    f->SetField("population", static_cast<GIntBig>(st.population));
    f->SetField("weight", st.weight);
    f->SetField("displaced", static_cast<GIntBig>(st.displaced));
    f->SetField("dwellings", static_cast<GIntBig>(st.dwellings));
    f->SetField("dwellings_light", static_cast<GIntBig>(st.damaged_dwellings[0]));
    f->SetField("dwellings_heavy", static_cast<GIntBig>(st.damaged_dwellings[1]));
    f->SetField("dwellings_destroyed", static_cast<GIntBig>(st.damaged_dwellings[2]));
    f->SetField("heating", std::string(name(st.heating)).c_str());
    w.add(*f, gdal::point(st.pos));
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

FileOutput settlements_gpkg_output(const Scenario& s, std::string name) {
  return {std::move(name), [&s](const fs::path& tmp) { write_settlements(tmp, s); }};
}

nlohmann::json layered_scenario_json(const Scenario& s, const nlohmann::json& roads,
                                     const std::string& hazards_file,
                                     const std::string& damage_file,
                                     const std::string& settlements_file) {
  nlohmann::json doc;
  doc["groundwork_scenario"] = 1;
  doc["name"] = s.name;
  doc["parameters"] = parameters_to_json(s.params);
  doc["roads"] = roads;
  if (!settlements_file.empty())
    doc["settlements"] = {{"source", settlements_file}, {"layer", "settlements"}};
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
