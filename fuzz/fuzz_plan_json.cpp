// libFuzzer target: the plan.json reader, against the small example scenario (docs/examples).
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "io/plan_reader.hpp"
#include "io/scenario_json.hpp"
#include "plan/link.hpp"

namespace {
const gw::Scenario& scenario() {
  static const gw::Scenario s = [] {
    gw::Scenario sc = gw::io::read_scenario(GW_FUZZ_SCENARIO);
    gw::plan::link_scenario(sc, "scenario.json");
    return sc;
  }();
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const gw::Scenario& s = scenario();
  gw::fuzz::expect_only_gw_errors([&] {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)gw::io::parse_plan_json(text, "plan.json", s);
  });
  return 0;
}
