#include "plan/dispatch/crew_pool.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "model/parameters.hpp"

namespace gw::plan::dispatcher {

CrewPool::CrewPool(const Scenario& s, const RoadNetwork& net) : net_(net) {
  node_.resize(s.crews.size());
  for (std::size_t c = 0; c < s.crews.size(); ++c) node_[c] = s.crews[c].base_node;
}

std::uint64_t CrewPool::key(std::uint32_t root, std::size_t trade) {
  return static_cast<std::uint64_t>(root) * kTradeCount + trade;
}

void CrewPool::wake_nearest(std::uint32_t root, std::size_t trade, std::uint32_t node) {
  auto it = idle_.find(key(root, trade));
  if (it == idle_.end()) return;
  auto& list = it->second;
  const LonLat a = net_.node_pos[node];
  const double mx = std::cos(a.lat * 0.0174532925);
  std::size_t best = 0;
  double best_d2 = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const LonLat b = net_.node_pos[node_[list[i]].index()];
    const double dx = (a.lon - b.lon) * mx, dy = a.lat - b.lat;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2) {
      best_d2 = d2;
      best = i;
    }
  }
  woken_.push_back(list[best]);
  list[best] = list.back();
  list.pop_back();
  if (list.empty()) idle_.erase(it);
}

void CrewPool::wake(std::uint32_t root, std::size_t trade, std::size_t n) {
  auto it = idle_.find(key(root, trade));
  if (it == idle_.end()) return;
  auto& list = it->second;
  while (n-- > 0 && !list.empty()) {
    const std::uint32_t c = list.back();
    list.pop_back();
    woken_.push_back(c);
  }
  if (list.empty()) idle_.erase(it);
}

void CrewPool::merge(std::uint32_t keep, std::uint32_t gone) {
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    auto it = idle_.find(key(gone, tr));
    if (it == idle_.end()) continue;
    std::vector<std::uint32_t> moved = std::move(it->second);
    idle_.erase(it);
    auto& into = idle_[key(keep, tr)];
    if (into.size() < moved.size()) std::swap(into, moved);
    into.insert(into.end(), moved.begin(), moved.end());
  }
}

}  // namespace gw::plan::dispatcher
