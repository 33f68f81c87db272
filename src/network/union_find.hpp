// Disjoint sets with union by size and path halving.
#pragma once

#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace gw::network {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n = 0) : parent_(n), size_(n, 1) {
    std::iota(parent_.begin(), parent_.end(), 0U);
  }
  std::uint32_t find(std::size_t x) {
    auto i = static_cast<std::uint32_t>(x);
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];
      i = parent_[i];
    }
    return i;
  }
  // Joins the sets of a and b; returns {kept root, absorbed root}, or equal roots if already
  // joined.
  std::pair<std::uint32_t, std::uint32_t> unite(std::size_t a, std::size_t b) {
    std::uint32_t ra = find(a), rb = find(b);
    if (ra == rb) return {ra, rb};
    if (size_[ra] < size_[rb]) std::swap(ra, rb);
    parent_[rb] = ra;
    size_[ra] += size_[rb];
    return {ra, rb};
  }
  [[nodiscard]] std::uint32_t size_of_root(std::uint32_t r) const { return size_[r]; }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

}  // namespace gw::network
