// The far lookup: a crew whose local search found nothing ranks the available tasks of its
// component by a straight-line estimate of travel (the chosen one gets its exact travel later).
// Tasks are found through the grid of task_grid.hpp: first the cells within the travel limit
// (DispatchOptions::far_travel_s), then, if nothing is there, the cells beyond it ring by ring.
#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <tuple>

#include "plan/dispatch/dispatcher.hpp"

namespace gw::plan::dispatcher {

void Dispatcher::far_candidates(std::uint32_t c, const Crew& crew, const ClassSet& cap) {
  ++stats_.far_lookups;
  const std::uint32_t node = crews_.node(c).value;
  const std::uint32_t root = roads_.root(node);
  Candidate farthest_fallback{0, NodeId{}, std::numeric_limits<Seconds>::max(), false};
  const TravelEstimator estimator(net_, crews_.node(c));
  // Impact rule: the best score among the tasks ranked so far.
  double best_far = -std::numeric_limits<double>::infinity();
  auto consider = [&](const CellEntry& e) {
    ++stats_.far_scanned;
    const std::uint32_t t = e.task;
    // The estimate first: it is cheaper than the component test and rules most tasks out.
    const Seconds est = estimator.travel_s(e.u, e.v);
    const bool near = est <= opt_.far_travel_s;
    if (!near && std::tie(est, t) >= std::tie(farthest_fallback.travel_s, farthest_fallback.task))
      return;
    if (roads_.root(e.u_node) != root && roads_.root(e.v_node) != root) return;
    if (near) {
      cands_.mark(t);
      cands_.list.push_back({t, NodeId{}, est, false});
    } else {
      farthest_fallback = {t, NodeId{}, est, false};
    }
  };
  // The cells within the estimated travel limit, then, if nothing is there, every cell.
  const auto reach =
      static_cast<std::int64_t>(std::ceil(static_cast<double>(opt_.far_travel_s) *
                                          kEstimateSpeedMs / kDetour / TaskGrid::kCellM)) +
      1;
  // Cells of the window that can hold no task within the travel limit are left for the search of
  // the nearest task beyond it, which only runs when nothing is within it.
  const double f = std::min(1.0, estimator.mx / grid_.mx());
  deferred_.clear();
  auto within_limit = [&](std::size_t id) {
    if (grid_.cell_min_travel_s(id, node, f) <= static_cast<double>(opt_.far_travel_s)) return true;
    deferred_.push_back(id);
    return false;
  };
  if (opt_.rule == Rule::kImpact) {
    // Cells by falling priority bound (the priority of their first task): once the best
    // candidate's score beats a cell's bound, no task there or in the cells after it can win, and
    // within a cell no task after the first that cannot. Only the best candidate is kept (the
    // first of equals, as the final choice would take it): the others cannot win. The tasks
    // passed over are not marked seen, so a hot list may offer them again, but every hot task
    // from there on has a lower priority still (hot lists fall by priority).
    window_.clear();
    const ClassMask capmask = class_mask(cap);
    grid_.for_cells_around(node, reach, [&](std::size_t cell) {
      ClassMask m = grid_.cell_classes(cell) & capmask;
      if (m == 0) return;
      const bool within =
          grid_.cell_min_travel_s(cell, node, f) <= static_cast<double>(opt_.far_travel_s);
      for (; m != 0; m &= m - 1) {
        const std::size_t id = static_cast<std::size_t>(std::countr_zero(m)) * grid_.cells() + cell;
        if (within) {
          window_.emplace_back(grid_.entries(id).front().priority, id);  // live: see entries()
        } else {
          deferred_.push_back(id);
        }
      }
    });
    // Deferred cells are ranked in slot order, as the per-class walk listed them.
    std::sort(deferred_.begin(), deferred_.end());
    stats_.window_cells += window_.size();
    std::sort(window_.begin(), window_.end(), std::greater<>());
    for (const auto& [bound, id] : window_) {
      if (bound + kScoreSlack < best_far) break;
      const std::size_t k = id / grid_.cells();
      const CellEntry* prev = nullptr;
      bool prev_seen = false;
      for (const CellEntry& e : grid_.entries(id)) {
        if (e.dead != 0) continue;
        // The score's bound (kScoreSlack): no later task of the cell can beat the best.
        if (e.priority + kScoreSlack < best_far) break;
        // The work packages of one hazard follow one another in a cell (same priority and site):
        // one that also has the previous one's work (and slowdown limit) scores the same and
        // cannot beat it, nor come before it among the far fallbacks (lower id).
        if (prev != nullptr && scorer_.same_score(*prev, e)) {
          if (prev_seen) cands_.mark(e.task);
          continue;
        }
        prev = &e;
        prev_seen = false;
        const Seconds est = estimator.travel_s(e.u, e.v);
        if (est > opt_.far_travel_s) {
          consider(e);  // a far fallback at most
          continue;
        }
        ++stats_.far_scanned;
        // The score before the component test: most tasks cannot beat the best and need no
        // union-find lookups. Such a task is still marked seen, as ranking it would have marked
        // it when in the crew's component; the hot lists skip the others anyway.
        const double sc = scorer_.entry_score(crew, e, k, est);
        if (sc <= best_far) {
          cands_.mark(e.task);
          prev_seen = true;
          continue;
        }
        if (roads_.root(e.u_node) != root && roads_.root(e.v_node) != root) continue;
        cands_.mark(e.task);
        prev_seen = true;
        best_far = sc;
        cands_.list.assign(1, {e.task, NodeId{}, est, false});
      }
    }
  } else {
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      if (!cap[k] || grid_.class_available(k) == 0) continue;
      grid_.for_slots_around(k, node, reach, [&](std::size_t id) {
        if (grid_.live(id) == 0 || !within_limit(id)) return;
        for (const CellEntry& e : grid_.entries(id)) consider(e);  // the nearest rule: none dead
      });
    }
  }
  if (cands_.list.empty()) {
    for (const std::size_t id : deferred_) {
      for (const CellEntry& e : grid_.entries(id)) {
        if (e.dead == 0) consider(e);
      }
    }
  }
  if (cands_.list.empty() && farthest_fallback.travel_s == std::numeric_limits<Seconds>::max()) {
    // Nothing in the window: widen it ring by ring until the nearest task found is nearer than
    // anything the next ring could hold. Cell widths are in the grid's metres; the estimator's
    // are at the crew's latitude, hence the factor f.
    const auto [cx, cy] = grid_.cell_xy(node);
    const std::int64_t max_r = std::max(grid_.nx(), grid_.ny());
    for (std::int64_t r = reach + 1; r <= max_r; ++r) {
      const double nearest_possible_s =
          static_cast<double>(r - 1) * TaskGrid::kCellM * f * kDetour / kEstimateSpeedMs;
      if (static_cast<double>(farthest_fallback.travel_s) < nearest_possible_s) break;
      for (std::size_t k = 0; k < kTaskClassCount; ++k) {
        if (!cap[k] || grid_.class_available(k) == 0) continue;
        grid_.for_ring(k, cx, cy, r, [&](std::size_t id) {
          for (const CellEntry& e : grid_.entries(id)) {
            if (e.dead != 0) continue;
            ++stats_.far_scanned_everywhere;
            consider(e);
          }
        });
      }
    }
  }
  // Nothing within reach of a day trip: the nearest task, however far.
  if (cands_.list.empty() && farthest_fallback.travel_s != std::numeric_limits<Seconds>::max()) {
    cands_.list.push_back(farthest_fallback);
  }
  if (opt_.rule == Rule::kNearest && !cands_.list.empty()) {
    auto& list = cands_.list;
    std::size_t best = 0;
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (std::tie(list[i].travel_s, list[i].task) < std::tie(list[best].travel_s, list[best].task))
        best = i;
    }
    std::swap(list[0], list[best]);
    list.resize(1);
  }
}

}  // namespace gw::plan::dispatcher
