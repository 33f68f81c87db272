// The outputs of `groundwork forecast` (docs/uncertainty.md): forecast.json, with P10 / P50 / P90
// of every key date, and forecast.gpkg, the same ranges as GeoPackage layers for QGIS.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/outputs.hpp"
#include "model/forecast.hpp"
#include "model/scenario.hpp"

namespace gw::io {

inline constexpr const char* kForecastJson = "forecast.json";
inline constexpr const char* kForecastGpkg = "forecast.gpkg";

struct ForecastMeta {
  std::string scenario_name;
  double seconds = 0;  // wall-clock time of the samples
  int threads = 1;
  int ranks = 1;  // MPI processes that shared the samples
};

// forecast.json: samples, seed, plan (P10/P50/P90 of people-days displaced, without access and
// the makespan, beside the planned values), settlements, hazards, assets, roads, milestones (with
// the probability of meeting each), sensitivity, the return and access curves' bands at the
// grid's days (`curves`), the least certain return dates, and what the validator found.
nlohmann::json forecast_json(const Scenario& s, const Forecast& f, const ForecastMeta& meta);

// forecast.json and forecast.gpkg as FileOutputs, to write beside the planned plan's outputs in one
// atomic write_outputs(). `s` and `f` must outlive the write.
std::vector<FileOutput> forecast_outputs(const Scenario& s, const Forecast& f,
                                         const ForecastMeta& meta);

// Writes forecast.json and forecast.gpkg (layers forecast_settlements, forecast_hazards,
// forecast_roads, forecast_assets) into `dir`, atomically (write_files_atomic). Throws
// gw::Error(kIo).
void write_forecast(const std::filesystem::path& dir, const Scenario& s, const Forecast& f,
                    const ForecastMeta& meta);

}  // namespace gw::io
