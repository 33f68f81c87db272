// Reading field reports (docs/replanning.md) from CSV or any GDAL vector layer. Every row is
// checked here, once: a clear gw::Error names the file, the row (FID) and the field.
#pragma once

#include <filesystem>
#include <vector>

#include "model/field_report.hpp"
#include "model/scenario.hpp"

namespace gw::io {

// The rows of one report file, in file order. Checks: a calendar date; exactly one of hazard and
// asset, each an id of the scenario; areas, items and quantities finite and >= 0 (areas at most
// the hazard's area, a quantity at most 100 times the asset's); hazard fields only on hazard rows
// and quantity_done only on asset rows; a crew, when given, an id of the scenario. Throws
// gw::Error: kIo (cannot open), kInvalidInput (any of the above).
std::vector<FieldReport> read_field_reports(const std::filesystem::path& path, const Scenario& s);

}  // namespace gw::io
