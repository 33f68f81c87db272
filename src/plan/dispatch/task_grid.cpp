#include "plan/dispatch/task_grid.hpp"

#include <limits>

namespace gw::plan::dispatcher {

TaskGrid::TaskGrid(const RoadNetwork& net, const TaskBoard& board, bool by_priority)
    : net_(net), board_(board), by_priority_(by_priority) {
  const std::size_t n = board.size();
  // Per node, room for every task whose site edge ends there.
  std::vector<std::uint32_t> per_node(net.num_nodes(), 0);
  for (std::uint32_t t = 0; t < n; ++t) {
    const auto [u, v] = board.ends(t);
    ++per_node[u];
    if (v != u) ++per_node[v];
  }
  slots_.resize(net.num_nodes());
  busy_.assign((net.num_nodes() + 63) / 64, 0);
  std::size_t total = 0;
  for (std::size_t x = 0; x < per_node.size(); ++x) {
    slots_[x] = {static_cast<std::uint32_t>(total), 0};
    total += per_node[x];
  }
  avail_.resize(total);
  pos_.assign(n, 0);
  slot_.assign(n, 0);

  if (net.num_nodes() > 0) {
    double lat = 0;
    for (const auto& p : net.node_pos) lat += p.lat;
    mx_ = 111320.0 * std::cos(lat / static_cast<double>(net.num_nodes()) * 0.0174532925);
  }
  double x0 = std::numeric_limits<double>::max(), y0 = x0,
         x1 = std::numeric_limits<double>::lowest(), y1 = x1;
  for (const LonLat& p : net.node_pos) {
    x0 = std::min(x0, p.lon * mx_);
    x1 = std::max(x1, p.lon * mx_);
    y0 = std::min(y0, p.lat * 110540.0);
    y1 = std::max(y1, p.lat * 110540.0);
  }
  if (net.num_nodes() == 0) x0 = x1 = y0 = y1 = 0;
  x0_ = x0;
  y0_ = y0;
  nx_ = static_cast<std::int64_t>((x1 - x0) / kCellM) + 1;
  ny_ = static_cast<std::int64_t>((y1 - y0) / kCellM) + 1;
  ncells_ = static_cast<std::size_t>(nx_ * ny_);
  cells_.assign(kTaskClassCount * ncells_, {});
  cell_mask_.assign(ncells_, 0);
  max_chord_m_ = 0;
  for (std::size_t e = 0; e < net.num_edges(); ++e) {
    const LonLat a = net.node_pos[net.edge_from[e].index()];
    const LonLat b = net.node_pos[net.edge_to[e].index()];
    max_chord_m_ =
        std::max(max_chord_m_, std::hypot((a.lon - b.lon) * mx_, (a.lat - b.lat) * 110540.0));
  }
}

void TaskGrid::node_insert(std::uint32_t node, std::uint32_t t) {
  std::uint32_t* row = avail_.data() + slots_[node].begin;
  std::uint32_t& len = slots_[node].len;
  const std::uint32_t packed = board_.pack(t);
  std::uint32_t* at = std::upper_bound(row, row + len, packed);
  std::copy_backward(at, row + len, row + len + 1);
  *at = packed;
  ++len;
  busy_[node >> 6] |= std::uint64_t{1} << (node & 63);
}

void TaskGrid::node_erase(std::uint32_t node, std::uint32_t t) {
  std::uint32_t* row = avail_.data() + slots_[node].begin;
  std::uint32_t& len = slots_[node].len;
  const std::uint32_t packed = board_.pack(t);
  std::uint32_t* at = std::lower_bound(row, row + len, packed);
  assert(at != row + len && *at == packed);
  std::copy(at + 1, row + len, at);
  if (--len == 0) busy_[node >> 6] &= ~(std::uint64_t{1} << (node & 63));
}

void TaskGrid::add(std::uint32_t t, double priority) {
  const auto [u, v] = board_.ends(t);
  node_insert(u, t);
  if (v != u) node_insert(v, t);
  const std::size_t k = board_.cls(t);
  const auto [x, y] = cell_xy(u);
  const std::size_t cell = static_cast<std::size_t>(y * nx_ + x);
  slot_[t] = static_cast<std::uint32_t>(k * ncells_ + cell);
  ++class_avail_[k];
  cell_mask_[cell] |= ClassMask{1} << k;
  Cell& c = cells_[slot_[t]];
  ++c.live;
  auto& list = c.list;
  const CellEntry entry{t, u, v, 0, priority, board_.work(t), net_.node_pos[u], net_.node_pos[v]};
  if (!by_priority_) {
    pos_[t] = static_cast<std::uint32_t>(list.size());
    list.push_back(entry);
    return;
  }
  // Dead entries keep their keys, so the list, dead ones included, stays in hotter() order.
  const auto at = std::upper_bound(list.begin(), list.end(), entry, hotter_entry);
  const auto from = static_cast<std::size_t>(at - list.begin());
  list.insert(at, entry);
  for (std::size_t i = from; i < list.size(); ++i)
    pos_[list[i].task] = static_cast<std::uint32_t>(i);
  if (from <= c.lead) c.lead = static_cast<std::uint32_t>(from);
}

void TaskGrid::remove(std::uint32_t t) {
  const auto [u, v] = board_.ends(t);
  node_erase(u, t);
  if (v != u) node_erase(v, t);
  const std::size_t k = board_.cls(t);
  --class_avail_[k];
  Cell& c = cells_[slot_[t]];
  auto& list = c.list;
  if (--c.live == 0) {
    cell_mask_[slot_[t] % ncells_] &= ~(ClassMask{1} << k);
    list.clear();
    c.lead = 0;
    return;
  }
  if (!by_priority_) {
    const CellEntry last = list.back();
    list[pos_[t]] = last;
    pos_[last.task] = pos_[t];
    list.pop_back();
    return;
  }
  const std::uint32_t at = pos_[t];
  assert(list[at].task == t && list[at].dead == 0);
  list[at].dead = 1;
  if (at == c.lead) {
    while (list[c.lead].dead != 0) ++c.lead;  // a live entry remains
  }
  if (list.size() - c.live > c.live + 16) compact(c);
}

void TaskGrid::compact(Cell& c) {
  std::erase_if(c.list, [](const CellEntry& e) { return e.dead != 0; });
  for (std::size_t i = 0; i < c.list.size(); ++i)
    pos_[c.list[i].task] = static_cast<std::uint32_t>(i);
  c.lead = 0;
}

void TaskGrid::refresh(const std::vector<double>& priority) {
  for (Cell& c : cells_) {
    if (c.list.size() != c.live)
      std::erase_if(c.list, [](const CellEntry& e) { return e.dead != 0; });
    c.lead = 0;
    auto& list = c.list;
    for (CellEntry& e : list) e.priority = priority[e.task];
    std::sort(list.begin(), list.end(), hotter_entry);
    for (std::size_t i = 0; i < list.size(); ++i)
      pos_[list[i].task] = static_cast<std::uint32_t>(i);
  }
}

double TaskGrid::cell_min_travel_s(std::size_t slot, std::uint32_t node, double f) const {
  const auto idx = static_cast<std::int64_t>(slot % ncells_);
  const std::int64_t col = idx % nx_;
  const std::int64_t row = idx / nx_;  // whole cells
  const double cx0 = static_cast<double>(col) * kCellM, cy0 = static_cast<double>(row) * kCellM;
  const LonLat p = net_.node_pos[node];
  const double px = p.lon * mx_ - x0_, py = p.lat * 110540.0 - y0_;
  const double dx = std::max({0.0, cx0 - px, px - (cx0 + kCellM)});
  const double dy = std::max({0.0, cy0 - py, py - (cy0 + kCellM)});
  return std::max(0.0, std::hypot(dx, dy) - max_chord_m_) * f * kDetour / kEstimateSpeedMs;
}

}  // namespace gw::plan::dispatcher
