// libFuzzer target: field reports (`groundwork replan`) read from a CSV file through GDAL, against
// the small example scenario (docs/examples).
#include <cstdint>

#include "fuzz_common.hpp"
#include "io/field_reports.hpp"
#include "io/scenario_json.hpp"

namespace {
const gw::Scenario& scenario() {
  static const gw::Scenario s = gw::io::read_scenario(GW_FUZZ_SCENARIO);
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const gw::Scenario& s = scenario();
  static const std::filesystem::path file = gw::fuzz::scratch("reports.csv");
  gw::fuzz::write_bytes(file, data, size);
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::read_field_reports(file, s); });
  return 0;
}
