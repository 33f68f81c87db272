#include "io/gdal_util.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>

#include <mutex>

namespace gw::io::gdal {

namespace {
void CPL_STDCALL collect(CPLErr /*level*/, CPLErrorNum /*num*/, const char* message) {
  if (auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData())) self->record(message);
}
}  // namespace

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

ErrorCapture::ErrorCapture() { CPLPushErrorHandlerEx(&collect, this); }
ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void ErrorCapture::record(const char* message) { last_ = message ? message : ""; }

std::string ErrorCapture::suffix() {
  std::string s = last_.empty() ? "" : ": " + last_;
  last_.clear();
  return s;
}

std::string polygon_problem(const Polygon& p) {
  OGRPolygon poly;
  auto ring = [](const Ring& r) {
    auto* lr = new OGRLinearRing();
    lr->setNumPoints(static_cast<int>(r.size()));
    for (std::size_t i = 0; i < r.size(); ++i)
      lr->setPoint(static_cast<int>(i), r[i].lon, r[i].lat);
    return lr;
  };
  poly.addRingDirectly(ring(p.outer));
  for (const Ring& h : p.holes) poly.addRingDirectly(ring(h));
  ErrorCapture errors;
  if (poly.IsValid()) return "";
  const std::string why = errors.suffix();
  return why.empty() ? ": not a valid polygon (self-intersecting?)" : why;
}

}  // namespace gw::io::gdal
