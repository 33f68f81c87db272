// Internal GDAL helpers shared by the GIS readers and writers of src/io. Not a public API.
#pragma once

#include <string>

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

}  // namespace gw::io::gdal
