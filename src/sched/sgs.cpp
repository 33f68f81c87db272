#include "sched/sgs.hpp"

#include <algorithm>

namespace gw::sched {

Sgs::Sgs(const Problem& p) : p_(p) {
  int maxd = 0;
  for (int d : p.dur) maxd = std::max(maxd, d);
  periods_ = p.horizon + maxd + 2;
  int maxcap = 0;
  for (int c : p.cap) maxcap = std::max(maxcap, c);
  const int lane_bits = maxcap < (1 << 15) ? 16 : 32;
  const int lanes = 64 / lane_bits;
  words_ = std::max(1, (p.R + lanes - 1) / lanes);
  for (int l = 0; l < lanes; ++l) guard_ |= std::uint64_t{1} << (l * lane_bits + lane_bits - 1);
  auto pack = [&](const int* q, std::uint64_t* out) {
    for (int w = 0; w < words_; ++w) out[w] = 0;
    for (int r = 0; r < p.R; ++r) {
      out[r / lanes] |= static_cast<std::uint64_t>(q[r]) << ((r % lanes) * lane_bits);
    }
  };
  const std::size_t W = static_cast<std::size_t>(words_);
  cap_words_.resize(W);
  pack(p.cap.data(), cap_words_.data());
  const std::size_t slots = static_cast<std::size_t>(p.n) * static_cast<std::size_t>(p.M);
  dem_words_.assign(slots * W, 0);
  uses_.assign(slots, 0);
  for (std::size_t s = 0; s < slots; ++s) {
    if (p.R > 0) pack(&p.dem[s * static_cast<std::size_t>(p.R)], &dem_words_[s * W]);
    uses_[s] = p.nz_off[s] != p.nz_off[s + 1];
  }
  avail_.resize(static_cast<std::size_t>(periods_) * W);
  for (int t = 0; t < periods_; ++t) {
    for (std::size_t w = 0; w < W; ++w) avail_[static_cast<std::size_t>(t) * W + w] = cap_words_[w];
  }
  tmp_.resize(static_cast<std::size_t>(p.n));
  key_.resize(static_cast<std::size_t>(p.n));
  count_.resize(static_cast<std::size_t>(periods_) + 2);
  topo_.resize(static_cast<std::size_t>(p.n));
  for (int j = 0; j < p.n; ++j)
    topo_[static_cast<std::size_t>(p.rank[static_cast<std::size_t>(j)])] = j;
}

void Sgs::reset() {
  const std::size_t W = static_cast<std::size_t>(words_);
  if (W == 1) {
    std::fill(avail_.begin(), avail_.begin() + touched_, cap_words_[0]);
  } else {
    for (int t = 0; t < touched_; ++t) {
      std::copy(cap_words_.begin(), cap_words_.end(),
                avail_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(t) * W));
    }
  }
  touched_ = 0;
}

// A lane with the guard bit set minus a demand below 2^(lane bits - 1) keeps its guard bit
// exactly when the demand fits, and never borrows from the next lane.
bool Sgs::fits(int tau, const std::uint64_t* dem) const {
  const std::uint64_t* a =
      &avail_[static_cast<std::size_t>(tau) * static_cast<std::size_t>(words_)];
  for (int w = 0; w < words_; ++w) {
    if ((((a[w] | guard_) - dem[w]) & guard_) != guard_) return false;
  }
  return true;
}

// Earliest t' >= t such that the job fits in [t', t'+d). Scans each candidate window from its end
// so that a conflict moves the candidate past it in one jump; untouched periods are at full
// capacity.
int Sgs::earliest_fit(int t, int d, int slot) const {
  if (!uses_[static_cast<std::size_t>(slot)] || d == 0) return t;
  const std::uint64_t* dem =
      &dem_words_[static_cast<std::size_t>(slot) * static_cast<std::size_t>(words_)];
  if (words_ == 1) {
    const std::uint64_t q = dem[0];
    const std::uint64_t* a = avail_.data();
    for (;;) {
      int tau = std::min(t + d, touched_) - 1;
      while (tau >= t && (((a[tau] | guard_) - q) & guard_) == guard_) --tau;
      if (tau < t) return t;
      t = tau + 1;
    }
  }
  for (;;) {
    int tau = std::min(t + d, touched_) - 1;
    while (tau >= t && fits(tau, dem)) --tau;
    if (tau < t) return t;
    t = tau + 1;
  }
}

