// The generators' portable random numbers (splitmix64, model/random.hpp) and small helpers. The
// standard library's distributions differ across implementations; these do not, so a seed gives the
// same scenario everywhere.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "model/random.hpp"

namespace gw::gen {

class Rng {
 public:
  // Independent streams of one seed: each step of a generator draws from its own stream, so that
  // changing one step leaves the others as they were.
  Rng(std::uint64_t seed, std::uint64_t stream) : s_(seed ^ (stream * 0xd1b54a32d192ed03ULL)) {
    next();
  }
  std::uint64_t next() { return splitmix64_next(s_); }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  std::size_t index(std::size_t n) {
    const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;
  }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  // Index drawn with the given (unnormalised) weights.
  template <std::size_t N>
  std::size_t weighted(const std::array<double, N>& w) {
    double total = 0;
    for (double x : w) total += x;
    double u = uniform() * total;
    for (std::size_t i = 0; i < N; ++i) {
      if (u < w[i]) return i;
      u -= w[i];
    }
    return N - 1;
  }

 private:
  std::uint64_t s_;
};

// round(base * k), at least `min`.
inline std::size_t scaled_count(double base, double k, std::size_t min = 1) {
  return std::max(min, static_cast<std::size_t>(std::llround(base * k)));
}

// "HZ00017" from ("HZ", 17, 5).
inline std::string make_id(const char* prefix, std::size_t n, int width) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%0*zu", prefix, width, n);
  return buf;
}

}  // namespace gw::gen
