#include "io/gpkg_util.hpp"

#include <array>
#include <optional>
#include <utility>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "model/error.hpp"
#include "model/evaluation.hpp"

namespace gw::io::gdal {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::string& what, ErrorCapture& errors) {
  throw Error(ErrorCode::kIo, path.string() + ": " + what + errors.suffix());
}

std::unique_ptr<OGRLinearRing> ring(const Ring& r) {
  auto l = std::make_unique<OGRLinearRing>();
  for (const LonLat& q : r) l->addPoint(q.lon, q.lat);
  l->closeRings();
  return l;
}

}  // namespace

GDALDatasetUniquePtr create_gpkg(const fs::path& path, ErrorCapture& errors) {
  ensure_registered();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) fail(path, "GDAL has no GeoPackage driver", errors);
  std::error_code ec;
  fs::remove(path, ec);
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) fail(path, "cannot create the GeoPackage", errors);
  return ds;
}

void close_gpkg(GDALDatasetUniquePtr& ds, const fs::path& path, ErrorCapture& errors) {
  CPLErrorReset();
  ds.reset();
  if (CPLGetLastErrorType() == CE_Failure) fail(path, "cannot close the GeoPackage", errors);
}

LayerWriter::LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
                         std::initializer_list<Field> fields, const fs::path& path,
                         ErrorCapture& errors, std::string start_date)
    : LayerWriter(ds, name, type, std::vector<Field>(fields), path, errors, std::move(start_date)) {
}

LayerWriter::LayerWriter(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
                         const std::vector<Field>& fields, const fs::path& path,
                         ErrorCapture& errors, std::string start_date)
    : path_(path), errors_(errors), start_date_(std::move(start_date)) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  layer_ = ds.CreateLayer(name, &wgs84, type, nullptr);
  if (!layer_) fail(path_, std::string("cannot create layer '") + name + "'", errors_);
  for (const Field& f : fields) {
    OGRFieldDefn defn(f.name, f.type);
    defn.SetSubType(f.subtype);
    if (layer_->CreateField(&defn) != OGRERR_NONE) {
      fail(path_, std::string("cannot create field '") + f.name + "' in layer '" + name + "'",
           errors_);
    }
  }
  if (layer_->StartTransaction() != OGRERR_NONE) fail(path_, "cannot start a transaction", errors_);
}

OGRFeatureUniquePtr LayerWriter::feature() const {
  return OGRFeatureUniquePtr(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
}

void LayerWriter::add(OGRFeature& f, std::unique_ptr<OGRGeometry> g) {
  f.SetGeometryDirectly(g.release());
  if (layer_->CreateFeature(&f) != OGRERR_NONE) {
    fail(path_, std::string("cannot write a feature of layer '") + layer_->GetName() + "'",
         errors_);
  }
}

void LayerWriter::finish() {
  if (layer_->CommitTransaction() != OGRERR_NONE)
    fail(path_, "cannot commit a transaction", errors_);
}

void LayerWriter::set_time(OGRFeature& f, const char* field, Minutes m) const {
  const int i = f.GetFieldIndex(field);
  if (m == kNever) {
    f.SetFieldNull(i);
    return;
  }
  const CivilTime t = civil_time(start_date_, m);
  f.SetField(i, t.year, t.month, t.day, t.hour, t.minute, 0.0f, 100);
}

void LayerWriter::set_day(OGRFeature& f, const char* field, Minutes m) {
  if (m == kNever) {
    f.SetFieldNull(f.GetFieldIndex(field));
  } else {
    f.SetField(field, detail::round_to(minutes_to_days(m), 1e3));
  }
}

void set_quantiles(OGRFeature& f, const std::string& prefix, const Quantiles& q) {
  const std::array<std::pair<const char*, const std::optional<double>*>, 3> parts = {
      {{"_p10", &q.p10}, {"_p50", &q.p50}, {"_p90", &q.p90}}};
  for (const auto& [suffix, v] : parts) {
    const std::string key = prefix + suffix;
    if (*v) {
      f.SetField(key.c_str(), **v);
    } else {
      f.SetFieldNull(f.GetFieldIndex(key.c_str()));
    }
  }
}

std::unique_ptr<OGRGeometry> point(LonLat p) { return std::make_unique<OGRPoint>(p.lon, p.lat); }

std::unique_ptr<OGRGeometry> line(const LonLat* begin, const LonLat* end) {
  auto l = std::make_unique<OGRLineString>();
  for (const LonLat* q = begin; q != end; ++q) l->addPoint(q->lon, q->lat);
  return l;
}

std::unique_ptr<OGRGeometry> polygon(const Polygon& p) {
  auto g = std::make_unique<OGRPolygon>();
  g->addRingDirectly(ring(p.outer).release());
  for (const Ring& h : p.holes) g->addRingDirectly(ring(h).release());
  return g;
}

}  // namespace gw::io::gdal
