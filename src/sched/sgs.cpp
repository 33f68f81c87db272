#include "sched/sgs.hpp"

#include <algorithm>

namespace gw::sched {

Sgs::Sgs(const Problem& p) : p_(p) {
  int maxd = 0;
  for (int d : p.dur) maxd = std::max(maxd, d);
  periods_ = p.horizon + maxd + 2;
  avail_.resize(static_cast<std::size_t>(periods_) * static_cast<std::size_t>(std::max(1, p.R)));
  for (int t = 0; t < periods_; ++t) {
    for (int r = 0; r < p.R; ++r) avail_[static_cast<std::size_t>(t * p.R + r)] = p.cap[static_cast<std::size_t>(r)];
  }
  tmp_.resize(static_cast<std::size_t>(p.n));
  keys_.resize(static_cast<std::size_t>(p.n));
}

void Sgs::reset() {
  const int R = p_.R;
  for (int t = 0; t < touched_; ++t) {
    int* a = &avail_[static_cast<std::size_t>(t * R)];
    for (int r = 0; r < R; ++r) a[r] = p_.cap[static_cast<std::size_t>(r)];
  }
  touched_ = 0;
}

// Earliest t' >= t such that the job fits in [t', t'+d). Scans each candidate window from its end
// so that a conflict moves the candidate past it in one jump.
int Sgs::earliest_fit(int t, int d, int slot) const {
  const int b = p_.nz_off[static_cast<std::size_t>(slot)];
  const int e = p_.nz_off[static_cast<std::size_t>(slot) + 1];
  if (b == e || d == 0) return t;
  const int R = p_.R;
  const int* res = p_.nz_res.data();
  const int* qty = p_.nz_qty.data();
  for (;;) {
    int tau = t + d - 1;
    for (; tau >= t; --tau) {
      if (tau >= touched_) continue;  // untouched periods are at full capacity
      const int* a = &avail_[static_cast<std::size_t>(tau * R)];
      bool bad = false;
      for (int c = b; c < e; ++c) {
        if (a[res[c]] < qty[c]) {
          bad = true;
          break;
        }
      }
      if (bad) break;
    }
    if (tau < t) return t;
    t = tau + 1;
  }
}

void Sgs::book(int t, int d, int slot) {
  const int b = p_.nz_off[static_cast<std::size_t>(slot)];
  const int e = p_.nz_off[static_cast<std::size_t>(slot) + 1];
  if (b == e || d == 0) return;
  const int R = p_.R;
  touched_ = std::max(touched_, t + d);
  for (int tau = t; tau < t + d; ++tau) {
    int* a = &avail_[static_cast<std::size_t>(tau * R)];
    for (int c = b; c < e; ++c) a[p_.nz_res[static_cast<std::size_t>(c)]] -= p_.nz_qty[static_cast<std::size_t>(c)];
  }
}

template <bool Backward>
int Sgs::serial_impl(const int* order, const int* modes, int* start) {
  reset();
  const int* off = Backward ? p_.succ_off.data() : p_.pred_off.data();
  const int* adj = Backward ? p_.succs.data() : p_.preds.data();
  const int M = p_.M;
  const int* dur = p_.dur.data();
  int makespan = 0;
  for (int k = 0; k < p_.n; ++k) {
    const int j = order[k];
    const int slot = j * M + modes[j];
    const int d = dur[slot];
    int es = 0;
    for (int c = off[j]; c < off[j + 1]; ++c) {
      const int i = adj[c];
      es = std::max(es, start[i] + dur[i * M + modes[i]]);
    }
    const int t = earliest_fit(es, d, slot);
    book(t, d, slot);
    start[j] = t;
    makespan = std::max(makespan, t + d);
  }
  return makespan;
}

int Sgs::serial(const int* order, const int* modes, int* start) {
  return serial_impl<false>(order, modes, start);
}

int Sgs::parallel(const int* order, const int* modes, int* start) {
  reset();
  const int n = p_.n;
  const int M = p_.M;
  std::vector<int>& done = tmp_;  // finish time, -1 while unscheduled
  std::fill(done.begin(), done.end(), -1);
  int scheduled = 0;
  int t = 0;
  int makespan = 0;
  while (scheduled < n) {
    for (int k = 0; k < n; ++k) {
      const int j = order[k];
      if (done[static_cast<std::size_t>(j)] >= 0) continue;
      bool eligible = true;
      for (int c = p_.pred_off[static_cast<std::size_t>(j)]; c < p_.pred_off[static_cast<std::size_t>(j) + 1]; ++c) {
        const int f = done[static_cast<std::size_t>(p_.preds[static_cast<std::size_t>(c)])];
        if (f < 0 || f > t) {
          eligible = false;
          break;
        }
      }
      if (!eligible) continue;
      const int slot = j * M + modes[j];
      const int d = p_.dur[static_cast<std::size_t>(slot)];
      if (earliest_fit(t, d, slot) != t) continue;
      book(t, d, slot);
      start[j] = t;
      done[static_cast<std::size_t>(j)] = t + d;
      makespan = std::max(makespan, t + d);
      ++scheduled;
    }
    int next = -1;
    for (int j = 0; j < n; ++j) {
      const int f = done[static_cast<std::size_t>(j)];
      if (f > t && (next < 0 || f < next)) next = f;
    }
    if (next < 0) break;  // cannot happen for a feasible problem
    t = next;
  }
  return makespan;
}

void Sgs::sort_by_key(int* out) {
  std::sort(keys_.begin(), keys_.end());
  for (int k = 0; k < p_.n; ++k) out[k] = static_cast<int>(keys_[static_cast<std::size_t>(k)] & 0xFFFFFU);
}

int Sgs::justify(const int* modes, int* start, int* order_out) {
  const int n = p_.n;
  const int M = p_.M;
  int ms = 0;
  for (int j = 0; j < n; ++j) ms = std::max(ms, start[j] + p_.dur[static_cast<std::size_t>(j * M + modes[j])]);
  // Backward pass on the reversed network: time runs from the makespan back to 0.
  for (int j = 0; j < n; ++j) {
    const int f = start[j] + p_.dur[static_cast<std::size_t>(j * M + modes[j])];
    const std::uint64_t key = (static_cast<std::uint64_t>(ms - f) << 40) |
                              (static_cast<std::uint64_t>(n - 1 - p_.rank[static_cast<std::size_t>(j)]) << 20) |
                              static_cast<std::uint64_t>(j);
    keys_[static_cast<std::size_t>(j)] = key;
  }
  sort_by_key(order_out);
  int* rstart = tmp_.data();
  const int ms2 = serial_impl<true>(order_out, modes, rstart);
  for (int j = 0; j < n; ++j) {
    const int d = p_.dur[static_cast<std::size_t>(j * M + modes[j])];
    const int s = ms2 - rstart[j] - d;
    keys_[static_cast<std::size_t>(j)] = (static_cast<std::uint64_t>(s) << 40) |
                                         (static_cast<std::uint64_t>(p_.rank[static_cast<std::size_t>(j)]) << 20) |
                                         static_cast<std::uint64_t>(j);
  }
  sort_by_key(order_out);
  const int ms3 = serial_impl<false>(order_out, modes, start);
  for (int j = 0; j < n; ++j) {
    keys_[static_cast<std::size_t>(j)] = (static_cast<std::uint64_t>(start[j]) << 40) |
                                         (static_cast<std::uint64_t>(p_.rank[static_cast<std::size_t>(j)]) << 20) |
                                         static_cast<std::uint64_t>(j);
  }
  sort_by_key(order_out);
  return ms3;
}

template int Sgs::serial_impl<false>(const int*, const int*, int*);
template int Sgs::serial_impl<true>(const int*, const int*, int*);

}  // namespace gw::sched
