// The dispatcher's index of available tasks, in two forms:
// - per node, the available tasks whose site edge ends there (what a crew's local search meets),
//   with one bit per node telling whether there are any;
// - per class and grid cell of kCellM metres, entries that carry copies of what ranking far work
//   reads (priority, work, both site ends), with O(1) removal, so that far work is found by
//   looking at the cells around a crew rather than at every available task.
// Under the impact rule each cell's list is kept by falling priority (hotter() order), so that a
// far lookup stops in a cell at the first task that cannot beat the best candidate found. Taken
// tasks are then only marked dead and dropped when the dead outnumber the live: erasing each from
// a sorted list would cost the length of the list, quadratic in the work packages of one hazard.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "model/road_network.hpp"
#include "plan/dispatch/road_state.hpp"
#include "plan/dispatch/task_board.hpp"
#include "plan/dispatch/travel.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

// An available task as the far-work scan sees it: its priority and the ids and positions of both
// ends of its site edge are copied in, so that ranking thousands of tasks reads one contiguous
// list, not scattered per-task and per-node arrays.
struct CellEntry {
  std::uint32_t task = 0;
  std::uint32_t u_node = 0, v_node = 0;
  // Impact rule: taken, left in place until the cell is compacted (it fills what was padding).
  std::uint32_t dead = 0;
  double priority = 0;  // the task's priority (0 for the nearest rule), refreshed with it
  double work = 0;      // the task's work
  LonLat u, v;
};

// Falling priority, then task order.
inline bool hotter_entry(const CellEntry& a, const CellEntry& b) {
  return a.priority != b.priority ? a.priority > b.priority : a.task < b.task;
}

// The classes of a capability set as a bit mask.
using ClassMask = std::uint64_t;
static_assert(kTaskClassCount <= 64);
[[nodiscard]] inline ClassMask class_mask(const ClassSet& cap) {
  ClassMask m = 0;
  for (std::size_t k = 0; k < kTaskClassCount; ++k) m |= cap[k] ? ClassMask{1} << k : 0U;
  return m;
}

class TaskGrid {
 public:
  static constexpr double kCellM = 5000;
  static constexpr std::uint32_t kClassMask = (1U << TaskBoard::kClassBits) - 1;
  static_assert(kTaskClassCount <= kClassMask + 1);

  // `by_priority`: cells keep their lists by falling priority (impact rule).
  TaskGrid(const RoadNetwork& net, const TaskBoard& board, bool by_priority);

  // Task t became available, with its priority (0 when not by_priority).
  void add(std::uint32_t t, double priority);
  // Task t is taken.
  void remove(std::uint32_t t);
  // The priorities changed: copies them into the entries and re-sorts every cell.
  void refresh(const std::vector<double>& priority);

  // ---- per node ----
  [[nodiscard]] bool node_busy(std::uint32_t x) const {
    return (busy_[x >> 6] >> (x & 63) & 1) != 0;
  }
  // The available tasks at node x, packed (TaskBoard::pack), ascending.
  [[nodiscard]] const std::uint32_t* node_begin(std::uint32_t x) const {
    return avail_.data() + slots_[x].begin;
  }
  [[nodiscard]] const std::uint32_t* node_end(std::uint32_t x) const {
    return avail_.data() + slots_[x].begin + slots_[x].len;
  }

  // ---- per class and cell ----
  // Cell slots: slot = class * cells() + cell.
  [[nodiscard]] std::size_t cells() const { return ncells_; }
  // The entries of a slot from its first live one on, in order (skip those marked dead).
  [[nodiscard]] std::span<const CellEntry> entries(std::size_t slot) const {
    const Cell& c = cells_[slot];
    return {c.list.data() + c.lead, c.list.size() - c.lead};
  }
  // The live entries of a slot.
  [[nodiscard]] std::size_t live(std::size_t slot) const { return cells_[slot].live; }
  // Bit k set when cell lists available tasks of class k.
  [[nodiscard]] ClassMask cell_classes(std::size_t cell) const { return cell_mask_[cell]; }
  [[nodiscard]] std::size_t class_available(std::size_t k) const { return class_avail_[k]; }
  [[nodiscard]] std::int64_t nx() const { return nx_; }
  [[nodiscard]] std::int64_t ny() const { return ny_; }
  // Metres per degree of longitude at the network's centre.
  [[nodiscard]] double mx() const { return mx_; }

