// Small file utilities for the writers.
#pragma once

#include <filesystem>
#include <string>

namespace gw::io {

// Writes text to `path` through a temporary file in the same directory and a rename, so readers
// never see a half-written file.
void write_file_atomic(const std::filesystem::path& path, const std::string& text);

}  // namespace gw::io
