// splitmix64 (Steele, Lea and Flood, 2014): the portable mixing function behind the generators'
// random numbers, the engine's seeding and the planner's per-hazard draws. One definition for all
// of them; the validator keeps its own copy on purpose (it shares no code with the planner).
#pragma once

#include <cstdint>

namespace gw {

inline constexpr std::uint64_t kSplitmixGamma = 0x9e3779b97f4a7c15ULL;

// The output of splitmix64 for state `z` before its step: mix(z + gamma). A hash of one 64-bit
// word, used stateless by the planner's draws.
constexpr std::uint64_t splitmix64(std::uint64_t z) {
  z += kSplitmixGamma;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The generator: the next output of the stream whose state is `state`, which it advances.
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
  const std::uint64_t out = splitmix64(state);
  state += kSplitmixGamma;
  return out;
}

}  // namespace gw
