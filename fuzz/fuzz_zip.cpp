// libFuzzer target: the ZIP reader of the server's scenario uploads (io::read_zip), with small
// limits so that an input that inflates far is refused quickly rather than slowly.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "io/zip_archive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gw::fuzz::expect_only_gw_errors([&] {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    gw::io::ZipLimits limits;
    limits.max_files = 64;
    limits.max_total_bytes = 16U << 20;
    (void)gw::io::read_zip(bytes, "fuzz.zip", limits);
  });
  return 0;
}
