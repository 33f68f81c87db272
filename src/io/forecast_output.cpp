#include "io/forecast_output.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "io/gpkg_util.hpp"
#include "io/outputs.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json q_json(const Quantiles& q) {
  return json{{"p10", opt(q.p10)}, {"p50", opt(q.p50)}, {"p90", opt(q.p90)}};
}

// Shares to four decimals (a hundredth of a percent): enough for a chart, short in the file.
json shares(const std::vector<double>& v) {
  json a = json::array();
  for (const double x : v) a.push_back(std::round(x * 10000) / 10000);
  return a;
}

json band_json(const CurveBand& b) {
  return json{{"planned", shares(b.planned)},
              {"p10", shares(b.p10)},
              {"p50", shares(b.p50)},
              {"p90", shares(b.p90)}};
}

using gdal::set_quantiles;

void write_gpkg(const std::filesystem::path& path, const Scenario& s, const Forecast& f) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  {
    gdal::LayerWriter w(*ds, "forecast_settlements", wkbPoint,
                        {{"id", OFTString},
                         {"name", OFTString},
                         {"population_displaced", OFTInteger64},
                         {"return_p10", OFTReal},
                         {"return_p50", OFTReal},
                         {"return_p90", OFTReal},
                         {"access_p10", OFTReal},
                         {"access_p50", OFTReal},
                         {"access_p90", OFTReal},
                         {"power_p10", OFTReal},
                         {"power_p50", OFTReal},
                         {"power_p90", OFTReal},
                         {"water_p10", OFTReal},
                         {"water_p50", OFTReal},
                         {"water_p90", OFTReal}},
                        path, errors);
    for (std::size_t i = 0; i < s.settlements.size(); ++i) {
      const Settlement& st = s.settlements[i];
      const SettlementForecast& sf = f.settlements[i];
      auto feat = w.feature();
      feat->SetField("id", st.id.c_str());
      feat->SetField("name", st.name.c_str());
      feat->SetField("population_displaced", static_cast<GIntBig>(st.displaced));
      set_quantiles(*feat, "return", sf.return_day);
      set_quantiles(*feat, "access", sf.access_day);
      set_quantiles(*feat, "power", sf.service_day[static_cast<std::size_t>(Service::kPower)]);
      set_quantiles(*feat, "water", sf.service_day[static_cast<std::size_t>(Service::kWater)]);
      w.add(*feat, gdal::point(st.pos));
    }
    w.finish();
  }
  {
    gdal::LayerWriter w(*ds, "forecast_hazards", wkbPolygon,
                        {{"id", OFTString},
                         {"release_p10", OFTReal},
                         {"release_p50", OFTReal},
                         {"release_p90", OFTReal}},
                        path, errors);
    for (std::size_t h = 0; h < s.hazards.size(); ++h) {
      auto feat = w.feature();
      feat->SetField("id", s.hazards[h].id.c_str());
      set_quantiles(*feat, "release", f.hazard_release_day[h]);
      w.add(*feat, gdal::polygon(s.hazards[h].polygon));
    }
    w.finish();
  }
  {
    gdal::LayerWriter w(*ds, "forecast_roads", wkbLineString,
                        {{"edge", OFTInteger64},
                         {"open_p10", OFTReal},
                         {"open_p50", OFTReal},
                         {"open_p90", OFTReal}},
                        path, errors);
    const RoadNetwork& net = s.roads;
    for (std::size_t k = 0; k < f.edges.size(); ++k) {
      const std::size_t e = f.edges[k].index();
      auto feat = w.feature();
      feat->SetField("edge", static_cast<GIntBig>(e));
      set_quantiles(*feat, "open", f.edge_open_day[k]);
      const LonLat* b = net.edge_shape.data() + net.edge_shape_offset[e];
      const LonLat* en = net.edge_shape.data() + net.edge_shape_offset[e + 1];
      w.add(*feat, gdal::line(b, en));
    }
    w.finish();
  }
  {
    gdal::LayerWriter w(*ds, "forecast_assets", wkbLineString,
                        {{"id", OFTString},
                         {"kind", OFTString},
                         {"done_p10", OFTReal},
                         {"done_p50", OFTReal},
                         {"done_p90", OFTReal},
                         {"works_p10", OFTReal},
                         {"works_p50", OFTReal},
                         {"works_p90", OFTReal}},
                        path, errors);
    for (std::size_t a = 0; a < s.assets.size(); ++a) {
      const Asset& as = s.assets[a];
      auto feat = w.feature();
      feat->SetField("id", as.id.c_str());
      feat->SetField("kind", std::string(name(as.kind)).c_str());
      set_quantiles(*feat, "done", f.asset_done_day[a]);
      set_quantiles(*feat, "works", f.asset_works_day[a]);
      // A point asset as a line of one repeated point keeps one geometry type per layer.
      std::vector<LonLat> g = as.geometry;
      if (g.size() == 1) g.push_back(g.front());
      w.add(*feat, gdal::line(g.data(), g.data() + g.size()));
    }
    w.finish();
  }
  gdal::close_gpkg(ds, path, errors);
}

}  // namespace

