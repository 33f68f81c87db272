// The one types header: strong ids and integer units used across groundwork.
// Units are in the names: *_m (metres), *_m2 (square metres), *_min (minutes), *_s (seconds).
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace gw {

// A dense 32-bit index that cannot be mixed up with another kind of index.
template <typename Tag, typename Rep = std::uint32_t>
struct StrongId {
  using rep = Rep;
  Rep value = std::numeric_limits<Rep>::max();

  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep v) : value(v) {}
  template <typename I>
  static constexpr StrongId from_index(I i) {
    return StrongId(static_cast<Rep>(i));
  }
  static constexpr StrongId invalid() { return StrongId(); }
  [[nodiscard]] constexpr bool valid() const { return value != std::numeric_limits<Rep>::max(); }
  [[nodiscard]] constexpr std::size_t index() const { return value; }
  // clang-tidy before 18 reports modernize-use-nullptr on a defaulted operator<=>, where no
  // literal 0 is written (llvm/llvm-project#53961).
  constexpr auto operator<=>(const StrongId&) const = default;  // NOLINT(modernize-use-nullptr)
};

using NodeId = StrongId<struct NodeTag>;
using EdgeId = StrongId<struct EdgeTag>;
using SettlementId = StrongId<struct SettlementTag>;
using HubId = StrongId<struct HubTag>;
using HazardId = StrongId<struct HazardTag>;
using AssetId = StrongId<struct AssetTag>;
using CrewId = StrongId<struct CrewTag>;
using TaskId = StrongId<struct TaskTag>;

// Time is counted in whole minutes since the plan's start (day 0, 00:00).
using Minutes = std::int64_t;
inline constexpr Minutes kMinutesPerDay = 1440;
// Travel times along edges are whole seconds (rounded up), summed, then rounded up to minutes.
using Seconds = std::int64_t;

inline constexpr double minutes_to_days(Minutes m) {
  return static_cast<double>(m) / kMinutesPerDay;
}

}  // namespace gw

template <typename Tag, typename Rep>
struct std::hash<gw::StrongId<Tag, Rep>> {
  std::size_t operator()(const gw::StrongId<Tag, Rep>& id) const noexcept {
    return std::hash<Rep>{}(id.value);
  }
};
