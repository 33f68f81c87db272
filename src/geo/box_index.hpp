// An R-tree of lon/lat bounding boxes with integer payloads (hazards, assets).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/geometry.hpp"

namespace gw::geo {

class BoxIndex {
 public:
  // boxes[i] is the bounding box of the points of item i.
  explicit BoxIndex(const std::vector<std::vector<LonLat>>& items);
  ~BoxIndex();
  BoxIndex(const BoxIndex&) = delete;
  BoxIndex& operator=(const BoxIndex&) = delete;
  // Items whose box, grown by margin_m, intersects the box of `points`; sorted.
  [[nodiscard]] std::vector<std::uint32_t> query(const std::vector<LonLat>& points,
                                                 double margin_m) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

}  // namespace gw::geo
