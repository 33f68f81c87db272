// A monotone priority queue of (32-bit key, 32-bit value) for Dijkstra's algorithm: every key
// pushed is at least the last key popped. Entries live in 33 buckets by the highest bit in which
// their key differs from the last key popped; a pop empties the lowest bucket, redistributing the
// first non-empty one when it is not bucket 0. Each entry moves down at most 32 times, and in
// practice a few: pushes are O(1) and pops cheap, with none of a binary heap's unpredictable
// sift branches (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster algorithms for the shortest path
// problem", JACM 1990).
#pragma once

#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace gw::network {

class RadixHeap {
 public:
  void clear() {
    for (auto& b : buckets_) b.clear();
    nonempty_ = 0;
    last_ = 0;
    size_ = 0;
  }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

  void push(std::uint32_t key, std::uint32_t value) {
    assert(key >= last_);
    const std::size_t b = bucket(key);
    buckets_[b].push_back(static_cast<std::uint64_t>(key) << 32 | value);
    nonempty_ |= std::uint64_t{1} << b;
    ++size_;
  }

  // The entry with the least key (among equal keys, any). Requires !empty().
  std::pair<std::uint32_t, std::uint32_t> pop() {
    assert(size_ > 0);
    if ((nonempty_ & 1) == 0) {
      const auto i = static_cast<std::size_t>(std::countr_zero(nonempty_));
      auto& from = buckets_[i];
      std::uint64_t least = std::numeric_limits<std::uint64_t>::max();
      for (const std::uint64_t e : from) least = std::min(least, e >> 32);
      last_ = static_cast<std::uint32_t>(least);
      nonempty_ &= ~(std::uint64_t{1} << i);
      for (const std::uint64_t e : from) {
        const std::size_t b = bucket(static_cast<std::uint32_t>(e >> 32));
        buckets_[b].push_back(e);
        nonempty_ |= std::uint64_t{1} << b;
      }
      from.clear();
    }
    const std::uint64_t e = buckets_[0].back();
    buckets_[0].pop_back();
    if (buckets_[0].empty()) nonempty_ &= ~std::uint64_t{1};
    --size_;
    return {static_cast<std::uint32_t>(e >> 32), static_cast<std::uint32_t>(e)};
  }

 private:
  [[nodiscard]] std::size_t bucket(std::uint32_t key) const {
    return key == last_ ? 0 : static_cast<std::size_t>(32 - std::countl_zero(key ^ last_));
  }
  std::array<std::vector<std::uint64_t>, 33> buckets_;
  std::uint64_t nonempty_ = 0;  // bit b set when bucket b holds entries
  std::uint32_t last_ = 0;
  std::size_t size_ = 0;
};

}  // namespace gw::network
