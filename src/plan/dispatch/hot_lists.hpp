// The impact rule's hot lists, per class and by falling priority: the available tasks on a
// restoration path (they compete for every crew of their component, wherever it stands), and,
// with the look-ahead, the waiting ones whose predecessors are all under way.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "plan/dispatch/priorities.hpp"
#include "plan/dispatch/task_board.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

using HotList = std::vector<std::uint32_t>;
using HotLists = std::array<HotList, kTaskClassCount>;

// Inserts t into a list kept by falling priority.
inline void insert_hot(HotList& list, std::uint32_t t, const ImpactPriorities& prio) {
  list.insert(std::upper_bound(list.begin(), list.end(), t,
                               [&](std::uint32_t a, std::uint32_t b) { return prio.hotter(a, b); }),
              t);
}

// Refills lists with the tasks on a path that `want` accepts, each by falling priority.
template <typename Want>
void rebuild_hot(HotLists& lists, const TaskBoard& board, const ImpactPriorities& prio,
                 Want&& want) {
  for (auto& list : lists) list.clear();
  for (std::uint32_t t = 0; t < board.size(); ++t) {
    if (want(t) && prio.on_path(t)) lists[board.cls(t)].push_back(t);
  }
  for (auto& list : lists)
    std::sort(list.begin(), list.end(),
              [&](std::uint32_t a, std::uint32_t b) { return prio.hotter(a, b); });
}

}  // namespace gw::plan::dispatcher
