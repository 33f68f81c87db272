#include "io/input_file.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "model/error.hpp"

namespace gw::io {

void check_input_file(const std::filesystem::path& path, const std::string& what) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  const std::string p = quote_value(path.string(), 1024);
  if (st.type() == std::filesystem::file_type::not_found) {
    throw Error(ErrorCode::kIo, p + ": no such file (expected " + what + ")");
  }
  if (st.type() == std::filesystem::file_type::directory) {
    throw Error(ErrorCode::kIo, p + ": is a directory, expected " + what);
  }
}

std::string read_input_file(const std::filesystem::path& path, const std::string& what) {
  check_input_file(path, what);
  std::ifstream in(path, std::ios::binary);
  const std::string p = quote_value(path.string(), 1024);
  if (!in) throw Error(ErrorCode::kIo, p + ": cannot open for reading (expected " + what + ")");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::kIo, p + ": read error");
  return std::move(buf).str();
}

}  // namespace gw::io
