// Field reports (docs/replanning.md): what the field recorded about one hazard or one damaged
// asset by a date, in the spirit of IMSMA's completion reports. Plain data;
// src/io/field_reports.hpp reads them from CSV or any GDAL layer and checks every field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gw {

struct FieldReport {
  std::string where;  // "reports.csv: layer 'reports': FID 4", for messages
  std::string id;     // the report's id (its FID when the file has none)
  std::string date;   // YYYY-MM-DD: the work it reports was done by the end of the day before
  // Exactly one subject.
  std::optional<std::string> hazard;
  std::optional<std::string> asset;
  // Hazard: m² cleared (manual, dog, or machine and follow-up) and m² cancelled or reduced by
  // survey, in this report (reports add up); devices found (recorded, not used for planning).
  double area_cleared_m2 = 0;
  double area_cancelled_m2 = 0;
  std::int64_t items_found = 0;
  // Asset: work done on its project in this report, in the asset's unit (m², m).
  double quantity_done = 0;
  std::optional<std::string> crew;  // the crew that did it (recorded)
  // Crew-days of planned work on the subject lost in this report's period (breakdowns, weather,
  // access, stand-downs): the pace of the work is judged over the days worked.
  double crew_days_lost = 0;
};

}  // namespace gw
