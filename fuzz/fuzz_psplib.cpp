// libFuzzer target: the PSPLIB reader (.sm and .mm) and the engine's preprocessing of what it
// accepts.
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "io/psplib.hpp"
#include "sched/problem.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gw::fuzz::expect_only_gw_errors([&] {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const gw::sched::Instance inst = gw::io::parse_psplib(text, "fuzz.sm");
    (void)gw::sched::compile(inst);
  });
  return 0;
}
