// Internal helpers to write GeoPackage layers through OGR, shared by plan.gpkg
// (gpkg_writer.cpp) and the scenario layers `groundwork synth` writes (scenario_layers.cpp).
// Not a public API.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "io/gdal_util.hpp"
#include "model/forecast.hpp"
#include "model/geometry.hpp"
#include "model/types.hpp"

namespace gw::io::gdal {

struct Field {
  const char* name = nullptr;
  OGRFieldType type = OFTString;
  OGRFieldSubType subtype = OFSTNone;
};

// Creates a new GeoPackage at `path` (an existing file is replaced). Throws gw::Error(kIo).
GDALDatasetUniquePtr create_gpkg(const std::filesystem::path& path, ErrorCapture& errors);
// Closes (and so flushes) the dataset. Throws gw::Error(kIo) when GDAL reported a failure.
void close_gpkg(GDALDatasetUniquePtr& ds, const std::filesystem::path& path, ErrorCapture& errors);

// One layer being written in WGS 84 lon/lat: creates the layer and its fields, then one feature
// per add(), all in one transaction that finish() commits. Throws gw::Error(kIo) naming the file.
class LayerWriter {
 public:
  // `start_date` ("YYYY-MM-DD") is day 0 of the plan for set_time(); "" when unused.
  LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
              std::initializer_list<Field> fields, const std::filesystem::path& path,
              ErrorCapture& errors, std::string start_date = "");
  // The same with fields chosen at run time (a layer whose fields depend on what is written).
  LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
              const std::vector<Field>& fields, const std::filesystem::path& path,
              ErrorCapture& errors, std::string start_date = "");

  // A new feature; fill it, then pass it to add().
  [[nodiscard]] OGRFeatureUniquePtr feature() const;
  void add(OGRFeature& f, std::unique_ptr<OGRGeometry> g);
  void finish();

  // Minute `m` of the plan as a date-time (UTC, as GeoPackage requires); null when m is
  // std::numeric_limits<Minutes>::max() (never).
  void set_time(OGRFeature& f, const char* field, Minutes m) const;
  // Minute `m` as days (3 decimals); null for never.
  static void set_day(OGRFeature& f, const char* field, Minutes m);

 private:
  OGRLayer* layer_ = nullptr;
  std::filesystem::path path_;
  ErrorCapture& errors_;
  std::string start_date_;
};

// Fields `<prefix>_p10`, `_p50` and `_p90` (days) set from `q`; null where beyond the horizon.
void set_quantiles(OGRFeature& f, const std::string& prefix, const Quantiles& q);

std::unique_ptr<OGRGeometry> point(LonLat p);
std::unique_ptr<OGRGeometry> line(const LonLat* begin, const LonLat* end);
std::unique_ptr<OGRGeometry> polygon(const Polygon& p);

}  // namespace gw::io::gdal
