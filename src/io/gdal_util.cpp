#include "io/gdal_util.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>

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

}  // namespace gw::io::gdal
