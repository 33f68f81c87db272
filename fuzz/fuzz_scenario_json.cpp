// libFuzzer target: the scenario reader, from the file's bytes (JSON syntax, types, ranges,
// geometry, parameters). Layer references resolve against an empty scratch directory, so a fuzzed
// "source" finds no file and must say so.
#include <cstdint>

#include "fuzz_common.hpp"
#include "io/scenario_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = gw::fuzz::scratch("scenario.json");
  gw::fuzz::write_bytes(file, data, size);
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::read_scenario(file); });
  return 0;
}
