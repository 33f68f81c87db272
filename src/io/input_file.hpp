// Reading a whole input file for a reader, with one set of I/O errors for every reader: a path
// that does not exist, a directory where a file is expected, a file that cannot be read.
#pragma once

#include <filesystem>
#include <string>

namespace gw::io {

// The file's bytes. Throws gw::Error(kIo) naming the path (quoted, cut to a sane length) and
// `what` it was expected to be ("a scenario file", "a PSPLIB file", ...).
std::string read_input_file(const std::filesystem::path& path, const std::string& what);

// The same checks without reading, for readers that open the file themselves (GDAL, libosmium).
void check_input_file(const std::filesystem::path& path, const std::string& what);

}  // namespace gw::io
