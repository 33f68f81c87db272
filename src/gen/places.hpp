// Settlements in local metres, with a bucket grid for neighbour queries: what the generators need
// to place damage and depots around them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "gen/shapes.hpp"

namespace gw::gen {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Bucket grid over points in the square [0, side]², for neighbour queries in O(1) per cell.
// Points outside the square fall into the border cells.
class PointGrid {
 public:
  PointGrid(double side, double cell)
      : cell_(cell),
        n_(static_cast<int>(std::ceil(side / cell)) + 1),
        cells_(static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_)) {}
  void insert(std::uint32_t id, XY p) { cells_[cell_of(p)].push_back(id); }
  template <typename F>
  void for_near(XY p, double r, F&& f) const {
    const int x0 = clampi(static_cast<int>(std::floor((p.x - r) / cell_)));
    const int x1 = clampi(static_cast<int>(std::floor((p.x + r) / cell_)));
    const int y0 = clampi(static_cast<int>(std::floor((p.y - r) / cell_)));
    const int y1 = clampi(static_cast<int>(std::floor((p.y + r) / cell_)));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        for (std::uint32_t id : cells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(n_) +
                                       static_cast<std::size_t>(x)]) {
          f(id);
        }
      }
    }
  }
  [[nodiscard]] double extent() const { return cell_ * n_; }

 private:
  [[nodiscard]] int clampi(int v) const { return std::clamp(v, 0, n_ - 1); }
  [[nodiscard]] std::size_t cell_of(XY p) const {
    const int x = clampi(static_cast<int>(std::floor(p.x / cell_)));
    const int y = clampi(static_cast<int>(std::floor(p.y / cell_)));
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(x);
  }
  double cell_;
  int n_;
  std::vector<std::vector<std::uint32_t>> cells_;
};

struct Place {
  XY p;
  std::uint32_t node = 0;  // generator-specific (the district: its grid node)
  int kind = 2;            // 0 district centre, 1 town, 2 village
  double pop = 0;
};

// Nearest-neighbour queries over places (indices into the vector, which must outlive this).
class PlaceIndex {
 public:
  PlaceIndex(const std::vector<Place>& places, double side) : places_(places), grid_(side, 2000) {
    for (std::uint32_t i = 0; i < places.size(); ++i) grid_.insert(i, places[i].p);
  }
  // Nearest place to p (other than `self`) passing `accept`, the lower index among equals; kNone
  // when there is none.
  template <typename Accept>
  std::uint32_t nearest(XY p, std::uint32_t self, Accept&& accept) const {
    for (double rad = 2000;; rad *= 2) {
      std::uint32_t best = kNone;
      double bd = std::numeric_limits<double>::max();
      grid_.for_near(p, rad, [&](std::uint32_t id) {
        if (id == self || !accept(id)) return;
        const double d = dist(places_[id].p, p);
        if (d <= rad && (d < bd || (d == bd && id < best))) {
          bd = d;
          best = id;
        }
      });
      if (best != kNone || rad > 2 * grid_.extent()) return best;
    }
  }
  // Places within rad of p, nearest first.
  [[nodiscard]] std::vector<std::uint32_t> within(XY p, double rad) const {
    std::vector<std::pair<double, std::uint32_t>> hits;
    grid_.for_near(p, rad, [&](std::uint32_t id) {
      const double d = dist(places_[id].p, p);
      if (d <= rad) hits.emplace_back(d, id);
    });
    std::sort(hits.begin(), hits.end());
    std::vector<std::uint32_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    return out;
  }

 private:
  const std::vector<Place>& places_;
  PointGrid grid_;
};

}  // namespace gw::gen