  [[nodiscard]] std::pair<std::int64_t, std::int64_t> cell_xy(std::uint32_t node) const {
    const LonLat p = net_.node_pos[node];
    return {static_cast<std::int64_t>((p.lon * mx_ - x0_) / kCellM),
            static_cast<std::int64_t>((p.lat * 110540.0 - y0_) / kCellM)};
  }
  // Calls f(cell) for the grid cells within `reach` cells of node's cell.
  template <typename F>
  void for_cells_around(std::uint32_t node, std::int64_t reach, F&& f) const {
    for_slots_around(0, node, reach, f);  // class 0's slots are the cells themselves
  }
  // Calls f(slot) for the cells of class k within `reach` cells of node's cell.
  template <typename F>
  void for_slots_around(std::size_t k, std::uint32_t node, std::int64_t reach, F&& f) const {
    const auto [cx, cy] = cell_xy(node);
    for (std::int64_t y = std::max<std::int64_t>(0, cy - reach); y <= std::min(ny_ - 1, cy + reach);
         ++y) {
      for (std::int64_t x = std::max<std::int64_t>(0, cx - reach);
           x <= std::min(nx_ - 1, cx + reach); ++x) {
        f(k * ncells_ + static_cast<std::size_t>(y * nx_ + x));
      }
    }
  }
  // Calls f(slot) for the cells of class k at Chebyshev distance exactly r from cell (cx, cy).
  template <typename F>
  void for_ring(std::size_t k, std::int64_t cx, std::int64_t cy, std::int64_t r, F&& f) const {
    auto at = [&](std::int64_t x, std::int64_t y) {
      if (x >= 0 && y >= 0 && x < nx_ && y < ny_)
        f(k * ncells_ + static_cast<std::size_t>(y * nx_ + x));
    };
    for (std::int64_t x = cx - r; x <= cx + r; ++x) {
      at(x, cy - r);
      at(x, cy + r);
    }
    for (std::int64_t y = cy - r + 1; y <= cy + r - 1; ++y) {
      at(cx - r, y);
      at(cx + r, y);
    }
  }
  // A lower bound of the estimated travel from `node` to any task listed in cell slot `slot`: the
  // cell holds a task by its site edge's first end, and the other end lies within the longest
  // edge chord of it. The factor f converts the grid's metres to the estimator's.
  [[nodiscard]] double cell_min_travel_s(std::size_t slot, std::uint32_t node, double f) const;

 private:
  void node_insert(std::uint32_t node, std::uint32_t t);
  void node_erase(std::uint32_t node, std::uint32_t t);

  const RoadNetwork& net_;
  const TaskBoard& board_;
  bool by_priority_;
  // node -> available tasks whose site edge ends there, ascending: avail_[begin, begin + len)
  // (capacity: every task of the node). One 8-byte record per node: a search reads one line.
  struct NodeSlots {
    std::uint32_t begin;
    std::uint32_t len;
  };
  std::vector<NodeSlots> slots_;
  // One bit per node: it has available tasks. The local search tests this small array (it stays
  // in cache on a country network) before it reads the node's slots.
  std::vector<std::uint64_t> busy_;
  // Each entry packs task << kClassBits | class: the search tests the class without reading a
  // per-task array, and the order is still the tasks' order.
  std::vector<std::uint32_t> avail_;

  struct Cell {
    std::vector<CellEntry> list;
    std::uint32_t lead = 0;  // the first live entry
    std::uint32_t live = 0;
  };
  void compact(Cell& c);
  std::vector<Cell> cells_;  // available tasks by class and grid cell
  // Per grid cell, bit k set when the cell lists available tasks of class k: a window is walked
  // once, not once per class the crew can do.
  std::vector<ClassMask> cell_mask_;
  std::array<std::size_t, kTaskClassCount> class_avail_{};
  std::vector<std::uint32_t> pos_;   // per task: index within its cell's list
  std::vector<std::uint32_t> slot_;  // per task: its cell slot
  double max_chord_m_ = 0;  // the longest straight line between an edge's ends, grid metres
  std::size_t ncells_ = 1;
  double x0_ = 0, y0_ = 0;
  std::int64_t nx_ = 1, ny_ = 1;
  double mx_ = 111320.0;
};

}  // namespace gw::plan::dispatcher