json forecast_json(const Scenario& s, const Forecast& f, const ForecastMeta& meta) {
  json j;
  j["scenario"] = meta.scenario_name;
  j["samples"] = f.samples;
  j["seed"] = f.seed;
  j["mode"] = f.mode;
  j["threads"] = meta.threads;
  j["ranks"] = meta.ranks;
  j["seconds"] = std::round(meta.seconds * 100) / 100;
  j["start_date"] = s.params.start_date;
  j["horizon_days"] = s.params.horizon_days;
  j["headline"] = f.headline;
  j["plan"] = {{"people_days_displaced", q_json(f.people_days_displaced)},
               {"people_days_without_access", q_json(f.people_days_without_access)},
               {"makespan_days", q_json(f.makespan_days)},
               {"planned",
                {{"people_days_displaced", f.planned_people_days_displaced},
                 {"people_days_without_access", f.planned_people_days_without_access},
                 {"makespan_days", f.planned_makespan_days}}}};
  json st = json::array();
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const SettlementForecast& sf = f.settlements[i];
    json x{{"id", s.settlements[i].id},
           {"name", s.settlements[i].name},
           {"population_displaced", s.settlements[i].displaced},
           {"return_day", q_json(sf.return_day)},
           {"returned_all_day", q_json(sf.returned_all_day)},
           {"access_day", q_json(sf.access_day)}};
    for (const Service sv : kRestorableServices) {
      x[std::string(name(sv)) + "_day"] = q_json(sf.service_day[static_cast<std::size_t>(sv)]);
    }
    st.push_back(std::move(x));
  }
  j["settlements"] = std::move(st);
  json hz = json::array();
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    hz.push_back({{"id", s.hazards[h].id}, {"release_day", q_json(f.hazard_release_day[h])}});
  j["hazards"] = std::move(hz);
  json as = json::array();
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    as.push_back({{"id", s.assets[a].id},
                  {"kind", std::string(name(s.assets[a].kind))},
                  {"done_day", q_json(f.asset_done_day[a])},
                  {"works_day", q_json(f.asset_works_day[a])}});
  }
  j["assets"] = std::move(as);
  json roads = json::array();
  for (std::size_t k = 0; k < f.edges.size(); ++k)
    roads.push_back({{"edge", f.edges[k].index()}, {"open_day", q_json(f.edge_open_day[k])}});
  j["roads"] = std::move(roads);
  json ms = json::array();
  for (const MilestoneForecast& m : f.milestones) {
    const Asset& a = s.assets[m.asset];
    ms.push_back({{"id", a.id},
                  {"kind", std::string(name(a.kind))},
                  {"due_date", a.due_date ? json(*a.due_date) : json(nullptr)},
                  {"due_day", m.due_day},
                  {"done_day", q_json(m.done_day)},
                  {"on_time_probability", std::round(m.on_time_probability * 1000) / 1000}});
  }
  j["milestones"] = std::move(ms);
  json sens = json::array();
  for (const Sensitivity& x : f.sensitivity) {
    sens.push_back({{"input", x.input},
                    {"rho_headline", std::round(x.rho_headline * 1000) / 1000},
                    {"rho_makespan", std::round(x.rho_makespan * 1000) / 1000}});
  }
  j["sensitivity"] = std::move(sens);
  const ForecastCurves& c = f.curves;
  j["curves"] = {{"days", c.days},
                 {"return", c.returned.planned.empty() ? json(nullptr) : band_json(c.returned)},
                 {"access", band_json(c.access)}};
  // The least certain return dates (or access dates when nobody is displaced): the widest P10–P90.
  const bool by_return = f.headline == "people_days_displaced";
  json least = json::array();
  for (const std::size_t i : f.least_certain) {
    const Quantiles& q = by_return ? f.settlements[i].return_day : f.settlements[i].access_day;
    least.push_back({{"id", s.settlements[i].id},
                     {"name", s.settlements[i].name},
                     {"date", by_return ? "return_day" : "access_day"},
                     {"range", q_json(q)}});
  }
  j["least_certain"] = std::move(least);
  j["validation"] = {{"invalid_samples", f.invalid_samples},
                     {"samples_with_unassigned_tasks", f.unassigned_samples},
                     {"first_violations", f.first_violations}};
  return j;
}

std::vector<FileOutput> forecast_outputs(const Scenario& s, const Forecast& f,
                                         const ForecastMeta& meta) {
  return {text_output(kForecastJson, forecast_json(s, f, meta).dump(1) + "\n"),
          FileOutput{kForecastGpkg,
                     [&s, &f](const std::filesystem::path& tmp) { write_gpkg(tmp, s, f); }}};
}

void write_forecast(const std::filesystem::path& dir, const Scenario& s, const Forecast& f,
                    const ForecastMeta& meta) {
  write_files_atomic(dir, forecast_outputs(s, f, meta));
}

}  // namespace gw::io
