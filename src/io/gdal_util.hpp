// Internal GDAL helpers shared by the GIS readers and writers of src/io. Not a public API.
#pragma once

#include <string>

#include "model/geometry.hpp"

namespace gw::io::gdal {

// Registers GDAL's drivers once per process.
void ensure_registered();

// While alive, GDAL's errors and warnings on this thread are collected instead of printed to
// stderr; suffix() gives the last one as ": message" (or "") for a gw::Error, and forgets it.
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  std::string suffix();
  void record(const char* message);

 private:
  std::string last_;
};

// "" when the polygon (lon/lat rings) is valid as GDAL/GEOS sees it, the check the GIS layer path
// applies; else ": " and GEOS's reason (e.g. "Self-intersection[36.01 49.00]").
std::string polygon_problem(const Polygon& p);

}  // namespace gw::io::gdal
