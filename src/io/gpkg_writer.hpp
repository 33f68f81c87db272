// OUT/plan.gpkg: the plan as one GeoPackage for QGIS (issue 3, §4; docs/qgis.md). Every layer
// carries real date-time fields computed from the scenario's start_date, so that QGIS's Temporal
// Controller can play the plan; the day numbers stay as plain numbers beside them.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

#include "io/outputs.hpp"
#include "model/evaluation.hpp"
#include "model/forecast.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::io {

inline constexpr std::string_view kPlanGpkg = "plan.gpkg";
// The layers of plan.gpkg, in the order they are written.
// `projects` has one feature per damaged asset and per settlement's housing; `returned_by_month`
// is a table without geometry.
inline constexpr std::array<std::string_view, 8> kPlanGpkgLayers = {
    "roads", "hazards", "settlements", "hubs", "tasks", "crews", "projects", "returned_by_month"};

// Writes the GeoPackage to `path` (a new file; an existing one is replaced). Throws gw::Error(kIo)
// when GDAL cannot create or write it; a failed write leaves no file at `path`. With a `forecast`
// of the plan (`groundwork forecast`), the settlements layer also carries return_p10, return_p50,
// return_p90, access_p10, access_p50 and access_p90 (days; null beyond the horizon).
void write_plan_gpkg_file(const std::filesystem::path& path, const Scenario& s, const TaskSet& t,
                          const Plan& p, const Evaluation& ev, const Forecast* forecast = nullptr);

// The same as a FileOutput for write_outputs(), which writes it to plan.gpkg.tmp and renames it
// together with the other outputs. The arguments must outlive the call to write_outputs().
FileOutput plan_gpkg_output(const Scenario& s, const TaskSet& t, const Plan& p,
                            const Evaluation& ev, const Forecast* forecast = nullptr);

}  // namespace gw::io
