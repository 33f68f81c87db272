// Shared by the libFuzzer targets: bad input must end in a gw::Error (a clear message and an exit
// status at the edge). Any other exception is what the front end reports as "internal error", so
// the targets treat it as a crash.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/error.hpp"

namespace gw::fuzz {

template <typename F>
void expect_only_gw_errors(F&& f) {
  try {
    f();
  } catch (const gw::Error&) {
    // the expected outcome for bad input
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: exception other than gw::Error: %s\n", e.what());
    std::abort();
  }
}

// A per-process scratch file (in /dev/shm when there is one) for readers that take a path.
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  return dir / ("gw_fuzz_" + std::to_string(::getpid()) + "_" + name);
}

inline void write_bytes(const std::filesystem::path& p, const std::uint8_t* data, std::size_t n) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(n));
}

}  // namespace gw::fuzz