void Sgs::book(int t, int d, int slot) {
  if (!uses_[static_cast<std::size_t>(slot)] || d == 0) return;
  const std::size_t W = static_cast<std::size_t>(words_);
  const std::uint64_t* dem = &dem_words_[static_cast<std::size_t>(slot) * W];
  touched_ = std::max(touched_, t + d);
  std::uint64_t* a = &avail_[static_cast<std::size_t>(t) * W];
  if (W == 1) {
    for (int k = 0; k < d; ++k) a[k] -= dem[0];
    return;
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(d) * W; k += W) {
    for (std::size_t w = 0; w < W; ++w) a[k + w] -= dem[w];
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

// Jobs still to schedule are kept in list order in `left` (compacted every decision point); the
// next decision point is the earliest finish after t among the jobs started so far.
int Sgs::parallel(const int* order, const int* modes, int* start) {
  reset();
  const int n = p_.n;
  const int M = p_.M;
  std::vector<int>& done = tmp_;  // finish time, -1 while unscheduled
  std::fill(done.begin(), done.end(), -1);
  int* left = key_.data();
  std::copy(order, order + n, left);
  int nleft = n;
  int t = 0;
  int makespan = 0;
  while (nleft > 0) {
    int keep = 0;
    for (int k = 0; k < nleft; ++k) {
      const int j = left[k];
      bool eligible = true;
      for (int c = p_.pred_off[static_cast<std::size_t>(j)];
           c < p_.pred_off[static_cast<std::size_t>(j) + 1]; ++c) {
        const int f = done[static_cast<std::size_t>(p_.preds[static_cast<std::size_t>(c)])];
        if (f < 0 || f > t) {
          eligible = false;
          break;
        }
      }
      const int slot = j * M + modes[j];
      const int d = p_.dur[static_cast<std::size_t>(slot)];
      if (!eligible || earliest_fit(t, d, slot) != t) {
        left[keep++] = j;
        continue;
      }
      book(t, d, slot);
      start[j] = t;
      done[static_cast<std::size_t>(j)] = t + d;
      makespan = std::max(makespan, t + d);
    }
    nleft = keep;
    if (nleft == 0) break;
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

void Sgs::sort_by_key(const int* key, bool reverse_rank, int* out) {
  const int n = p_.n;
  int mx = 0;
  for (int j = 0; j < n; ++j) mx = std::max(mx, key[j]);
  std::fill(count_.begin(), count_.begin() + mx + 2, 0);
  for (int j = 0; j < n; ++j) ++count_[static_cast<std::size_t>(key[j]) + 1];
  for (int v = 0; v <= mx; ++v)
    count_[static_cast<std::size_t>(v) + 1] += count_[static_cast<std::size_t>(v)];
  for (int k = 0; k < n; ++k) {
    const int j = topo_[static_cast<std::size_t>(reverse_rank ? n - 1 - k : k)];
    out[count_[static_cast<std::size_t>(key[j])]++] = j;
  }
}

int Sgs::justify(const int* modes, int* start, int* order_out) {
  const int n = p_.n;
  const int M = p_.M;
  int ms = 0;
  for (int j = 0; j < n; ++j)
    ms = std::max(ms, start[j] + p_.dur[static_cast<std::size_t>(j) * static_cast<std::size_t>(M) +
                                        static_cast<std::size_t>(modes[j])]);
  // Backward pass on the reversed network: time runs from the makespan back to 0. Jobs in order
  // of decreasing finish (ties: decreasing rank).
  int* key = key_.data();
  for (int j = 0; j < n; ++j)
    key[j] = ms - start[j] -
             p_.dur[static_cast<std::size_t>(j) * static_cast<std::size_t>(M) +
                    static_cast<std::size_t>(modes[j])];
  sort_by_key(key, true, order_out);
  int* rstart = tmp_.data();
  const int ms2 = serial_impl<true>(order_out, modes, rstart);
  // Forward pass in order of the right-justified starts (ties: increasing rank).
  for (int j = 0; j < n; ++j)
    key[j] = ms2 - rstart[j] -
             p_.dur[static_cast<std::size_t>(j) * static_cast<std::size_t>(M) +
                    static_cast<std::size_t>(modes[j])];
  sort_by_key(key, false, order_out);
  const int ms3 = serial_impl<false>(order_out, modes, start);
  sort_by_key(start, false, order_out);
  return ms3;
}

template int Sgs::serial_impl<false>(const int*, const int*, int*);
template int Sgs::serial_impl<true>(const int*, const int*, int*);

}  // namespace gw::sched
