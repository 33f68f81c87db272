// The random small districts of the property tests: scale, seed, NTS cancellation and package
// size all vary with one seed. Not linked.
#pragma once

#include <cstdint>

#include "gen/district.hpp"

namespace gw::test {

inline Scenario random_small_district(std::uint64_t seed) {
  gen::DistrictOptions o;
  o.scale = 0.04 + 0.02 * static_cast<double>(seed % 4);
  o.seed = seed * 7919;
  Scenario s = gen::generate_district(o);
  s.params.nts_cancel_share = 0.1 * static_cast<double>(seed % 5);
  s.params.work_package_m2 = 5000.0 * static_cast<double>(1 + seed % 3);
  return s;
}

}  // namespace gw::test
