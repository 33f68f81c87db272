// libFuzzer target: the truth.json reader (`validate --truth`, `replan`'s reported.json), against
// the small example scenario (docs/examples); a truth read is applied to a copy of it.
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "io/scenario_json.hpp"
#include "io/truth_json.hpp"
#include "model/truth.hpp"

namespace {
const gw::Scenario& scenario() {
  static const gw::Scenario s = gw::io::read_scenario(GW_FUZZ_SCENARIO);
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const gw::Scenario& s = scenario();
  gw::fuzz::expect_only_gw_errors([&] {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const gw::Truth t = gw::io::parse_truth_json(text, "truth.json", s);
    gw::Scenario copy = s;
    gw::apply_truth(copy, t);
  });
  return 0;
}
