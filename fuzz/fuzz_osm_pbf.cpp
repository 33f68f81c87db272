// libFuzzer target: the OpenStreetMap reader (roads, settlements and hubs), the land-cover reader
// and the building count, from a .osm.pbf file's bytes.
#include <cstdint>

#include "fuzz_common.hpp"
#include "io/osm_buildings.hpp"
#include "io/osm_land_cover.hpp"
#include "io/osm_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = gw::fuzz::scratch("region.osm.pbf");
  gw::fuzz::write_bytes(file, data, size);
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::read_osm(file); });
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::read_osm_land_cover(file); });
  const std::vector<gw::Settlement> one(1);
  gw::fuzz::expect_only_gw_errors([&] { (void)gw::io::read_osm_dwellings(file, one); });
  return 0;
}
